"""The clinical rulebook in the book (build stage: reading): roles and directives.

- ``{rule}`id``` : the sign with its action in the fixed words, for running text.
- ``{rule-action}`id``` : the rule's action in the fixed words (with whom to contact).
- ``{action}`id``` : one step of the urgency scale in its fixed words ("Get emergency help now"); given a
  rule id, that rule's step (for short places such as the glossary).
- ``rules-table`` : a table of rules, chosen by ``:ids:``, ``:category:`` or ``:action:``, with the
  ``:columns:`` asked for; ``:audience: client`` gives the client-safe wording handouts need;
  ``:group-by-action:`` starts a new table for each step of the scale.
- ``rule-card`` : one rule in full (action, session, what to say and write, thresholds, sources, and
  which source decides).

An unknown rule, action, column or category is a build error naming the page and the id, so the
strict build fails on a reference to nothing.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .rules import ACTION_IDS, Rulebook, rulebook_for

COLUMNS = {
    "sign": "Sign",
    "may_mean": "What it may mean",
    "action": "What you do",
    "action_brief": "What you do",
    "session": "The rest of the session",
    "session_brief": "The rest of the session",
    "say": "What to say",
    "note": "What to write",
    "thresholds": "Thresholds",
    "sources": "Sources",
    "decided": "Which source decides",
}
CLIENT_COLUMNS = {"sign": "If you notice", "action": "What to do"}


def _book(env) -> Rulebook:
    """The rulebook; the page is re-read when it, or the code that renders it, changes."""
    for dep in (
        Path(env.srcdir) / "data" / "clinical-rules.yml",
        Path(__file__),
        Path(__file__).with_name("rules.py"),
    ):
        env.note_dependency(str(dep))
    book = rulebook_for(Path(env.srcdir))
    if book is None:
        raise ValueError("no data/clinical-rules.yml in this project")
    return book


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def action_md(book: Rulebook, rule, first_steps=True) -> str:
    """The action column: fixed words, contact, how to adapt and first steps (Markdown)."""
    out = f"**{book.action_label(rule.action)}**"
    if rule.adapt:
        out += f": {rule.adapt.text()}"
    if rule.contact:
        out += f" ({rule.contact})"
    if rule.do_now and first_steps:
        out += f". First: {rule.do_now}"
    return out.rstrip(".") + "."


def _column(book: Rulebook, rule, col: str, audience: str) -> str:
    if audience == "client":
        if rule.client is None:
            raise ValueError(f"rule '{rule.id}' has no client wording ('client:'), needed for handouts")
        return rule.client.sign if col == "sign" else rule.client.do
    if col == "sign":
        return rule.sign
    if col == "may_mean":
        return rule.may_mean
    if col == "action":
        return action_md(book, rule)
    if col == "action_brief":
        return action_md(book, rule, first_steps=False)
    if col == "session_brief":
        return book.sessions[rule.session].label
    if col == "session":
        return f"{book.sessions[rule.session].label}: {rule.session_why}"
    if col == "say":
        return rule.say
    if col == "note":
        return rule.note
    if col == "thresholds":
        return "; ".join(f"{t.measure}: {t.value} {{cite:p}}`{t.reference}`" for t in rule.thresholds) or "-"
    if col == "sources":
        return "{cite:p}`" + ",".join(rule.references) + "`"
    if col == "decided":
        return (
            f"{rule.decided_by.why} {{cite:p}}`{rule.decided_by.reference}` (**Evidence: {rule.evidence}**)"
        )
    raise ValueError(f"unknown column '{col}'; columns are: " + ", ".join(COLUMNS))


def table_md(book: Rulebook, rules, columns, audience="student") -> list[str]:
    heads = CLIENT_COLUMNS if audience == "client" else COLUMNS
    lines = ["| " + " | ".join(heads.get(c, c) for c in columns) + " |", "|" + " --- |" * len(columns)]
    for r in rules:
        lines.append("| " + " | ".join(_cell(_column(book, r, c, audience)) for c in columns) + " |")
    return lines


def _group_md(book: Rulebook, action: str, rules, columns, audience) -> list[str]:
    """One step of the scale: its words and meaning, then its rules; a column that says the same
    for every rule of the group (e.g. "End the session") is said once, in the heading."""
    heading = f"**{book.action_label(action)}.** {book.actions[action].meaning}"
    kept = []
    for col in columns:
        values = {_column(book, r, col, audience) for r in rules}
        if len(columns) > 2 and col != "sign" and len(values) == 1 and len(rules) > 1:
            heading += f" *{COLUMNS[col]}:* {values.pop().rstrip('.')}."
        else:
            kept.append(col)
    return [heading, "", *table_md(book, rules, kept, audience)]


def _ids(argument: str) -> list[str]:
    return [x for x in argument.replace(",", " ").split() if x]


class RulesTable(SphinxDirective):
    has_content = False
    option_spec = {
        "ids": directives.unchanged,
        "category": directives.unchanged,
        "action": directives.unchanged,
        "columns": directives.unchanged,
        "audience": lambda a: directives.choice(a, ("student", "client")),
        "group-by-action": directives.flag,
    }

    def run(self):
        try:
            book = _book(self.env)
            rules = self._select(book)
            audience = self.options.get("audience", "student")
            default = "sign,action" if audience == "client" else "sign,action,session"
            columns = _ids(self.options.get("columns", default))
            bad = [
                c for c in columns if c not in COLUMNS or (audience == "client" and c not in CLIENT_COLUMNS)
            ]
            if bad:
                raise ValueError(f"unknown column {', '.join(bad)}; columns are: " + ", ".join(COLUMNS))
            lines: list[str] = []
            if "group-by-action" in self.options:
                for action in ACTION_IDS:
                    group = [r for r in rules if r.action == action]
                    if group:
                        lines += [*_group_md(book, action, group, columns, audience), ""]
            else:
                lines = table_md(book, rules, columns, audience)
        except (ValueError, KeyError) as exc:
            raise self.error(f"rules-table: {exc}") from None
        container = nodes.container(classes=["ck-rules"])
        self.state.nested_parse(
            StringList(lines, source=self.get_source_info()[0]), self.content_offset, container
        )
        return [container]

    def _select(self, book: Rulebook):
        rules = list(book.rules)
        if "ids" in self.options:
            wanted = _ids(self.options["ids"])
            unknown = [i for i in wanted if i not in book.ids]
            if unknown:
                raise KeyError("no rule with id " + ", ".join(unknown))
            rules = [book.rule(i) for i in wanted]
        if "category" in self.options:
            cats = set(_ids(self.options["category"]))
            rules = [r for r in rules if r.category in cats]
        if "action" in self.options:
            acts = set(_ids(self.options["action"]))
            unknown = acts - set(ACTION_IDS)
            if unknown:
                raise KeyError("no action " + ", ".join(sorted(unknown)))
            rules = [r for r in rules if r.action in acts]
        if not rules:
            raise ValueError("no rule matches")
        return rules


class RuleCard(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self):
        try:
            book = _book(self.env)
            rule = book.rule(self.arguments[0])
        except KeyError:
            raise self.error(f"rule-card: no rule with id '{self.arguments[0]}'") from None
        except ValueError as exc:
            raise self.error(f"rule-card: {exc}") from None
        lines = [f"**{rule.sign}** ({rule.may_mean.rstrip('.')})", ""]
        for col in ("action", "session", "say", "note", "thresholds", "decided"):
            if col == "thresholds" and not rule.thresholds:
                continue
            lines += [f"- *{COLUMNS[col]}:* {_column(book, rule, col, 'student')}"]
        container = nodes.container(classes=["ck-rule-card"])
        self.state.nested_parse(
            StringList(lines, source=self.get_source_info()[0]), self.content_offset, container
        )
        return [container]


class _RuleRole(SphinxRole):
    def run(self):
        try:
            book = _book(self.env)
            return self.render(book, self.text.strip()), []
        except (KeyError, ValueError) as exc:
            msg = self.inliner.reporter.error(f"{{{self.name}}}`{self.text}`: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]


class RuleRole(_RuleRole):
    def render(self, book, ident):
        rule = book.rule(ident)
        from .rules import _lower_first

        return [nodes.Text(_lower_first(rule.sign) + ": "), nodes.strong(text=book.action_phrase(ident))]


class RuleActionRole(_RuleRole):
    def render(self, book, ident):
        return [nodes.strong(text=book.action_phrase(ident))]


class ActionRole(_RuleRole):
    def render(self, book, ident):
        if ident in book.ids:  # a rule's step of the scale, without whom or how
            return [nodes.Text(book.action_label(book.rule(ident).action))]
        if ident not in book.actions:
            raise KeyError(f"no such action; the scale is {', '.join(ACTION_IDS)}")
        return [nodes.Text(book.action_label(ident))]


def setup(app):
    app.add_role("rule", RuleRole())
    app.add_role("rule-action", RuleActionRole())
    app.add_role("action", ActionRole())
    app.add_directive("rules-table", RulesTable)
    app.add_directive("rule-card", RuleCard)
