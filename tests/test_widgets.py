"""In live Jupyter, does the quiz widget keep each checked answer in the progress file and restore it?

The widget is the book's JavaScript run through anywidget over the book's markup
(tests/test_widget_front_end.py drives it in Chromium); here the Python side gets the changes the
browser would send."""

import json

from coursekit.display import Quiz
from coursekit.progress import ProgressStore

from .widget_helpers import answers, check, send, shown_items

RIGHT = {  # a right answer to each question of tests/fixtures/all-types.yml
    "demo-single": 2,
    "demo-multi": [1, 3],
    "demo-tf": True,
    "demo-num": 366,
    "demo-match": ["Bark", "Meow"],
    "demo-order": [1, 2, 3],
}


def test_the_widget_carries_the_book_front_end_and_markup(demo_project, tmp_path):
    quiz = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(tmp_path / "p.json"))
    ui = quiz.widget()
    assert "export default" in ui._esm and "function grade(" in ui._esm and ".ck-quiz" in ui._css
    assert shown_items(ui) == list(RIGHT)
    assert "<script>" not in ui.html and "<style>" not in ui.html  # the assets come with _esm/_css once
    assert "Your answers are saved in your progress file." in ui.html
    assert ui.state == {"items": {}} and ui.notices == []


def test_the_widget_markup_is_the_books_but_for_where_answers_are_kept(demo_project, tmp_path):
    from coursekit.static_html import quiz_html

    quiz = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(tmp_path / "p.json"))
    book = quiz_html(quiz.bank, quiz.citations_for, inline=False)
    assert quiz.widget().html == book.replace("in this browser only.", "in your progress file.")


def test_each_checked_answer_reaches_the_progress_file_and_a_new_widget_restores_it(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store).widget()

    check(ui, "demo-single", 1)
    saved = json.loads(path.read_text())["quizzes"]["demo"]["items"]["demo-single"]
    assert saved == {**saved, "response": 1, "correct": False, "attempts": 1}
    check(ui, "demo-single", 2, confidence="high")
    saved = json.loads(path.read_text())["quizzes"]["demo"]["items"]["demo-single"]
    assert saved == {**saved, "response": 2, "correct": True, "attempts": 2, "confidence": "high"}
    assert answers(ui)["demo-single"]["correct"] is True

    again = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    assert answers(again)["demo-single"] == {**answers(again)["demo-single"], "response": 2, "attempts": 2}


def test_reset_clears_this_quiz_only(demo_project, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    store.record_answer("other", "x", 1, True)
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store).widget()
    check(ui, "demo-single", 2)
    send(ui, clear=True)
    assert store.quiz_answers("demo") == {} and answers(ui) == {}
    assert store.quiz_answers("other") == {"x": {**store.quiz_answers("other")["x"], "response": 1}}


def test_every_item_type_is_graded_and_saved(demo_project, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=store).widget()
    for item, response in RIGHT.items():
        check(ui, item, response)
    saved = store.quiz_answers("demo")
    assert {k: (v["response"], v["correct"]) for k, v in saved.items()} == {
        k: (v, True) for k, v in RIGHT.items()
    }


def test_an_answer_that_does_not_fit_its_question_is_not_written(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    check(ui, "demo-single", 9)
    check(ui, "demo-tf", "yes")
    check(ui, "no-such-item", 1)
    send(ui, clear="yes")
    assert not path.exists() and answers(ui) == {}


def test_two_widgets_on_one_file_keep_each_others_answers(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    bank = demo_project / "exercises" / "demo-quiz.yml"
    tab_a = Quiz(bank, store=ProgressStore(path)).widget()
    tab_b = Quiz(bank, store=ProgressStore(path)).widget()
    check(tab_a, "demo-single", 2)
    check(tab_b, "demo-tf", True)
    assert set(ProgressStore(path).quiz_answers("demo")) == {"demo-single", "demo-tf"}
    assert set(answers(tab_b)) == {"demo-single", "demo-tf"}


def test_a_corrupt_progress_file_is_reported_in_the_quiz(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    path.write_text("{oops")
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    assert "could not be read" in " ".join(ui.notices)
    assert list(tmp_path.glob("progress.json.corrupt-*"))
