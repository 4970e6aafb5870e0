"""Is every item type graded right, with feedback in words, and bad responses refused?"""

import pytest

from coursekit.banks import load_bank
from coursekit.grading import ResponseError, grade

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def items():
    bank = load_bank(FIXTURES / "all-types.yml", {"demo2020"})
    return {item.type: item for item in bank.items}


def test_single_choice(items):
    item = items["single_choice"]
    right = grade(item, 2)
    assert right.correct and right.score == 1
    assert right.feedback == [("Correct", "Yes, scattered sunlight makes it blue.")]
    wrong = grade(item, 1)
    assert not wrong.correct and wrong.score == 0
    assert wrong.feedback == [("Not correct", "Grass is green; the sky is not.")]


def test_multiple_select_needs_exactly_the_right_set(items):
    item = items["multiple_select"]
    assert grade(item, [1, 3]).correct
    assert grade(item, [3, 1]).correct
    missed = grade(item, [1])
    assert not missed.correct
    assert ("Missed", "4 is divisible by 2.") in missed.feedback
    extra = grade(item, [1, 2, 3])
    assert not extra.correct
    assert ("Should not be selected", "3 is odd.") in extra.feedback


def test_true_false_feedback_follows_the_answer_given(items):
    item = items["true_false"]
    assert grade(item, True).feedback == [("Correct", "Right, at standard pressure.")]
    assert grade(item, False).feedback == [("Not correct", "It does, at standard pressure.")]


def test_numeric_with_tolerance(items):
    item = items["numeric"]
    assert grade(item, 366).correct
    assert grade(item, 366.0).correct
    assert not grade(item, 365).correct
    loose = item.model_copy(update={"tolerance": 1.0})
    assert grade(loose, 365).correct and not grade(loose, 364.5).correct


def test_matching_reports_each_wrong_pair(items):
    item = items["matching"]
    assert grade(item, ["Bark", "Meow"]).correct
    wrong = grade(item, ["Bark", "Moo"])
    assert not wrong.correct
    assert wrong.feedback == [("Score", "1 of 2 matched correctly."), ("Not correct", "Cat: Cats meow.")]


def test_ordering_reports_misplaced_steps(items):
    item = items["ordering"]
    assert grade(item, [1, 2, 3]).correct
    wrong = grade(item, [1, 3, 2])
    assert not wrong.correct
    assert wrong.feedback[0] == ("Score", "1 of 3 steps in the right place.")
    assert ("Misplaced", "Three: Three comes last.") in wrong.feedback


@pytest.mark.parametrize(
    "kind, response",
    [
        ("single_choice", 9),
        ("single_choice", "2"),
        ("single_choice", True),
        ("multiple_select", [7]),
        ("true_false", "yes"),
        ("numeric", "366"),
        ("numeric", float("nan")),
        ("matching", ["Bark"]),
        ("ordering", [1, 2]),
        ("ordering", [1, 2, 4]),
        ("single_choice", None),
    ],
)
def test_a_response_of_the_wrong_shape_is_refused_by_name(items, kind, response):
    item = items[kind]
    with pytest.raises(ResponseError, match=item.id):
        grade(item, response)
