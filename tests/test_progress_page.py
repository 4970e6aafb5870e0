"""The "My progress" page (book/progress.md) and the live-Jupyter progress summary.

The page counts, per part, what the student did in this browser (quiz answers, ticks, finished
cases), draws it as an SVG bar chart with a table, and exports, imports and resets all progress.
"""

import json

from coursekit.banks import load_bank, load_cases, load_checklists
from coursekit.overview import ProgressOverview, course_totals, summary_rows

from .conftest import ROOT

N_SAFETY = len(load_bank(ROOT / "exercises" / "safety-quiz.yml").items)
N_MECHANISMS = len(load_bank(ROOT / "exercises" / "mechanisms-quiz.yml").items)


def test_the_totals_per_part_come_from_the_banks_checklists_and_cases():
    parts = {p["id"]: p for p in course_totals(ROOT)}
    ex = ROOT / "exercises"
    for path in ex.glob("*-quiz.yml"):
        bank = load_bank(path)
        part = parts[path.name[: -len("-quiz.yml")]]
        assert {"id": bank.id, "items": [i.id for i in bank.items]} in part["quizzes"]
        assert part["title"] == bank.part
    for path in ex.glob("*-checklists.yml"):
        doc = load_checklists(path)
        part = parts[path.name[: -len("-checklists.yml")]]
        assert [c["id"] for c in part["checklists"]] == [c.id for c in doc.checklists]
    for path in ex.glob("*-cases.yml"):
        assert parts[path.name[: -len("-cases.yml")]]["cases"] == [c.id for c in load_cases(path).cases]
    # in the order of the table of contents
    assert [p["id"] for p in course_totals(ROOT)][:5] == [
        "mechanisms",
        "techniques",
        "lifestyle",
        "safety",
        "evidence",
    ]


def test_the_overview_output_is_deterministic_and_carries_its_data():
    a, b = ProgressOverview(ROOT).html(), ProgressOverview(ROOT).html()
    assert a == b
    assert 'class="ck-progress-data"' in a and "<table" in a


def test_summary_rows_count_answers_ticks_and_finished_cases():
    parts = course_totals(ROOT)
    safety = next(p for p in parts if p["id"] == "safety")
    first, second = safety["quizzes"][0]["items"][:2]
    checklist = safety["checklists"][0]
    data = {
        "quizzes": {"safety": {"items": {first: {"correct": True}, second: {"correct": False}, "gone": {}}}},
        "checklists": {checklist["id"]: {"ticked": [checklist["items"][0], "not-an-item"]}},
        "cases": {"case-older-falls": {"finished": True}, "case-oxaliplatin": {"finished": False}},
    }
    rows = {r["part"]: r for r in summary_rows(data, parts)}
    assert (rows["Safety"]["answered"], rows["Safety"]["correct"], rows["Safety"]["ticked"]) == (2, 1, 1)
    assert (
        rows["Evidence"]["finished"] == 1 and rows["Evidence"]["cases"] == 5
    )  # shown under "Evidence and cases"
    assert rows["Techniques"]["cases"] == 0
    assert rows["Mechanisms"]["answered"] == 0


# ---- in the browser, over file:// ----


def progress_page(site):
    return (site / "book" / "progress.html").as_uri()


def row(page, part_title):
    cells = page.locator(f"#ck-progress-table tbody tr:has(th:text-is('{part_title}')) td")
    return cells.all_inner_texts()


def answer_one_safety_question(page, site):
    """Answer one Safety question correctly, in the same tab that then opens the progress page."""
    page.goto((site / "book" / "safety" / "quiz.html").as_uri())
    data = json.loads(page.locator("script.ck-data").first.text_content())
    item = next(i for i in data["items"] if i["type"] == "single_choice")
    fs = page.locator(f"#ck-safety-{item['id']}")
    fs.locator(f"input[value='{item['answer']}']").check()
    fs.get_by_role("button", name="Check answer").click()
    assert page.locator(".ck-quiz .ck-score").first.inner_text().startswith(f"1 of {N_SAFETY} answered")


