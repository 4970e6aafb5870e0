"""Is live-Jupyter progress kept, written atomically, and never silently lost?"""

import json
import multiprocessing

from coursekit.progress import ProgressStore


def test_answers_and_ticks_are_kept(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    store.record_answer("safety", "safety-heat", 2, False)
    store.record_answer("safety", "safety-heat", 1, True)
    store.tick("screening", "b", True)
    store.tick("screening", "a", True)
    store.tick("screening", "c", True)
    store.tick("screening", "c", False)
    again = ProgressStore(tmp_path / "p.json")
    saved = again.quiz_answers("safety")["safety-heat"]
    assert saved["response"] == 1 and saved["correct"] is True and saved["attempts"] == 2
    assert again.ticked("screening") == ["a", "b"]


def test_a_corrupt_file_is_moved_aside_and_reported(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"format": "coursekit-progress", "quizzes": {')
    store = ProgressStore(path)
    store.record_answer("safety", "x", 1, True)
    aside = list(tmp_path.glob("p.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_text().endswith('"quizzes": {')
    assert "could not be read" in store.warnings[0] and str(aside[0]) in store.warnings[0]
    assert json.loads(path.read_text())["quizzes"]["safety"]["items"]["x"]["correct"] is True


def test_a_foreign_json_file_is_not_overwritten(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('["my", "notes"]')
    ProgressStore(path).tick("c", "a", True)
    assert [p.read_text() for p in tmp_path.glob("p.json.corrupt-*")] == ['["my", "notes"]']


def test_no_temporary_files_are_left(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    for i in range(5):
        store.record_answer("q", f"i{i}", 1, True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "p.json.lock"]


def _writer(path, quiz, n):
    store = ProgressStore(path)
    for i in range(n):
        store.record_answer(quiz, f"item-{i}", i, True)


def test_two_writers_at_once_lose_nothing(tmp_path):
    path = tmp_path / "p.json"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(path, q, 40)) for q in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    data = json.loads(path.read_text())
    assert len(data["quizzes"]["a"]["items"]) == 40
    assert len(data["quizzes"]["b"]["items"]) == 40


def test_the_live_progress_chart_says_in_words_what_it_shows(tmp_path, monkeypatch):
    from coursekit.banks import load_bank
    from coursekit.overview import ProgressSummary

    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    store = ProgressStore(tmp_path / "progress.json")
    safety = load_bank(ROOT / "exercises" / "safety-quiz.yml")
    for item in safety.items[:11]:  # 11 answered, all wrong: 20% of 55 answered, 0% correct
        store.record_answer("safety", item.id, None, False)
    summary = ProgressSummary(store, ROOT)
    html = summary.chart_html()
    assert html.startswith('<img src="data:image/png;base64,iVBOR')  # a PNG inside the output, no file
    alt = html.split('alt="', 1)[1].split('"', 1)[0]
    assert alt.startswith("Bar chart of how much of each part is done.")
    assert "Safety: 20% of quiz questions answered, 0% correct" in alt
    assert "| Safety | 11 of 55 | 0 of 55 |" in summary.table_markdown()  # the table below says the same
