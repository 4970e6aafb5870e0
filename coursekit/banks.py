"""Load question banks and checklist files, and report every problem precisely.

A problem names the file, the line where it can, the item id and what is wrong.
Loading never writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .schema import SCHEMA_VERSION, CaseFile, ChecklistFile, ExerciseFile, QuestionBank


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    item: str | None
    message: str
    what: str = "item"

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        who = f" {self.what} '{self.item}':" if self.item else ""
        return f"{where}:{who} {self.message}"


class BankError(Exception):
    """Raised when a file does not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key repeated in one mapping."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key '{key}' appears twice in one mapping (first on line {seen[key] + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _line_of(node, loc) -> int | None:
    """Walk the composed YAML node tree along a pydantic error location."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _item_id(data, loc) -> str | None:
    """The ids of the entries a location points into, outermost first ('case / step')."""
    cur = data
    found = []
    for part in loc:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(cur, dict) and isinstance(cur.get("id"), str):
            found.append(cur["id"])
    return " / ".join(found) if found else None


def _field(data, loc) -> str:
    """The part of a location below its innermost entry, for people: 'options[2].feedback'."""
    cur, start = data, 0
    for n, part in enumerate(loc):
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(cur, dict) and isinstance(cur.get("id"), str):
            start = n + 1
    out = ""
    for part in loc[start:]:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _yaml_loc(err: dict) -> tuple:
    """The error location as keys of the YAML file (type tags dropped; an out-of-range
    answer points at its ``answer`` key)."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in _TYPE_TAGS))
    if err["type"] == "value_error" and "answer" in err["msg"]:
        loc += ("answer",)
    return loc


def _describe(err: dict, data=None) -> str:
    loc = [p for p in err["loc"] if not (isinstance(p, str) and p in _TYPE_TAGS)]
    field = _field(data, loc) if data is not None else ".".join(str(p) for p in loc[-2:])
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        return f"unknown key '{loc[-1]}'"
    if err["type"] == "missing":
        return f"missing required key '{loc[-1]}'"
    if err["type"] == "union_tag_invalid":
        return f"unknown item type {err.get('input', {}).get('type')!r}; expected one of {_TYPE_LIST}"
    if err["type"] == "union_tag_not_found":
        return f"missing key 'type'; expected one of {_TYPE_LIST}"
    if err["type"] == "literal_error" and loc and loc[-1] == "schema_version":
        return (
            f"schema_version {err.get('input')!r} is not supported; "
            f"this coursekit reads schema_version {SCHEMA_VERSION}"
        )
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    return f"{field}: {msg}"


_TYPE_TAGS = {
    "single_choice",
    "multiple_select",
    "true_false",
    "numeric",
    "matching",
    "ordering",
}
_TYPE_LIST = ", ".join(sorted(_TYPE_TAGS))


def read_yaml(path: Path):
    """Parse a YAML file; return (data, node tree) or raise BankError."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BankError(
            [
                Problem(
                    str(path),
                    line,
                    None,
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise BankError([Problem(str(path), line, None, f"broken YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise BankError([Problem(str(path), 1, None, "the file must be a YAML mapping")])
    return data, node


def _expand_roles(path: Path, data, node):
    """Expand the rulebook roles ({rule}`id` ...) in every string of a bank, case or exercise file."""
    from .rules import ROLE, expand, rulebook_for

    problems: list[Problem] = []
    book = []  # loaded at the first role met

    def walk(value, loc):
        if isinstance(value, str):
            if not ROLE.search(value):
                return value
            if not book:
                book.append(rulebook_for(path.resolve().parent))
            try:
                return expand(value, book[0])
            except KeyError as exc:
                problems.append(Problem(str(path), _line_of(node, loc), _item_id(data, loc), exc.args[0]))
                return value
        if isinstance(value, dict):
            return {k: walk(v, (*loc, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*loc, i)) for i, v in enumerate(value)]
        return value

    expanded = walk(data, ())
    if problems:
        raise BankError(problems)
    return expanded


def _validate(path: Path, model):
    data, node = read_yaml(path)
    if data.get("kind") != "clinical_rules":
        data = _expand_roles(path, data, node)
    try:
        return model.model_validate(data), data, node
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            loc = _yaml_loc(e)
            problems.append(Problem(str(path), _line_of(node, loc), _item_id(data, loc), _describe(e, data)))
        raise BankError(problems) from None


def _find_line(node, *loc):
    return _line_of(node, loc)


def _unknown_refs(path, node, refs, loc, ident, known_refs) -> list[Problem]:
    """A problem for each reference key of one entry that references.bib lacks."""
    if known_refs is None:
        return []
    return [
        Problem(
            str(path),
            _find_line(node, *loc, j),
            ident,
            f"unknown reference key '{key}' (not in references.bib)",
        )
        for j, key in enumerate(refs)
        if key not in known_refs
    ]


def _unknown_chapter(path: Path, node, bank, i, item) -> list[Problem]:
    """An item's ``chapter`` must name a chapter of its part: book/<bank id>/<chapter>.md."""
    if item.chapter is None:
        return []
    from .display import project_root

    try:
        folder = project_root(path.resolve().parent) / "book" / bank.id
    except FileNotFoundError:
        return []
    if (folder / f"{item.chapter}.md").is_file():
        return []
    known = ", ".join(sorted(p.stem for p in folder.glob("*.md"))) or "none"
    return [
        Problem(
            str(path),
            _find_line(node, "items", i, "chapter"),
            item.id,
            f"chapter '{item.chapter}' is not a page in book/{bank.id}/ (the pages are: {known})",
        )
    ]


