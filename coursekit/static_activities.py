"""Static HTML for branching case studies and open exercises (pages with no kernel).

Like the quiz: markup, a JSON data block and coursekit.js/.css; ids derive from the case or
exercise id, so output is deterministic.
"""

from __future__ import annotations

from html import escape

from .markdown import to_html, to_inline_html
from .schema import Case, OpenExercise
from .static_html import LOCAL_STORAGE_PREFIX, _json_for_script, script_tag, style_tag

VERDICT_LABELS = {
    "best": "Best choice",
    "acceptable": "Acceptable, but not the best",
    "unsafe": "Unsafe",
}


def _sources(citations: list[dict]) -> str:
    if not citations:
        return ""
    # each citation is a sentence: joined by semicolons without its own full stop, one at the end
    links = "; ".join(
        f'<a href="{escape(c["url"])}" rel="noopener">{escape(c["text"].removesuffix("."))}</a>'
        if c["url"]
        else escape(c["text"].removesuffix("."))
        for c in citations
    )
    return f'<p class="ck-source"><strong>Sources:</strong> {links}.</p>'


def case_data(case: Case) -> dict:
    return {
        "case": case.id,
        "title": case.title,
        "start": case.start,
        "verdicts": VERDICT_LABELS,
        "steps": {
            s.id: {
                "prompt": to_html(s.prompt),
                "choices": [
                    {
                        "text": to_inline_html(c.text),
                        "feedback": to_html(c.feedback),
                        "verdict": c.verdict,
                        "next": c.next,
                    }
                    for c in s.choices
                ],
            }
            for s in case.steps
        },
    }


def case_html(case: Case, citations: list[dict], *, inline: bool | None = None) -> str:
    base = f"ck-case-{case.id}"
    return "\n".join(
        p
        for p in [
            style_tag(inline),
            f'<div class="ck-case" id="{base}" data-case="{case.id}" '
            f'data-storage-key="{LOCAL_STORAGE_PREFIX}case:{case.id}">',
            f'<div class="ck-case-client">{to_html(case.client)}</div>',
            '<p class="ck-notice" role="alert" hidden></p>',
            f'<ol class="ck-case-path" id="{base}-path" aria-label="Your choices so far"></ol>',
            f'<fieldset class="ck-case-step" id="{base}-step">',
            f'<legend id="{base}-legend">Step 1</legend>',
            f'<div class="ck-case-prompt" id="{base}-prompt"></div>',
            f'<div class="ck-case-choices" id="{base}-choices"></div>',
            '<button type="button" class="ck-choose">Choose</button>',
            "</fieldset>",
            f'<div class="ck-feedback" id="{base}-feedback" role="status" aria-live="polite"></div>',
            f'<section class="ck-case-debrief" id="{base}-debrief" hidden>'
            f"<h4>Debrief</h4>{to_html(case.debrief)}{_sources(citations)}</section>",
            '<div class="ck-footer"><button type="button" class="ck-reset">Start the case again'
            "</button></div>",
            f'<script type="application/json" class="ck-case-data">'
            f"{_json_for_script(case_data(case))}</script>",
            f"{script_tag(activities=True, inline=inline)}</div>",
        ]
        if p
    )


def exercise_html(ex: OpenExercise, citations: list[dict], *, inline: bool | None = None) -> str:
    base = f"ck-ex-{ex.id}"
    fields = []
    for p in ex.prompts:
        fid = f"{base}-{p.id}"
        hint = f'<p class="ck-hint" id="{fid}-hint">{to_inline_html(p.hint)}</p>' if p.hint else ""
        described = f' aria-describedby="{fid}-hint"' if p.hint else ""
        fields.append(
            f'<div class="ck-field"><label for="{fid}">{to_inline_html(p.label)}</label>{hint}'
            f'<textarea id="{fid}" name="{p.id}" rows="6"{described}></textarea></div>'
        )
    return "\n".join(
        p
        for p in [
            style_tag(inline),
            f'<div class="ck-exercise" id="{base}" data-exercise="{ex.id}" '
            f'data-storage-key="{LOCAL_STORAGE_PREFIX}exercise:{ex.id}">',
            f'<div class="ck-scenario">{to_html(ex.scenario)}</div>',
            '<p class="ck-notice" role="alert" hidden></p>',
            f"<fieldset><legend>{escape(ex.title)}</legend>{''.join(fields)}</fieldset>",
            '<p class="ck-saved" role="status" aria-live="polite"></p>',
            '<button type="button" class="ck-submit">Submit and show the model answer</button>',
            f'<section class="ck-model" id="{base}-model" hidden tabindex="-1">'
            f"<h4>Model answer</h4>{to_html(ex.model_answer)}{_sources(citations)}</section>",
            '<div class="ck-footer"><button type="button" class="ck-download">Download my answers'
            '</button> <button type="button" class="ck-reset">Clear my answers</button></div>',
            f"{script_tag(activities=True, inline=inline)}</div>",
        ]
        if p
    )
