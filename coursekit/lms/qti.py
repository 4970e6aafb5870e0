"""QTI 1.2 (a zip Canvas imports), written by text2qti from its plain-text quiz format.

text2qti has multiple choice, multiple answers and numerical questions (plus essay, file upload and
short answer) but no matching or ordering, so those items are returned as skipped. True/false items
become a two-choice multiple-choice question. Per-choice feedback, correct/incorrect feedback and
the explanation (general feedback) are kept. Texts are rendered to HTML by coursekit's own Markdown
renderer (as in the Moodle XML export), not text2qti's: raw HTML and ``javascript:`` links in a bank are
shown as text. QTI 1.2 numeric items have no unit, so the unit is named in the question text.
"""

from __future__ import annotations

import math
import re

from ..schema import MultipleSelect, Numeric, SingleChoice, TrueFalse
from . import Skipped, fmt_num, unit_note

_DOLLAR = re.compile(r"(?<!\\)\$")


def _clean(text: str) -> str:
    # "$" would start LaTeX math in text2qti.
    return _DOLLAR.sub(r"\\$", text.replace("\r\n", "\n").strip())


def _block(marker: str, text: str) -> str:
    """One text2qti element: the marker, padded to 4 columns, then text; continuation lines indented."""
    pad = marker.ljust(max(4, len(marker) + 1))
    lines = _clean(text).split("\n")
    indent = " " * len(pad)
    return "\n".join([pad + lines[0]] + [(indent + ln) if ln.strip() else "" for ln in lines[1:]])


def item_text(n: int, item) -> str | None:
    if not isinstance(item, (SingleChoice, MultipleSelect, TrueFalse, Numeric)):
        return None
    out = [
        _block("Title:", item.id),
        "Points: 1",
        _block(f"{n}.", unit_note(item)),
        _block("...", item.explanation),
    ]
    if isinstance(item, SingleChoice):
        for k, o in enumerate(item.options, start=1):
            letter = "abcdefghij"[k - 1]
            out.append(_block(("*" if k == item.answer else "") + f"{letter})", o.text))
            out.append(_block("...", o.feedback))
    elif isinstance(item, MultipleSelect):
        for k, o in enumerate(item.options, start=1):
            out.append(_block("[*]" if k in item.answer else "[ ]", o.text))
            out.append(_block("...", o.feedback))
    elif isinstance(item, TrueFalse):
        out.append(_block("*a)" if item.answer else "a)", "True"))
        out.append(_block("...", item.feedback_true))
        out.append(_block("b)" if item.answer else "*b)", "False"))
        out.append(_block("...", item.feedback_false))
    elif isinstance(item, Numeric):
        out.insert(3, _block("+", item.feedback_correct))
        out.insert(4, _block("-", item.feedback_incorrect))
        a, tol = item.answer, item.tolerance
        if tol > 0:
            out.append(f"=   {fmt_num(a)} +- {fmt_num(tol)}")
        elif float(a).is_integer():
            out.append(f"=   {fmt_num(a)}")
        else:
            eps = max(abs(a) * 1e-9, 1e-9)
            out.append(f"=   [{a - eps!r}, {math.nextafter(a + eps, math.inf)!r}]")
    return "\n".join(out) + "\n"


def quiz_text(selected, title: str) -> tuple[str, list[Skipped]]:
    chunks = [_block("Quiz title:", title), "Shuffle answers: true", ""]
    skipped, n = [], 0
    for s in selected:
        text = item_text(n + 1, s.item)
        if text is None:
            skipped.append(
                Skipped(s.item.id, s.item.type, f"text2qti (QTI for Canvas) has no {s.item.type} type")
            )
            continue
        n += 1
        chunks.append(text)
    return "\n".join(chunks), skipped


def export_qti(selected, title: str) -> tuple[bytes, list[Skipped]]:
    from unittest import mock

    import text2qti.quiz
    from text2qti.config import Config
    from text2qti.err import Text2qtiError
    from text2qti.qti import QTI

    text, skipped = quiz_text(selected, title)
    if len(skipped) == len(selected):
        return b"", skipped
    try:
        with mock.patch.object(text2qti.quiz, "Markdown", _markdown_class()):
            quiz = text2qti.quiz.Quiz(text, config=Config(), source_name="coursekit export")
        return _stable_zip(QTI(quiz).zip_bytes()), skipped
    except Text2qtiError as exc:
        raise ValueError(f"text2qti refused the quiz: {exc}") from None


def _markdown_class():
    """text2qti's Markdown converter, rendering with coursekit's renderer (raw HTML shown as text)."""
    from text2qti.markdown import Markdown

    from ..markdown import to_html

    class CoursekitMarkdown(Markdown):
        def md_to_html(self, markdown_string: str, strip_p_tags: bool = False) -> str:
            html = to_html(markdown_string)
            if strip_p_tags and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
                html = html[3:-4]
            return html

    return CoursekitMarkdown


_MANIFEST_DATE = re.compile(rb"<imsmd:dateTime>[^<]*</imsmd:dateTime>")


def _stable_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, and the manifest's date (text2qti writes
    today's) set to the same day, so one export gives the same bytes on any day."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.external_attr = info.external_attr
            fixed.compress_type = zipfile.ZIP_DEFLATED if not info.is_dir() else zipfile.ZIP_STORED
            body = src.read(info)
            if info.filename == "imsmanifest.xml":
                body = _MANIFEST_DATE.sub(b"<imsmd:dateTime>1980-01-01</imsmd:dateTime>", body)
            dst.writestr(fixed, body)
    return out.getvalue()
