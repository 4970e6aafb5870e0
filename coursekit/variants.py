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
from dataclasses import dataclass, field

from .schema import Matching, MultipleSelect, Ordering, SingleChoice
from .shuffle import in_authored_order

KEY_FORMAT = "coursekit-key"
ANSWERS_FORMAT = "coursekit-answers"


@dataclass
class VariantItem:
    position: int  # 1-based displayed position
    item: object  # schema item
    bank_id: str
    authored_number: int  # 1-based position in the selection (authored order)
    options: list[int] = field(default_factory=list)  # displayed -> authored option number
    choices: list[str] = field(default_factory=list)  # displayed match choices (texts)
    prompts: list[int] = field(default_factory=list)  # displayed -> authored pair number (matching)
    steps: list[int] = field(default_factory=list)  # displayed -> authored step number


@dataclass
class Variant:
    id: str
    student_id: str
    name: str
    items: list[VariantItem]


def _shuffled(rng: random.Random, seq):
    seq = list(seq)
    rng.shuffle(seq)
    return seq


def make_variant(selected, seed: str, variant_id: str, student_id: str = "", name: str = "", shuffle=True):
    rng = random.Random(f"{seed}:{student_id or variant_id}")
    numbered = list(enumerate(selected, start=1))
    order = _shuffled(rng, numbered) if shuffle else numbered
    items = []
    for pos, (authored, sel) in enumerate(order, start=1):
        it = sel.item
        vi = VariantItem(pos, it, sel.bank.id, authored)
        if isinstance(it, (SingleChoice, MultipleSelect)):
            nums = range(1, len(it.options) + 1)
            vi.options = _shuffled(rng, nums) if shuffle else list(nums)
        elif isinstance(it, Matching):
            texts = [p.match for p in it.pairs] + list(it.distractors)
            vi.choices = _shuffled(rng, texts) if shuffle else sorted(texts, key=str.casefold)
            nums = range(1, len(it.pairs) + 1)
            vi.prompts = _shuffled(rng, nums) if shuffle else list(nums)
        elif isinstance(it, Ordering):
            nums = range(1, len(it.steps) + 1)
            vi.steps = _shuffled(rng, nums) if shuffle else list(nums)
        items.append(vi)
    return Variant(variant_id, student_id, name, items)


def _correct_displayed(vi: VariantItem):
    it = vi.item
    if isinstance(it, SingleChoice):
        return vi.options.index(it.answer) + 1
    if isinstance(it, MultipleSelect):
        return sorted(vi.options.index(a) + 1 for a in it.answer)
    if isinstance(it, Matching):  # per displayed prompt, the displayed number of its match
        return [vi.choices.index(it.pairs[a - 1].match) + 1 for a in vi.prompts]
    if isinstance(it, Ordering):
        return [vi.steps.index(n) + 1 for n in range(1, len(it.steps) + 1)]
    return it.answer


def build_key(assignment: str, seed: str, selected, variants) -> dict:
    """The instructor's key: the authored items and, per variant, displayed -> authored mappings.

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
                        **({"options": vi.options} if vi.options else {}),
                        **({"choices": vi.choices} if vi.choices else {}),
                        **({"prompts": vi.prompts} if vi.prompts else {}),
                        **({"steps": vi.steps} if vi.steps else {}),
                        "correct_displayed": _correct_displayed(vi),
                        "correct_authored": _authored_answer(vi.item),
                    }
                    for vi in v.items
                ],
            }
            for v in variants
        },
    }


def _authored_answer(it):
    if isinstance(it, Matching):
        return [p.match for p in it.pairs]
    if isinstance(it, Ordering):
        return list(range(1, len(it.steps) + 1))
    return it.answer


def to_authored(entry: dict, response):
    """Translate a student-edition response (displayed numbers) into grading.py's authored shape.

    Raises ValueError when a displayed number does not exist.
    """
    kind = entry["type"]

    def pick(table, d):
        if d is None:
            return None
        if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= len(table):
            raise ValueError(f"displayed number {d!r} does not exist")
        return table[d - 1]

    if kind == "single_choice":
        return pick(entry["options"], response)
    if kind == "multiple_select":
        if not isinstance(response, list):
            raise ValueError("expected a list of option numbers")
        return [pick(entry["options"], d) for d in response]
    if kind == "matching":
        if not isinstance(response, list):
            raise ValueError("expected a list of choices")
        chosen = [pick(entry["choices"], d) for d in response]
        prompts = entry.get("prompts")  # keys written before prompts were shuffled have none
        if not prompts:
            return chosen
        if len(chosen) != len(prompts):
            raise ValueError(f"expected {len(prompts)} matches, one per prompt")
        return in_authored_order(chosen, prompts)
    if kind == "ordering":
        if not isinstance(response, list):
            raise ValueError("expected a list of steps")
        return [pick(entry["steps"], d) for d in response]
    return response
