"""The rulebook's roles and directives in a tiny fixture book (tests/books/rules), built in seconds."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

FIXTURE = Path(__file__).resolve().parent / "books" / "rules"
JB = str(Path(sys.executable).parent / "jupyter-book")


def _build(src: Path, out: Path):
    return subprocess.run(
        [JB, "build", str(src), "-W", "-n", "--keep-going", "--path-output", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("rulesbook")
    result = _build(FIXTURE, out)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    html = (out / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def test_rule_role_gives_the_sign_with_its_action_in_fixed_words(page):
    text = " ".join(page.get_text(" ").split())
    assert "weakness that climbs from the feet: Get emergency help now (call emergency services)" in text
    assert page.find("strong", string="Get emergency help now (call emergency services)")


def test_rule_action_and_action_roles(page):
    text = " ".join(page.get_text(" ").split())
    assert "The action alone: Adapt the session: Light only" in text
    assert "The scale: Stop and refer the same day." in text


def test_rules_table_has_a_row_per_rule_with_sources(page):
    table = page.select("table")[0]
    heads = [th.get_text(strip=True) for th in table.select("th")]
    assert heads == ["Sign", "What you do", "The rest of the session", "Sources"]
    rows = table.select("tbody tr")
    assert [r.select("td")[0].get_text(strip=True) for r in rows] == [
        "Weakness that climbs from the feet",
        "Numb feet",
    ]
    assert "Fixture Organisation" in rows[0].get_text()  # the citation resolved


def test_client_table_uses_client_wording(page):
    table = page.select("table")[1]
    assert [th.get_text(strip=True) for th in table.select("th")] == ["If you notice", "What to do"]
    assert "Weakness spreading up your legs" in table.get_text()
    assert "Call emergency services now." in table.get_text()


def test_rule_card_shows_the_rule_in_full(page):
    card = page.select_one(".ck-rule-card")
    text = " ".join(card.get_text(" ").split())
    for part in (
        "Numb feet",
        "What to say:",
        "I will keep it light.",
        "Thresholds:",
        "level 2 or below",
        "Which source decides:",
        "Evidence: expert consensus",
    ):
        assert part in text


@pytest.mark.parametrize(
    "planted, message",
    [
        ("{rule}`no-such-rule`", "no-such-rule"),
        ("{action}`urgent`", "no such action"),
        ("```{rules-table}\n:columns: sign, colour\n```", "unknown column colour"),
        ("```{rule-card} missing-rule\n```", "no rule with id 'missing-rule'"),
    ],
)
def test_a_reference_to_nothing_fails_the_strict_build(tmp_path, planted, message):
    src = tmp_path / "book"
    shutil.copytree(FIXTURE, src)
    (src / "index.md").write_text((src / "index.md").read_text() + f"\n\n{planted}\n", encoding="utf-8")
    result = _build(src, tmp_path / "out")
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
