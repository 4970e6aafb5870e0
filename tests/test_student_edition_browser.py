"""In a real browser (Debian Chromium): a student answers the student edition of an assignment, reloads,
downloads the response file, and the instructor's `coursekit grade` marks it with the key.

The student edition draws its questions with the book's markup and coursekit.js; opened over file://,
with no server and no network. With CI=true a missing Chromium fails the run; elsewhere it skips.
"""

import json
from pathlib import Path

from coursekit.variants import variant_entries

from .instructor_helpers import assign_week3, csv_dicts, demo_bank, run


def _answer(page, e, response):
    """Give ``response`` (as the key's correct_displayed writes it) to the question at e's position."""
    fs = page.locator(f"#ck-q{e['position']}")
    t = e["type"]
    if t in ("single_choice", "multiple_select"):
        for d in [response] if t == "single_choice" else response:
            fs.get_by_role("radio" if t == "single_choice" else "checkbox").nth(d - 1).check()
    elif t == "true_false":
        fs.get_by_role("radio", name="True" if response else "False").check()
    elif t == "numeric":
        fs.get_by_role("spinbutton").fill(str(response))
        fs.get_by_role("spinbutton").press("Tab")
    else:
        for k, value in enumerate(response, start=1):
            suffix = "m" if t == "matching" else "s"
            fs.locator(f"#ck-q{e['position']}-{suffix}{k}").select_option(value=str(value))


def test_a_student_answers_downloads_and_is_graded(tmp_path, watch):
    key_path, key = assign_week3(tmp_path, demo_bank(tmp_path) / "demo-quiz.yml", seed=3)
    entries = variant_entries(key, "v002-s002")
    assert {e["type"] for e in entries} == {
        "single_choice",
        "multiple_select",
        "true_false",
        "numeric",
        "matching",
        "ordering",
    }
    page = watch.page((tmp_path / "a" / "student" / "week-3-v002-s002.html").as_uri())
    status = page.get_by_role("status")
    assert status.inner_text() == f"0 of {len(entries)} answered."
    assert page.get_by_role("button", name="Check answer").count() == 0
    assert page.get_by_label("Student ID").input_value() == "s002"
    for e in entries:
        _answer(page, e, e["correct_displayed"])
    assert status.inner_text() == f"{len(entries)} of {len(entries)} answered."

    page.reload()  # kept in this browser, and shown again in the same controls
    assert status.inner_text() == f"{len(entries)} of {len(entries)} answered."
    single = next(e for e in entries if e["type"] == "single_choice")
    shown = page.locator(f"#ck-q{single['position']}").get_by_role("radio")
    assert shown.nth(single["correct_displayed"] - 1).is_checked()
    page.screenshot(path=str(tmp_path / "student-edition.png"), full_page=True)

    with page.expect_download() as dl:
        page.get_by_role("button", name="Download my response file").click()
    assert dl.value.suggested_filename == "week-3-s002-responses.json"
    answers = tmp_path / "responses"
    answers.mkdir()
    saved = Path(dl.value.path()).read_text()
    doc = json.loads(saved)
    assert (doc["assignment"], doc["variant"], doc["student_id"]) == ("week-3", "v002-s002", "s002")
    (answers / "s002.json").write_text(saved)
    graded = run("grade", key_path, answers, "--out", tmp_path / "g", "--no-plot")
    assert graded.exit_code == 0, graded.output
    row = next(row for row in csv_dicts(tmp_path / "g" / "gradebook.csv") if row["student_id"] == "s002")
    assert row["score"] == str(len(entries)), row
    watch.assert_clean()
