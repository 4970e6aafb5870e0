"""Find text in a bank, checklist, case or exercise file that looks like markup or code.

Nothing an author writes is ever run: Markdown is rendered with raw HTML off (``markdown.py``),
plain fields are escaped and ``javascript:`` links are not turned into links. But a stem that
contains ``<script>`` or ``onerror=`` is almost always a paste accident (or worse), and a very
long string breaks the page layout, so ``coursekit validate`` warns about each one, naming the
file, the line, the item and the field. Warnings never change the exit status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

LONG_TEXT = 5000  # characters: longer than any real stem, option or feedback

_CHECKS = [
    (re.compile(r"<\s*script\b", re.I), "a <script> tag"),
    (re.compile(r"<[^>]*\bon[a-z]+\s*=", re.I), "an HTML event-handler attribute (on...=)"),
    (re.compile(r"\bon(?:error|load|click|mouseover|focus)\s*=", re.I), "an event-handler attribute"),
    (re.compile(r"(?:java|vb)script\s*:", re.I), "a javascript: link"),
    (re.compile(r"\bdata\s*:\s*text/html", re.I), "a data:text/html link"),
    # a tag as a browser parses one: "<" directly followed by a name ("a < b and c > d" is prose)
    (re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^<>]*)?/?>", re.I), "raw HTML"),
]


@dataclass(frozen=True)
class Suspicion:
    path: str
    line: int
    item: str | None
    field: str
    message: str

    def __str__(self) -> str:
        who = f" item '{self.item}':" if self.item else ""
        return f"{self.path}:{self.line}:{who} {self.field}: {self.message}"


def _describe(text: str) -> list[str]:
    found = []
    for pattern, what in _CHECKS:
        if pattern.search(text):
            if what == "an event-handler attribute" and any("event-handler" in f for f in found):
                continue
            if what == "raw HTML" and found:
                continue  # already named more precisely
            found.append(what)
    if len(text) > LONG_TEXT:
        found.append(f"a very long text ({len(text)} characters; over {LONG_TEXT})")
    return found


def _walk(node, item, field, out):
    if isinstance(node, yaml.MappingNode):
        ident = item
        for key_node, value_node in node.value:
            if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
                ident, field = value_node.value, ""  # fields are named from their entry
        for key_node, value_node in node.value:
            name = f"{field}.{key_node.value}" if field else key_node.value
            _walk(value_node, ident, name, out)
    elif isinstance(node, yaml.SequenceNode):
        for n, child in enumerate(node.value, start=1):
            _walk(child, item, f"{field}[{n}]", out)
    elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        out.append((node.start_mark.line + 1, item, field, node.value))


def scan_file(path) -> list[Suspicion]:
    """Every suspicious text in one YAML file (which need not be valid)."""
    path = Path(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return []
    texts: list = []
    if root is not None:
        _walk(root, None, "", texts)
    out = []
    for line, item, field, value in texts:
        problems = _describe(value)
        if problems:
            out.append(
                Suspicion(
                    str(path),
                    line,
                    item,
                    field,
                    "contains " + ", ".join(problems) + "; it is shown as text and never run, "
                    "but check that it is meant",
                )
            )
    return out
