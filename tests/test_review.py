"""Review (book/review.md): spaced retrieval with a Leitner schedule, confidence marking, and a
calibration chart on My progress; checked with a fixed clock in Chromium."""

import datetime as dt
import json

from coursekit.banks import load_bank
from coursekit.review import CBM, DAY_MS, INTERVALS_DAYS, SESSION, Slot, cbm_mark, due, schedule

from .conftest import ROOT

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_the_schedule_moves_right_answers_up_and_wrong_ones_back_to_now():
    at = 1_000
    s = schedule(None, True, at)
    assert (s.box, s.due) == (1, at + DAY_MS)
    for box, days in enumerate(INTERVALS_DAYS[2:], start=2):
        s = schedule(s, True, at)
        assert (s.box, s.due) == (box, at + days * DAY_MS)
    assert schedule(s, True, at).box == len(INTERVALS_DAYS) - 1  # the top box holds
    wrong = schedule(s, False, at)
    assert (wrong.box, wrong.due) == (0, at)  # due again at once


def test_due_items_come_longest_overdue_first():
    slots = {"b": Slot(0, 0, 5), "a": Slot(1, 0, 5), "c": Slot(2, 0, 1), "later": Slot(3, 0, 99)}
    assert due(slots, 10) == ["c", "a", "b"]


def test_certainty_based_marks_follow_gardner_medwin():
    assert [cbm_mark(True, c) for c in CBM] == [1, 2, 3]
    assert [cbm_mark(False, c) for c in CBM] == [0, -2, -6]


def _page(watch, url, when):
    page = watch.context.new_page()
    page.on("console", lambda m: m.type == "error" and watch.errors.append(f"{url}: {m.text}"))
    page.on("pageerror", lambda e: watch.errors.append(f"{url}: {e}"))
    page.clock.set_fixed_time(when)
    page.goto(url)
    return page


def _answer(page, fs, item, right):
    value = item.answer if right else item.answer % len(item.options) + 1
    fs.locator(f"input[value='{value}']").check()


def test_review_brings_back_a_wrong_answer_at_once_and_a_right_one_after_its_gap(site, watch, tmp_path):
    bank = load_bank(ROOT / "exercises" / "safety-quiz.yml")
    right, wrong = [it for it in bank.items if it.type == "single_choice"][:2]
    quiz = _page(watch, (site / "book/safety/quiz.html").as_uri(), T0)
    for item, ok in ((right, True), (wrong, False)):
        fs = quiz.locator(f"#ck-safety-{item.id}")
        _answer(quiz, fs, item, ok)
        fs.get_by_role("button", name="Check answer").click()

    review_url = (site / "book/review.html").as_uri()
    page = _page(watch, review_url, T0 + dt.timedelta(minutes=5))
    status = page.locator(".ck-review-status")
    assert "1 question is due now; this session shows 1" in status.inner_text()
    session = page.locator(".ck-review-session fieldset.ck-item")
    assert session.count() == 1 and session.first.get_attribute("data-item") == wrong.id
    fs = session.first
    fs.get_by_role("button", name="Check answer").click()
    assert "Choose an answer first" in fs.locator(".ck-feedback").inner_text()
    _answer(page, fs, wrong, True)
    fs.get_by_role("button", name="Check answer").click()
    assert "Say how sure you are first" in fs.locator(".ck-feedback").inner_text()
    fs.get_by_role("radio", name="Sure", exact=True).check()
    fs.get_by_role("button", name="Check answer").click()
    feedback = fs.locator(".ck-feedback").inner_text()
    assert "\u2714 Correct." in feedback and "Certainty-based mark: +3" in feedback
    assert "Session finished. Nothing more is due now." in status.inner_text()

    # the next day: nothing before 24 hours, both after
    page = _page(watch, review_url, T0 + dt.timedelta(hours=20))
    assert "Nothing is due now. The next question is due on" in page.locator(".ck-review-status").inner_text()
    page = _page(watch, review_url, T0 + dt.timedelta(days=1, minutes=10))
    assert "2 questions are due now; this session shows 2" in page.locator(".ck-review-status").inner_text()
    ids = page.locator(".ck-review-session fieldset.ck-item").evaluate_all(
        "fs => fs.map(f => f.dataset.item)"
    )
    assert sorted(ids) == sorted([right.id, wrong.id])

    # a confident wrong answer: -6, back to box 0, due at once
    fs = page.locator(f".ck-review-session fieldset[data-item='{right.id}']")
    _answer(page, fs, right, False)
    fs.get_by_role("radio", name="Sure", exact=True).check()
    fs.get_by_role("button", name="Check answer").click()
    assert "Certainty-based mark: -6" in fs.locator(".ck-feedback").inner_text()

    # My progress: the calibration chart, and the schedule travels with export and import
    progress = _page(watch, (site / "book/progress.html").as_uri(), T0 + dt.timedelta(days=1, minutes=20))
    text = progress.locator(".ck-calibration-text").inner_text()
    assert "When you were sure, you were right 50% of the time" in text
    assert progress.get_by_role(
        "img", name="How often you were right at each level of confidence"
    ).is_visible()
    with progress.expect_download() as dl:
        progress.get_by_role("button", name="Export all my progress").click()
    exported = tmp_path / "mine.json"
    dl.value.save_as(exported)
    doc = json.loads(exported.read_text())
    assert doc["entries"]["coursekit:review"]["items"][right.id]["box"] == 0
    progress.evaluate("localStorage.clear()")
    progress.get_by_label("Import progress from a file").set_input_files(str(exported))
    progress.locator(".ck-progress-message", has_text="Imported").wait_for()
    page = _page(watch, review_url, T0 + dt.timedelta(days=1, minutes=30))  # the schedule came back:
    assert "2 questions are due now" in page.locator(".ck-review-status").inner_text()
    ids = page.locator(".ck-review-session fieldset.ck-item").evaluate_all(
        "fs => fs.map(f => f.dataset.item)"
    )
    assert ids == [wrong.id, right.id]  # longest overdue first: wrong was due at day 1 + 5 min
    watch.assert_clean()


