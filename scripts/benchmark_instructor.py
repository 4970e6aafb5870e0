"""Benchmark the instructor toolkit (not a test): prints seconds (and megabytes) to

- make student editions and a key for 1,000 students (`coursekit assign`, run as its own process,
  so its peak memory can be measured),
- grade 1,000 generated response files of 250 items (`coursekit grade`, CSVs only and with the PNG), and
- export 500 items to each format (`coursekit export --format gift|moodle-xml|qti`).

Targets: assign < 3 s and < 300 MB; grading < 1 s without the plot, < 2 s with it; each export < 1 s.
Usage: .venv/bin/python scripts/benchmark_instructor.py
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coursekit.cli import main  # noqa: E402

TYPES = ["single_choice", "multiple_select", "true_false", "numeric", "matching", "ordering"]


def make_item(n: int) -> dict:
    t = TYPES[n % len(TYPES)]
    base = {
        "id": f"bench-item-{n}",
        "type": t,
        "stem": f"Question {n}: which statement about *case {n}* is right?",
        "explanation": f"Explanation for item {n}, with **Markdown**.",
        "objective": f"bench-obj-{n % 12}",
        "references": ["bench2026"],
        "difficulty": ["easy", "medium", "hard"][n % 3],
        "tags": [f"week-{n % 4}"],
    }
    opts = [{"text": f"Option {k} of item {n}", "feedback": f"Because {k} (item {n})."} for k in range(1, 5)]
    if t == "single_choice":
        base.update(options=opts, answer=1 + n % 4)
    elif t == "multiple_select":
        base.update(options=opts, answer=[1, 3])
    elif t == "true_false":
        base.update(answer=bool(n % 2), feedback_true=f"True fb {n}.", feedback_false=f"False fb {n}.")
    elif t == "numeric":
        base.update(answer=n, tolerance=0.5, unit="mg", feedback_correct="Yes.", feedback_incorrect="No.")
    elif t == "matching":
        base["pairs"] = [
            {"prompt": f"P{k} of {n}", "match": f"M{k} of {n}", "feedback": f"F{k}."} for k in range(3)
        ]
        base["distractors"] = [f"D of {n}"]
    else:
        base["steps"] = [{"text": f"Step {k} of {n}", "feedback": f"S{k}."} for k in range(4)]
    return base


def write_bank(path: Path, n_items: int) -> None:
    bank = {
        "schema_version": 1,
        "kind": "question_bank",
        "id": "bench",
        "part": "Bench",
        "title": "Benchmark bank",
        "objectives": {f"bench-obj-{k}": f"Objective {k}." for k in range(12)},
        "items": [make_item(n) for n in range(n_items)],
    }
    path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")


def invoke(args) -> float:
    t0 = time.perf_counter()
    r = CliRunner().invoke(main, [str(a) for a in args])
    dt = time.perf_counter() - t0
    if r.exit_code != 0:
        raise SystemExit(f"coursekit {args[0]} failed:\n{r.output}")
    return dt


def assign_process(args) -> tuple[float, float]:
    """Seconds and peak megabytes of `coursekit assign` run as a separate process."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "coursekit", "assign", *map(str, args)], env=env, capture_output=True
    )
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"coursekit assign failed:\n{r.stderr.decode()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:
        print("(peak memory not measurable: an earlier child process used more)")
    return dt, peak / 1024


def main_() -> None:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # ---- assign and grade: 250-item assignment, 1,000 students ----
        write_bank(tmp / "bench250.yml", 250)
        roster = tmp / "roster.csv"
        roster.write_text("student_id,name\n" + "".join(f"s{k:04d},Student {k}\n" for k in range(1000)))
        t_assign, mb = assign_process(
            [tmp / "bench250.yml", "--roster", roster, "--name", "bench", "--out", tmp / "a"]
        )
        print(
            f"assign 1,000 students x 250 items:          {t_assign:.2f} s, {mb:.0f} MB peak"
            "  (target < 3 s, < 300 MB)"
        )
        key = json.loads((tmp / "a" / "instructor" / "bench-key.json").read_text())
        resp = tmp / "responses"
        resp.mkdir()
        for vid, v in key["variants"].items():
            answers = {}
            for e in v["items"]:
                r = e["correct_displayed"]
                if rng.random() < 0.3:  # a wrong answer
                    if e["type"] == "single_choice":
                        r = 1 + (r % len(e["options"]))
                    elif e["type"] == "true_false":
                        r = not r
                    elif e["type"] == "numeric":
                        r = r + 10
                    elif e["type"] in ("matching", "ordering"):
                        r = list(reversed(r))
                    else:
                        r = [1]
                answers[e["item"]] = {"response": r, "attempts": 1, "saved_at": "2026-11-25T10:00:00Z"}
            doc = {
                "format": "coursekit-answers",
                "format_version": 1,
                "quiz": "bench",
                "assignment": "bench",
                "variant": vid,
                "student_id": v["student_id"],
                "title": "Bench",
                "saved_at": "2026-11-25T10:00:00Z",
                "answers": answers,
            }
            (resp / f"{vid}.json").write_text(json.dumps(doc))
        key_path = tmp / "a" / "instructor" / "bench-key.json"
        invoke(["grade", key_path, resp, "--out", tmp / "warm", "--no-plot"])  # warm imports
        t_grade = invoke(["grade", key_path, resp, "--out", tmp / "g"])
        t_grade_noplot = invoke(["grade", key_path, resp, "--out", tmp / "g2", "--no-plot"])
        print(f"grade 1,000 files x 250 items (CSV only):   {t_grade_noplot:.2f} s  (target < 1 s)")
        print(f"grade 1,000 files x 250 items (CSV + PNG):  {t_grade:.2f} s  (target < 2 s)")
        # ---- export: 500 items ----
        write_bank(tmp / "bench500.yml", 500)
        for fmt, ext in (("gift", "gift"), ("moodle-xml", "xml"), ("qti", "zip")):
            invoke(["export", tmp / "bench500.yml", "--format", fmt, "--out", tmp / f"warm.{ext}"])
            t = invoke(["export", tmp / "bench500.yml", "--format", fmt, "--out", tmp / f"out.{ext}"])
            print(f"export 500 items to {fmt:<11} {t:.2f} s  (target < 1 s)")


if __name__ == "__main__":
    main_()
