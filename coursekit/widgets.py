"""The live-Jupyter form of a quiz, checklist, case or exercise: the book's own front end run through
anywidget.

The browser side is coursekit.js + coursekit-activities.js + widget.js over the book's markup, so every
mode shows the same thing. Python keeps the progress file: each change the browser sends (one answer,
tick, case step or typed prompt) is checked, merged into the file under its lock, and the merged entry
is sent back as ``state``, with ``notices`` about a file that could not be used.
"""

from __future__ import annotations

import anywidget
import traitlets

from .asset_minify import minify
from .grading import ResponseError, grade
from .static_activities import case_html, exercise_html
from .static_html import asset, checklist_html, quiz_html

KEPT_IN = "in your progress file"


class CourseWidget(anywidget.AnyWidget):
    """One thing of the course and its entry of the progress file (``section``/``key``)."""

    # minified as the book serves them: each widget (and each notebook that saves it) carries its own copy
    _esm = minify("x.js", "\n".join(map(asset, ("coursekit.js", "coursekit-activities.js", "widget.js"))))
    _css = minify("coursekit.css", asset("coursekit.css"))
    html = traitlets.Unicode().tag(sync=True)
    state = traitlets.Dict().tag(sync=True)
    notices = traitlets.List(traitlets.Unicode()).tag(sync=True)
    change = traitlets.Dict().tag(sync=True)
    section = ""

    def __init__(self, html: str, key: str, store, **kw):
        super().__init__(html=html, **kw)
        self._key, self._store = key, store
        self._refresh()
        self.observe(self._on_change, names="change")

    def _entry(self, data: dict) -> dict:
        """This thing's entry of the progress ``data``, as the browser keeps it."""
        entry = data[self.section].get(self._key, {})
        return entry if isinstance(entry, dict) else {}

    def _refresh(self, data: dict | None = None) -> None:
        """Send the entry (of ``data`` as just saved, or as the file holds it now) and the notices."""
        self.state = self._entry(self._store.read() if data is None else data)
        self.notices = list(self._store.warnings)

    def _on_change(self, change) -> None:
        new = change["new"] or {}
        if new.get("clear") is True:
            self._refresh(self._store.forget(self.section, self._key))
        else:  # what does not fit the thing is ignored: nothing is written, the file is read again
            self._refresh(self._apply(new))

    def _apply(self, change: dict) -> dict | None:
        """Save ``change`` and return the progress as saved, or None if it does not fit."""
        raise NotImplementedError


class QuizWidget(CourseWidget):
    """Python grades each answer again; its grade is the one kept.

    ``parts`` (item id -> quiz id) draws questions of several part quizzes as one (Review): each answer
    is kept in its own part's entry. ``fresh``: the questions open unanswered and show only what is
    answered here (Review asks again; it does not show the last answer). The other options are
    static_html.quiz_html's (``intro`` replaces the opening line)."""

    section = "quizzes"

    def __init__(self, bank, citations_for, store, *, parts=None, fresh=False, **options):
        self._items = {it.id: it for it in bank.items}
        self._parts = parts or {it.id: bank.id for it in bank.items}
        self._here = set() if fresh else None  # with fresh: the items answered in this widget
        html = quiz_html(bank, citations_for, inline=False, kept_in=KEPT_IN, **options)
        super().__init__(html, bank.id, store)

    def _entry(self, data: dict) -> dict:
        """The file's answers to these questions (those the questions still fit), graded again."""
        quizzes = data["quizzes"]
        kept = {}
        for item_id, part in self._parts.items():
            if self._here is not None and item_id not in self._here:
                continue
            saved = quizzes.get(part, {}).get("items", {}).get(item_id)
            item = self._items.get(item_id)
            if item is None or not isinstance(saved, dict):
                continue
            try:
                kept[item_id] = {**saved, "correct": grade(item, saved.get("response")).correct}
            except (ResponseError, TypeError, ValueError):
                continue
        return {"items": kept}

    def _apply(self, change: dict) -> dict | None:
        item = self._items.get(change.get("item"))
        if item is None:
            return None
        try:
            g = grade(item, change.get("response"))
        except (ResponseError, TypeError, ValueError):
            return None
        confidence = change.get("confidence")
        if self._here is not None:
            self._here.add(item.id)
        return self._store.record_answer(
            self._parts[item.id],
            item.id,
            change["response"],
            g.correct,
            confidence=confidence if confidence in ("low", "medium", "high") else None,
        )


class ChecklistWidget(CourseWidget):
    section = "checklists"

    def __init__(self, checklist, store, **kw):
        self._entries = {e.id for e in checklist.items}
        super().__init__(checklist_html(checklist, inline=False), checklist.id, store, **kw)

    def _apply(self, change: dict) -> dict | None:
        if change.get("entry") in self._entries and isinstance(change.get("ticked"), bool):
            return self._store.tick(self._key, change["entry"], change["ticked"])
        return None


def _path(value, steps) -> list | None:
    """``value`` as a list of [step id, choice] the case has, or None."""
    if not isinstance(value, list):
        return None
    out = []
    for p in value:
        if not (isinstance(p, list) and len(p) == 2 and p[0] in steps and isinstance(p[1], int)):
            return None
        if not 0 <= p[1] < len(steps[p[0]].choices):
            return None
        out.append(p)
    return out


class CaseWidget(CourseWidget):
    section = "cases"

    def __init__(self, case, citations, store, **kw):
        self._steps = {s.id: s for s in case.steps}
        super().__init__(case_html(case, citations, inline=False), case.id, store, **kw)

    def _apply(self, change: dict) -> dict | None:
        before, step = _path(change.get("before"), self._steps), _path([change.get("step")], self._steps)
        if before is None or step is None:
            return None
        finished = self._steps[step[0][0]].choices[step[0][1]].next == "end"
        return self._store.case_step(self._key, before, step[0], finished=finished)


class ExerciseWidget(CourseWidget):
    section = "exercises"

    def __init__(self, ex, citations, store, **kw):
        self._prompts = {p.id for p in ex.prompts}
        super().__init__(exercise_html(ex, citations, inline=False), ex.id, store, **kw)

    def _apply(self, change: dict) -> dict | None:
        answers = change.get("answers")
        if not isinstance(answers, dict):
            return None
        kept = {k: v for k, v in answers.items() if k in self._prompts and isinstance(v, str)}
        return self._store.save_exercise(self._key, kept, submitted=change.get("submitted") is True)
