"""The student edition of an assignment variant: a self-contained HTML form and a Jupyter notebook.

The student edition carries NO key: no correct flags, no feedback, no explanations. Controls carry only
*displayed* numbers (option 1, 2, ... as shown on the page); the instructor's key maps them back to the
authored numbers. The page records answers in memory (and in localStorage when available) and lets the
student download a ``coursekit-answers`` file with ``student_id``, ``assignment`` and ``variant``.
"""

from __future__ import annotations

import json
from html import escape

from .markdown import to_html, to_inline_html
from .schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse

_CSS = """
.cks{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;line-height:1.5;color:#1a1a1a}
.cks fieldset{border:1px solid #767676;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
.cks legend{font-weight:600;padding:0 .3rem}
.cks label{display:block;margin:.3rem 0}
.cks .row{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;margin:.3rem 0}
.cks select,.cks input[type=text],.cks input[type=number]{font-size:1rem;padding:.2rem}
.cks button{font-size:1rem;padding:.4rem .9rem;margin-right:.5rem}
.cks :focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.cks .status{font-weight:600}
"""

# Records answers as displayed numbers; knows nothing about which is right.
_JS = r"""
(function () {
  "use strict";
  var root = document.currentScript.closest(".cks");
  var meta = JSON.parse(root.querySelector("script.cks-meta").textContent);
  var store = "coursekit:assignment:" + meta.assignment + ":" + meta.variant;
  var state = { answers: {} };
  try { state = JSON.parse(localStorage.getItem(store)) || state; } catch (e) { /* private mode */ }
  if (!state.answers) state.answers = {};
  var sid = root.querySelector("input.cks-student");
  if (state.student_id && !sid.readOnly) sid.value = state.student_id;
  function read(fs) {
    var type = fs.getAttribute("data-type"), r = null;
    var sel = function (q) { return Array.prototype.slice.call(fs.querySelectorAll(q)); };
    if (type === "single_choice") {
      sel("input:checked").forEach(function (i) { r = parseInt(i.value, 10); });
    } else if (type === "multiple_select") {
      r = sel("input:checked").map(function (i) { return parseInt(i.value, 10); });
      if (!r.length) r = null;
    } else if (type === "true_false") {
      sel("input:checked").forEach(function (i) { r = i.value === "true"; });
    } else if (type === "numeric") {
      var v = fs.querySelector("input").value;
      r = v === "" || !isFinite(Number(v)) ? null : Number(v);
    } else {
      r = sel("select").map(function (s) { return s.value === "" ? null : parseInt(s.value, 10); });
      if (r.every(function (x) { return x === null; })) r = null;
    }
    return r;
  }
  function write(fs, r) {
    var type = fs.getAttribute("data-type");
    if (r === null || r === undefined) return;
    if (type === "single_choice" || type === "multiple_select" || type === "true_false") {
      var want = [].concat(r).map(String);
      fs.querySelectorAll("input").forEach(function (i) { i.checked = want.indexOf(i.value) >= 0; });
    } else if (type === "numeric") {
      fs.querySelector("input").value = r;
    } else {
      fs.querySelectorAll("select").forEach(function (s, k) { s.value = r[k] === null ? "" : String(r[k]); });
    }
  }
  var status = root.querySelector(".status");
  var items = root.querySelectorAll("fieldset.cks-item");
  function update() {
    var n = 0;
    items.forEach(function (fs) { if (state.answers[fs.getAttribute("data-item")]) n++; });
    status.textContent = n + " of " + items.length + " answered.";
  }
  function save() {
    state.student_id = sid.value;
    try { localStorage.setItem(store, JSON.stringify(state)); } catch (e) { /* not stored */ }
    update();
  }
  items.forEach(function (fs) {
    var id = fs.getAttribute("data-item");
    var saved = state.answers[id];
    if (saved) write(fs, saved.response);
    fs.addEventListener("change", function () {
      var r = read(fs), prev = state.answers[id];
      if (r === null) { delete state.answers[id]; }
      else {
        state.answers[id] = { response: r, attempts: (prev ? prev.attempts : 0) + 1,
          saved_at: new Date().toISOString() };
      }
      save();
    });
  });
  sid.addEventListener("input", save);
  root.querySelector("button.cks-download").addEventListener("click", function () {
    if (!sid.value.trim()) { status.textContent = "Please type your student ID first."; sid.focus(); return; }
    var doc = { format: "coursekit-answers", format_version: 1, quiz: meta.assignment,
      assignment: meta.assignment, variant: meta.variant, student_id: sid.value.trim(),
      title: meta.title, saved_at: new Date().toISOString(), answers: state.answers };
    var blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = meta.assignment + "-" + (sid.value.trim() || meta.variant) + "-responses.json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
  update();
})();
"""


