"""The one permutation model: the order a student sees things in, and the way back for grading.

A ``Permutation`` lists, per displayed position, the authored number (1-based) shown there. A
``Layout`` holds one item's permutations: its options (single choice, multiple select), its match
prompts and the displayed match choices (matching), its steps (ordering). Every front end and every
key uses a layout:

- ``book_layout(item)``: the book, live Jupyter and student editions made without shuffling. Options
  and prompts in authored order, match choices alphabetical, ordering steps in a stable order derived
  from the item id.
- ``drawn_layout(item, rng)``: a student's variant (``coursekit assign``), every order drawn from
  ``rng``; also ``Permutation.drawn`` for the order of the items and the ``--count`` draw.
- ``Layout.key_fields()`` / ``Layout.from_key(entry)``: the instructor's key stores the layout.
- ``Layout.to_authored(response)`` turns a response given in displayed order (displayed option and
  step numbers; per displayed prompt, the match text chosen) into the authored response that
  ``coursekit.grading.grade`` reads; ``to_displayed`` goes the other way.

Ordering steps are never offered in their correct order when there is any other order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .schema import Matching, MultipleSelect, Ordering, SingleChoice


def _number(displayed, n: int):
    """A displayed number 1..n (or None), else ValueError."""
    if displayed is not None and (
        isinstance(displayed, bool) or not isinstance(displayed, int) or not 1 <= displayed <= n
    ):
        raise ValueError(f"displayed number {displayed!r} does not exist")
    return displayed


@dataclass(frozen=True)
class Permutation:
    order: tuple[int, ...]  # displayed position (index) -> authored number (1-based)

    @classmethod
    def identity(cls, n: int) -> Permutation:
        return cls(tuple(range(1, n + 1)))

    @classmethod
    def drawn(cls, n: int, rng: random.Random) -> Permutation:
        """A uniformly random permutation of n (``rng.shuffle``, so one draw per call)."""
        order = list(range(1, n + 1))
        rng.shuffle(order)
        return cls(tuple(order))

    def __len__(self) -> int:
        return len(self.order)

    def not_identity(self) -> Permutation:
        """This permutation, rotated by one if it would show everything in authored order."""
        if len(self) > 1 and self.order == tuple(range(1, len(self) + 1)):
            return Permutation(self.order[1:] + self.order[:1])
        return self

    def authored(self, displayed):
        """The authored number shown at a displayed number (None stays None: not answered)."""
        d = _number(displayed, len(self))
        return None if d is None else self.order[d - 1]

    def displayed(self, authored: int) -> int:
        return self.order.index(authored) + 1

    def arrange(self, authored_values) -> list:
        """Values listed per authored position, listed per displayed position."""
        values = list(authored_values)
        return [values[a - 1] for a in self.order]

    def restore(self, displayed_values) -> list:
        """Values listed per displayed position, listed per authored position (``arrange`` undone)."""
        out = [None] * len(self)
        for d, value in enumerate(displayed_values):
            out[self.order[d] - 1] = value
        return out


@dataclass(frozen=True)
class Layout:
    type: str
    options: Permutation | None = None  # single_choice, multiple_select
    prompts: Permutation | None = None  # matching (None in keys written before prompts were shuffled)
    choices: tuple[str, ...] = ()  # matching: the displayed match choices
    steps: Permutation | None = None  # ordering

    def __hash__(self) -> int:  # computed once: layouts are looked up per student and item
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash((self.type, self.options, self.prompts, self.choices, self.steps))
            self.__dict__["_hash"] = h
        return h

    def key_fields(self) -> dict:
        fields = {
            "options": self.options and list(self.options.order),
            "choices": list(self.choices),
            "prompts": self.prompts and list(self.prompts.order),
            "steps": self.steps and list(self.steps.order),
        }
        return {k: v for k, v in fields.items() if v}

    @classmethod
    def from_key(cls, entry: dict) -> Layout:
        def perm(name):
            return Permutation(tuple(entry[name])) if entry.get(name) else None

        return cls(
            entry["type"], perm("options"), perm("prompts"), tuple(entry.get("choices", ())), perm("steps")
        )

    def _choice(self, chosen):
        """A match choice as the student edition records it: its text (or None); a displayed number
        1..n, as student editions recorded it before they were drawn with the book's markup."""
        if isinstance(chosen, str):
            if chosen not in self.choices:
                raise ValueError(f"choice {chosen!r} is not offered")
            return chosen
        d = _number(chosen, len(self.choices))
        return None if d is None else self.choices[d - 1]

    def to_authored(self, response):
        """A response in displayed order (option and step numbers; match texts per displayed prompt,
        or displayed choice numbers as older student editions wrote them), as grading.py's authored
        response.

        Raises ValueError when a displayed number does not exist or the shape is wrong.
        """
        if self.type == "single_choice":
            return self.options.authored(response)
        if self.type == "multiple_select":
            if not isinstance(response, list):
                raise ValueError("expected a list of option numbers")
            return [self.options.authored(d) for d in response]
        if self.type == "matching":
            if not isinstance(response, list):
                raise ValueError("expected a list of choices")
            texts = [self._choice(c) for c in response]
            if self.prompts is None:
                return texts
            if len(texts) != len(self.prompts):
                raise ValueError(f"expected {len(self.prompts)} matches, one per prompt")
            return self.prompts.restore(texts)
        if self.type == "ordering":
            if not isinstance(response, list):
                raise ValueError("expected a list of steps")
            return [self.steps.authored(d) for d in response]
        return response

    def to_displayed(self, response):
        """An authored response, as the student edition records it (see ``to_authored``)."""
        if self.type == "single_choice":
            return self.options.displayed(response)
        if self.type == "multiple_select":
            return sorted(self.options.displayed(a) for a in response)
        if self.type == "matching":
            return list(response if self.prompts is None else self.prompts.arrange(response))
        if self.type == "ordering":
            return [self.steps.displayed(a) for a in response]
        return response


def authored_answer(item):
    """The correct response to an item, in grading.py's authored shape."""
    if isinstance(item, Matching):
        return [p.match for p in item.pairs]
    if isinstance(item, Ordering):
        return list(range(1, len(item.steps) + 1))
    return item.answer


def book_layout(item) -> Layout:
    """How the book (and live Jupyter) shows an item: the same for every reader."""
    if isinstance(item, (SingleChoice, MultipleSelect)):
        return Layout(item.type, options=Permutation.identity(len(item.options)))
    if isinstance(item, Matching):
        choices = sorted([p.match for p in item.pairs] + list(item.distractors), key=str.casefold)
        return Layout(item.type, prompts=Permutation.identity(len(item.pairs)), choices=tuple(choices))
    if isinstance(item, Ordering):
        steps = Permutation.drawn(len(item.steps), random.Random(f"book:{item.id}")).not_identity()
        return Layout(item.type, steps=steps)
    return Layout(item.type)


def drawn_layout(item, rng: random.Random) -> Layout:
    """A student's own layout of an item: every order drawn from ``rng`` (choices before prompts)."""
    if isinstance(item, (SingleChoice, MultipleSelect)):
        return Layout(item.type, options=Permutation.drawn(len(item.options), rng))
    if isinstance(item, Matching):
        texts = [p.match for p in item.pairs] + list(item.distractors)
        choices = Permutation.drawn(len(texts), rng).arrange(texts)
        return Layout(item.type, prompts=Permutation.drawn(len(item.pairs), rng), choices=tuple(choices))
    if isinstance(item, Ordering):
        return Layout(item.type, steps=Permutation.drawn(len(item.steps), rng).not_identity())
    return Layout(item.type)
