"""The student edition of an assignment variant: a self-contained HTML form and a Jupyter notebook.

Its questions are the book's (``static_html.item_fieldset``) in the variant's layout, and the book's own
``coursekit.js`` and ``coursekit.css`` read, write and style them, with ``student-form.js`` for what is
the form's own: the student ID, answers kept in the browser, the response file to download.

The student edition carries NO key: no correct flags, no feedback, no explanations, no Check buttons.
Options and steps carry only *displayed* numbers (1, 2, ... as shown on the page), match choices their
text; the instructor's key maps them back to the authored numbers. The downloaded ``coursekit-answers``
file holds ``student_id``, ``assignment`` and ``variant``.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape

from .asset_minify import minify
from .static_html import LOCAL_STORAGE_PREFIX, _json_for_script, asset, item_fieldset

_BASE, _LEGEND = "\x00", "\x01"  # a question's id prefix and legend, in a remembered rendering


def _has_marker(value) -> bool:
    if isinstance(value, str):
        return _BASE in value or _LEGEND in value
    if isinstance(value, dict):
        return any(_has_marker(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_marker(v) for v in value)
    return False


def _in_json(text: str) -> str:
    """``text`` as written inside a JSON string (``json.dumps`` without the quotes)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _in_source(text: str) -> str:
    """``text`` as written inside a single-quoted Python literal (as ``repr`` writes a text that
    holds a double quote), itself inside a JSON string. Escaping is per character, so pieces
    escaped one by one join into the escaped whole."""
    return _in_json(repr(text + "\"'")[1:-4])


def _encodings(html: str) -> tuple[str, str, str]:
    return html, _in_json(html), _in_source(html)


@cache
def _assets() -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """The book's stylesheet, and its script with the form's own, inlined minified as the book serves
    them; each in the three encodings of ``FormMaker.encoded``, made once for a whole class."""
    style = f"<style>{minify('coursekit.css', asset('coursekit.css'))}</style>\n"
    scripts = "".join(f"<script>{minify(n, asset(n))}</script>" for n in ("coursekit.js", "student-form.js"))
    return _encodings(style), _encodings("\n" + scripts + "</form>")


class FormMaker:
    """Builds variants' forms, remembering each item's rendering per layout: a class of 1,000 students
    sees each item in a few dozen layouts at most, so most questions are put together, not rendered.

    A form comes in three encodings at once (``encoded``): as HTML, as written inside a JSON string
    (the notebook's saved output) and as a Python literal inside a JSON string (the notebook's
    source), each put together from pieces encoded once."""

    def __init__(self, assignment: str, title: str):
        self.assignment, self.title = assignment, title
        self._seen: dict[tuple, tuple | None] = {}  # (id(item), layout) -> encoded segments
        self._plain: dict[int, bool] = {}  # id(item) -> its text holds no marker

    def _question(self, vi, n: int) -> tuple[str, str, str]:
        base = f"ck-q{vi.position}"
        legend = f"Question {vi.position} of {n}"
        key = (id(vi.item), vi.layout)
        parts = self._seen.get(key, False)
        if parts is False:
            it = vi.item
            if id(it) not in self._plain:  # else a marker could not be told from the item's text
                self._plain[id(it)] = not _has_marker(it.model_dump())
            parts = self._seen[key] = None
            if self._plain[id(it)]:
                head, tail = _fieldset(_BASE, vi, _LEGEND).split(_LEGEND)
                segments = (
                    [_encodings(seg) for seg in head.split(_BASE)],
                    [_encodings(seg) for seg in tail.split(_BASE)],
                )
                parts = self._seen[key] = tuple(
                    ([seg[k] for seg in segments[0]], [seg[k] for seg in segments[1]]) for k in range(3)
                )
        if parts is None:
            return _encodings(_fieldset(base, vi, legend))
        h, j, s = parts
        return (
            base.join(h[0]) + legend + base.join(h[1]),
            base.join(j[0]) + legend + base.join(j[1]),
            base.join(s[0]) + legend + base.join(s[1]),
        )

    def encoded(self, variant) -> tuple[str, str, str]:
        """The form as one self-contained HTML fragment (style, markup, metadata and script), in
        the three encodings."""
        n = len(variant.items)
        title = self.title
        sid_attr = f' value="{escape(variant.student_id)}" readonly' if variant.student_id else ""
        who = f" for {escape(variant.name)}" if variant.name else ""
        style, scripts = _assets()
        store = f"{LOCAL_STORAGE_PREFIX}assignment:{self.assignment}:{variant.id}"
        head = "\n".join(
            [
                f'<form class="ck-assignment" id="ck-assignment" data-storage-key="{escape(store)}" '
                f'onsubmit="return false" aria-label="{escape(title)}">',
                f"<h1>{escape(title)}</h1>",
                f'<p class="ck-intro">Version {escape(variant.id)}{who}. {n} questions. Your answers stay on '
                "this device until you download your response file and hand it in.</p>",
                '<p class="ck-notice" role="alert" hidden></p>',
                f'<label for="ck-student">Student ID <input type="text" id="ck-student" '
                f'class="ck-student" autocomplete="off"{sid_attr}></label>',
            ]
        )
        meta = {
            "assignment": self.assignment,
            "variant": variant.id,
            "title": title,
            "types": [vi.item.type for vi in variant.items],  # per question, as coursekit.js reads it
        }
        tail = "\n".join(
            [
                '<div class="ck-footer"><p class="ck-score" role="status" aria-live="polite"></p>',
                '<button type="button" class="ck-download">Download my response file</button></div>',
                f'<script type="application/json" class="ck-meta">{_json_for_script(meta)}</script>',
            ]
        )
        questions = [self._question(vi, n) for vi in variant.items]
        ends = zip(_encodings("\n"), style, _encodings(head), _encodings(tail), scripts, strict=True)
        return tuple(
            css + nl.join([h, *(q[k] for q in questions), t]) + js
            for k, (nl, css, h, t, js) in enumerate(ends)
        )

    def form(self, variant) -> str:
        """The form as one self-contained HTML fragment (style, markup, metadata and script)."""
        return self.encoded(variant)[0]

    def files(self, variant) -> tuple[str, str]:
        """The variant's page and notebook, from one form."""
        form, in_json, in_source = self.encoded(variant)
        return page_html(self.assignment, self.title, variant, form), notebook(
            self.assignment, self.title, variant, form, (in_json, in_source)
        )


