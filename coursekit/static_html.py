"""The self-contained HTML form of a quiz or checklist, for pages with no kernel.

Markup, data and behaviour travel together in one ``text/html`` output: native form
controls, a JSON data block and the package's ``coursekit.js``/``coursekit.css``
inlined. Element ids derive from the quiz and item ids, so output is deterministic.
"""

from __future__ import annotations

import json
import os
from html import escape
from importlib.resources import files

from .markdown import to_html, to_inline_html
from .permutation import Layout, book_layout
from .schema import Checklist, Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse

LOCAL_STORAGE_PREFIX = "coursekit:"


def asset(name: str) -> str:
    return files("coursekit").joinpath("static", name).read_text(encoding="utf-8")


def inline_assets() -> bool:
    """Inline coursekit.js/.css in each output, unless the book build links them once per page
    (coursekit.sphinx_ext sets COURSEKIT_ASSETS=external for the kernels it starts)."""
    return os.environ.get("COURSEKIT_ASSETS", "inline") != "external"


def style_tag(inline: bool | None = None) -> str:
    return (
        f"<style>{asset('coursekit.css')}</style>" if (inline_assets() if inline is None else inline) else ""
    )


def script_tag(activities: bool = False, inline: bool | None = None) -> str:
    """coursekit.js inline (and coursekit-activities.js for cases and exercises)."""
    if not (inline_assets() if inline is None else inline):
        return ""
    names = ["coursekit.js"] + (["coursekit-activities.js"] if activities else [])
    return "".join(f"<script>{asset(name)}</script>" for name in names)


