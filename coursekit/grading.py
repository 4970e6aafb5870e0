"""Grade one response to one item. The browser's coursekit.js mirrors these rules.

Response shapes (the same in Python, in the browser and in downloaded answer files):
single_choice: option number (1-based); multiple_select: list of option numbers;
true_false: bool; numeric: number; matching: list of the chosen match text per prompt;
ordering: list of step numbers (1-based, as authored) in the order the student put them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .schema import Matching, MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse

EPSILON = 1e-9


@dataclass
class Grade:
    correct: bool
    # (label, markdown) pairs; labels are words, never colour alone.
    feedback: list[tuple[str, str]] = field(default_factory=list)

    @property
    def score(self) -> int:
        return int(self.correct)


class ResponseError(ValueError):
    """A response of the wrong shape for its item."""


def _int(value, item_id):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ResponseError(f"item '{item_id}': expected an option number, got {value!r}")
    return value


def grade(item, response) -> Grade:
    if response is None:
        raise ResponseError(f"item '{item.id}': no answer given")
    if isinstance(item, SingleChoice):
        choice = _int(response, item.id)
        if not 1 <= choice <= len(item.options):
            raise ResponseError(f"item '{item.id}': option {choice} does not exist")
        ok = choice == item.answer
        return Grade(ok, [("Correct" if ok else "Not correct", item.options[choice - 1].feedback)])
    if isinstance(item, MultipleSelect):
        chosen = {_int(v, item.id) for v in response}
        if any(not 1 <= c <= len(item.options) for c in chosen):
            raise ResponseError(f"item '{item.id}': an option number does not exist")
        right = set(item.answer)
        fb = []
        for n, opt in enumerate(item.options, start=1):
            if n in chosen and n in right:
                fb.append(("Correct choice", opt.feedback))
            elif n in chosen:
                fb.append(("Should not be selected", opt.feedback))
            elif n in right:
                fb.append(("Missed", opt.feedback))
        return Grade(chosen == right, fb)
    if isinstance(item, TrueFalse):
        if not isinstance(response, bool):
            raise ResponseError(f"item '{item.id}': expected true or false, got {response!r}")
        ok = response == item.answer
        text = item.feedback_true if response else item.feedback_false
        return Grade(ok, [("Correct" if ok else "Not correct", text)])
    if isinstance(item, Numeric):
        if isinstance(response, bool) or not isinstance(response, (int, float)):
            raise ResponseError(f"item '{item.id}': expected a number, got {response!r}")
        if not math.isfinite(response):
            raise ResponseError(f"item '{item.id}': expected a finite number")
        ok = abs(response - item.answer) <= item.tolerance + EPSILON
        return Grade(
            ok,
            [("Correct", item.feedback_correct) if ok else ("Not correct", item.feedback_incorrect)],
        )
    if isinstance(item, Matching):
        if not isinstance(response, list) or len(response) != len(item.pairs):
            raise ResponseError(f"item '{item.id}': expected one match for each of {len(item.pairs)} prompts")
        wrong = [p for p, r in zip(item.pairs, response, strict=True) if r != p.match]
        n_ok = len(item.pairs) - len(wrong)
        fb = [("Score", f"{n_ok} of {len(item.pairs)} matched correctly.")]
        fb += [("Not correct", f"{p.prompt}: {p.feedback}") for p in wrong]
        return Grade(not wrong, fb)
    if isinstance(item, Ordering):
        n = len(item.steps)
        if not isinstance(response, list) or len(response) != n:
            raise ResponseError(f"item '{item.id}': expected an order of all {n} steps")
        order = [_int(v, item.id) for v in response]
        if any(not 1 <= v <= n for v in order):
            raise ResponseError(f"item '{item.id}': a step number does not exist")
        wrong = [v for pos, v in enumerate(order, start=1) if v != pos]
        n_ok = n - len(wrong)
        fb = [("Score", f"{n_ok} of {n} steps in the right place.")]
        fb += [("Misplaced", f"{item.steps[v - 1].text}: {item.steps[v - 1].feedback}") for v in wrong]
        return Grade(not wrong, fb)
    raise TypeError(f"not an item: {item!r}")
