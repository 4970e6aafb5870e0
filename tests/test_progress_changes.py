"""Progress is saved change by change: two tabs or notebooks on one file never lose each other's
work, and a progress file that cannot be used is moved aside and reported in the widget, never
silently replaced by browser-only saving."""

import json
import multiprocessing
import shutil

import pytest

from coursekit.display import Case, Checklist, Exercise, Quiz
from coursekit.progress import ProgressStore

from .conftest import FIXTURES
from .widget_helpers import check, send

CHECKLIST = (
    "schema_version: 1\nkind: checklists\npart: Demo\nchecklists:\n"
    "  - id: demo-list\n    title: Demo list\n    kind: screening\n    intro: Before the session.\n"
    "    items:\n      - {id: ask-a, text: Asked about A, group: Ask}\n"
    "      - {id: look-b, text: Looked at B, group: Look}\n"
    "      - {id: feel-c, text: Felt C, group: Look}\n"
)


@pytest.fixture
def project(demo_project):
    ex = demo_project / "exercises"
    (ex / "demo-checklists.yml").write_text(CHECKLIST)
    shutil.copy(FIXTURES / "cases.yml", ex / "demo-cases.yml")
    shutil.copy(FIXTURES / "exercises.yml", ex / "demo-exercises.yml")
    return ex


def _ticker(path, entries, rounds):
    store = ProgressStore(path)
    for _ in range(rounds):
        for entry in entries:
            store.tick("demo-list", entry, False)
            store.tick("demo-list", entry, True)


def test_two_writers_ticking_one_checklist_at_once_lose_no_tick(tmp_path):
    path = tmp_path / "p.json"
    ctx = multiprocessing.get_context("fork")
    writers = [
        ctx.Process(target=_ticker, args=(path, [f"{who}-{n}" for n in range(5)], 8)) for who in ("a", "b")
    ]
    for p in writers:
        p.start()
    for p in writers:
        p.join(60)
        assert p.exitcode == 0
    ticked = json.loads(path.read_text())["checklists"]["demo-list"]["ticked"]
    assert ticked == sorted(f"{who}-{n}" for who in ("a", "b") for n in range(5))


def test_two_tabs_on_one_checklist_keep_both_ticks(project, tmp_path):
    path = tmp_path / "p.json"
    tab_a = Checklist(project / "demo-checklists.yml", "demo-list", store=ProgressStore(path)).widget()
    tab_b = Checklist(project / "demo-checklists.yml", "demo-list", store=ProgressStore(path)).widget()
    send(tab_a, entry="ask-a", ticked=True)  # tab A ticks "Asked about A"
    send(tab_b, entry="look-b", ticked=True)  # tab B, opened before that tick, ticks "Looked at B"
    assert ProgressStore(path).ticked("demo-list") == ["ask-a", "look-b"]
    assert tab_b.state["ticked"] == ["ask-a", "look-b"]  # tab B is sent A's tick too
    send(tab_a, entry="feel-c", ticked=True)
    send(tab_a, entry="ask-a", ticked=False)  # unticking in A leaves B's tick alone
    assert ProgressStore(path).ticked("demo-list") == ["feel-c", "look-b"]
    send(tab_a, entry="no-such-entry", ticked=True)
    send(tab_a, entry="look-b", ticked="yes")
    assert ProgressStore(path).ticked("demo-list") == ["feel-c", "look-b"]
    send(tab_b, clear=True)
    assert ProgressStore(path).ticked("demo-list") == [] and tab_b.state == {}