def load_bank(path, known_refs: set[str] | None = None) -> QuestionBank:
    """Load and check one question bank; raise BankError listing every problem."""
    path = Path(path)
    bank, data, node = _validate(path, QuestionBank)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(bank.items):
        if item.id in seen:
            problems.append(
                Problem(
                    str(path),
                    _find_line(node, "items", i, "id"),
                    item.id,
                    f"duplicate id (first used by item {seen[item.id] + 1})",
                )
            )
        seen.setdefault(item.id, i)
        if item.objective not in bank.objectives:
            problems.append(
                Problem(
                    str(path),
                    _find_line(node, "items", i, "objective"),
                    item.id,
                    f"unknown objective '{item.objective}'; the bank defines: " + ", ".join(bank.objectives),
                )
            )
        problems += _unknown_refs(
            path, node, item.references, ("items", i, "references"), item.id, known_refs
        )
        problems += _unknown_chapter(path, node, bank, i, item)
    if problems:
        raise BankError(problems)
    return bank


def load_checklists(path, known_refs: set[str] | None = None) -> ChecklistFile:
    """Load and check one checklist file; raise BankError listing every problem."""
    path = Path(path)
    doc, data, node = _validate(path, ChecklistFile)
    problems: list[Problem] = []
    seen: set[str] = set()
    for c, checklist in enumerate(doc.checklists):
        for ident, sub in [(checklist.id, ("checklists", c, "id"))] + [
            (entry.id, ("checklists", c, "items", i, "id")) for i, entry in enumerate(checklist.items)
        ]:
            if ident in seen:
                problems.append(Problem(str(path), _find_line(node, *sub), ident, "duplicate id"))
            seen.add(ident)
        for i, entry in enumerate(checklist.items):
            loc = ("checklists", c, "items", i, "references")
            problems += _unknown_refs(path, node, entry.references, loc, entry.id, known_refs)
    if problems:
        raise BankError(problems)
    return doc


def _load_entries(path, model, list_key, known_refs):
    """Cases and open exercises: unique ids and known reference keys."""
    path = Path(path)
    doc, data, node = _validate(path, model)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, entry in enumerate(getattr(doc, list_key)):
        if entry.id in seen:
            problems.append(Problem(str(path), _find_line(node, list_key, i, "id"), entry.id, "duplicate id"))
        seen.add(entry.id)
        loc = (list_key, i, "references")
        problems += _unknown_refs(path, node, entry.references, loc, entry.id, known_refs)
    if problems:
        raise BankError(problems)
    return doc


def load_cases(path, known_refs: set[str] | None = None) -> CaseFile:
    """Load and check one file of branching case studies."""
    return _load_entries(path, CaseFile, "cases", known_refs)


def load_exercises(path, known_refs: set[str] | None = None) -> ExerciseFile:
    """Load and check one file of open exercises with model answers."""
    return _load_entries(path, ExerciseFile, "exercises", known_refs)


LOADERS = {
    "question_bank": load_bank,
    "checklists": load_checklists,
    "cases": load_cases,
    "exercises": load_exercises,
}


def load_any(path, known_refs: set[str] | None = None):
    """Load a bank, checklist, case or exercise file, chosen by its ``kind`` key."""
    path = Path(path)
    data, _ = read_yaml(path)
    kind = data.get("kind")
    if kind in LOADERS:
        return LOADERS[kind](path, known_refs)
    raise BankError(
        [
            Problem(
                str(path),
                _find_line(yaml.compose(path.read_text(encoding="utf-8")), "kind"),
                None,
                f"kind {kind!r} is not one of " + ", ".join(repr(k) for k in LOADERS),
            )
        ]
    )
