"""The clinical rulebook: what a therapist does about each sign, defined once (data/clinical-rules.yml).

Every red flag, contraindication and adaptation the course teaches is one rule: the sign in a
student's words, one action on the fixed scale below, what happens to the rest of the session and
why, what to say and what to write, thresholds where the sources give them, the sources, and the
source that decides where sources differ. Chapters render rules with the ``{rule}`` and
``{rule-action}`` roles and the ``rules-table`` directive (coursekit/rules_sphinx.py); banks and
cases use the same roles in their Markdown (expanded when a file is loaded) and name the rule an
item tests, so ``coursekit validate`` can check a key against its rule (coursekit/rules_check.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .schema import ActionId, RefKey, Slug, Strict, Text

RULEBOOK = Path("data") / "clinical-rules.yml"

ACTION_IDS: tuple[str, ...] = ActionId.__args__  # most urgent first
SessionId = Literal["end", "other-areas", "adapted"]
Category = Literal[
    "neurological", "vascular", "skin-and-feet", "metabolic", "cancer-care", "cardiorespiratory", "medicines"
]


class Action(Strict):
    label: Text = Field(description="The fixed words, as every page shows them (an imperative).")
    meaning: Text = Field(description="What the action asks of the therapist, in one or two sentences.")


class Session(Strict):
    label: Text


class Threshold(Strict):
    measure: Text
    value: Text
    reference: RefKey


class Adaptation(Strict):
    pressure: str = ""
    position: str = ""
    duration: str = ""
    other: str = Field("", description="Anything else that changes (heat, hygiene, questions first).")

    @model_validator(mode="after")
    def _something(self):
        if not (self.pressure or self.position or self.duration or self.other):
            raise ValueError("an adaptation says how: pressure, position, duration or other")
        return self

    def text(self) -> str:
        return "; ".join(v for v in (self.pressure, self.position, self.duration, self.other) if v)


class Decision(Strict):
    reference: RefKey
    why: Text


class ClientWording(Strict):
    sign: Text
    do: Text


class Rule(Strict):
    id: Slug
    sign: Text = Field(description="The sign, condition or situation in a student's words.")
    may_mean: Text
    category: Category
    action: ActionId
    contact: str = Field("", description="Who the client contacts, where the action refers.")
    adapt: Adaptation | None = None
    session: SessionId
    session_why: Text
    do_now: str = Field("", description="First steps before or while help comes.")
    say: Text
    note: Text
    thresholds: list[Threshold] = Field(default_factory=list)
    references: list[RefKey] = Field(min_length=1)
    decided_by: Decision
    evidence: Literal["strong", "moderate", "limited", "expert consensus"]
    client: ClientWording | None = None

    @model_validator(mode="after")
    def _coherent(self):
        if self.action == "adapt" and self.adapt is None:
            raise ValueError("action 'adapt' needs 'adapt:' saying how (pressure, position, duration)")
        if self.action in ("emergency", "same-day", "appointment") and not self.contact:
            raise ValueError(f"action '{self.action}' needs 'contact:' (who the client is sent to)")
        if self.action in ("emergency", "same-day") and self.session != "end":
            raise ValueError(f"action '{self.action}' ends the session: set 'session: end'")
        return self


class Rulebook(Strict):
    schema_version: Literal[1]
    kind: Literal["clinical_rules"]
    actions: dict[ActionId, Action]
    sessions: dict[SessionId, Session]
    rules: Annotated[list[Rule], Field(min_length=1)]

    @model_validator(mode="after")
    def _complete(self):
        missing = [a for a in ACTION_IDS if a not in self.actions]
        if missing:
            raise ValueError("the action scale must define every action: missing " + ", ".join(missing))
        missing = [s for s in SessionId.__args__ if s not in self.sessions]
        if missing:
            raise ValueError("'sessions' must define: " + ", ".join(missing))
        return self

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    @property
    def ids(self) -> set[str]:
        return {r.id for r in self.rules}

    def action_label(self, action: str) -> str:
        return self.actions[action].label

    def statement(self, rule_id: str) -> str:
        """The sign with its action in the fixed words (Markdown): what ``{rule}`` shows."""
        r = self.rule(rule_id)
        return f"{_lower_first(r.sign)}: **{self.action_phrase(rule_id)}**"

    def action_phrase(self, rule_id: str) -> str:
        """The action in the fixed words, with who to contact: what ``{rule-action}`` shows."""
        r = self.rule(rule_id)
        label = self.action_label(r.action)
        if r.adapt is not None:
            return f"{label}: {r.adapt.text()}"
        return f"{label} ({r.contact})" if r.contact else label


def _lower_first(text: str) -> str:
    """'New tingling' -> 'new tingling' for running text; keeps acronyms ('DVT') as they are."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def load_rulebook(path, known_refs: set[str] | None = None) -> Rulebook:
    """Load and check the rulebook; raise BankError naming file, line, rule and problem."""
    from .banks import BankError, Problem, _find_line, _unknown_refs, _validate

    path = Path(path)
    try:
        book, data, node = _validate(path, Rulebook)
    except BankError as exc:
        raise BankError([replace(p, what="rule") for p in exc.problems]) from None
    problems = []
    seen: set[str] = set()
    for i, r in enumerate(book.rules):
        if r.id in seen:
            problems.append(Problem(str(path), _find_line(node, "rules", i, "id"), r.id, "duplicate rule id"))
        seen.add(r.id)
        problems += _unknown_refs(path, node, r.references, ("rules", i, "references"), r.id, known_refs)
        refs = set(r.references)
        cited = [("decided_by", "reference", r.decided_by.reference)]
        cited += [(("thresholds", j, "reference"), None, t.reference) for j, t in enumerate(r.thresholds)]
        for where, sub, key in cited:
            if key not in refs:
                loc = ("rules", i, *((where,) if isinstance(where, str) else where), *((sub,) if sub else ()))
                problems.append(
                    Problem(
                        str(path), _find_line(node, *loc), r.id, f"'{key}' is not in this rule's references"
                    )
                )
    if problems:
        raise BankError([replace(p, what="rule") for p in problems])
    return book


