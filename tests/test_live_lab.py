"""Live Jupyter in a real browser: JupyterLab, with the course's settings, runs an exercise notebook
(a copy of exercises/lifestyle-exercises.ipynb) and Chromium uses it as a student would.

Checked: the exercise is the book's (same markup, same accessibility tree but for where answers are
kept), 0 serious or critical axe-core violations within it, typed answers written to the progress file
and shown again when the notebook is opened and run afresh, and no request leaving 127.0.0.1.
"""

import pytest

from coursekit.banks import load_exercises

from .conftest import ROOT
from .live_jupyter import course_copy, local_only, need, serve, wait_for_file
from .test_quality_browser import _axe_violations

NOTEBOOK = "exercises/lifestyle-exercises.ipynb"


@pytest.fixture
def lab(tmp_path):
    need("jupyterlab")
    course = course_copy(tmp_path)
    args = ["--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root"]
    with serve("jupyterlab", args, course, tmp_path) as (base, progress, log):
        yield base, progress
        # binder/jupyter/jupyter_lab_config.json: no PyPI queries, no news or update checks
        assert "Extension Manager is 'readonly'" in log.read_text()


def _run_all(page, ready):
    """Run every cell from the Run menu, as a student does, and wait for the exercise to be live."""
    page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=120_000)  # the status bar
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.locator(ready).first.wait_for(timeout=120_000)


def test_an_exercise_in_jupyterlab_is_the_books_and_keeps_what_was_typed(lab, browser, site):
    from axe_playwright_python.sync_playwright import Axe

    base, progress = lab
    ex = load_exercises(ROOT / "exercises" / "lifestyle-exercises.yml").exercises[0]
    root_sel = f".jp-OutputArea #ck-ex-{ex.id}[data-ck-ready]"
    context = browser.new_context()
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        page.goto(f"{base}lab/tree/{NOTEBOOK}", timeout=120_000)
        _run_all(page, root_sel)
        root = page.locator(root_sel)
        assert _axe_violations(page, Axe(), context=root_sel) == []

        book = context.new_page()
        book.goto((site / "book/lifestyle/quiz-and-exercises.html").as_uri())
        tree = book.locator(f"#ck-ex-{ex.id}").aria_snapshot()
        book.close()
        kept = ("Saved in this browser.", "Saved in your progress file.")
        assert root.aria_snapshot().replace(*reversed(kept)) == tree

        area = root.get_by_role("textbox").first
        area.click()
        page.keyboard.type("Light touch only; no heat.")  # typed, so kept as the writer pauses
        assert root.locator(".ck-saved").inner_text() == "Saved in your progress file."
        prompt, typed = ex.prompts[0].id, "Light touch only; no heat."
        wait_for_file(progress, lambda d: d["exercises"][ex.id]["answers"][prompt] == typed)

        page.close()
        page = context.new_page()  # opened again, and run afresh
        page.goto(f"{base}lab/tree/{NOTEBOOK}", timeout=120_000)
        _run_all(page, root_sel)
        assert page.locator(root_sel).get_by_role("textbox").first.input_value() == typed
    finally:
        context.close()
    assert local_only(requests, base) == []
