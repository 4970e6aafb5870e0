"""Are branching cases and open exercises validated, rendered and kept like quizzes?"""

import json
import shutil

import pytest
from click.testing import CliRunner

from coursekit.banks import BankError, load_cases
from coursekit.cli import main
from coursekit.display import Case, Exercise
from coursekit.progress import ProgressStore
from coursekit.static_activities import case_html, exercise_html

from .conftest import FIXTURES
from .widget_helpers import send


@pytest.fixture
def activities(demo_project):
    ex = demo_project / "exercises"
    shutil.copy(FIXTURES / "cases.yml", ex / "demo-cases.yml")
    shutil.copy(FIXTURES / "exercises.yml", ex / "demo-exercises.yml")
    return ex


def test_the_fixtures_validate(activities):
    result = CliRunner().invoke(main, ["validate", str(activities)])
    assert result.exit_code == 0, result.output
    assert "1 cases, 2 steps" in result.output and "1 exercises" in result.output


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "next: look\n          - text: Start",
            "next: nowhere\n          - text: Start",
            "a choice leads to unknown step 'nowhere'",
        ),
        ("start: intake", "start: missing", "start step 'missing' is not a step"),
        ("verdict: best\n            next: end", "verdict: great\n            next: end", "verdict"),
        (
            "            next: look\n      - id: look",
            "            next: look\n      - id: orphan\n        prompt: never\n        choices:\n"
            "          - {text: a, feedback: b, verdict: best, next: end}\n"
            "          - {text: c, feedback: d, verdict: best, next: end}\n      - id: look",
            "steps never reached from the start: orphan",
        ),
    ],
)
def test_a_broken_case_is_named(activities, old, new, message):
    f = activities / "demo-cases.yml"
    text = f.read_text()
    assert old in text
    f.write_text(text.replace(old, new, 1))
    result = CliRunner().invoke(main, ["validate", str(f)])
    assert result.exit_code != 0
    assert message in result.output and "item 'case-demo" in result.output, result.output


def test_a_case_that_can_never_end_is_refused(activities):
    f = activities / "demo-cases.yml"
    f.write_text(f.read_text().replace("next: end", "next: look"))
    with pytest.raises(BankError, match="can never end: intake, look"):
        load_cases(f, {"demo2020"})


def test_case_html_is_deterministic_and_carries_every_branch(activities):
    html = Case(activities / "demo-cases.yml", "case-demo").html()
    assert html == Case(activities / "demo-cases.yml", "case-demo").html()
    data = json.loads(html.split('class="ck-case-data">')[1].split("</script>")[0])
    assert data["start"] == "intake"
    assert [c["verdict"] for c in data["steps"]["look"]["choices"]] == ["best", "acceptable", "unsafe"]
    assert 'aria-live="polite"' in html and "<legend" in html
    assert "Debrief" in html and "Doe et al. (2020)" in html


def test_case_widget_walks_a_branch_and_keeps_the_path(activities, tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    case = Case(activities / "demo-cases.yml", "case-demo", store=store)
    ui = case.widget()
    assert ui.html == case_html(case.entry, case.citations(), inline=False)  # the book's markup
    send(ui, before=[], step=["intake", 1], finished=False)
    assert store.case_path("case-demo") == [["intake", 1]] and ui.state["path"] == [["intake", 1]]
    send(ui, before=[["intake", 1]], step=["look", 7], finished=True)  # no such choice: not written
    send(ui, before=[["nowhere", 0]], step=["look", 0], finished=True)
    assert store.case_path("case-demo") == [["intake", 1]]
    send(ui, before=[["intake", 1]], step=["look", 0], finished=False)
    assert store.read()["cases"]["case-demo"]["finished"] is True  # Python decides from the case
    again = Case(activities / "demo-cases.yml", "case-demo", store=store).widget()
    assert again.state["path"] == [["intake", 1], ["look", 0]]
    send(again, clear=True)
    assert store.case_path("case-demo") == []


def test_exercise_shows_the_model_answer_only_after_submission(activities, tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    ex = Exercise(activities / "demo-exercises.yml", "care-plan-demo", store=store)
    html = ex.html()
    assert '<section class="ck-model" id="ck-ex-care-plan-demo-model" hidden' in html
    assert html.count("<textarea") == 2 and 'aria-describedby="ck-ex-care-plan-demo-plan-hint"' in html
    ui = ex.widget()
    assert ui.html == exercise_html(ex.entry, ex.citations(), inline=False)
    assert "Model answer" in ui.html  # hidden until submitted, as in the book
    send(ui, answers={"plan": "No heat."})
    assert store.exercise_answers("care-plan-demo") == {
        **store.exercise_answers("care-plan-demo"),
        "answers": {"plan": "No heat."},
        "submitted": False,
    }
    send(ui, answers={}, submitted=True)
    assert store.exercise_answers("care-plan-demo")["submitted"] is True and ui.state["submitted"] is True
