"""The live widgets' front end in Chromium, as anywidget runs it: the widget's _esm imported as an ES
module and rendered over a model. For a quiz, a checklist, a case and an exercise, the widget shows the
book's page: the same markup and the same accessibility tree (but for where answers are kept); and what
a student does goes to the model as one change at a time, as the Python side expects
(tests/test_widgets.py and tests/test_progress_changes.py take it from there)."""

import json
import shutil
from pathlib import Path

import pytest

from coursekit.display import Case, Checklist, Exercise, Quiz
from coursekit.progress import ProgressStore
from coursekit.widgets import QuizWidget

from .conftest import FIXTURES
from .test_progress_changes import CHECKLIST

RENDER = """async ([src, state]) => {
  const mod = await import(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
  const values = { ...state }, on = {};
  window.sent = [];
  window.model = {
    get: (k) => values[k],
    set: (k, v) => { values[k] = v; if (k === "change") window.sent.push(v); },
    save_changes: () => {},
    on: (e, f) => { (on[e] = on[e] || []).push(f); },
    off: (e, f) => { on[e] = (on[e] || []).filter((g) => g !== f); },
    fire: (k, v) => { values[k] = v; (on["change:" + k] || []).forEach((f) => f()); },
  };
  mod.default.render({ model: window.model, el: document.getElementById("widget") });
}"""

KEPT = ("in this browser only.", "in your progress file.")


@pytest.fixture
def things(demo_project, tmp_path):
    ex = demo_project / "exercises"
    (ex / "demo-checklists.yml").write_text(CHECKLIST)
    shutil.copy(FIXTURES / "cases.yml", ex / "demo-cases.yml")
    shutil.copy(FIXTURES / "exercises.yml", ex / "demo-exercises.yml")
    store = ProgressStore(tmp_path / "progress.json")
    return {
        "quiz": Quiz(ex / "demo-quiz.yml", store=store),
        "checklist": Checklist(ex / "demo-checklists.yml", "demo-list", store=store),
        "case": Case(ex / "demo-cases.yml", "case-demo", store=store),
        "exercise": Exercise(ex / "demo-exercises.yml", "care-plan-demo", store=store),
    }


@pytest.fixture
def pages(browser, tmp_path):
    context = browser.new_context(accept_downloads=True)
    errors = []

    def book(thing):
        """The book's form of the thing, on a page of its own (file://, localStorage)."""
        path = tmp_path / f"book-{id(thing)}.html"
        path.write_text(f"<!doctype html><html lang='en'><body><main>{thing.html()}</main></body></html>")
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        return page

    def widget(thing, state=None, notices=()):
        """The live widget's view of it, over a model holding what Python would send."""
        ui = thing.widget()
        path = tmp_path / "widget.html"
        path.write_text(
            f"<!doctype html><html lang='en'><body><style>{ui._css}</style><main id='widget'></main>"
        )
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        model = {"html": ui.html, "state": ui.state if state is None else state, "notices": list(notices)}
        page.evaluate(RENDER, [ui._esm, model])
        return page

    yield book, widget
    context.close()
    assert errors == []


def sent(page):
    return [{k: v for k, v in c.items() if k != "seq"} for c in page.evaluate("window.sent")]


ROOTS = {"quiz": ".ck-quiz", "checklist": ".ck-checklist", "case": ".ck-case", "exercise": ".ck-exercise"}


@pytest.mark.parametrize("kind", ROOTS)
def test_the_widget_shows_the_books_markup_and_accessibility_tree(things, pages, kind):
    book, widget = pages
    thing = things[kind]
    b, w = book(thing), widget(thing)
    # the book inlines its assets (scripts without a type) after the data
    outer = (
        "(sel) => { const r = document.querySelector(sel).cloneNode(true);"
        " r.querySelectorAll('script:not([type])').forEach((s) => s.remove()); return r.outerHTML; }"
    )
    book_html, widget_html = b.evaluate(outer, ROOTS[kind]), w.evaluate(outer, ROOTS[kind])
    assert 'data-ck-ready=""' in book_html
    assert widget_html.replace(*reversed(KEPT)) == book_html
    tree = b.locator(ROOTS[kind]).aria_snapshot()
    assert w.locator(ROOTS[kind]).aria_snapshot().replace(*reversed(KEPT)) == tree
    assert tree.count("- button") >= 1


