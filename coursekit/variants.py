"""Shuffled variants of a selection of items, and the instructor's key that undoes the shuffle.

A variant fixes, for one student, the order of the items and, inside each item, the displayed order of
options (single/multiple choice), of prompts and match choices (matching) and of steps (ordering). The
student edition records responses in *displayed* numbers; the key maps them back to authored numbers
for grading.
Everything derives from ``random.Random(f"{seed}:{student_id}")``, so a variant is reproducible from the
seed and does not depend on the roster's row order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .permutation import Layout, Permutation, authored_answer, book_layout, drawn_layout

KEY_FORMAT = "coursekit-key"
ANSWERS_FORMAT = "coursekit-answers"


@dataclass
class VariantItem:
    position: int  # 1-based displayed position
    item: object  # schema item
    bank_id: str
    authored_number: int  # 1-based position in the selection (authored order)
    layout: Layout  # how its options, prompts, match choices and steps are shown


@dataclass
class Variant:
    id: str
    student_id: str
    name: str
    items: list[VariantItem]


def make_variant(selected, seed: str, variant_id: str, student_id: str = "", name: str = "", shuffle=True):
    """One student's variant; without ``shuffle``, items in authored order, each laid out as in the book."""
    rng = random.Random(f"{seed}:{student_id or variant_id}")
    numbered = list(enumerate(selected, start=1))
    order = Permutation.drawn(len(numbered), rng) if shuffle else Permutation.identity(len(numbered))
    items = []
    for pos, (authored, sel) in enumerate(order.arrange(numbered), start=1):
        layout = drawn_layout(sel.item, rng) if shuffle else book_layout(sel.item)
        items.append(VariantItem(pos, sel.item, sel.bank.id, authored, layout))
    return Variant(variant_id, student_id, name, items)


def build_key(assignment: str, seed: str, selected, variants) -> dict:
    """The instructor's key: the authored items and, per variant, each item's layout.

    It holds no date or time, so the same command on the same inputs writes the same bytes."""
    return {
        "format": KEY_FORMAT,
        "format_version": 1,
        "assignment": assignment,
        "seed": seed,
        "banks": sorted({s.bank.id for s in selected}),
        "items": {
            s.item.id: {"bank": s.bank.id, "number": n, "item": s.item.model_dump(mode="json")}
            for n, s in enumerate(selected, start=1)
        },
        "variants": {
            v.id: {
                "student_id": v.student_id,
                "name": v.name,
                "items": [
                    {
                        "position": vi.position,
                        "item": vi.item.id,
                        "authored_number": vi.authored_number,
                        "type": vi.item.type,
                        **vi.layout.key_fields(),
                        "correct_displayed": vi.layout.to_displayed(authored_answer(vi.item)),
                        "correct_authored": authored_answer(vi.item),
                    }
                    for vi in v.items
                ],
            }
            for v in variants
        },
    }


def to_authored(entry: dict, response):
    """Translate a student-edition response (displayed numbers) into grading.py's authored shape,
    with the layout the key entry stores. Raises ValueError when a displayed number does not exist."""
    return Layout.from_key(entry).to_authored(response)
