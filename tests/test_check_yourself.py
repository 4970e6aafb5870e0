"""Does every content chapter end with a Check yourself that works in the book and in live Jupyter,
and counts where the part quiz counts (the part quiz itself, My progress, the progress file)?"""

import re

import pytest
import yaml

from coursekit.display import CheckYourself
from coursekit.progress import ProgressStore

from .conftest import ROOT
from .widget_helpers import check, shown_items

CALL = re.compile(r"""coursekit\.check_yourself\("([a-z]+)", "([a-z0-9-]+)"\)""")
NOT_CONTENT = re.compile(r"quiz|checklist|handout|rules-at-a-glance")
PARTS = ("mechanisms", "techniques", "lifestyle", "safety", "evidence")


def content_chapters():
    """The chapters of the five numbered parts, less quizzes, checklists, handouts and the sheet."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    out = []
    for part in toc["parts"]:
        for ch in part["chapters"]:
            bits = ch["file"].split("/")
            if len(bits) != 3:
                continue
            folder, stem = bits[1:]
            if folder in PARTS and not NOT_CONTENT.search(stem):
                out.append((folder, stem))
    return out


def test_the_course_has_22_content_chapters():
    assert len(content_chapters()) == 22


@pytest.mark.parametrize("part, chapter", content_chapters(), ids=lambda v: v)
def test_each_content_chapter_ends_with_its_own_check_yourself(part, chapter):
    text = (ROOT / "book" / part / f"{chapter}.md").read_text(encoding="utf-8")
    assert CALL.findall(text) == [(part, chapter)]
    assert text.index("## Check yourself") > text.index("Key points") if "Key points" in text else True
    quiz = CheckYourself.for_chapter(part, chapter)
    assert 2 <= len(quiz.bank.items) <= 4
    assert all(it.chapter == chapter for it in quiz.bank.items)


def test_a_chapter_with_too_few_tagged_items_is_named(demo_project):
    with pytest.raises(ValueError, match="needs at least 2 items tagged 'chapter: nowhere'; found 0"):
        CheckYourself(demo_project / "exercises" / "demo-quiz.yml", "nowhere")


def test_in_live_jupyter_answers_go_to_the_part_quiz_in_the_progress_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    store = ProgressStore(tmp_path / "progress.json")
    quiz = CheckYourself.for_chapter("safety", "red-flags", store=store)
    ui = quiz.widget()
    assert shown_items(ui) == [it.id for it in quiz.bank.items]
    assert "saved in your progress file with that quiz's" in ui.html and "ck-reset" not in ui.html
    item = next(it for it in quiz.bank.items if it.type == "single_choice")
    check(ui, item.id, item.answer)
    assert store.quiz_answers("safety")[item.id]["correct"] is True


def test_in_the_book_an_answer_counts_in_the_part_quiz_and_my_progress(site, watch):
    quiz = CheckYourself.for_chapter("safety", "red-flags")
    item = next(it for it in quiz.bank.items if it.type == "single_choice")
    page = watch.page((site / "book/safety/red-flags.html").as_uri())
    box = page.locator(".ck-check-yourself")
    assert box.count() == 1 and box.get_by_role("button", name="Reset my answers").count() == 0
    fs = box.locator(f"fieldset[data-item='{item.id}']")
    fs.locator(f"input[value='{item.answer}']").check()
    fs.get_by_role("button", name="Check answer").click()
    assert "\u2714 Correct." in fs.locator(".ck-feedback").inner_text()

    part = watch.page((site / "book/safety/quiz.html").as_uri())
    there = part.locator(f"#ck-safety-{item.id}")
    assert there.get_attribute("data-state") == "correct"
    assert part.locator(".ck-quiz .ck-score").first.inner_text().startswith("1 of ")

    progress = watch.page((site / "book/progress.html").as_uri())
    row = progress.locator("#ck-progress-table tr[data-part='safety'] td").first.inner_text()
    assert row.startswith("1 of ")
    watch.assert_clean()