def _json_for_script(data) -> str:
    """JSON safe inside a <script> element: no '<' can close it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def item_data(item, citations: list[dict]) -> dict:
    """What the browser needs to grade and give feedback (HTML already rendered)."""
    d = {
        "id": item.id,
        "type": item.type,
        "explanation": to_html(item.explanation),
        "citations": citations,
    }
    if isinstance(item, (SingleChoice, MultipleSelect)):
        d["answer"] = item.answer
        d["feedback"] = [to_inline_html(o.feedback) for o in item.options]
        d["options"] = [to_inline_html(o.text) for o in item.options]
    elif isinstance(item, TrueFalse):
        d["answer"] = item.answer
        d["feedback_true"] = to_inline_html(item.feedback_true)
        d["feedback_false"] = to_inline_html(item.feedback_false)
    elif isinstance(item, Numeric):
        d.update(answer=item.answer, tolerance=item.tolerance)
        d["feedback_correct"] = to_inline_html(item.feedback_correct)
        d["feedback_incorrect"] = to_inline_html(item.feedback_incorrect)
    elif isinstance(item, Matching):
        d["prompts"] = [to_inline_html(p.prompt) for p in item.pairs]
        d["matches"] = [p.match for p in item.pairs]
        d["feedback"] = [to_inline_html(p.feedback) for p in item.pairs]
    elif isinstance(item, Ordering):
        d["steps"] = [to_inline_html(s.text) for s in item.steps]
        d["feedback"] = [to_inline_html(s.feedback) for s in item.steps]
    return d


def item_model(item, citations: list[dict]) -> dict:
    """item_data plus what JavaScript needs to draw the item as controls_html does: its stem and layout
    (coursekit.js ``ui.fieldset``, used by review.js and the live quiz widget)."""
    d = item_data(item, citations)
    d["stem"] = to_html(item.stem)
    if isinstance(item, Matching):
        d["choices"] = list(book_layout(item).choices)
    elif isinstance(item, Ordering):
        d["step_order"] = list(book_layout(item).steps.order)
        d["steps_text"] = [s.text for s in item.steps]  # option labels are plain text
    elif isinstance(item, Numeric) and item.unit:
        d["unit"] = item.unit
    return d


def controls_html(base: str, item, layout: Layout | None = None, *, keyless: bool = False) -> str:
    """The controls of one item, shown in ``layout``'s order (default: the book's, ``book_layout``).

    Options and ordering steps are valued by authored number in the book, which grades in the page;
    a ``keyless`` form (the student edition) values them by displayed number, since an authored step
    number is its right position (the key maps displayed numbers back). Match choices are valued by
    their text, as the response records them."""
    layout = layout or book_layout(item)
    out = []
    if isinstance(item, (SingleChoice, MultipleSelect)):
        kind = "radio" if isinstance(item, SingleChoice) else "checkbox"
        if kind == "checkbox":
            out.append('<p class="ck-hint">Select every answer that applies.</p>')
        for d, a in enumerate(layout.options.order, start=1):
            n = d if keyless else a
            out.append(
                f'<label class="ck-option" for="{base}-o{d}"><input type="{kind}" '
                f'id="{base}-o{d}" name="{base}" value="{n}"> '
                f"<span>{to_inline_html(item.options[a - 1].text)}</span></label>"
            )
    elif isinstance(item, TrueFalse):
        for value, label in (("true", "True"), ("false", "False")):
            out.append(
                f'<label class="ck-option" for="{base}-{value}"><input type="radio" '
                f'id="{base}-{value}" name="{base}" value="{value}"> <span>{label}</span></label>'
            )
    elif isinstance(item, Numeric):
        unit = f' <span class="ck-unit">{escape(item.unit)}</span>' if item.unit else ""
        out.append(
            f'<label class="ck-numeric" for="{base}-n">Your answer '
            f'<input type="number" step="any" inputmode="decimal" id="{base}-n" '
            f'name="{base}">{unit}</label>'
        )
    elif isinstance(item, Matching):
        opts = '<option value="">Choose a match</option>' + "".join(
            f'<option value="{escape(c)}">{escape(c)}</option>' for c in layout.choices
        )
        for n, pair in enumerate(layout.prompts.arrange(item.pairs), start=1):
            out.append(
                f'<div class="ck-row"><label for="{base}-m{n}">{to_inline_html(pair.prompt)}'
                f'</label><select id="{base}-m{n}" name="{base}-m{n}">{opts}</select></div>'
            )
    elif isinstance(item, Ordering):
        opts = '<option value="">Choose a step</option>' + "".join(
            f'<option value="{d if keyless else a}">{escape(item.steps[a - 1].text)}</option>'
            for d, a in enumerate(layout.steps.order, start=1)
        )
        for n in range(1, len(item.steps) + 1):
            out.append(
                f'<div class="ck-row"><label for="{base}-s{n}">Step {n}</label>'
                f'<select id="{base}-s{n}" name="{base}-s{n}">{opts}</select></div>'
            )
    return "\n".join(out)


def item_fieldset(
    base: str, item, legend: str, layout: Layout | None = None, *, keyless: bool = False
) -> str:
    """One question: a fieldset with ``legend`` (HTML), the stem and the controls (``controls_html``);
    in the book also a Check button and a live region for feedback, which a ``keyless`` form has not."""
    check = (
        ""
        if keyless
        else '<button type="button" class="ck-check">Check answer</button>'
        f'<div class="ck-feedback" id="{base}-feedback" role="status" aria-live="polite"></div>'
    )
    return (
        f'<fieldset class="ck-item" id="{base}" data-item="{item.id}" aria-describedby="{base}-stem">'
        f"<legend>{legend}</legend>"
        f'<div class="ck-stem" id="{base}-stem">{to_html(item.stem)}</div>'
        f'<div class="ck-controls">{controls_html(base, item, layout, keyless=keyless)}</div>'
        f"{check}</fieldset>"
    )


def quiz_html(
    bank,
    citations_for,
    *,
    inline: bool | None = None,
    storage_key: str | None = None,
    one_try: bool = False,
    check_yourself: bool = False,
    kept_in: str = "in this browser",
    reset: bool | None = None,
    confidence: bool = False,
    intro: str | None = None,
) -> str:
    """The whole quiz as one self-contained HTML fragment.

    ``inline`` overrides whether coursekit.js/.css are inlined; ``storage_key`` replaces the
    localStorage key; ``one_try`` locks each question once checked (and drops the Reset button);
    ``check_yourself``: a chapter's few questions, saved with the part quiz's answers (no Reset, which
    would clear the whole part); ``kept_in``: where the intro says answers are saved (the live widget's
    are in the progress file); ``reset``: whether to offer Reset (default: unless one try or Check yourself);
    ``confidence``: always ask how sure the student is (Review does; otherwise the student's setting decides);
    ``intro``: the opening line instead of the usual one (a quiz with no questions has no footer either).
    """
    qid = bank.id
    key = storage_key or f"{LOCAL_STORAGE_PREFIX}quiz:{qid}"
    kept = (
        ""
        if one_try
        else f" Your answers are saved {kept_in}" + (" only." if kept_in == "in this browser" else ".")
    )
    tries = " You have one try at each question." if one_try else ""
    opening = f"{len(bank.items)} questions.{kept} Check each answer to see feedback.{tries}"
    if check_yourself:
        opening = (
            f"{len(bank.items)} questions on this chapter, from the {escape(bank.part)} quiz. Your answers "
            f"are saved {kept_in} with that quiz's, and count in My progress."
        )
    intro = opening if intro is None else escape(intro)
    parts = [
        style_tag(inline),
        f'<div class="ck-quiz{" ck-check-yourself" if check_yourself else ""}" id="ck-{qid}" '
        f'data-quiz="{qid}" '
        f'data-storage-key="{escape(key)}"{" data-one-try" if one_try else ""}'
        f"{' data-confidence' if confidence else ''}>",
        f'<p class="ck-intro">{intro}</p>',
        '<p class="ck-notice" role="alert" hidden></p>',
    ]
    data = []
    n_items = len(bank.items)
    for n, item in enumerate(bank.items, start=1):
        cites = citations_for(item)
        data.append(item_data(item, cites))
        parts.append(item_fieldset(f"ck-{qid}-{item.id}", item, f"Question {n} of {n_items}"))
    parts.append(
        ""
        if not n_items
        else '<div class="ck-footer">'
        f'<p class="ck-score" id="ck-{qid}-score" role="status" aria-live="polite">'
        f"0 of {n_items} answered.</p>"
        '<button type="button" class="ck-download">Download my answers</button>'
        + (
            ' <button type="button" class="ck-reset">Reset my answers</button>'
            if (not (one_try or check_yourself) if reset is None else reset)
            else ""
        )
        + "</div>"
    )
    parts.append(
        f'<script type="application/json" class="ck-data">'
        f"{_json_for_script({'quiz': qid, 'title': bank.title, 'items': data})}</script>"
    )
    parts.append(f"{script_tag(inline=inline)}</div>")
    return "\n".join(p for p in parts if p)


def checklist_html(checklist: Checklist, citations_for=None, *, inline: bool | None = None) -> str:
    cid = checklist.id
    rows = []
    group = None
    for entry in checklist.items:
        if entry.group != group:
            if group is not None:
                rows.append("</ul>")
            group = entry.group
            if group:
                rows.append(f'<h4 class="ck-group">{escape(group)}</h4>')
            rows.append('<ul class="ck-list">')
        box = f"ck-{cid}-{entry.id}"
        rows.append(
            f'<li><label for="{box}"><input type="checkbox" id="{box}" value="{entry.id}"> '
            f"<span>{to_inline_html(entry.text)}</span></label></li>"
        )
    rows.append("</ul>")
    return "\n".join(
        [
            style_tag(inline),
            f'<div class="ck-checklist" id="ck-{cid}" data-checklist="{cid}" '
            f'data-storage-key="{LOCAL_STORAGE_PREFIX}checklist:{cid}">',
            f"<fieldset><legend>{escape(checklist.title)}</legend>",
            f'<div class="ck-intro">{to_html(checklist.intro)}</div>',
            '<p class="ck-notice" role="alert" hidden></p>',
            *rows,
            "</fieldset>",
            '<div class="ck-footer">'
            f'<p class="ck-score" id="ck-{cid}-score" role="status" aria-live="polite">'
            f"0 of {len(checklist.items)} ticked.</p>"
            '<button type="button" class="ck-print">Print this checklist</button> '
            '<button type="button" class="ck-reset">Clear my ticks</button></div>',
            f"{script_tag(inline=inline)}</div>",
        ]
    )
