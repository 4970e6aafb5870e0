"""Can the questions be answered without the knowledge? (issue 15: answer cues)

A test-wise student picks the longest option and answers "false". On a planted bank that strategy
scores 100%; on every bank and case file of the course it must score about what guessing scores.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner

from coursekit.banks import load_any, load_bank
from coursekit.cli import main
from coursekit.cues import bank_cues, cues_for

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COURSE = sorted(p for p in (ROOT / "exercises").glob("*.yml") if p.name.endswith(("-quiz.yml", "-cases.yml")))


def test_a_cued_bank_is_caught():
    report = bank_cues(load_bank(FIXTURES / "cued-quiz.yml"))
    assert report.longest_share == 1.0 and report.true_share == 0.0
    assert report.testwise_score == 1.0 and report.chance_score < 0.5
    assert report.problems() == [
        "key is the longest option in 100% (target at most 35%)",
        "0% of true/false items are keyed True (target 40-60%)",
    ]
    text = "\n".join(map(str, report.warnings))
    assert "cued-1: the key is the longest option by a clear margin" in text
    assert "cued-2: an option says 'all/none of the above'" in text
    assert "cued-2: a negative stem" in text


def test_validate_prints_the_cue_figures():
    out = CliRunner().invoke(main, ["validate", str(FIXTURES / "cued-quiz.yml")])
    assert "cues: question bank 'cued': key longest in 2/2 (100%); true keyed 0/3 (0%)" in out.output
    assert "test-wise score 100% (guessing" in out.output


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.name)
def test_a_test_wise_student_scores_about_chance(path):
    report = cues_for(load_any(path))
    assert report.problems() == [], report.summary()
    assert report.testwise_score <= report.chance_score + 0.10, report.summary()
    margin = [str(w) for w in report.warnings if "clear margin" in w.message]
    assert margin == [], "\n".join(margin)
