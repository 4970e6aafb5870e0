"""Moodle XML. Texts are rendered to HTML; ordering items (a plug-in question type, not core Moodle)
are returned as skipped. Matching per-pair feedback goes into the general feedback."""

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


def item_xml(item) -> ET.Element | None:
    kinds = {
        SingleChoice: "multichoice",
        MultipleSelect: "multichoice",
        TrueFalse: "truefalse",
        Numeric: "numerical",
        Matching: "matching",
    }
    kind = kinds.get(type(item))
    if kind is None:
        return None
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
    return q


def export_moodle_xml(selected, title: str) -> tuple[bytes, list[Skipped]]:
    quiz = ET.Element("quiz")
    skipped = []
    current = None
    for s in selected:
        if s.bank.part != current:
            current = s.bank.part
            cat = ET.SubElement(quiz, "question", {"type": "category"})
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = f"$course$/top/{title}/{current}"
        q = item_xml(s.item)
        if q is None:
            reason = "ordering is a Moodle plug-in question type, not core Moodle XML"
            if not isinstance(s.item, Ordering):  # pragma: no cover
                reason = "no Moodle XML question type"
            skipped.append(Skipped(s.item.id, s.item.type, reason))
            continue
        quiz.append(q)
    ET.indent(quiz)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n").encode(
        "utf-8"
    ), skipped
