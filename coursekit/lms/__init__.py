"""Exports of selected items to learning-management-system formats (GIFT, Moodle XML, QTI 1.2)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Skipped:
    item_id: str
    item_type: str
    reason: str


def fmt_num(x: float) -> str:
    """A number in plain decimal notation (no exponent, which GIFT readers do not accept)."""
    if float(x).is_integer():
        return str(int(x))
    return format(Decimal(repr(float(x))), "f")


def unit_note(item) -> str:
    """The stem, with a numeric item's unit named, for formats that have no unit field."""
    unit = getattr(item, "unit", "")
    return f"{item.stem}\n\n(Answer in {unit}.)" if unit else item.stem


_MOODLE_FRACTIONS = [
    100,
    90,
    83.33333,
    80,
    75,
    70,
    66.66667,
    60,
    50,
    40,
    33.33333,
    30,
    25,
    20,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10,
    5,
]


def moodle_percent(n: int) -> str:
    """The Moodle grade fraction (percent) closest to 100/n, as Moodle accepts only its listed ones."""
    want = 100 / max(n, 1)
    return f"{min(_MOODLE_FRACTIONS, key=lambda a: abs(a - want)):g}"
