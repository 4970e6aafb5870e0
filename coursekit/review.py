"""Review: spaced retrieval across the whole course (the book page ``book/review.md``).

Every question a student has answered (in a part quiz, a Check yourself or Review itself) comes back
on a Leitner schedule: an item answered wrong is due again at once (box 0); each right answer moves it
up a box, due again after 1, 3, 7 and 21 days. A session offers up to ``SESSION`` due items. In the
book the schedule lives in the browser (``coursekit:review``, with a log of answers and the confidence
the student gave) and travels with *Export all my progress*; review.js keeps it. ``schedule`` and
``due`` are the same rules in Python, tested against the JavaScript.

Confidence marking (Gardner-Medwin's certainty-based marks): before checking, the student says how
sure they are; right answers score 1, 2 or 3 and wrong ones 0, -2 or -6 for low, medium and high.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .banks import load_bank
from .references import bib_keys, citation
from .static_html import LOCAL_STORAGE_PREFIX, _json_for_script, asset, inline_assets, item_model

INTERVALS_DAYS = (0, 1, 3, 7, 21)
SESSION = 10
CBM = {"low": (1, 0), "medium": (2, -2), "high": (3, -6)}  # (right, wrong)
DAY_MS = 86_400_000


def cbm_mark(correct: bool, confidence: str) -> int:
    right, wrong = CBM[confidence]
    return right if correct else wrong


@dataclass(frozen=True)
class Slot:
    box: int
    last: int  # ms since the epoch
    due: int


def schedule(previous: Slot | None, correct: bool, at: int) -> Slot:
    """Where an item goes after an answer at ``at`` (ms): up a box if right, back to box 0 if wrong."""
    box = min((previous.box if previous else 0) + 1, len(INTERVALS_DAYS) - 1) if correct else 0
    return Slot(box, at, at + INTERVALS_DAYS[box] * DAY_MS)


def due(slots: dict[str, Slot], now: int) -> list[str]:
    """The item ids due at ``now``, longest overdue first (then by id), as a session takes them."""
    return [i for i, s in sorted(slots.items(), key=lambda kv: (kv[1].due, kv[0])) if s.due <= now]


def review_item(item, bank_id: str) -> dict:
    """What review.js needs to show and grade one item: item_model with its citations by key (the
    page holds each citation once)."""
    d = item_model(item, [])
    del d["citations"]
    d["cites"] = list(item.references)
    d["bank"] = bank_id
    return d


class Review:
    """The Review page: every item of every bank, scheduled in the browser by review.js."""

    def __init__(self, root: Path | None = None):
        from .display import project_root

        root = root or project_root()
        bib = root / "references.bib"
        keys = bib_keys(bib)
        self.banks = [load_bank(p, keys) for p in sorted((root / "exercises").glob("*-quiz.yml"))]
        self.bib = bib

    def data(self) -> dict:
        return {
            "intervals": list(INTERVALS_DAYS),
            "session": SESSION,
            "cbm": CBM,
            "banks": {
                b.id: {"title": b.title, "key": f"{LOCAL_STORAGE_PREFIX}quiz:{b.id}"} for b in self.banks
            },
            "items": [review_item(it, b.id) for b in self.banks for it in b.items],
            "citations": {
                k: citation(self.bib, k)
                for k in sorted({k for b in self.banks for it in b.items for k in it.references})
            },
        }

    def html(self) -> str:
        n = sum(len(b.items) for b in self.banks)
        style = f"<style>{asset('coursekit.css')}</style>" if inline_assets() else ""
        scripts = (
            f"<script>{asset('coursekit.js')}</script><script>{asset('review.js')}</script>"
            if inline_assets()
            else ""
        )
        return "\n".join(
            p
            for p in [
                style,
                f'<div class="ck-review" id="ck-review" data-storage-key="{LOCAL_STORAGE_PREFIX}review">',
                '<p class="ck-notice" role="alert" hidden></p>',
                '<p class="ck-review-status" role="status" aria-live="polite">'
                f"Review reads your answers to the course's {n} questions from this browser when the page "
                "opens.</p>",
                '<p><label class="ck-option"><input type="checkbox" class="ck-review-confidence" checked> '
                "<span>Ask how sure I am before I check each answer here</span></label>"
                '<label class="ck-option"><input type="checkbox" class="ck-review-confidence-all"> '
                "<span>Ask how sure I am in the part quizzes and Check yourself too</span></label></p>",
                '<div class="ck-review-session"></div>',
                '<p><button type="button" class="ck-review-next" hidden>Start the next session</button></p>',
                f'<script type="application/json" class="ck-data">{_json_for_script(self.data())}</script>',
                f"{scripts}</div>",
            ]
            if p
        )

    # ---- live Jupyter: the same schedule, kept in the progress file ----

    def sync(self, store, now_ms: int) -> dict[str, Slot]:
        """The schedule in the progress file, moved on by quiz answers newer than it (as review.js does)."""
        data = store.read()
        known = {it.id for b in self.banks for it in b.items}
        slots = {i: Slot(s["box"], s["last"], s["due"]) for i, s in data["review"].items() if i in known}
        changed = {}
        for quiz in data["quizzes"].values():
            for item, a in quiz.get("items", {}).items():
                at = _ms(a.get("saved_at"))
                if item not in known or at is None or not isinstance(a.get("correct"), bool) or at > now_ms:
                    continue
                if item not in slots or at > slots[item].last:
                    slots[item] = changed[item] = schedule(slots.get(item), a["correct"], at)
        if changed:
            store.review_slots({i: vars(s) for i, s in changed.items()})
        return slots

    def widget(self, store=None, now_ms: int | None = None):
        """Live Jupyter: up to SESSION due questions as one quiz widget, opening with the schedule's
        status; each answer goes to its part quiz's entry of the progress file."""
        from .progress import ProgressStore
        from .widgets import QuizWidget

        store = store or ProgressStore()
        now_ms = int(time.time() * 1000) if now_ms is None else now_ms
        slots = self.sync(store, now_ms)
        session = due(slots, now_ms)[:SESSION]
        part_of = {it.id: (it, b) for b in self.banks for it in b.items}
        session_bank = self.banks[0].model_copy(
            update={"id": "review", "title": "Review", "items": [part_of[i][0] for i in session]}
        )
        return QuizWidget(
            session_bank,
            lambda item: [citation(self.bib, key) for key in item.references],
            store,
            parts={i: part_of[i][1].id for i in session},
            intro=self.status(slots, now_ms, len(session)),
            fresh=True,  # asked again, as in the book: the last answer is not shown
            reset=False,
            confidence=True,  # as the book's Review asks, by default
        )

    @staticmethod
    def status(slots: dict[str, Slot], now_ms: int, shown: int) -> str:
        n = len(due(slots, now_ms))
        if not slots:
            return (
                "Nothing to review yet. Answer questions in the part quizzes or a chapter's Check yourself: "
                "Review brings them back here on a schedule."
            )
        if shown:
            return f"{n} question{' is' if n == 1 else 's are'} due now; this session shows {shown}."
        later = min((s.due for s in slots.values() if s.due > now_ms), default=None)
        when = time.strftime("%A %d %B, %H:%M", time.localtime(later / 1000)) if later else ""
        return "Nothing is due now." + (f" The next question is due on {when}." if later else "")

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .display import _bundle

        n = sum(len(b.items) for b in self.banks)
        if not inline_assets():  # the book's build kernels: the page needs only the HTML, and the
            return {
                "text/html": self.html(),
                "text/plain": f"Review: {n} questions",
            }  # builder's file stays untouched
        return _bundle(self.widget, self.html(), f"Review: {n} questions")


def _ms(stamp) -> int | None:
    """Milliseconds since the epoch of a saved_at stamp (the progress file's local time, or ISO with Z)."""
    if not isinstance(stamp, str):
        return None
    import datetime as dt

    try:
        t = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return int((t if t.tzinfo else t.astimezone()).timestamp() * 1000)
