"""The live quiz widget's front end (coursekit.js + quiz-widget.js, the widget's _esm) in Chromium, as
anywidget runs it: imported as an ES module and rendered over a model. Its markup is the book's
(static_html) for every item type; a checked answer goes to the model as a change; saved answers,
their feedback and notices about the progress file are shown."""

import json
from pathlib import Path

import pytest

from coursekit.display import Quiz
from coursekit.progress import ProgressStore

RENDER = """async ([src, quiz, answers, book]) => {
  document.getElementById("book").innerHTML = book;
  const mod = await import(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
  const state = { quiz, answers, notices: [] }, on = {};
  window.sent = [];
  window.model = {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; if (k === "change") window.sent.push(v); },
    save_changes: () => {},
    on: (e, f) => { on[e] = f; },
    off: () => {},
    fire: (k, v) => { state[k] = v; on["change:" + k](); },
  };
  mod.default.render({ model: window.model, el: document.getElementById("widget") });
}"""


@pytest.fixture
def widget_page(browser, demo_project, tmp_path):
    quiz = Quiz(demo_project / "exercises" / "demo-quiz.yml", store=ProgressStore(tmp_path / "p.json"))
    ui = quiz.widget()
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def render(answers=None):
        page.set_content(f"<style>{ui._css}</style><div id='book'></div><div id='widget'></div>")
        page.evaluate(RENDER, [ui._esm, ui.quiz, answers or {}, quiz.html()])
        return page

    yield quiz, render
    page.close()
    assert errors == []


def test_the_widget_shows_the_books_markup_for_every_item_type(widget_page):
    quiz, render = widget_page
    page = render()
    outer = "(root) => [...root.querySelectorAll('fieldset.ck-item')].map((f) => f.outerHTML)"
    book = page.locator("#book").evaluate(outer)
    widget = page.locator("#widget").evaluate(outer)
    assert len(book) == len(quiz.bank.items) == 6
    types = {it.type for it in quiz.bank.items}
    assert types == {"single_choice", "multiple_select", "true_false", "numeric", "matching", "ordering"}
    for item, b, w in zip(quiz.bank.items, book, widget, strict=True):
        assert w == b, item.id
    shared = (".ck-quiz#ck-demo", ".ck-notice[role=alert][hidden]", "#ck-demo-score[aria-live=polite]")
    for sel in shared:
        assert page.locator(f"#widget {sel}").count() == 1 == page.locator(f"#book {sel}").count(), sel
    assert page.locator("#widget .ck-score").inner_text() == "0 of 6 answered, 0 correct."


def test_a_checked_answer_is_graded_shown_and_sent_as_a_change(widget_page):
    _, render = widget_page
    page = render()
    match = page.locator("#widget #ck-demo-demo-match")
    match.get_by_role("button", name="Check answer").click()
    assert match.locator(".ck-feedback").inner_text() == "Choose an answer first. Fill in every row."
    assert page.evaluate("window.sent") == []

    single = page.locator("#widget #ck-demo-demo-single")
    single.get_by_role("radio").nth(1).check()
    single.get_by_role("button", name="Check answer").click()
    feedback = single.locator(".ck-feedback")
    assert "\u2714 Correct." in feedback.inner_text() and "Explanation:" in feedback.inner_text()
    assert "Doe et al. (2020)" in feedback.inner_text()
    assert all(t == "_blank" for t in feedback.locator("a").evaluate_all("(a) => a.map((x) => x.target)"))
    sent = page.evaluate("window.sent")
    assert [(s["item"], s["response"], s["seq"]) for s in sent] == [("demo-single", 2, 1)]


def test_saved_answers_and_notices_are_shown(widget_page):
    _, render = widget_page
    page = render({"demo-multi": {"response": [1, 3], "correct": True, "attempts": 1}})
    multi = page.locator("#widget #ck-demo-demo-multi")
    boxes = multi.get_by_role("checkbox")
    assert [boxes.nth(n).is_checked() for n in range(boxes.count())] == [True, False, True]
    assert "\u2714 Correct." in multi.locator(".ck-feedback").inner_text()
    assert page.locator("#widget .ck-score").inner_text() == "1 of 6 answered, 1 correct."

    notice = page.locator("#widget .ck-notice")
    assert notice.is_hidden()
    page.evaluate("window.model.fire('notices', ['Your progress file could not be read.'])")
    assert notice.is_visible() and notice.inner_text() == "Your progress file could not be read."
    page.evaluate(
        "window.model.fire('answers', {'demo-multi': {response: [1, 3], correct: true, attempts: 1},"
        " 'demo-tf': {response: false, correct: false, attempts: 1}})"
    )
    assert page.locator("#widget .ck-score").inner_text() == "2 of 6 answered, 1 correct."

    with page.expect_download() as download:
        page.locator("#widget").get_by_role("button", name="Download my answers").click()
    doc = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert doc["format"] == "coursekit-answers" and doc["quiz"] == "demo"
    assert doc["answers"]["demo-multi"]["response"] == [1, 3]
