"""Moodle XML. Texts are rendered to HTML. Matching per-pair and ordering per-step feedback goes
into the general feedback.

Ordering items use Moodle's Ordering question type (``qtype_ordering``): a standard question type
from Moodle 4.4 (MDL-72394), a plug-in before that. Its settings mirror coursekit's grading: all
steps shown, listed vertically, all-or-nothing. With ``ordering=False`` (``--skip-ordering``) they
are returned as skipped, for sites without it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..markdown import to_html, to_inline_html
from ..schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse
from . import Skipped, fmt_num, moodle_percent


def _text(parent, tag, html, fmt="html", **attrs):
    el = ET.SubElement(parent, tag, {"format": fmt, **attrs} if fmt else attrs)
    ET.SubElement(el, "text").text = html
    return el


def _answer(q, fraction, text_html, feedback_html, fmt="html"):
    a = ET.SubElement(q, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(a, "text").text = text_html
    _text(a, "feedback", feedback_html)
    return a


def item_xml(item, ordering: bool = True) -> ET.Element | None:
    kinds = {
        SingleChoice: "multichoice",
        MultipleSelect: "multichoice",
        TrueFalse: "truefalse",
        Numeric: "numerical",
        Matching: "matching",
    }
    kind = kinds.get(type(item))
    if kind is None and not (ordering and isinstance(item, Ordering)):
        return None
    kind = kind or "ordering"
    q = ET.Element("question", {"type": kind})
    ET.SubElement(ET.SubElement(q, "name"), "text").text = item.id
    _text(q, "questiontext", to_html(item.stem))
    general = to_html(item.explanation)
    if isinstance(item, Matching):
        general += (
            "<ul>"
            + "".join(
                f"<li>{to_inline_html(p.prompt)}: {to_inline_html(p.feedback)}</li>" for p in item.pairs
            )
            + "</ul>"
        )
    if isinstance(item, Ordering):
        general += (
            "<ul>"
            + "".join(
                f"<li><strong>{n}. {to_inline_html(st.text)}</strong> {to_inline_html(st.feedback)}</li>"
                for n, st in enumerate(item.steps, start=1)
            )
            + "</ul>"
        )
    _text(q, "generalfeedback", general)
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = item.id
    if isinstance(item, (SingleChoice, MultipleSelect)):
        single = isinstance(item, SingleChoice)
        ET.SubElement(q, "single").text = "true" if single else "false"
        ET.SubElement(q, "shuffleanswers").text = "true"
        ET.SubElement(q, "answernumbering").text = "abc"
        right = {item.answer} if single else set(item.answer)
        n_wrong = len(item.options) - len(right)
        for n, o in enumerate(item.options, start=1):
            if n in right:
                frac = "100" if single else moodle_percent(len(right))
            else:
                frac = "0" if single else "-" + moodle_percent(n_wrong)
            _answer(q, frac, to_inline_html(o.text), to_inline_html(o.feedback))
    elif isinstance(item, TrueFalse):
        _answer(
            q,
            "100" if item.answer else "0",
            "true",
            to_inline_html(item.feedback_true),
            fmt="moodle_auto_format",
        )
        _answer(
            q,
            "0" if item.answer else "100",
            "false",
            to_inline_html(item.feedback_false),
            fmt="moodle_auto_format",
        )
    elif isinstance(item, Numeric):
        a = _answer(
            q, "100", fmt_num(item.answer), to_inline_html(item.feedback_correct), fmt="moodle_auto_format"
        )
        ET.SubElement(a, "tolerance").text = fmt_num(item.tolerance)
        b = _answer(q, "0", "*", to_inline_html(item.feedback_incorrect), fmt="moodle_auto_format")
        ET.SubElement(b, "tolerance").text = "0"
        if item.unit:
            units = ET.SubElement(q, "units")
            u = ET.SubElement(units, "unit")
            ET.SubElement(u, "multiplier").text = "1"
            ET.SubElement(u, "unit_name").text = item.unit
            ET.SubElement(q, "unitgradingtype").text = "0"
            ET.SubElement(q, "showunits").text = "3"  # unit shown next to the box, not graded
    elif isinstance(item, Matching):
        ET.SubElement(q, "shuffleanswers").text = "true"
        for p in item.pairs:
            sq = _text(q, "subquestion", to_inline_html(p.prompt))
            ET.SubElement(ET.SubElement(sq, "answer"), "text").text = p.match
        for d in item.distractors:
            sq = _text(q, "subquestion", "")
            ET.SubElement(ET.SubElement(sq, "answer"), "text").text = d
    elif isinstance(item, Ordering):
        ET.SubElement(q, "layouttype").text = "VERTICAL"
        ET.SubElement(q, "selecttype").text = "ALL"
        ET.SubElement(q, "selectcount").text = str(len(item.steps))
        ET.SubElement(q, "gradingtype").text = "ALL_OR_NOTHING"
        ET.SubElement(q, "showgrading").text = "SHOW"
        ET.SubElement(q, "numberingstyle").text = "none"
        for n, st in enumerate(item.steps, start=1):  # in the correct order; fraction = position
            a = ET.SubElement(q, "answer", {"fraction": str(n), "format": "html"})
            ET.SubElement(a, "text").text = to_inline_html(st.text)
    return q


def export_moodle_xml(selected, title: str, ordering: bool = True) -> tuple[bytes, list[Skipped]]:
    quiz = ET.Element("quiz")
    skipped = []
    current = None
    for s in selected:
        if s.bank.part != current:
            current = s.bank.part
            cat = ET.SubElement(quiz, "question", {"type": "category"})
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = f"$course$/top/{title}/{current}"
        q = item_xml(s.item, ordering=ordering)
        if q is None:
            reason = "left out by --skip-ordering (Moodle's Ordering question type: Moodle 4.4 or a plug-in)"
            if not isinstance(s.item, Ordering):  # pragma: no cover
                reason = "no Moodle XML question type"
            skipped.append(Skipped(s.item.id, s.item.type, reason))
            continue
        quiz.append(q)
    ET.indent(quiz)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n").encode(
        "utf-8"
    ), skipped