def test_two_tabs_on_one_exercise_keep_each_others_answers(project, tmp_path):
    path = tmp_path / "p.json"
    tabs = [
        Exercise(project / "demo-exercises.yml", "care-plan-demo", store=ProgressStore(path)).widget()
        for _ in range(2)
    ]
    prompts = ["plan", "advice"]
    send(tabs[0], answers={prompts[0]: "Written in tab A."})  # typed: each prompt as its own change
    send(tabs[0], answers={}, submitted=True)
    send(tabs[1], answers={prompts[1]: "Written in tab B.", "no-such-prompt": "x"})
    send(tabs[1], answers={}, submitted=True)
    saved = ProgressStore(path).exercise_answers("care-plan-demo")
    assert saved["answers"] == {"plan": "Written in tab A.", "advice": "Written in tab B."}
    assert saved["submitted"] is True
    assert tabs[1].state["answers"]["plan"] == "Written in tab A."  # tab B is sent what A wrote


def test_a_case_step_keeps_the_other_tabs_answers(project, tmp_path):
    path = tmp_path / "p.json"
    store = ProgressStore(path)
    store.record_answer("demo", "demo-single", 2, True)
    ui = Case(project / "demo-cases.yml", "case-demo", store=ProgressStore(path)).widget()
    store.tick("demo-list", "ask-a", True)  # another notebook, after the case was opened
    send(ui, before=[], step=["intake", 1], finished=False)
    again = ProgressStore(path)
    assert again.case_path("case-demo") == [["intake", 1]]
    assert again.ticked("demo-list") == ["ask-a"]
    assert again.quiz_answers("demo")["demo-single"]["correct"] is True


GOOD = {"format": "coursekit-progress", "format_version": 1}
UNUSABLE = {
    "broken JSON": (b'{"format": "coursekit-progress", "quizzes": {', "broken JSON"),
    "items null": (
        json.dumps({**GOOD, "quizzes": {"demo": {"items": None}}}).encode(),
        "quizzes.demo.items is null",
    ),
    "not UTF-8": ('{"format": "coursekit-progress", "note": "na\u00efve"}'.encode("latin-1"), "not UTF-8"),
    "ticked null": (
        json.dumps({**GOOD, "checklists": {"demo-list": {"ticked": None}}}).encode(),
        "ticked is null",
    ),
    "section a list": (json.dumps({**GOOD, "cases": []}).encode(), "cases is a list"),
    "case step wrong": (
        json.dumps({**GOOD, "cases": {"case-demo": {"path": [["intake", "one"]]}}}).encode(),
        "a choice of cases.case-demo.path is a string",
    ),
    "answer not an object": (
        json.dumps({**GOOD, "quizzes": {"demo": {"items": {"demo-single": 2}}}}).encode(),
        "quizzes.demo.items.demo-single is a number, not an object",
    ),
    "exercise text a number": (
        json.dumps({**GOOD, "exercises": {"x": {"answers": {"plan": 3}}}}).encode(),
        "exercises.x.answers.plan is a number, not a string",
    ),
    "not a progress file": (b'["my", "notes"]', "the file is a list"),
}


@pytest.mark.parametrize("kind", UNUSABLE)
def test_an_unusable_file_is_moved_aside_and_reported_in_the_widget(demo_project, tmp_path, kind):
    bad, reason = UNUSABLE[kind]
    path = tmp_path / "progress.json"
    path.write_bytes(bad)
    quiz = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path))
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # the live widget, not the browser-only quiz

    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == bad  # kept byte for byte
    ui = quiz.widget()
    notice = " ".join(ui.notices)
    assert "could not be read" in notice and reason in notice and aside[0].name in notice, notice

    check(ui, "demo-single", 2)
    assert ProgressStore(path).quiz_answers("demo")["demo-single"]["correct"] is True  # saved to the file


def test_a_file_spoiled_during_the_session_is_reported_when_the_next_answer_is_saved(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    ui = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path)).widget()
    assert ui.notices == []
    path.write_bytes(b"\xff\xfe not a progress file")
    check(ui, "demo-single", 2)
    notice = " ".join(ui.notices)
    assert "could not be read" in notice and "not UTF-8" in notice
    assert ProgressStore(path).quiz_answers("demo")["demo-single"]["correct"] is True
