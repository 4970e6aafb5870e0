"""One item with its options, pairs or steps in a shuffled order, and the mapping back.

``shuffled(item, seed)`` is pure: the same item and seed always give the same result, and
nothing about which answer is correct changes. Responses to the shuffled item are in
*displayed* numbers; ``Shuffled.to_authored`` turns one into the authored shape that
``coursekit.grading.grade`` reads, and ``Shuffled.to_displayed`` goes the other way.

- single_choice / multiple_select: ``item`` has its options permuted and ``answer`` renumbered
  (a response to it grades exactly as the authored response grades the authored item).
- matching: ``item`` has its pairs (prompts) permuted; a response lists one match per
  displayed prompt.
- ordering: the schema keeps steps in their correct order, so ``item`` is unchanged; ``order``
  is the order the steps are offered in and a response lists displayed step numbers.
- true_false / numeric: nothing to shuffle; ``order`` is empty.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .schema import Matching, MultipleSelect, Ordering, SingleChoice


def in_authored_order(per_displayed: list, order) -> list:
    """Values listed per displayed position, rearranged per authored position.

    ``order`` maps each displayed position (index) to its authored number (1-based), as
    ``Shuffled.order`` and a variant's matching ``prompts`` do.
    """
    out = [None] * len(order)
    for displayed, value in enumerate(per_displayed):
        out[order[displayed] - 1] = value
    return out


@dataclass(frozen=True)
class Shuffled:
    item: object
    order: tuple[int, ...]  # displayed position (index) -> authored number (1-based)

    def _authored(self, d: int) -> int:
        if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= len(self.order):
            raise ValueError(f"displayed number {d!r} does not exist")
        return self.order[d - 1]

    def _displayed(self, a: int) -> int:
        return self.order.index(a) + 1

    def to_authored(self, response):
        """A response to the shuffled item, as a response to the authored item."""
        it = self.item
        if isinstance(it, SingleChoice):
            return self._authored(response)
        if isinstance(it, MultipleSelect):
            return [self._authored(d) for d in response]
        if isinstance(it, Matching):
            return in_authored_order(response, self.order)
        if isinstance(it, Ordering):
            return [self._authored(d) for d in response]
        return response

    def to_displayed(self, response):
        """A response to the authored item, as a response to the shuffled item."""
        it = self.item
        if isinstance(it, SingleChoice):
            return self._displayed(response)
        if isinstance(it, MultipleSelect):
            return [self._displayed(a) for a in response]
        if isinstance(it, Matching):
            return [response[a - 1] for a in self.order]
        if isinstance(it, Ordering):
            return [self._displayed(a) for a in response]
        return response


def _permutation(n: int, rng: random.Random) -> tuple[int, ...]:
    order = list(range(1, n + 1))
    rng.shuffle(order)
    return tuple(order)


def shuffled(item, seed) -> Shuffled:
    """The item with its options/pairs/steps permuted (reproducibly from ``seed`` and the item id)."""
    rng = random.Random(f"{seed}:{item.id}")
    if isinstance(item, (SingleChoice, MultipleSelect)):
        order = _permutation(len(item.options), rng)
        options = [item.options[a - 1] for a in order]
        if isinstance(item, SingleChoice):
            answer = order.index(item.answer) + 1
        else:
            answer = sorted(order.index(a) + 1 for a in item.answer)
        return Shuffled(item.model_copy(update={"options": options, "answer": answer}), order)
    if isinstance(item, Matching):
        order = _permutation(len(item.pairs), rng)
        pairs = [item.pairs[a - 1] for a in order]
        return Shuffled(item.model_copy(update={"pairs": pairs}), order)
    if isinstance(item, Ordering):
        return Shuffled(item, _permutation(len(item.steps), rng))
    return Shuffled(item, ())