def test_the_page_counts_what_the_student_did_in_the_book(site, watch):
    page = watch.page(progress_page(site))
    answer_one_safety_question(page, site)
    page.goto((site / "book" / "safety" / "checklists.html").as_uri())
    page.locator(".ck-checklist input[type=checkbox]").first.check()
    page.goto((site / "book" / "cases" / "case-older-falls.html").as_uri())
    page.evaluate(
        "localStorage.setItem('coursekit:case:case-older-falls', JSON.stringify({path: [], finished: true}))"
    )
    page.goto(progress_page(site))
    assert row(page, "Safety") == [f"1 of {N_SAFETY}", f"1 of {N_SAFETY}", "1 of 28", "none in this part"]
    assert row(page, "Evidence")[3] == "1 of 5"
    assert row(page, "Techniques")[3] == "none in this part"
    assert row(page, "Mechanisms")[0] == f"0 of {N_MECHANISMS}"
    status = page.locator(".ck-progress-status").inner_text()
    assert "answered 1 of" in status and "finished 1 of 5 case studies" in status
    chart = page.get_by_role("img", name="Your progress per part, in percent")
    assert chart.is_visible()
    assert (
        f"Safety: quiz questions answered 1 of {N_SAFETY}"
        in page.locator("#ck-progress-chart-desc").text_content()
    )
    watch.assert_clean()


def test_export_reset_and_import_bring_progress_back(site, watch, tmp_path):
    page = watch.page(progress_page(site))
    answer_one_safety_question(page, site)
    page.goto(progress_page(site))
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export all my progress").click()
    exported = tmp_path / "mine.json"
    dl.value.save_as(exported)
    doc = json.loads(exported.read_text())
    assert doc["format"] == "coursekit-progress-export" and "coursekit:quiz:safety" in doc["entries"]

    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Reset all my progress").click()
    assert row(page, "Safety")[0] == f"1 of {N_SAFETY}", "a dismissed reset must change nothing"

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset all my progress").click()
    assert row(page, "Safety")[0] == f"0 of {N_SAFETY}"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('coursekit:'))") == []

    page.get_by_label("Import progress from a file").set_input_files(str(exported))
    page.locator(".ck-progress-message", has_text="Imported").wait_for()
    assert row(page, "Safety")[:2] == [f"1 of {N_SAFETY}", f"1 of {N_SAFETY}"]
    page.reload()
    assert row(page, "Safety")[0] == f"1 of {N_SAFETY}"
    watch.assert_clean()


def test_a_bad_import_file_is_reported_and_changes_nothing(site, watch, tmp_path):
    page = watch.page(progress_page(site))
    answer_one_safety_question(page, site)
    page.goto(progress_page(site))
    before = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    bad_files = {
        "not-json.json": "{this is not json",
        "other.json": json.dumps({"format": "something-else", "entries": {}}),
        "bad-entry.json": json.dumps(
            {
                "format": "coursekit-progress-export",
                "format_version": 1,
                "entries": {
                    "coursekit:quiz:safety": {"items": {"x": {"response": 1}}},
                    "coursekit:checklist:safety-competencies": {"ticked": "all"},
                },
            }
        ),
    }
    for name, text in bad_files.items():
        path = tmp_path / name
        path.write_text(text)
        page.get_by_label("Import progress from a file").set_input_files(str(path))
        message = page.locator(".ck-progress-message", has_text=name)
        message.wait_for()
        assert message.inner_text().startswith("Nothing was imported")
        assert page.evaluate("JSON.stringify(Object.assign({}, localStorage))") == before
    assert "checklist:safety-competencies" in message.inner_text()
    assert row(page, "Safety")[0] == f"1 of {N_SAFETY}"
    watch.assert_clean()