def test_a_checked_answer_is_graded_shown_and_sent_as_a_change(things, pages):
    _, widget = pages
    page = widget(things["quiz"])
    match = page.locator("#ck-demo-demo-match")
    match.get_by_role("button", name="Check answer").click()
    assert match.locator(".ck-feedback").inner_text() == "Choose an answer first. Fill in every row."
    assert sent(page) == []

    single = page.locator("#ck-demo-demo-single")
    single.get_by_role("radio").nth(1).check()
    single.get_by_role("button", name="Check answer").click()
    feedback = single.locator(".ck-feedback")
    assert "\u2714 Correct." in feedback.inner_text() and "Explanation:" in feedback.inner_text()
    assert "Doe et al. (2020)" in feedback.inner_text()
    feedback.locator("a").first.evaluate("(a) => a.addEventListener('click', (e) => e.preventDefault())")
    feedback.locator("a").first.click()
    assert feedback.locator("a").first.get_attribute("target") == "_blank"  # a source opens in a new tab
    assert sent(page) == [{"item": "demo-single", "response": 2, "confidence": None}]
    assert page.locator(".ck-score").inner_text() == "1 of 6 answered, 1 correct."

    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset my answers").click()
    assert sent(page)[-1] == {"clear": True}
    assert page.locator(".ck-score").inner_text() == "0 of 6 answered, 0 correct."


def test_confidence_marking_works_in_the_widget_as_in_the_book(things, pages):
    _, widget = pages
    page = widget(things["quiz"])
    page.evaluate("localStorage.setItem('coursekit:settings', JSON.stringify({confidence: true}))")
    page.reload()
    page.evaluate(
        RENDER,
        [things["quiz"].widget()._esm, {"html": things["quiz"].widget().html, "state": {}, "notices": []}],
    )
    single = page.locator("#ck-demo-demo-single")
    single.get_by_role("radio", name="Sure", exact=True).check()
    single.locator(".ck-controls").get_by_role("radio").nth(0).check()
    single.get_by_role("button", name="Check answer").click()
    assert "Certainty-based mark: -6" in single.locator(".ck-feedback").inner_text()
    assert sent(page) == [{"item": "demo-single", "response": 1, "confidence": "high"}]


def test_a_quiz_that_always_asks_how_sure_asks_whatever_the_setting(things, pages):
    _, widget = pages
    quiz = things["quiz"]
    ui = QuizWidget(quiz.bank, quiz.citations_for, quiz.store, confidence=True)  # as live Review asks
    page = widget(quiz)
    page.evaluate(RENDER, [ui._esm, {"html": ui.html, "state": {}, "notices": []}])
    assert page.locator("#widget .ck-quiz").count() == 2
    quizzes = page.locator("#widget .ck-quiz")
    assert quizzes.nth(1).locator("fieldset.ck-confidence").count() == 6  # one per question
    assert quizzes.nth(0).locator(".ck-confidence").count() == 0  # the setting is off


def test_saved_answers_merged_answers_and_notices_are_shown(things, pages):
    _, widget = pages
    page = widget(things["quiz"], state={"items": {"demo-multi": {"response": [1, 3], "correct": True}}})
    multi = page.locator("#ck-demo-demo-multi")
    boxes = multi.get_by_role("checkbox")
    assert [boxes.nth(n).is_checked() for n in range(boxes.count())] == [True, False, True]
    assert "\u2714 Correct." in multi.locator(".ck-feedback").inner_text()
    assert page.locator(".ck-score").inner_text() == "1 of 6 answered, 1 correct."

    notice = page.locator(".ck-notice")
    assert notice.is_hidden()
    page.evaluate("window.model.fire('notices', ['Your progress file could not be read.'])")
    assert notice.is_visible() and notice.inner_text() == "Your progress file could not be read."
    page.evaluate(
        "window.model.fire('state', {items: {'demo-multi': {response: [1, 3], correct: true},"
        " 'demo-tf': {response: false, correct: false}}})"
    )
    assert page.locator(".ck-score").inner_text() == "2 of 6 answered, 1 correct."

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my answers").click()
    doc = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert doc["format"] == "coursekit-answers" and doc["quiz"] == "demo"
    assert set(doc["answers"]) == {"demo-multi", "demo-tf"}


def test_a_checklist_sends_each_tick_and_shows_ticks_made_elsewhere(things, pages):
    _, widget = pages
    page = widget(things["checklist"], state={"ticked": ["look-b"]})
    boxes = page.get_by_role("checkbox")
    assert [boxes.nth(n).is_checked() for n in range(3)] == [False, True, False]
    boxes.nth(0).check()
    assert sent(page) == [{"entry": "ask-a", "ticked": True}]
    page.evaluate("window.model.fire('state', {ticked: ['ask-a', 'feel-c', 'look-b']})")  # another tab
    assert [boxes.nth(n).is_checked() for n in range(3)] == [True, True, True]
    assert page.locator(".ck-score").inner_text() == "3 of 3 ticked."


