"""Check the course against its clinical rulebook (coursekit/rules.py).

- ``key_problems``: an item or case step that names a rule must key the rule's action: the keyed
  option (or the best case choice) that states an action states the rule's, and no wrong option or
  unsafe choice states it; a true/false statement of an action is keyed True exactly when it is the
  rule's action.
- ``hand_urgency``: text that states an urgency by hand ("call emergency services", "same day",
  "urgently", ...) instead of through the rulebook. Chapters must use the ``{rule}``/``{rule-action}``
  roles or the ``rules-table`` directive; in banks and cases only an option, choice, step or match that
  declares its ``action:`` may state one, and what it states must be that action.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .banks import Problem, _find_line, read_yaml
from .rules import Rulebook

# Phrases that state an urgency, and the action each states (None: urgent, but which action is unclear).
URGENCY = [
    (re.compile(r"\b(?:emergenc(?:y|ies)|ambulance|999|911|A&E)\b", re.I), "emergency"),
    (re.compile(r"\bsame[- ]day\b", re.I), "same-day"),
    (re.compile(r"\burgent(?:ly)?\b", re.I), None),
]


def stated_actions(text: str, patterns=None) -> set[str | None]:
    return {action for rx, action in (patterns or URGENCY) if rx.search(text)}


# ---- keys against rules ----


def _rule_of(book: Rulebook, rule_id, path, node, loc, ident) -> tuple[object | None, list[Problem]]:
    if rule_id is None:
        return None, []
    if rule_id not in book.ids:
        return None, [Problem(str(path), _find_line(node, *loc), ident, f"unknown rule '{rule_id}'")]
    return book.rule(rule_id), []


def _keyed(item) -> list[tuple[str, int, bool]]:
    """(field, index, keyed) for each answer element of an item that can state an action."""
    t = item.type
    if t == "single_choice":
        return [("options", i, i + 1 == item.answer) for i in range(len(item.options))]
    if t == "multiple_select":
        return [("options", i, i + 1 in item.answer) for i in range(len(item.options))]
    if t == "ordering":
        return [("steps", i, True) for i in range(len(item.steps))]
    if t == "matching":
        return [("pairs", i, True) for i in range(len(item.pairs))]
    return []


def key_problems(doc, book: Rulebook, path, node) -> list[Problem]:
    """Every place a bank's key or a case's verdict disagrees with the rulebook."""
    path = Path(path)
    problems: list[Problem] = []
    if getattr(doc, "kind", None) == "question_bank":
        for i, item in enumerate(doc.items):
            problems += _item_problems(item, i, book, path, node)
    elif getattr(doc, "kind", None) == "cases":
        for c, case in enumerate(doc.cases):
            for s, step in enumerate(case.steps):
                problems += _step_problems(case, c, step, s, book, path, node)
    return problems


def _item_problems(item, i, book, path, node) -> list[Problem]:
    base = ("items", i)
    rule, problems = _rule_of(book, item.rule, path, node, (*base, "rule"), item.id)
    if item.type == "true_false" and item.states_action:
        if rule is None:
            problems.append(
                Problem(
                    str(path), _find_line(node, *base, "states_action"), item.id, "states_action needs a rule"
                )
            )
        elif item.answer != (item.states_action == rule.action):
            problems.append(
                Problem(
                    str(path),
                    _find_line(node, *base, "answer"),
                    item.id,
                    f"the statement says '{item.states_action}' and rule '{rule.id}' says "
                    f"'{rule.action}', so the key must be {item.states_action == rule.action}",
                )
            )
    for field, j, keyed in _keyed(item):
        element = getattr(item, field)[j]
        action = getattr(element, "action", None)
        own_rule_id = getattr(element, "rule", None)
        el_rule, more = _rule_of(book, own_rule_id, path, node, (*base, field, j, "rule"), item.id)
        problems += more
        r = el_rule or rule
        if action is None or r is None:
            continue
        where = f"{field[:-1]} {j + 1}"
        if keyed and action != r.action:
            problems.append(
                Problem(
                    str(path),
                    _find_line(node, *base, field, j, "action"),
                    item.id,
                    f"the keyed {where} takes action '{action}', but rule '{r.id}' says '{r.action}' "
                    f"({book.action_label(r.action)})",
                )
            )
        if not keyed and action == r.action and item.type == "single_choice":
            problems.append(
                Problem(
                    str(path),
                    _find_line(node, *base, field, j, "action"),
                    item.id,
                    f"{where} is not keyed but takes rule '{r.id}''s own action '{r.action}'",
                )
            )
    return problems


def _step_problems(case, c, step, s, book, path, node) -> list[Problem]:
    base = ("cases", c, "steps", s)
    ident = f"{case.id} / {step.id}"
    rule, problems = _rule_of(book, step.rule, path, node, (*base, "rule"), ident)
    if rule is None:
        return problems
    for j, choice in enumerate(step.choices):
        if choice.action is None:
            continue
        loc = _find_line(node, *base, "choices", j, "action")
        if choice.verdict == "best" and choice.action != rule.action:
            problems.append(
                Problem(
                    str(path),
                    loc,
                    ident,
                    f"the best choice ({j + 1}) takes action '{choice.action}', but rule '{rule.id}' says "
                    f"'{rule.action}' ({book.action_label(rule.action)})",
                )
            )
        if choice.verdict == "unsafe" and choice.action == rule.action:
            problems.append(
                Problem(
                    str(path),
                    loc,
                    ident,
                    f"choice {j + 1} is marked unsafe but takes rule '{rule.id}''s action",
                )
            )
    return problems


# ---- urgency stated by hand ----

_ELEMENT_TEXT = {"text", "match"}  # the part of an element that states its declared action


def _strings(node, loc=()) -> Iterator[tuple[tuple, yaml.Node, str | None]]:
    """(location, scalar node, the declared action of the enclosing element) for every string."""
    if isinstance(node, yaml.MappingNode):
        action = next(
            (v.value for k, v in node.value if k.value == "action" and isinstance(v, yaml.ScalarNode)), None
        )
        for k, v in node.value:
            if isinstance(v, yaml.ScalarNode):
                if k.value in ("id", "action", "rule", "states_action", "next", "verdict", "type", "kind"):
                    continue
                yield (*loc, k.value), v, (action if k.value in _ELEMENT_TEXT else None)
            else:
                yield from _strings(v, (*loc, k.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            if isinstance(v, yaml.ScalarNode):
                continue  # lists of keys, answers
            yield from _strings(v, (*loc, i))


_ROLES = re.compile(r"\{(?:rule|rule-action|action)\}`[^`]*`")


def yaml_hand_urgency(path) -> list[Problem]:
    """Problems for urgency stated by hand in a bank, case, checklist or exercise file."""
    path = Path(path)
    data, node = read_yaml(path)
    from .banks import _item_id

    problems = []
    for loc, scalar, declared in _strings(node):
        text = _ROLES.sub("", str(scalar.value))
        found = stated_actions(text)
        if not found:
            continue
        line = scalar.start_mark.line + 1
        ident = _item_id(data, loc)
        field = ".".join(str(p + 1) if isinstance(p, int) else p for p in loc[-3:])
        if declared is None:
            problems.append(
                Problem(
                    str(path),
                    line,
                    ident,
                    f"{field} states an urgency by hand ({_quote(text)}): use {{rule}}`id` or "
                    "{rule-action}`id`, or declare the element's 'action:'",
                )
            )
        elif (found - {None}) and declared not in found:
            problems.append(
                Problem(
                    str(path),
                    line,
                    ident,
                    f"{field} declares action '{declared}' but its words state "
                    + ", ".join(sorted(a for a in found if a)),
                )
            )
    return problems


def _quote(text: str) -> str:
    for rx, _ in URGENCY:
        m = rx.search(text)
        if m:
            a, b = max(0, m.start() - 30), min(len(text), m.end() + 30)
            return "'..." + text[a:b].replace("\n", " ") + "...'"
    return ""


_FENCE = re.compile(r"^(`{3,}|:{3,})\s*(?:\{([\w-]+)\})?")
_SKIPPED = ("code-cell", "rules-table", "rule-card", "")  # code, and the rulebook's own directives


def markdown_hand_urgency(path) -> list[Problem]:
    """Problems for urgency stated by hand in a chapter (outside rulebook roles, directives and code)."""
    path = Path(path)
    problems = []
    stack: list[tuple[str, str]] = []  # open fences: (marker, directive name)
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # the jupytext front matter
        start = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0) + 1
    for n, line in enumerate(lines[start:], start + 1):
        m = _FENCE.match(line.strip())
        if m:
            marker, name = m.group(1), m.group(2)
            if stack and marker == stack[-1][0] and name is None and line.strip() == marker:
                stack.pop()
                continue
            if name is not None or marker.startswith("`"):
                stack.append((marker, name or ""))
                continue
        if any(name in _SKIPPED for _, name in stack):
            continue
        text = _ROLES.sub("", line)
        text = re.sub(r"\{cite:[pt]\}`[^`]*`|\{ref\}`[^`]*`|\{term\}`[^`]*`|\]\([^)]*\)", "", text)
        if stated_actions(text):
            problems.append(
                Problem(
                    str(path),
                    n,
                    None,
                    f"states an urgency by hand ({_quote(text)}): use {{rule}}`id`, {{rule-action}}`id` "
                    "or a rules-table",
                )
            )
    return problems
