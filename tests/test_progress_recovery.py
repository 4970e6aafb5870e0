"""Nothing lost in live Jupyter: a half-written progress file (truncated JSON) is kept, reported,
and the student can carry on."""

import json

import pytest

from coursekit.display import Quiz
from coursekit.progress import ProgressStore


def _full_progress(path):
    store = ProgressStore(path)
    for i in range(6):
        store.record_answer("safety", f"safety-item-{i}", i % 3 + 1, i % 2 == 0)
    for entry in ("screen", "refer", "adapt"):
        store.tick("safety-competencies", entry, True)
    store.case_step("case-demo", [], ["intake", 0], False)
    return path.read_bytes()


@pytest.mark.parametrize("keep", [0.0, 0.1, 0.5, 0.9, 0.999])
def test_a_truncated_progress_file_is_moved_aside_byte_for_byte(tmp_path, keep):
    path = tmp_path / "progress.json"
    full = _full_progress(path)
    half = full[: int(len(full) * keep)]
    path.write_bytes(half)  # as if the machine died mid-write with a non-atomic writer

    store = ProgressStore(path)
    store.record_answer("mechanisms", "mech-1", 2, True)  # the student carries on

    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == half  # every byte kept for recovery
    assert len(store.warnings) == 1
    assert "could not be read" in store.warnings[0] and str(aside[0]) in store.warnings[0]
    data = json.loads(path.read_text())
    assert data["format"] == "coursekit-progress"
    assert data["quizzes"] == {
        "mechanisms": {"items": {"mech-1": data["quizzes"]["mechanisms"]["items"]["mech-1"]}}
    }
    assert ProgressStore(path).warnings == []  # the new file reads cleanly


def test_a_leftover_temporary_file_from_an_interrupted_write_changes_nothing(tmp_path):
    path = tmp_path / "progress.json"
    full = _full_progress(path)
    (tmp_path / ".progress-abc123.tmp").write_bytes(full[: len(full) // 2])
    store = ProgressStore(path)
    assert store.quiz_answers("safety")["safety-item-0"]["correct"] is True
    assert store.ticked("safety-competencies") == ["adapt", "refer", "screen"]
    assert store.warnings == [] and not list(tmp_path.glob("*.corrupt-*"))


def test_the_quiz_widget_reports_a_truncated_file(demo_project, tmp_path):
    path = tmp_path / "progress.json"
    full = _full_progress(path)
    path.write_bytes(full[: len(full) // 2])
    quiz = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(path))
    shown = " ".join(quiz.widget().notices)
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1
    assert "could not be read" in shown and aside[0].name in shown
