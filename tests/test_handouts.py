"""Are the client handouts written in plain language (about school grade 8 or below)?"""

import pytest

from .conftest import ROOT
from .readability import flesch_kincaid_grade, syllables

HANDOUTS = sorted(ROOT.glob("book/**/handout-*.md"))


def test_there_are_handouts():
    assert len(HANDOUTS) >= 2


@pytest.mark.parametrize("path", HANDOUTS, ids=lambda p: p.name)
def test_handout_reads_at_grade_8_or_below(path):
    grade = flesch_kincaid_grade(path.read_text(encoding="utf-8"))
    assert grade <= 8.0, f"{path.name} reads at grade {grade:.1f}"


def test_the_measure_can_fail():
    dense = (
        "Chemotherapy-induced peripheral neuropathy necessitates individualised "
        "interdisciplinary management incorporating pharmacological considerations."
    )
    assert flesch_kincaid_grade(dense) > 12
    assert flesch_kincaid_grade("Check your feet. Look for cuts. Dry between your toes.") < 4


@pytest.mark.parametrize("word, n", [("foot", 1), ("therapist", 3), ("neuropathy", 4), ("check", 1)])
def test_syllable_estimate(word, n):
    assert abs(syllables(word) - n) <= 1
