"""Shuffled variants of a selection of items, and the instructor's key that undoes the shuffle.

A variant fixes, for one student, the order of the items and, inside each item, the displayed order of
options (single/multiple choice), of prompts and match choices (matching) and of steps (ordering). The
student edition records responses in *displayed* order (see ``Layout.to_authored``); the key maps them
back to authored numbers for grading.
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


KEY_VERSION = 2  # version 1 (one full entry per student and item) is still read


def build_key(assignment: str, seed: str, selected, variants) -> dict:
    """The instructor's key (format_version 2): each item once, with the distinct layouts students
    were given; per variant, the items' authored numbers in displayed order and each one's layout.

    Per item, ``layouts`` lists every distinct layout (in the order first drawn) with its
    ``correct_displayed`` answer; a variant's ``order[k]`` is the authored number of the item shown
    at position k + 1 and ``layouts[k]`` the index of its layout in that item's list.
    It holds no date or time, so the same command on the same inputs writes the same bytes."""
    seen: dict[str, dict[Layout, int]] = {s.item.id: {} for s in selected}
    doc_variants = {}
    for v in variants:
        indexes = []
        for vi in v.items:
            known = seen[vi.item.id]
            indexes.append(known.setdefault(vi.layout, len(known)))
        doc_variants[v.id] = {
            "student_id": v.student_id,
            "name": v.name,
            "order": [vi.authored_number for vi in v.items],
            "layouts": indexes,
        }
    items = {}
    for n, s in enumerate(selected, start=1):
        correct, known = authored_answer(s.item), seen[s.item.id]
        items[s.item.id] = {
            "bank": s.bank.id,
            "number": n,
            "item": s.item.model_dump(mode="json"),
            "correct_authored": correct,
            "layouts": [{**k.key_fields(), "correct_displayed": k.to_displayed(correct)} for k in known],
        }
    return {
        "format": KEY_FORMAT,
        "format_version": KEY_VERSION,
        "assignment": assignment,
        "seed": seed,
        "banks": sorted({s.bank.id for s in selected}),
        "items": items,
        "variants": doc_variants,
    }


def variant_entries(key: dict, variant_id: str) -> list[dict]:
    """One variant of a key (format_version 1 or 2), one entry per displayed item as version 1 wrote
    it: position, item, authored_number, type, the layout fields, correct_displayed, correct_authored."""
    v = key["variants"][variant_id]
    if key.get("format_version") == 1:
        return v["items"]
    by_number = sorted(key["items"].items(), key=lambda kv: kv[1]["number"])
    out = []
    for pos, (number, lay) in enumerate(zip(v["order"], v["layouts"], strict=True), start=1):
        iid, item = by_number[number - 1]
        fields = item["layouts"][lay]
        out.append(
            {
                "position": pos,
                "item": iid,
                "authored_number": number,
                "type": item["item"]["type"],
                **fields,
                "correct_authored": item["correct_authored"],
            }
        )
    return out


def to_authored(entry: dict, response):
    """Translate a student-edition response (displayed order) into grading.py's authored shape,
    with the layout the key entry stores. Raises ValueError when a displayed number does not exist."""
    return Layout.from_key(entry).to_authored(response)