def rulebook_path(start: Path) -> Path | None:
    """data/clinical-rules.yml of the project holding ``start``, or None outside a project."""
    from .display import project_root

    try:
        path = project_root(start) / RULEBOOK
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Rulebook:
    return load_rulebook(path)


def rulebook_for(start: Path) -> Rulebook | None:
    """The project's rulebook (cached until the file changes), or None outside a project."""
    path = rulebook_path(start)
    return _cached(str(path), path.stat().st_mtime) if path else None


# ---- roles in bank and case Markdown: {rule}`id`, {rule-action}`id`, {action}`id` ----

ROLE = re.compile(r"\{(rule|rule-action|action)\}`([^`]*)`")


def expand(text: str, book: Rulebook | None) -> str:
    """Replace the rulebook roles in one Markdown string; raise KeyError naming an unknown id."""
    if "}`" not in text:
        return text

    def repl(m):
        role, ident = m.group(1), m.group(2).strip()
        if book is None:
            raise KeyError(f"{{{role}}}`{ident}`: no data/clinical-rules.yml in this project")
        if role == "action":  # a step of the scale, or a rule's step (without whom or how)
            if ident in book.ids:
                return book.action_label(book.rule(ident).action)
            if ident not in book.actions:
                raise KeyError(
                    f"{{action}}`{ident}`: no such action or rule; the scale is " + ", ".join(ACTION_IDS)
                )
            return book.action_label(ident)
        if ident not in book.ids:
            raise KeyError(f"{{{role}}}`{ident}`: no rule with this id in data/clinical-rules.yml")
        return book.statement(ident) if role == "rule" else f"**{book.action_phrase(ident)}**"

    return ROLE.sub(repl, text)
