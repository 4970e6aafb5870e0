"""Moodle GIFT. Ordering items cannot be expressed in GIFT and are returned as skipped.

Texts are Markdown (``[markdown]`` format); GIFT's special characters ~ = # { } : \\ are escaped.
Per-pair feedback of matching items (no place for it in GIFT) goes into the general feedback.
"""

from __future__ import annotations

from ..schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse
from . import Skipped, fmt_num
from . import moodle_percent as _percent

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\~=#{}:"})


def esc(text: str) -> str:
    return text.translate(_SPECIAL).replace("\r\n", "\n").replace("\n", "\\n")


def item_gift(item) -> str | None:
    title = f"::{esc(item.id)}::[markdown]{esc(item.stem)}"
    general = esc(item.explanation)
    if isinstance(item, SingleChoice):
        body = [
            f"\t{'=' if n == item.answer else '~'}{esc(o.text)}#{esc(o.feedback)}"
            for n, o in enumerate(item.options, start=1)
        ]
    elif isinstance(item, MultipleSelect):
        right = set(item.answer)
        wrong = len(item.options) - len(right)
        body = []
        for n, o in enumerate(item.options, start=1):
            w = _percent(len(right)) if n in right else "-" + _percent(max(wrong, 1))
            body.append(f"\t~%{w}%{esc(o.text)}#{esc(o.feedback)}")
    elif isinstance(item, TrueFalse):
        # GIFT: the first feedback is shown for a wrong response, the second for a right one.
        wrong_fb, right_fb = (
            (item.feedback_false, item.feedback_true)
            if item.answer
            else (item.feedback_true, item.feedback_false)
        )
        body = [f"\t{'TRUE' if item.answer else 'FALSE'}#{esc(wrong_fb)}#{esc(right_fb)}"]
    elif isinstance(item, Numeric):
        # A 0% catch-all range carries the feedback for any other number.
        body = [
            "#",
            f"\t={fmt_num(item.answer)}:{fmt_num(item.tolerance)}#{esc(item.feedback_correct)}",
            f"\t=%0%{fmt_num(item.answer)}:1e+308#{esc(item.feedback_incorrect)}",
        ]
    elif isinstance(item, Matching):
        body = [f"\t={esc(p.prompt)} -> {esc(p.match)}" for p in item.pairs]
        body += [f"\t= -> {esc(d)}" for d in item.distractors]
        general = esc(
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
    chunks = [f"// {title}\n// Exported by coursekit; Markdown texts.\n"]
    skipped = []
    for s in selected:
        text = item_gift(s.item)
        if text is None:
            skipped.append(Skipped(s.item.id, s.item.type, "GIFT has no ordering question type"))
            continue
        chunks.append(f"// {s.item.id} ({s.item.type}; objective {s.item.objective})\n{text}")
    return "\n".join(chunks).encode("utf-8"), skipped