def test_a_case_sends_each_step_and_resumes_where_the_file_says(things, pages):
    _, widget = pages
    page = widget(things["case"])
    page.get_by_role("radio").nth(1).check()
    page.get_by_role("button", name="Choose").click()
    assert sent(page) == [{"before": [], "step": ["intake", 1], "finished": False}]
    assert "Step 2" in page.locator(".ck-case-step legend").inner_text()

    again = widget(things["case"], state={"path": [["intake", 0], ["look", 0]], "finished": True})
    assert again.locator(".ck-case-debrief").is_visible() and again.locator(".ck-case-step").is_hidden()
    again.on("dialog", lambda d: d.accept())
    again.get_by_role("button", name="Start the case again").click()
    assert sent(again) == [{"clear": True}]


def test_an_exercise_sends_what_is_typed_when_the_writer_pauses_and_then_submits(things, pages):
    _, widget = pages
    page = widget(things["exercise"], state={"answers": {"advice": "Check feet daily."}})
    areas = page.get_by_role("textbox")
    assert areas.nth(1).input_value() == "Check feet daily."
    areas.nth(0).press_sequentially("No heat.", delay=10)
    assert page.locator(".ck-saved").inner_text() == "Saved in your progress file."
    page.wait_for_function("window.sent.length === 1")
    assert sent(page) == [{"answers": {"plan": "No heat."}}]  # one change, not one per key
    areas.nth(0).press_sequentially(" Light.", delay=10)
    page.get_by_role("button", name="Submit and show the model answer").click()
    assert sent(page)[1:] == [{"answers": {"plan": "No heat. Light."}}, {"answers": {}, "submitted": True}]
    assert page.locator(".ck-model").is_visible()


def test_review_draws_each_question_as_the_book_does(things, browser):
    """review.js draws the questions it picks with coursekit.js ``ui.fieldset`` over item_model; for every
    item type that must be static_html's markup, byte for byte."""
    from coursekit.static_html import asset, item_fieldset, item_model

    quiz = things["quiz"]
    page = browser.new_page()
    page.set_content(f"<script>{asset('coursekit.js')}</script>")
    for n, item in enumerate(quiz.bank.items, start=1):
        base, legend = f"ck-review-{item.id}", f"Question {n} of 6"
        drawn = page.evaluate(
            "([m, base, legend]) => window.coursekit.ui.fieldset(m, base, legend).outerHTML",
            [item_model(item, quiz.citations_for(item)), base, legend],
        )
        assert drawn == item_fieldset(base, item, legend), item.type
    page.close()


def test_the_same_answer_gets_the_same_feedback_in_the_widget_and_the_book(things, pages):
    book, widget = pages
    quiz = things["quiz"]
    shown = []
    for page in (book(quiz), widget(quiz)):
        for item in ("demo-multi", "demo-match"):
            fs = page.locator(f"#ck-demo-{item}")
            if item == "demo-multi":
                fs.get_by_role("checkbox").nth(0).check()
            else:
                fs.get_by_role("combobox").nth(0).select_option(index=1)
                fs.get_by_role("combobox").nth(1).select_option(index=1)
            fs.get_by_role("button", name="Check answer").click()
        shown.append(
            [page.locator(f"#ck-demo-{i} .ck-feedback").inner_html() for i in ("demo-multi", "demo-match")]
        )
    assert shown[0] == shown[1] and all("Explanation:" in f for f in shown[0])


def test_a_second_view_of_the_same_quiz_has_its_own_ids_and_radio_groups(things, pages):
    _, widget = pages
    quiz = things["quiz"]
    ui = quiz.widget()
    page = widget(quiz)
    page.evaluate(RENDER, [ui._esm, {"html": ui.html, "state": {}, "notices": []}])  # a second view
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map((e) => e.id)")
    assert len(ids) == len(set(ids)) and "ck-demo-view2" in ids
    views = page.locator(".ck-quiz")
    views.nth(0).locator("#ck-demo-demo-single").get_by_role("radio").nth(0).check()
    second = views.nth(1).locator("#ck-demo-demo-single-view2")
    second.get_by_text(second.get_by_role("radio").nth(1).evaluate("(r) => r.labels[0].innerText")).click()
    assert views.nth(0).locator("#ck-demo-demo-single").get_by_role("radio").nth(0).is_checked()  # kept
    assert second.get_by_role("radio").nth(1).is_checked()  # its label works
    assert second.get_attribute("aria-describedby") == "ck-demo-demo-single-stem-view2"
