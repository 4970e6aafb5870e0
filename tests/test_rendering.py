"""Is the static quiz accessible, deterministic and safe with hostile text?"""

import json
import re
from html.parser import HTMLParser

import pytest

from coursekit.display import Checklist, Quiz
from coursekit.permutation import book_layout


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.scripts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(html):
    p = Tags()
    p.feed(html)
    return p


@pytest.fixture
def quiz(demo_project):
    return Quiz(demo_project / "exercises" / "demo-quiz.yml")


def test_every_item_is_a_fieldset_with_a_legend_and_a_live_region(quiz):
    html = re.sub(r"<script>.*?</script>", "", quiz.html(), flags=re.S)  # the markup, not coursekit.js
    assert html.count("<fieldset") == 6
    assert html.count("<legend>Question ") == 6
    assert html.count('aria-live="polite"') == 7  # one per item and the score
    assert 'id="ck-demo-demo-single"' in html


def test_every_control_has_a_label(quiz):
    p = parse(quiz.html())
    ids = {a["id"] for t, a in p.tags if t in ("input", "select")}
    labelled = {a["for"] for t, a in p.tags if t == "label" and "for" in a}
    assert ids and ids <= labelled


def test_rendering_twice_gives_the_same_output(demo_project):
    a = Quiz(demo_project / "exercises" / "demo-quiz.yml").html()
    b = Quiz(demo_project / "exercises" / "demo-quiz.yml").html()
    assert a == b


def test_data_block_holds_what_the_browser_grades_with(quiz):
    p = parse(quiz.html())
    data = json.loads(p.scripts[0])
    assert data["quiz"] == "demo"
    assert [i["id"] for i in data["items"]][:2] == ["demo-single", "demo-multi"]
    assert data["items"][0]["citations"][0]["url"] == "https://doi.org/10.0000/demo"
    assert "Doe et al. (2020)" in data["items"][0]["citations"][0]["text"]


def test_ordering_is_never_shown_in_the_authored_order():
    from coursekit.schema import Ordering

    common = dict(stem="S", explanation="E", objective="o", references=["r"], difficulty="easy")
    for n in range(2, 8):
        steps = [{"text": f"step {i}", "feedback": "fb"} for i in range(n)]
        for item_id in ("a", "b", "c"):
            order = book_layout(Ordering(id=item_id, type="ordering", steps=steps, **common)).steps.order
            assert sorted(order) == list(range(1, n + 1)) and order != tuple(range(1, n + 1))


def test_hostile_text_is_shown_as_text(demo_project):
    bank = demo_project / "exercises" / "demo-quiz.yml"
    text = bank.read_text().replace(
        "Which colour is the **sky** on a clear day?",
        '"<script>alert(1)</script><img src=x onerror=alert(2)> [link](javascript:alert(3)) </script>"',
    )
    bank.write_text(text)
    html = Quiz(bank).html()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    p = parse(html)
    # the JSON data block cannot be closed early by text inside it
    json.loads(p.scripts[0])
    assert len(re.findall(r"<script", html)) == 2


def test_checklist_html(demo_project):
    f = demo_project / "exercises" / "demo-checklists.yml"
    f.write_text(
        "schema_version: 1\nkind: checklists\npart: Demo\nchecklists:\n"
        "  - id: demo-list\n    title: Demo list\n    kind: screening\n    intro: Before the session.\n"
        "    items:\n      - {id: ask-a, text: Asked about A, group: Ask}\n"
        "      - {id: look-b, text: Looked at B, group: Look}\n"
    )
    html = Checklist(f, "demo-list").html()
    p = parse(html)
    boxes = [a for t, a in p.tags if t == "input"]
    assert [b["id"] for b in boxes] == ["ck-demo-list-ask-a", "ck-demo-list-look-b"]
    assert "<legend>Demo list</legend>" in html
    assert "Print this checklist" in html
    with pytest.raises(KeyError, match="no checklist 'nope'"):
        Checklist(f, "nope")


def test_one_output_carries_widget_html_and_text(quiz):
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith("<style>")
    assert bundle["text/plain"] == "Quiz: Demo: one item of each type (6 questions)"
