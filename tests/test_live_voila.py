"""Live Jupyter in a real browser: Voila serves the safety quiz and a case notebook with the course's
Voila settings (binder/jupyter: the "coursekit" template, kernel culling) and Chromium uses them.

Checked: 0 serious or critical axe-core violations, answers written to the progress file and restored
after a reload, a case walked with the keyboard alone, question content identical to the book's page,
no request leaving 127.0.0.1 (Voila's stock template would fetch Font Awesome from a CDN), and
idle-kernel culling switched on.
"""

import pytest

from coursekit.banks import load_bank, load_cases

from .conftest import ROOT
from .live_jupyter import local_only, need, serve, wait_for_file
from .test_quality_browser import _axe_violations


@pytest.fixture
def voila(tmp_path):
    need("voila")

    def start(notebook):
        return serve("voila", ["--Voila.ip=127.0.0.1", notebook], ROOT, tmp_path)

    return start


def _open(context, base, ready):
    page = context.new_page()
    page.goto(base, timeout=120_000)
    page.locator(ready).first.wait_for(timeout=120_000)
    return page


def test_the_safety_quiz_in_voila_saves_restores_stays_local_and_is_accessible(voila, browser, site):
    from axe_playwright_python.sync_playwright import Axe

    first = load_bank(ROOT / "exercises" / "safety-quiz.yml").items[0]
    assert first.type == "single_choice"
    with voila("exercises/safety-quiz.ipynb") as (base, progress, log):
        context = browser.new_context()
        requests = []
        context.on("request", lambda r: requests.append(r.url))
        try:
            page = _open(context, base, ".ck-quiz[data-ck-ready] .ck-check")
            assert _axe_violations(page, Axe()) == []

            # the question reads as on the book's page: stem, options, legend
            book = context.new_page()
            book.goto((site / "book/safety/quiz.html").as_uri())
            item = f"#ck-safety-{first.id}"
            assert page.locator(item).aria_snapshot() == book.locator(item).aria_snapshot()
            book.close()

            radios = page.locator(item).get_by_role("radio")
            radios.nth(1).check()
            page.locator(item).get_by_role("button", name="Check answer").click()
            page.locator(item).get_by_text("Explanation:").wait_for(timeout=60_000)
            data = wait_for_file(progress, lambda d: d["quizzes"]["safety"]["items"][first.id])
            saved = data["quizzes"]["safety"]["items"][first.id]
            assert saved["response"] == 2 and saved["attempts"] == 1

            page.reload()
            page.locator(".ck-quiz[data-ck-ready] .ck-check").first.wait_for(timeout=120_000)
            radios = page.locator(item).get_by_role("radio")
            assert radios.nth(1).is_checked() and not radios.nth(0).is_checked()
            assert page.locator(item).get_by_text("Explanation:").is_visible()
            assert _axe_violations(page, Axe()) == []
        finally:
            context.close()
        assert local_only(requests, base) == []
        assert "Culling kernels with idle durations > 900 seconds" in log.read_text()  # binder/jupyter


def test_a_case_in_voila_is_walked_with_the_keyboard_saved_and_resumed(voila, browser, site):
    from axe_playwright_python.sync_playwright import Axe

    case = load_cases(ROOT / "exercises" / "evidence-cases.yml").cases[0]
    start = next(s for s in case.steps if s.id == case.start)
    with voila("exercises/evidence-cases.ipynb") as (base, progress, _):
        context = browser.new_context()
        requests = []
        context.on("request", lambda r: requests.append(r.url))
        try:
            page = _open(context, base, f"#ck-case-{case.id}[data-ck-ready] .ck-choose")
            assert _axe_violations(page, Axe()) == []
            root = page.locator(f"#ck-case-{case.id}")
            book = context.new_page()  # the case reads as on its book page
            book.goto((site / f"book/cases/{case.id}.html").as_uri())
            assert root.aria_snapshot() == book.locator(f"#ck-case-{case.id}").aria_snapshot()
            book.close()
            first = root.locator(".ck-case-choices input").first
            for _ in range(60):  # Tab from the top of the page to the case's first choice
                page.keyboard.press("Tab")
                if first.evaluate("(el) => el === document.activeElement"):
                    break
            else:
                raise AssertionError("Tab never reached the case's first choice")
            page.keyboard.press("Space")
            page.keyboard.press("ArrowDown")  # the second choice, as a radio group moves
            page.keyboard.press("Tab")
            assert root.locator(".ck-choose").evaluate("(el) => el === document.activeElement")
            page.keyboard.press("Enter")
            root.get_by_text("You chose:").wait_for(timeout=60_000)
            assert root.locator(".ck-case-step legend").inner_text() == "Step 2"
            data = wait_for_file(progress, lambda d: d["cases"][case.id]["path"])
            assert data["cases"][case.id]["path"] == [[start.id, 1]]

            page.reload()
            root = page.locator(f"#ck-case-{case.id}")
            root.locator(".ck-choose").wait_for(timeout=120_000)
            assert root.locator(".ck-case-step legend").inner_text() == "Step 2"
            assert root.get_by_text("You chose:").count() == 1
            assert _axe_violations(page, Axe()) == []
        finally:
            context.close()
        assert local_only(requests, base) == []
