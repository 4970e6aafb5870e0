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

from dataclasses import dataclass
from html import escape
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

    def _repr_mimebundle_(self, include=None, exclude=None):
        n = sum(len(b.items) for b in self.banks)
        return {"text/html": self.html(), "text/plain": f"Review: {escape(str(n))} questions"}
