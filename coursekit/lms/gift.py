"""Moodle GIFT, as Moodle's GIFT import reads it. Ordering items cannot be expressed in GIFT and are
returned as skipped.

Texts are rendered to HTML by coursekit's own Markdown renderer (``[html]`` format), as in the Moodle
XML export: raw HTML and ``javascript:`` links in a bank are shown as text, never passed on as markup.
GIFT's special characters ~ = # { } : \\ are escaped. A matching prompt is HTML, so a ``->`` in it
becomes ``-&gt;`` and cannot be mistaken for the prompt/match separator.
Numeric items: ``=answer:tolerance#feedback`` and Moodle's wrong-answer feedback ``~#feedback``; GIFT has
no unit, so the unit is named in the question text.
Per-pair feedback of matching items (no place for it in GIFT) goes into the general feedback.
"""

from __future__ import annotations

from ..markdown import to_html, to_inline_html
from ..schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse
from . import Skipped, fmt_num, unit_note
from . import moodle_percent as _percent

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\~=#{}:"})


def esc(text: str) -> str:
    return text.translate(_SPECIAL).replace("\r\n", "\n").replace("\n", "\\n")


def _html(text: str) -> str:
    return esc(to_html(text))


def _inline(text: str) -> str:
    return esc(to_inline_html(text))


def item_gift(item) -> str | None:
    title = f"::{esc(item.id)}::[html]{_html(unit_note(item))}"
    general = _html(item.explanation)
    if isinstance(item, SingleChoice):
        body = [
            f"\t{'=' if n == item.answer else '~'}{_inline(o.text)}#{_inline(o.feedback)}"
            for n, o in enumerate(item.options, start=1)
        ]
    elif isinstance(item, MultipleSelect):
        right = set(item.answer)
        wrong = len(item.options) - len(right)
        body = []
        for n, o in enumerate(item.options, start=1):
            w = _percent(len(right)) if n in right else "-" + _percent(max(wrong, 1))
            body.append(f"\t~%{w}%{_inline(o.text)}#{_inline(o.feedback)}")
    elif isinstance(item, TrueFalse):
        # GIFT: the first feedback is shown for a wrong response, the second for a right one.
        wrong_fb, right_fb = (
            (item.feedback_false, item.feedback_true)
            if item.answer
            else (item.feedback_true, item.feedback_false)
        )
        body = [f"\t{'TRUE' if item.answer else 'FALSE'}#{_inline(wrong_fb)}#{_inline(right_fb)}"]
    elif isinstance(item, Numeric):
        # "~#feedback" is Moodle's feedback for any other number (answer "*", 0%).
        body = [
            "#",
            f"\t={fmt_num(item.answer)}:{fmt_num(item.tolerance)}#{_inline(item.feedback_correct)}",
            f"\t~#{_inline(item.feedback_incorrect)}",
        ]
    elif isinstance(item, Matching):
        # The match (right of "->") is plain text in Moodle, shown in a drop-down list.
        body = [f"\t={_inline(p.prompt)} -> {esc(p.match)}" for p in item.pairs]
        body += [f"\t= -> {esc(d)}" for d in item.distractors]
        general = _html(
            item.explanation + "\n\n" + "\n".join(f"- {p.prompt}: {p.feedback}" for p in item.pairs)
        )
    elif isinstance(item, Ordering):
        return None
    else:  # pragma: no cover
        return None
    head = "#" if body[0] == "#" else ""
    lines = body[1:] if head else body
    return f"{title}{{{head}\n" + "\n".join(lines) + f"\n\t####{general}\n}}\n"


def export_gift(selected, title: str) -> tuple[bytes, list[Skipped]]:
    chunks = [f"// {esc(title)}\n// Exported by coursekit; texts as HTML.\n"]
    skipped = []
    for s in selected:
        text = item_gift(s.item)
        if text is None:
            skipped.append(Skipped(s.item.id, s.item.type, "GIFT has no ordering question type"))
            continue
        chunks.append(f"// {s.item.id} ({s.item.type}; objective {s.item.objective})\n{text}")
    return "\n".join(chunks).encode("utf-8"), skipped
