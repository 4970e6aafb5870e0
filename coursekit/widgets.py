"""The live-Jupyter form of a quiz or checklist.

A quiz is the book's own front end run through anywidget: coursekit.js (markup, grading, feedback)
and quiz-widget.js over a JSON model; Python keeps the progress file, one checked answer at a time.
A checklist is still ipywidgets.
"""

from __future__ import annotations

from html import escape

import anywidget
import ipywidgets as w
import traitlets

from .grading import ResponseError, grade
from .markdown import to_html
from .static_html import asset, item_model


class Notices:
    """Where the widget reports a progress file that could not be used (moved aside), at any time."""

    def __init__(self, store):
        self.store = store
        self.widget = w.HTML()
        self.refresh()

    def refresh(self) -> None:
        shown = "".join(f"<p><strong>{escape(m)}</strong></p>" for m in self.store.warnings)
        self.widget.value = f"<div role='alert'>{shown}</div>" if shown else ""


class QuizWidget(anywidget.AnyWidget):
    """A quiz in live Jupyter. The browser grades and shows feedback as the book does and sends each
    checked answer as ``change``; Python grades it again (its grade is the one kept), writes it to the
    progress file as its own change, and sends back the merged ``answers`` and any ``notices`` about a
    progress file that could not be used."""

    _esm = asset("coursekit.js") + "\n" + asset("quiz-widget.js")
    _css = asset("coursekit.css")
    quiz = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    notices = traitlets.List(traitlets.Unicode()).tag(sync=True)
    change = traitlets.Dict().tag(sync=True)

    def __init__(self, bank, citations_for, store, **kw):
        n = len(bank.items)
        model = {
            "quiz": bank.id,
            "title": bank.title,
            "intro": f"{n} questions. Your answers are saved in your progress file. "
            "Check each answer to see feedback.",
            "items": [item_model(it, citations_for(it)) for it in bank.items],
        }
        super().__init__(quiz=model, **kw)
        self._bank, self._store = bank, store
        self._items = {it.id: it for it in bank.items}
        self._refresh()
        self.observe(self._on_change, names="change")

    def _refresh(self) -> None:
        """The file's answers to these questions (those the questions still fit), and its notices."""
        kept = {}
        for item_id, saved in self._store.quiz_answers(self._bank.id).items():
            item = self._items.get(item_id)
            if item is None or not isinstance(saved, dict):
                continue
            try:
                kept[item_id] = {**saved, "correct": grade(item, saved.get("response")).correct}
            except (ResponseError, TypeError, ValueError):
                continue
        self.answers = kept
        self.notices = list(self._store.warnings)

    def _on_change(self, change) -> None:
        new = change["new"] or {}
        item = self._items.get(new.get("item"))
        if item is None:
            return
        try:
            g = grade(item, new.get("response"))
        except (ResponseError, TypeError, ValueError):
            return  # not an answer to this question: nothing is written
        self._store.record_answer(self._bank.id, item.id, new["response"], g.correct)
        self._refresh()


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
