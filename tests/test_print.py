"""Printing: chapters, checklists and handouts print without the site's navigation; quiz feedback
and model answers print only once the student revealed them; checklists print with boxes."""

import json

import pytest

NAV = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".prev-next-area", ".bd-footer"]


def visible(page, selector):
    return page.evaluate(
        """sel => [...document.querySelectorAll(sel)].some(e => {
             const r = e.getBoundingClientRect(), s = getComputedStyle(e);
             return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
           })""",
        selector,
    )


@pytest.mark.parametrize(
    "page_path",
    [
        "book/safety/sensation-and-feet.html",
        "book/lifestyle/handout-daily-foot-check.html",
        "book/safety/checklists.html",
    ],
)
def test_pages_print_without_navigation(site, watch, page_path):
    page = watch.page((site / page_path).as_uri())
    assert visible(page, ".bd-header") and visible(page, ".bd-sidebar-primary"), "screen shows navigation"
    page.emulate_media(media="print")
    for selector in NAV:
        assert not visible(page, selector), f"{selector} shows in print"
    assert visible(page, "h1"), "the page title prints"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    watch.assert_clean()


def test_quiz_feedback_prints_only_when_revealed(site, watch):
    page = watch.page((site / "book/safety/quiz.html").as_uri())
    data = json.loads(page.locator("script.ck-data").first.text_content())
    item = next(i for i in data["items"] if i["type"] == "single_choice")
    fs = page.locator(f"#ck-safety-{item['id']}")
    page.emulate_media(media="print")
    assert not visible(page, ".ck-quiz .ck-feedback"), "unrevealed feedback would print"
    assert not visible(page, ".ck-quiz button")
    assert visible(page, ".ck-quiz .ck-stem")
    page.emulate_media(media="screen")
    fs.locator("input").first.check()
    fs.get_by_role("button", name="Check answer").click()
    page.emulate_media(media="print")
    assert fs.locator(".ck-feedback").is_visible(), "revealed feedback should print"
    others = page.locator(f"fieldset.ck-item:not(#ck-safety-{item['id']}) .ck-feedback")
    assert not any(others.nth(i).is_visible() for i in range(others.count()))
    watch.assert_clean()


def test_model_answers_print_only_when_revealed(site, watch):
    page = watch.page((site / "book/lifestyle/quiz-and-exercises.html").as_uri())
    page.emulate_media(media="print")
    assert not visible(page, ".ck-model"), "an unrevealed model answer would print"
    page.emulate_media(media="screen")
    page.locator(".ck-exercise textarea").first.fill("Light pressure, no heat, check the feet.")
    page.get_by_role("button", name="Submit and show the model answer").click()
    page.emulate_media(media="print")
    assert visible(page, ".ck-model")
    watch.assert_clean()


def test_checklists_print_with_boxes(site, watch):
    page = watch.page((site / "book/safety/checklists.html").as_uri())
    page.emulate_media(media="print")
    box = page.locator(".ck-checklist input[type=checkbox]").first
    assert box.is_visible()
    style = box.evaluate(
        "b => { const s = getComputedStyle(b); return [s.borderTopStyle, s.borderTopWidth]; }"
    )
    assert style[0] == "solid" and style[1] != "0px"
    assert not visible(page, ".ck-checklist button")
    watch.assert_clean()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_rules_at_a_glance_prints_on_two_pages(site, watch, paper):
    """The clinical rulebook's one-sheet page prints on at most two pages, with every rule on it."""
    import re

    import yaml

    from .conftest import ROOT

    rules = yaml.safe_load((ROOT / "data" / "clinical-rules.yml").read_text(encoding="utf-8"))["rules"]
    page = watch.page((site / "book/safety/rules-at-a-glance.html").as_uri())
    page.emulate_media(media="print")
    printed = " ".join(page.locator("article").inner_text().split())
    for rule in rules:
        assert " ".join(rule["sign"].split()) in printed, rule["id"]
    assert not visible(page, ".ck-screen-only"), "the in-full section is screen only"
    pdf = page.pdf(format=paper)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{pages} pages on {paper}"
    watch.assert_clean()