def test_a_session_offers_at_most_ten_due_questions(site, watch):
    bank = load_bank(ROOT / "exercises" / "safety-quiz.yml")
    singles = [it for it in bank.items if it.type == "single_choice"][: SESSION + 2]
    stamp = T0.isoformat().replace("+00:00", "Z")
    wrong = {
        it.id: {
            "response": it.answer % len(it.options) + 1,
            "correct": False,
            "attempts": 1,
            "saved_at": stamp,
        }
        for it in singles
    }
    page = _page(watch, (site / "book/review.html").as_uri(), T0)
    page.evaluate("s => localStorage.setItem('coursekit:quiz:safety', JSON.stringify({items: s}))", wrong)
    page.reload()
    assert (
        f"{SESSION + 2} questions are due now; this session shows {SESSION}"
        in page.locator(".ck-review-status").inner_text()
    )
    assert page.locator(".ck-review-session fieldset.ck-item").count() == SESSION
    watch.assert_clean()


def test_confidence_in_the_quizzes_is_optional(site, watch):
    page = _page(watch, (site / "book/review.html").as_uri(), T0)
    assert page.get_by_label("Ask how sure I am before I check each answer here").is_checked()
    assert page.locator(".ck-confidence").count() == 0  # nothing answered, nothing due
    quiz = _page(watch, (site / "book/safety/quiz.html").as_uri(), T0)
    assert quiz.locator(".ck-confidence").count() == 0  # off by default in quizzes
    page.get_by_label("Ask how sure I am in the part quizzes and Check yourself too").check()
    quiz.reload()
    first = quiz.locator("fieldset.ck-item").first
    assert first.get_by_role("group", name="How sure are you?").is_visible()
    watch.assert_clean()


# ---- live Jupyter: the same schedule, kept in the progress file ----


def test_in_live_jupyter_review_uses_the_progress_file_and_the_same_schedule(tmp_path, monkeypatch):
    from coursekit.progress import ProgressStore
    from coursekit.review import Review

    from .widget_helpers import check, shown_items

    def opening(ui):
        return ui.html.split('<p class="ck-intro">', 1)[1].split("</p>", 1)[0]

    monkeypatch.chdir(ROOT)
    store = ProgressStore(tmp_path / "progress.json")
    bank = load_bank(ROOT / "exercises" / "safety-quiz.yml")
    mechanisms = load_bank(ROOT / "exercises" / "mechanisms-quiz.yml")
    other = next(it for it in mechanisms.items if it.type == "true_false")
    right, wrong = [it for it in bank.items if it.type == "single_choice"][:2]
    store.record_answer("safety", right.id, right.answer, True)
    store.record_answer("safety", wrong.id, wrong.answer % len(wrong.options) + 1, False)
    store.record_answer("mechanisms", other.id, not other.answer, False)
    now = int(dt.datetime.now().timestamp() * 1000) + 60_000
    review = Review()

    ui = review.widget(store, now_ms=now)  # one quiz widget: the book's markup, the schedule's status first
    assert opening(ui) == "2 questions are due now; this session shows 2."
    assert set(store.read()["review"]) == {right.id, wrong.id, other.id}  # the schedule is in the file
    assert sorted(shown_items(ui)) == sorted([wrong.id, other.id])  # the right one waits a day
    assert "data-confidence" in ui.html and "ck-reset" not in ui.html  # asks how sure; no Reset
    assert ui.state == {"items": {}}  # asked afresh: the wrong answers given before are not shown
    check(ui, wrong.id, wrong.answer, confidence="medium")
    check(ui, other.id, other.answer)
    assert store.quiz_answers("safety")[wrong.id] == {
        **store.quiz_answers("safety")[wrong.id],
        "correct": True,
        "confidence": "medium",
    }
    assert store.quiz_answers("mechanisms")[other.id]["correct"] is True  # each in its own part
    assert "review" not in store.read()["quizzes"]
    assert set(ui.state["items"]) == {wrong.id, other.id}

    later = Review().widget(store, now_ms=now + 30_000)
    assert opening(later).startswith("Nothing is due now. The next question is due on")
    assert shown_items(later) == [] and "ck-footer" not in later.html
    assert store.read()["review"][wrong.id]["box"] == 1
    two_days = Review().widget(store, now_ms=now + 2 * DAY_MS)
    assert opening(two_days) == "3 questions are due now; this session shows 3."
