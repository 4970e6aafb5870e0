"""The clinical rulebook: one answer to "what do I do when I see this sign?" everywhere.

The planted fixtures in tests/fixtures/rules/ keep the contradictions the rulebook exists to catch
(issue 12, finding 1: climbing weakness keyed as a same-day referral) so that the checks are shown
to fail; the same checks must pass on the course.
"""

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from coursekit.banks import BankError, load_any, load_bank, read_yaml
from coursekit.cli import main
from coursekit.references import bib_keys
from coursekit.rules import load_rulebook
from coursekit.rules_check import key_problems, markdown_hand_urgency, yaml_hand_urgency

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "data" / "clinical-rules.yml"
PLANTED = Path(__file__).resolve().parent / "fixtures" / "rules"


@pytest.fixture(scope="module")
def book():
    return load_rulebook(RULES, bib_keys(ROOT / "references.bib"))


def test_rulebook_is_valid_and_cites_only_known_sources(book):
    assert len(book.rules) >= 20
    for rule in book.rules:
        assert rule.decided_by.reference in rule.references


def test_one_fixed_scale_of_urgency(book):
    """Is every step of the scale worded once, most urgent first?"""
    assert list(book.actions) == ["emergency", "same-day", "appointment", "avoid-area", "adapt"]
    assert book.action_label("emergency") == "Get emergency help now"
    assert book.action_label("same-day") == "Stop and refer the same day"


@pytest.mark.parametrize(
    "rule_id, action",
    [
        ("ascending-weakness", "emergency"),  # finding 1
        ("reduced-sensation", "adapt"),  # finding 2
        ("new-foot-wound", "same-day"),  # finding 3
        ("fever-during-chemotherapy", "emergency"),  # finding 4
        ("hypoglycaemia-severe", "emergency"),  # finding 5
        ("low-platelets", "adapt"),  # finding 6
    ],
)
def test_the_six_findings_are_decided(book, rule_id, action):
    rule = book.rule(rule_id)
    assert rule.action == action
    assert rule.decided_by.why and rule.decided_by.reference in rule.references


def test_the_findings_say_what_the_sources_decide(book):
    assert "level 2 or below" in book.action_phrase("reduced-sensation")
    assert book.rule("new-foot-wound").session == "end"
    assert any("37.5" in t.value for t in book.rule("fever-during-chemotherapy").thresholds)
    assert "15 minutes" in book.rule("hypoglycaemia-severe").sign
    assert "no guideline gives" in " ".join(book.rule("low-platelets").decided_by.why.split()).lower()


def _broken(tmp_path, change):
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    change(data["rules"])
    bad = tmp_path / "clinical-rules.yml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BankError) as err:
        load_rulebook(bad, bib_keys(ROOT / "references.bib"))
    return bad, str(err.value)


def test_a_rule_off_the_scale_is_named_by_file_line_and_rule(tmp_path):
    def change(rules):
        rules[0]["action"] = "urgent"
        rules[1]["contact"] = ""

    bad, text = _broken(tmp_path, change)
    assert f"{bad}:" in text and "rule 'ascending-weakness': action: Input should be 'emergency'" in text
    assert "rule 'neuropathy-fast-change': action 'same-day' needs 'contact:'" in text


def test_a_rule_citing_what_it_does_not_list_is_named(tmp_path):
    def change(rules):
        rules[2]["decided_by"]["reference"] = "notcited"
        rules[3]["references"].append("nosuchkey")

    bad, text = _broken(tmp_path, change)
    assert f"rule '{yaml.safe_load(RULES.read_text())['rules'][2]['id']}'" in text
    assert "'notcited' is not in this rule's references" in text
    assert "unknown reference key 'nosuchkey'" in text


# ---- keys checked against the rulebook (planted failures, then the course) ----


def _validate(*paths):
    return CliRunner().invoke(main, ["validate", *map(str, paths)])


def test_planted_same_day_keys_fail_validation():
    out = _validate(PLANTED / "gbs-same-day-quiz.yml")
    assert out.exit_code != 0
    text = out.output
    assert "item 'mechanisms-gbs-speed': the keyed option 2 takes action 'same-day', but rule " in text
    assert "'ascending-weakness' says 'emergency' (Get emergency help now)" in text
    assert "item 'mechanisms-red-flag-response-order': the keyed step 2 takes action 'same-day'" in text
    assert "item 'planted-true-false'" in text and "so the key must be False" in text
    assert "explanation states an urgency by hand" in text  # "on the same day" in the explanation


def test_planted_case_verdicts_fail_validation():
    out = _validate(PLANTED / "gbs-same-day-case.yml")
    assert out.exit_code != 0
    assert "planted-case / decide': the best choice (1) takes action 'same-day'" in out.output
    assert "choice 2 is marked unsafe but takes rule 'ascending-weakness''s action" in out.output


def test_planted_chapter_states_urgency_by_hand():
    flagged = [p.line for p in markdown_hand_urgency(PLANTED / "hand-urgency.md")]
    assert flagged == [10, 12, 19]  # not the roles, the code cell, the rules-table or {action}


def _course_yaml():
    return sorted((ROOT / "exercises").glob("*.yml"))


def _chapters():
    return sorted((ROOT / "book").rglob("*.md"))


@pytest.mark.parametrize("path", _chapters(), ids=lambda p: str(p.relative_to(ROOT)))
def test_chapters_state_urgency_only_through_the_rulebook(path):
    problems = markdown_hand_urgency(path)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", _course_yaml(), ids=lambda p: p.name)
def test_items_and_cases_agree_with_the_rulebook(book, path):
    doc = load_any(path, bib_keys(ROOT / "references.bib"))
    _, node = read_yaml(path)
    problems = yaml_hand_urgency(path) + key_problems(doc, book, path, node)
    assert not problems, "\n".join(map(str, problems))


def test_the_finding_one_items_now_name_their_rule():
    """The two items that rewarded a same-day referral are checked against ascending-weakness."""
    bank = load_bank(ROOT / "exercises" / "mechanisms-quiz.yml")
    items = {i.id: i for i in bank.items}
    for ident in ("mechanisms-gbs-speed", "mechanisms-red-flag-response-order"):
        assert items[ident].rule == "ascending-weakness"


# ---- roles in bank Markdown ----


def _project_with(tmp_path, bank_text):
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (tmp_path / "data").mkdir()
    shutil.copy(RULES, tmp_path / "data" / "clinical-rules.yml")
    bank = tmp_path / "exercises" / "x-quiz.yml"
    bank.parent.mkdir()
    source = yaml.safe_load((ROOT / "tests" / "fixtures" / "all-types.yml").read_text(encoding="utf-8"))
    source["items"][0]["stem"] = bank_text
    bank.write_text(yaml.safe_dump(source, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return bank


def test_roles_in_a_bank_render_the_rulebook_words(tmp_path, book):
    bank = load_bank(_project_with(tmp_path, "What now? {rule}`ascending-weakness`; {action}`same-day`."))
    stem = bank.items[0].stem
    assert "**Get emergency help now (call emergency services)**" in stem
    assert "Stop and refer the same day." in stem and "{rule}" not in stem


def test_an_unknown_rule_in_a_bank_is_named(tmp_path):
    with pytest.raises(BankError) as err:
        load_bank(_project_with(tmp_path, "What now? {rule}`no-such-rule`"))
    assert "no rule with this id" in str(err.value) and "x-quiz.yml:" in str(err.value)
