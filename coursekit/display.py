"""Quiz, Checklist, Case and Exercise objects: one output carrying the widget and the static HTML."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .banks import load_bank, load_cases, load_checklists, load_exercises
from .progress import ProgressStore
from .references import bib_keys, citation
from .static_activities import case_html, exercise_html
from .static_html import checklist_html, quiz_html


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) holding ``_toc.yml``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file():
            return folder
    raise FileNotFoundError(f"no _toc.yml found in {here} or any folder above it")


def _bundle(widget_factory, html: str, plain: str) -> dict:
    bundle = {}
    try:
        shown = widget_factory()._repr_mimebundle_()
    except ImportError:  # no ipywidgets/anywidget installed: the HTML alone still works
        shown = {}
    bundle.update(shown[0] if isinstance(shown, tuple) else shown)  # anywidget's is (data, metadata)
    bundle["text/html"] = html
    bundle["text/plain"] = plain
    return bundle


class Quiz:
    def __init__(self, bank_path, bib_path=None, store: ProgressStore | None = None):
        root = project_root(Path(bank_path).resolve().parent)
        self.bib_path = Path(bib_path) if bib_path else root / "references.bib"
        self.bank = load_bank(bank_path, bib_keys(self.bib_path))
        self.store = store

    @classmethod
    def for_part(cls, part: str, **kw) -> Quiz:
        return cls(project_root() / "exercises" / f"{part}-quiz.yml", **kw)

    def citations_for(self, item) -> list[dict]:
        return [citation(self.bib_path, key) for key in item.references]

    def html(self) -> str:
        return quiz_html(self.bank, self.citations_for)

    def widget(self):
        from .widgets import QuizWidget

        return QuizWidget(
            self.bank,
            self.citations_for,
            self.store or ProgressStore(),
            check_yourself=isinstance(self, CheckYourself),
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return _bundle(
            self.widget, self.html(), f"Quiz: {self.bank.title} ({len(self.bank.items)} questions)"
        )


CHECK_YOURSELF_MAX = 4


class CheckYourself(Quiz):
    """A chapter's Check yourself: 2 to 4 items of its part's bank tagged with the chapter.

    Answers go where the part quiz keeps them (the same browser key, the same progress-file entry),
    so they count in the part quiz and in My progress."""

    def __init__(self, bank_path, chapter: str, **kw):
        super().__init__(bank_path, **kw)
        tagged = [it for it in self.bank.items if it.chapter == chapter]
        if len(tagged) < 2:
            raise ValueError(
                f"{bank_path}: Check yourself for chapter '{chapter}' needs at least 2 items tagged "
                f"'chapter: {chapter}'; found {len(tagged)}"
            )
        picked = sorted(tagged, key=lambda it: hashlib.sha256(f"{chapter}:{it.id}".encode()).hexdigest())
        picked = sorted(picked[:CHECK_YOURSELF_MAX], key=tagged.index)  # the bank's order
        self.chapter = chapter
        self.part_title = self.bank.title
        self.bank = self.bank.model_copy(update={"items": picked})

    @classmethod
    def for_chapter(cls, part: str, chapter: str, **kw) -> CheckYourself:
        return cls(project_root() / "exercises" / f"{part}-quiz.yml", chapter, **kw)

    def html(self) -> str:
        return quiz_html(self.bank, self.citations_for, check_yourself=True)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return _bundle(self.widget, self.html(), f"Check yourself: {len(self.bank.items)} questions")


class Checklist:
    def __init__(self, path, checklist_id: str, store: ProgressStore | None = None):
        root = project_root(Path(path).resolve().parent)
        doc = load_checklists(path, bib_keys(root / "references.bib"))
        matches = [c for c in doc.checklists if c.id == checklist_id]
        if not matches:
            raise KeyError(
                f"{path}: no checklist '{checklist_id}'; it has: " + ", ".join(c.id for c in doc.checklists)
            )
        self.checklist = matches[0]
        self.store = store

    @classmethod
    def for_part(cls, part: str, checklist_id: str, **kw) -> Checklist:
        return cls(project_root() / "exercises" / f"{part}-checklists.yml", checklist_id, **kw)

    def html(self) -> str:
        return checklist_html(self.checklist)

    def widget(self):
        from .widgets import ChecklistWidget

        return ChecklistWidget(self.checklist, self.store or ProgressStore())

    def _repr_mimebundle_(self, include=None, exclude=None):
        c = self.checklist
        return _bundle(self.widget, self.html(), f"Checklist: {c.title} ({len(c.items)} items)")


class _Activity:
    """A case or an open exercise: one entry of a YAML file, shown as widget and static HTML."""

    loader = None  # the file's loader (coursekit.banks)
    render = None  # its static HTML (coursekit.static_activities)
    widget_name = ""  # its widget in coursekit.widgets, imported only when shown (anywidget may be missing)
    suffix = ""
    list_key = ""
    label = ""

    def __init__(self, path, entry_id: str, store: ProgressStore | None = None):
        root = project_root(Path(path).resolve().parent)
        self.bib_path = root / "references.bib"
        doc = type(self).loader(path, bib_keys(self.bib_path))
        entries = getattr(doc, self.list_key)
        matches = [e for e in entries if e.id == entry_id]
        if not matches:
            raise KeyError(
                f"{path}: no {self.label} '{entry_id}'; it has: " + ", ".join(e.id for e in entries)
            )
        self.entry = matches[0]
        self.store = store

    @classmethod
    def for_part(cls, part: str, entry_id: str, **kw):
        return cls(project_root() / "exercises" / f"{part}-{cls.suffix}.yml", entry_id, **kw)

    def citations(self) -> list[dict]:
        return [citation(self.bib_path, key) for key in self.entry.references]

    def html(self) -> str:
        return type(self).render(self.entry, self.citations())

    def widget(self):
        from . import widgets

        make = getattr(widgets, self.widget_name)
        return make(self.entry, self.citations(), self.store or ProgressStore())

    def _repr_mimebundle_(self, include=None, exclude=None):
        return _bundle(self.widget, self.html(), f"{self.label.capitalize()}: {self.entry.title}")


class Case(_Activity):
    loader, render = staticmethod(load_cases), staticmethod(case_html)
    suffix, list_key, label, widget_name = "cases", "cases", "case study", "CaseWidget"


class Exercise(_Activity):
    loader, render = staticmethod(load_exercises), staticmethod(exercise_html)
    suffix, list_key, label, widget_name = "exercises", "exercises", "exercise", "ExerciseWidget"
