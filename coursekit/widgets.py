"""The live-Jupyter form of a quiz or checklist: ipywidgets, graded in Python."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from .grading import grade
from .markdown import to_html, to_inline_html
from .permutation import book_layout
from .schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse


def feedback_html(item, g, citations) -> str:
    head = "\u2714 Correct." if g.correct else "\u2718 Not correct yet."
    rows = "".join(f"<li><strong>{escape(lbl)}:</strong> {to_inline_html(t)}</li>" for lbl, t in g.feedback)
    src = "; ".join(
        f'<a href="{escape(c["url"])}" target="_blank">{escape(c["text"])}</a>'
        if c["url"]
        else escape(c["text"])
        for c in citations
    )
    return (
        f"<div role='status'><p><strong>{head}</strong></p><ul>{rows}</ul>"
        f"<div><strong>Explanation:</strong> {to_html(item.explanation)}</div>"
        + (f"<p><strong>Source:</strong> {src}</p>" if src else "")
        + "</div>"
    )


# a dropdown as wide as its longest choice, with its whole label before it (not cut at 200 px)
_LABELLED = {"style": {"description_width": "initial"}, "layout": w.Layout(width="auto", max_width="100%")}


class _ItemWidget:
    """Controls for one item, with read() and write(response)."""

    def __init__(self, item):
        self.item = item
        layout = w.Layout(width="auto")
        if isinstance(item, SingleChoice):
            self.ctrl = w.RadioButtons(
                options=[(o.text, n) for n, o in enumerate(item.options, 1)], value=None, layout=layout
            )
            self.box = self.ctrl
        elif isinstance(item, MultipleSelect):
            self.ctrls = [w.Checkbox(description=o.text, indent=False, layout=layout) for o in item.options]
            self.box = w.VBox([w.HTML("<em>Select every answer that applies.</em>"), *self.ctrls])
        elif isinstance(item, TrueFalse):
            self.ctrl = w.RadioButtons(options=[("True", True), ("False", False)], value=None)
            self.box = self.ctrl
        elif isinstance(item, Numeric):
            self.ctrl = w.Text(placeholder="a number", description="Your answer")
            self.box = w.HBox([self.ctrl, w.Label(item.unit)])
        elif isinstance(item, Matching):
            choices = [("Choose a match", None)] + [(c, c) for c in book_layout(item).choices]
            self.ctrls = [  # the prompt is the dropdown's <label for=...>: its accessible name
                w.Dropdown(
                    options=choices,
                    value=None,
                    description=to_inline_html(p.prompt),
                    description_allow_html=True,
                    **_LABELLED,
                )
                for p in item.pairs
            ]
            self.box = w.VBox(self.ctrls)
        elif isinstance(item, Ordering):
            steps = book_layout(item).steps.order
            choices = [("Choose a step", None)] + [(item.steps[a - 1].text, a) for a in steps]
            self.ctrls = [
                w.Dropdown(options=choices, value=None, description=f"Step {n}", **_LABELLED)
                for n in range(1, len(item.steps) + 1)
            ]
            self.box = w.VBox(self.ctrls)

    def read(self):
        item = self.item
        if isinstance(item, (SingleChoice, TrueFalse)):
            return self.ctrl.value
        if isinstance(item, MultipleSelect):
            chosen = [n for n, c in enumerate(self.ctrls, 1) if c.value]
            return chosen or None
        if isinstance(item, Numeric):
            try:
                return float(self.ctrl.value.strip().replace(",", "."))
            except ValueError:
                return None
        values = [c.value for c in self.ctrls]
        return None if any(v is None for v in values) else values

    def write(self, response):
        item = self.item
        if isinstance(item, (SingleChoice, TrueFalse)):
            self.ctrl.value = response
        elif isinstance(item, MultipleSelect):
            for n, c in enumerate(self.ctrls, 1):
                c.value = n in response
        elif isinstance(item, Numeric):
            self.ctrl.value = f"{response:g}"
        else:
            for c, v in zip(self.ctrls, response, strict=False):
                c.value = v


class Notices:
    """Where the widget reports a progress file that could not be used (moved aside), at any time."""

    def __init__(self, store):
        self.store = store
        self.widget = w.HTML()
        self.refresh()

    def refresh(self) -> None:
        shown = "".join(f"<p><strong>{escape(m)}</strong></p>" for m in self.store.warnings)
        self.widget.value = f"<div role='alert'>{shown}</div>" if shown else ""


def quiz_widget(bank, citations_for, store) -> w.Widget:
    answers = store.quiz_answers(bank.id)
    notices = Notices(store)
    score = w.HTML()

    def update_score():
        done = store.quiz_answers(bank.id)
        answered = sum(1 for it in bank.items if it.id in done)
        right = sum(1 for it in bank.items if done.get(it.id, {}).get("correct"))
        score.value = f"<p role='status'>{answered} of {len(bank.items)} answered, {right} correct.</p>"

    boxes = []
    for n, item in enumerate(bank.items, start=1):
        ctl = _ItemWidget(item)
        fb = w.HTML()
        button = w.Button(description="Check answer", button_style="primary")

        def on_check(_, item=item, ctl=ctl, fb=fb):
            response = ctl.read()
            if response is None:
                fb.value = "<p><strong>Choose an answer first.</strong></p>"
                return
            g = grade(item, response)
            store.record_answer(bank.id, item.id, response, g.correct)
            notices.refresh()
            fb.value = feedback_html(item, g, citations_for(item))
            update_score()

        button.on_click(on_check)
        saved = answers.get(item.id)
        if saved:
            try:
                ctl.write(saved["response"])
                fb.value = feedback_html(item, grade(item, saved["response"]), citations_for(item))
            except Exception:  # a saved answer the bank no longer fits: start that item afresh
                pass
        boxes.append(
            w.VBox(
                [
                    w.HTML(f"<h4>Question {n} of {len(bank.items)}</h4>{to_html(item.stem)}"),
                    ctl.box,
                    button,
                    fb,
                ],
                layout=w.Layout(border="1px solid #8a8f98", padding="0.5em", margin="0 0 1em 0"),
            )
        )
    update_score()
    return w.VBox([notices.widget, *boxes, score])


def checklist_widget(checklist, store) -> w.Widget:
    """One checkbox per entry; each tick is saved as its own change, then the boxes show the merged file."""
    notices = Notices(store)
    boxes = {
        e.id: w.Checkbox(value=False, description=e.text, indent=False, layout=w.Layout(width="auto"))
        for e in checklist.items
    }
    score = w.HTML()
    syncing = False

    def show(ticked) -> None:
        nonlocal syncing
        syncing = True
        try:
            for entry_id, box in boxes.items():
                box.value = entry_id in ticked
        finally:
            syncing = False
        done = sum(1 for entry_id in boxes if entry_id in ticked)
        score.value = f"<p role='status'>{done} of {len(boxes)} ticked.</p>"

    def on_change(change, entry_id):
        if syncing:
            return
        store.tick(checklist.id, entry_id, change["new"])
        notices.refresh()
        show(set(store.ticked(checklist.id)))

    for entry_id, box in boxes.items():
        box.observe(lambda change, entry_id=entry_id: on_change(change, entry_id), names="value")
    show(set(store.ticked(checklist.id)))
    notices.refresh()
    return w.VBox(
        [
            notices.widget,
            w.HTML(f"<h4>{escape(checklist.title)}</h4>{to_html(checklist.intro)}"),
            *boxes.values(),
            score,
        ]
    )
