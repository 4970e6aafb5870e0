"""Does `coursekit validate` name the file, line, item and problem for each kind of bad input?"""

import re
import shutil

import pytest
from click.testing import CliRunner

from coursekit.banks import BankError, load_bank
from coursekit.cli import main

from .conftest import FIXTURES


def run_validate(path):
    return CliRunner().invoke(main, ["validate", str(path)])


def break_bank(project, old, new, count=1):
    bank = project / "exercises" / "demo-quiz.yml"
    text = bank.read_text()
    assert old in text, old
    bank.write_text(text.replace(old, new, count))
    return bank


def test_the_fixture_bank_is_valid(demo_project):
    result = run_validate(demo_project / "exercises")
    assert result.exit_code == 0, result.output
    assert "question bank 'demo', 6 items" in result.output


@pytest.mark.parametrize(
    "old, new, line, item, message",
    [
        (
            "    answer: 2\n",
            "    answer: 7\n",
            20,
            "demo-single",
            "answer 7 is out of range: there are 3 options",
        ),
        ("    answer: [1, 3]\n", "    answer: [1, 4]\n", None, "demo-multi", "answer [4] is out of range"),
        (
            "    difficulty: easy\n",
            "    difficulty: easy\n    colour: red\n",
            25,
            "demo-single",
            "unknown key 'colour'",
        ),
        ("id: demo-multi\n", "id: demo-single\n", 25, "demo-single", "duplicate id (first used by item 1)"),
        ("objective: demo-two\n", "objective: demo-three\n", 47, "demo-tf", "unknown objective 'demo-three'"),
        (
            "references: [demo2020]\n    difficulty: medium\n",
            "references: [nobody1999]\n    difficulty: medium\n",
            48,
            "demo-tf",
            "unknown reference key 'nobody1999'",
        ),
        ("type: numeric\n", "type: essay\n", None, "demo-num", "unknown item type 'essay'"),
        ("schema_version: 1\n", "schema_version: 2\n", 1, None, "schema_version 2 is not supported"),
        ("    tolerance: 0\n", "", 50, "demo-num", "missing required key 'tolerance'"),
        ("    difficulty: hard\n", "    difficulty: extreme\n", None, "demo-match", "difficulty"),
        (
            "stem: Which colour is the **sky** on a clear day?",
            "stem: Which colour is the sky''s colour on a clear day?",
            12,
            "demo-single",
            "has two apostrophes ('') where one is meant",
        ),
    ],
)
def test_a_broken_bank_names_file_line_item_and_problem(demo_project, old, new, line, item, message):
    bank = break_bank(demo_project, old, new)
    result = run_validate(bank)
    assert result.exit_code != 0
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert errors, result.output
    hit = [e for e in errors if message in e]
    assert hit, f"{message!r} not in {errors}"
    assert str(bank) in hit[0]
    if line:
        assert f"{bank}:{line}:" in hit[0]
    if item:
        assert f"item '{item}'" in hit[0]


def test_broken_yaml_names_the_line(demo_project):
    bank = break_bank(demo_project, "    answer: 2\n", "    answer: [2\n")
    result = run_validate(bank)
    assert result.exit_code != 0
    assert re.search(rf"{re.escape(str(bank))}:\d+: broken YAML", result.output), result.output


def test_a_key_given_twice_is_refused(demo_project):
    bank = break_bank(demo_project, "    answer: 2\n", "    answer: 2\n    answer: 3\n")
    result = run_validate(bank)
    assert result.exit_code != 0
    assert "key 'answer' appears twice" in result.output


def test_every_problem_is_reported_not_just_the_first(demo_project):
    bank = break_bank(demo_project, "difficulty: easy", "difficulty: trivial", count=2)
    with pytest.raises(BankError) as exc:
        load_bank(bank, {"demo2020"})
    assert {p.item for p in exc.value.problems} == {"demo-single", "demo-multi"}


def test_validation_writes_nothing(demo_project):
    break_bank(demo_project, "    answer: 2\n", "    answer: 9\n")
    before = sorted((p, p.stat().st_mtime_ns) for p in demo_project.rglob("*"))
    run_validate(demo_project / "exercises")
    after = sorted((p, p.stat().st_mtime_ns) for p in demo_project.rglob("*"))
    assert before == after


def test_one_bad_file_does_not_hide_the_good_ones(demo_project):
    shutil.copy(FIXTURES / "all-types.yml", demo_project / "exercises" / "good-quiz.yml")
    break_bank(demo_project, "    answer: 2\n", "    answer: 9\n")
    result = run_validate(demo_project / "exercises")
    assert result.exit_code != 0
    assert "ok: " in result.output and "good-quiz.yml" in result.output
    assert "1 of 2 files failed validation" in result.output


def test_checklist_problems_are_located(demo_project):
    f = demo_project / "exercises" / "demo-checklists.yml"
    f.write_text(
        "schema_version: 1\nkind: checklists\npart: Demo\nchecklists:\n"
        "  - id: demo-list\n    title: Demo\n    kind: competency\n    intro: Tick what you can do.\n"
        "    items:\n      - id: can-a\n        text: I can A.\n      - id: can-a\n        text: I can B.\n"
        "        references: [ghost2000]\n"
    )
    result = run_validate(f)
    assert result.exit_code != 0
    assert f"{f}:12: item 'can-a': duplicate id" in result.output
    assert "unknown reference key 'ghost2000'" in result.output


def test_cli_has_help_and_version():
    runner = CliRunner()
    assert "validate" in runner.invoke(main, ["-h"]).output
    assert runner.invoke(main, ["--version"]).output.startswith("coursekit, version")
