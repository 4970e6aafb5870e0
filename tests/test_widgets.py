"""In live Jupyter, does the quiz widget keep each checked answer in the progress file and restore it?

The widget is the book's JavaScript run through anywidget (tests/test_quiz_widget.py drives it in
Chromium); here the Python side gets the changes the browser would send."""

import json

from coursekit.display import Quiz
from coursekit.progress import ProgressStore

RIGHT = {  # a right answer to each question of tests/fixtures/all-types.yml
    "demo-single": 2,
    "demo-multi": [1, 3],
    "demo-tf": True,
    "demo-num": 366,
    "demo-match": ["Bark", "Meow"],
    "demo-order": [1, 2, 3],
}


def check(ui, item, response, seq=1):
    """What the browser sends when Check answer is pressed."""
    ui.change = {"item": item, "response": response, "seq": seq, "at": 0}


def test_the_widget_carries_the_book_front_end_and_every_question(demo_project, tmp_path):
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(tmp_path / "p.json")).widget()
    assert "export default" in ui._esm and "function grade(" in ui._esm and ".ck-quiz" in ui._css
    assert [it["id"] for it in ui.quiz["items"]] == list(RIGHT)
    assert ui.quiz["items"][0]["stem"].startswith("<p>") and ui.answers == {} and ui.notices == []


def test_each_checked_answer_reaches_the_progress_file_and_a_new_widget_restores_it(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store).widget()

    check(ui, "demo-single", 1)
    saved = json.loads(path.read_text())["quizzes"]["demo"]["items"]["demo-single"]
    assert saved == {**saved, "response": 1, "correct": False, "attempts": 1}
    check(ui, "demo-single", 2, seq=2)
    saved = json.loads(path.read_text())["quizzes"]["demo"]["items"]["demo-single"]
    assert saved == {**saved, "response": 2, "correct": True, "attempts": 2}
    assert ui.answers["demo-single"]["correct"] is True

    again = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    assert again.answers["demo-single"] == {**again.answers["demo-single"], "response": 2, "attempts": 2}


def test_every_item_type_is_graded_and_saved(demo_project, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store).widget()
    for n, (item, response) in enumerate(RIGHT.items(), start=1):
        check(ui, item, response, seq=n)
    saved = store.quiz_answers("demo")
    assert {k: (v["response"], v["correct"]) for k, v in saved.items()} == {
        k: (v, True) for k, v in RIGHT.items()
    }


def test_an_answer_that_does_not_fit_its_question_is_not_written(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    check(ui, "demo-single", 9)
    check(ui, "demo-tf", "yes", seq=2)
    check(ui, "no-such-item", 1, seq=3)
    assert not path.exists() and ui.answers == {}


def test_two_widgets_on_one_file_keep_each_others_answers(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    bank = demo_project / "exercises" / "demo-quiz.yml"
    tab_a = Quiz(bank, store=ProgressStore(path)).widget()
    tab_b = Quiz(bank, store=ProgressStore(path)).widget()
    check(tab_a, "demo-single", 2)
    check(tab_b, "demo-tf", True)
    assert set(ProgressStore(path).quiz_answers("demo")) == {"demo-single", "demo-tf"}
    assert set(tab_b.answers) == {"demo-single", "demo-tf"}


def test_a_corrupt_progress_file_is_reported_in_the_quiz(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    path.write_text("{oops")
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    assert "could not be read" in " ".join(ui.notices)
    assert list(tmp_path.glob("progress.json.corrupt-*"))