def _controls(base: str, vi) -> str:
    it = vi.item
    out = []
    if isinstance(it, (SingleChoice, MultipleSelect)):
        kind = "radio" if isinstance(it, SingleChoice) else "checkbox"
        if kind == "checkbox":
            out.append("<p>Select every option that applies.</p>")
        for d, authored in enumerate(vi.layout.options.order, start=1):
            out.append(
                f'<label for="{base}-o{d}"><input type="{kind}" id="{base}-o{d}" name="{base}" '
                f'value="{d}"> {to_inline_html(it.options[authored - 1].text)}</label>'
            )
    elif isinstance(it, TrueFalse):
        for value, label in (("true", "True"), ("false", "False")):
            out.append(
                f'<label for="{base}-{value}"><input type="radio" id="{base}-{value}" name="{base}" '
                f'value="{value}"> {label}</label>'
            )
    elif isinstance(it, Numeric):
        unit = f" {escape(it.unit)}" if it.unit else ""
        out.append(
            f'<label for="{base}-n">Your number{unit and " (in" + unit + ")"} '
            f'<input type="number" step="any" inputmode="decimal" id="{base}-n" name="{base}"></label>'
        )
    elif isinstance(it, Matching):
        opts = '<option value="">Choose a match</option>' + "".join(
            f'<option value="{d}">{escape(c)}</option>' for d, c in enumerate(vi.layout.choices, start=1)
        )
        for n, pair in enumerate(vi.layout.prompts.arrange(it.pairs), start=1):
            out.append(
                f'<div class="row"><label for="{base}-m{n}">{to_inline_html(pair.prompt)}</label>'
                f'<select id="{base}-m{n}" name="{base}-m{n}">{opts}</select></div>'
            )
    elif isinstance(it, Ordering):
        opts = '<option value="">Choose a step</option>' + "".join(
            f'<option value="{d}">{escape(step.text)}</option>'
            for d, step in enumerate(vi.layout.steps.arrange(it.steps), start=1)
        )
        out.append("<p>Put the steps in order: choose the first step, then the second, and so on.</p>")
        for n in range(1, len(it.steps) + 1):
            out.append(
                f'<div class="row"><label for="{base}-s{n}">Position {n}</label>'
                f'<select id="{base}-s{n}" name="{base}-s{n}">{opts}</select></div>'
            )
    return "\n".join(out)


def _script_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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
        base = f"cks-q{vi.position}"
        legend = f"<legend>Question {vi.position} of {n}</legend>"
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
        head = "\n".join(
            [
                f"<style>{_CSS}</style>",
                f'<form class="cks" onsubmit="return false" aria-label="{escape(title)}">',
                f"<h1>{escape(title)}</h1>",
                f"<p>Version {escape(variant.id)}{who}. {n} questions. Your answers stay on this device "
                "until you download your response file and hand it in.</p>",
                f'<label for="cks-student">Student ID <input type="text" id="cks-student" '
                f'class="cks-student" autocomplete="off"{sid_attr}></label>',
            ]
        )
        meta = {"assignment": self.assignment, "variant": variant.id, "title": title}
        tail = "\n".join(
            [
                '<p class="status" role="status" aria-live="polite"></p>',
                '<button type="button" class="cks-download">Download my response file</button>',
                f'<script type="application/json" class="cks-meta">{_script_json(meta)}</script>',
                f"<script>{_JS}</script>",
                "</form>",
            ]
        )
        questions = [self._question(vi, n) for vi in variant.items]
        ends = zip(_encodings("\n"), _encodings(head), _encodings(tail), strict=True)
        return tuple(nl.join([h, *(q[k] for q in questions), t]) for k, (nl, h, t) in enumerate(ends))

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
    it = vi.item
    return (
        f'<fieldset class="cks-item" id="{base}" data-item="{escape(it.id)}" '
        f'data-type="{it.type}" aria-describedby="{base}-stem">{legend}'
        f'<div id="{base}-stem">{to_html(it.stem)}</div>{_controls(base, vi)}</fieldset>'
    )


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
