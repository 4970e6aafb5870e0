"""Hostile input: markup and code in every text field show as text and never run.

tests/fixtures/hostile/ holds a question bank, a checklist file, a case file and an exercise file
whose every text field carries a <script> tag, event-handler attributes, `javascript:` links and
raw HTML, and one field in each file a very long unbroken string. The browser test renders each
file with coursekit's own HTML (coursekit.js and .css inlined once, as on a book page), works
through every control, and proves nothing ran; the CLI test proves `coursekit validate` warns
with file, line, item and field, and still exits 0.
"""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coursekit.banks import load_bank, load_cases, load_checklists, load_exercises
from coursekit.references import bib_keys, citation

from .browser_support import Watch
from .conftest import FIXTURES, ROOT

HOSTILE = FIXTURES / "hostile"
BIB = FIXTURES / "demo.bib"
MARK = "__pwned"  # every injected script would set window.__pwned
FILES = ["hostile-quiz.yml", "hostile-checklists.yml", "hostile-cases.yml", "hostile-exercises.yml"]


def hostile_page(tmp_path, monkeypatch) -> Path:
    """One HTML page with every hostile file rendered by coursekit, assets inlined once."""
    monkeypatch.setenv("COURSEKIT_ASSETS", "external")  # fragments without assets; added once below
    from coursekit.static_activities import case_html, exercise_html
    from coursekit.static_html import asset, checklist_html, quiz_html

    keys = bib_keys(BIB)
    bank = load_bank(HOSTILE / "hostile-quiz.yml", keys)
    lists = load_checklists(HOSTILE / "hostile-checklists.yml", keys)
    cases = load_cases(HOSTILE / "hostile-cases.yml", keys)
    exercises = load_exercises(HOSTILE / "hostile-exercises.yml", keys)

    def cites(entry):
        return [citation(BIB, k) for k in entry.references]

    fragments = [quiz_html(bank, cites)]
    fragments += [checklist_html(c) for c in lists.checklists]
    fragments += [case_html(c, cites(c)) for c in cases.cases]
    fragments += [exercise_html(e, cites(e)) for e in exercises.exercises]
    page = tmp_path / "hostile.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile input</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{asset('coursekit.css')}</style></head><body><main>"
        + "\n".join(fragments)
        + f'</main><script id="coursekit-js">{asset("coursekit.js")}</script>'
        + f'<script id="coursekit-activities-js">{asset("coursekit-activities.js")}</script></body></html>',
        encoding="utf-8",
    )
    return page


DOM_AUDIT = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.trim().toLowerCase().replace(/[\\s\\u0000-\\u001f]/g, '');
      if (a.name.toLowerCase().startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(a.name.toLowerCase())
          && (v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text/html')))
        bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
    if (['IFRAME', 'IMG', 'SVG', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase()))
      bad.push('element ' + el.tagName);
    if (el.tagName === 'SCRIPT' && !el.id.startsWith('coursekit-')
        && el.type !== 'application/json')
      bad.push('script ' + el.outerHTML.slice(0, 80));
  }
  return bad;
}"""


def test_hostile_files_render_as_text_and_run_nothing(tmp_path, monkeypatch, browser):
    url = hostile_page(tmp_path, monkeypatch).as_uri()
    watch = Watch(browser)
    dialogs = []
    watch.context.on("page", lambda p: p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    page = watch.page(url)

    # the quiz: answer every question (first option / a number / first match or step) and check it
    for fs in page.locator("fieldset.ck-item").all():
        for kind in ("radio", "checkbox"):
            boxes = fs.locator(f"input[type={kind}]")
            if boxes.count():
                boxes.first.check()
        if fs.locator("input[type=number]").count():
            fs.locator("input[type=number]").fill("70")
        for sel in fs.locator("select").all():
            sel.select_option(index=1)
        fs.get_by_role("button", name="Check answer").click()
        assert fs.locator(".ck-feedback").inner_text().strip()
    # the checklist: tick everything
    for box in page.locator(".ck-checklist input[type=checkbox]").all():
        box.check()
    # the case: walk to the end, so every prompt, choice, feedback and the debrief are shown
    case = page.locator(".ck-case")
    while case.locator(".ck-case-step").is_visible():
        case.locator(".ck-case-choices input").first.check()
        case.get_by_role("button", name="Choose").click()
    assert case.locator(".ck-case-debrief").is_visible()
    # the exercise: write, submit, see the model answer
    ex = page.locator(".ck-exercise")
    ex.locator("textarea").first.fill("<script>window.__pwned='typed'</script>")
    ex.get_by_role("button", name="Submit and show the model answer").click()
    assert ex.locator(".ck-model").is_visible()
    page.reload()  # everything restored from localStorage is rendered again
    page.mouse.move(10, 10)
    page.mouse.move(400, 400)

    assert page.evaluate(f"typeof window.{MARK}") == "undefined"
    assert dialogs == []
    assert page.evaluate(DOM_AUDIT) == []
    text = page.locator("main").inner_text()
    assert '<script>window.__pwned = "script"</script>' in text  # shown, as text
    assert "[click me](javascript:window.__pwned='md')" in text  # not turned into a link
    assert "<img src=x onerror=\"window.__pwned = 'img'\">" in text
    # the very long unbroken string wraps inside the page instead of widening it
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    watch.assert_clean()
    watch.context.close()


def _texts(node, out):
    if isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            _texts(value, out)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _texts(child, out)
    elif isinstance(node, yaml.ScalarNode) and MARK in node.value:
        out.append((node.start_mark.line + 1, len(node.value)))


@pytest.mark.parametrize("name", FILES)
def test_validate_warns_with_file_line_item_and_exits_0(name):
    path = HOSTILE / name
    out = subprocess.run(
        [sys.executable, "-m", "coursekit", "validate", str(path), "--bib", str(BIB)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"ok: {path}")
    warnings = {}
    for line in out.stderr.splitlines():
        assert line.startswith(f"warning: {path}:"), line
        number = int(line.split(":")[2])
        warnings[number] = line
    texts = []
    _texts(yaml.compose(path.read_text(encoding="utf-8")), texts)
    assert texts, "the fixture has no hostile text"
    for number, length in texts:
        line = warnings.get(number)
        assert line, f"no warning for {name} line {number}"
        for what in ("a <script> tag", "event-handler attribute", "a javascript: link"):
            assert what in line, (what, line)
        if length > 5000:
            assert f"a very long text ({length} characters" in line
    assert any("a very long text" in w for w in warnings.values())
    assert any(" item '" in w for w in warnings.values())


def test_validate_names_the_item_and_field():
    out = subprocess.run(
        [sys.executable, "-m", "coursekit", "validate", str(HOSTILE / "hostile-quiz.yml"), "--bib", str(BIB)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0
    assert (
        f"warning: {HOSTILE / 'hostile-quiz.yml'}:14: item 'hostile-single': options[1].text: contains a "
        "<script> tag" in out.stderr
    )
    assert "item 'hostile-match': pairs[2].match:" in out.stderr
    assert "item 'hostile-num': unit:" in out.stderr


def test_the_real_banks_raise_no_hostile_warning():
    out = subprocess.run(
        [sys.executable, "-m", "coursekit", "validate", "exercises/"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "warning:" not in out.stderr