def _fieldset(base: str, vi, legend: str) -> str:
    return item_fieldset(base, vi.item, legend, vi.layout, keyless=True)


def form_html(assignment: str, title: str, variant) -> str:
    """The form as one self-contained HTML fragment (style, markup, metadata and script)."""
    return FormMaker(assignment, title).form(variant)


def page_html(assignment: str, title: str, variant, form: str | None = None) -> str:
    """The page of a variant (``form``: its form, if already built)."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} ({escape(variant.id)})</title>\n</head>\n<body>\n"
        f"{form or form_html(assignment, title, variant)}\n</body>\n</html>\n"
    )


_OUTPUT, _SOURCE = "\x02", "\x03"  # stand for the two copies of the form until the JSON is written


def notebook(assignment: str, title: str, variant, form: str | None = None, encoded=None) -> str:
    """A notebook (nbformat 4) whose one code cell shows the same form; its output is saved, so the
    form shows when the notebook is opened, and re-running the cell shows it again.

    ``form``: the variant's form, if already built; ``encoded``: that form as written inside a JSON
    string and as a Python literal inside a JSON string (see ``FormMaker``)."""
    fragment = form or form_html(assignment, title, variant)
    if encoded is not None and '"' in fragment:  # repr quotes it with ', as _in_source assumes
        in_json, literal = encoded[0], "'" + encoded[1] + "'"
    else:
        in_json, literal = _in_json(fragment), _in_json(repr(fragment))
    source = _in_json("from IPython.display import HTML, display\n\nFORM = ") + literal
    source += _in_json("\n\ndisplay(HTML(FORM))\n")
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "id": "intro",
                "metadata": {},
                "source": f"# {title}\n\nVersion {variant.id}. Run the cell below (Shift+Enter) to show "
                "the form: Jupyter runs a form only from a cell run in your own session. Answer every "
                "question, then press **Download my response file** and hand the file in.",
            },
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": "form",
                "metadata": {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]},
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"text/html": _OUTPUT, "text/plain": "<IPython.core.display.HTML object>"},
                    }
                ],
                "source": _SOURCE,
            },
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    before, rest = json.dumps(nb, ensure_ascii=False, indent=1).split(json.dumps(_OUTPUT))
    between, after = rest.split(json.dumps(_SOURCE))
    return f'{before}"{in_json}"{between}"{source}"{after}\n'
