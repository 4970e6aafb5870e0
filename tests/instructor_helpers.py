"""Helpers shared by the instructor-toolkit tests: run the CLI, fake a student filling in a form."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursekit.cli import main
from coursekit.variants import variant_entries

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
SAFETY = FIXTURES / "instructor" / "safety-quiz.yml"  # 18 items, frozen


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def demo_bank(tmp_path) -> Path:
    d = tmp_path / "banks"
    d.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "all-types.yml", d / "demo-quiz.yml")
    return d


def roster(tmp_path, rows=(("s001", "Ada Lovelace"), ("s002", "Alan Turing"), ("s003", "Grace Hopper"))):
    p = tmp_path / "roster.csv"
    p.write_text("student_id,name\n" + "".join(f"{a},{b}\n" for a, b in rows))
    return p


def student_file(key: dict, variant: str, *, right=True, skip=(), student_id=None) -> dict:
    """What the student edition would download for a student answering everything right (or wrong),
    in displayed order, as the page records them (match texts per displayed prompt)."""
    v = key["variants"][variant]
    answers = {}
    for e in variant_entries(key, variant):
        if e["item"] in skip:
            continue
        r = e["correct_displayed"]
        if not right:
            t = e["type"]
            if t == "single_choice":
                r = 1 if r != 1 else 2
            elif t == "multiple_select":
                r = [d for d in range(1, len(e["options"]) + 1) if d not in r][:1] or [1]
            elif t == "true_false":
                r = not r
            elif t == "numeric":
                r = r + 1000
            else:
                r = list(reversed(r))
        answers[e["item"]] = {"response": r, "attempts": 1, "saved_at": "2026-11-25T10:00:00Z"}
    return {
        "format": "coursekit-answers",
        "format_version": 1,
        "quiz": key["assignment"],
        "assignment": key["assignment"],
        "variant": variant,
        "student_id": student_id if student_id is not None else v["student_id"],
        "title": "x",
        "saved_at": "2026-11-25T10:00:00Z",
        "answers": answers,
    }


def write_json(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc))
    return path


def assign_week3(tmp_path, bank=SAFETY, seed=5) -> tuple[Path, dict]:
    """Assign 'week-3' of ``bank`` to the roster into tmp_path/a: (key path, key)."""
    r = run(
        "assign",
        bank,
        "--roster",
        roster(tmp_path),
        "--name",
        "week-3",
        "--seed",
        seed,
        "--out",
        tmp_path / "a",
    )
    assert r.exit_code == 0, r.output
    key_path = tmp_path / "a" / "instructor" / "week-3-key.json"
    return key_path, json.loads(key_path.read_text())


@pytest.fixture
def assignment(tmp_path):
    """A 'week-3' assignment of the Safety fixture for the roster: (key path, key)."""
    return assign_week3(tmp_path)


def csv_dicts(path) -> list[dict]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))
