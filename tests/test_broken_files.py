"""A corpus of broken files: each gets its precise message (file, line, item) and a non-zero exit.

tests/fixtures/broken/expected.yml maps each file to the line, item and message fragment that
`coursekit validate` must print for it. Nothing in the corpus may crash the command.
"""

import subprocess
import sys

import pytest
import yaml

from .conftest import FIXTURES, ROOT

BROKEN = FIXTURES / "broken"
BIB = FIXTURES / "demo.bib"
EXPECTED = yaml.safe_load((BROKEN / "expected.yml").read_text(encoding="utf-8"))


def validate(*paths):
    return subprocess.run(
        [sys.executable, "-m", "coursekit", "validate", *map(str, paths), "--bib", str(BIB)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_every_broken_file_has_an_expectation():
    files = sorted(p.name for p in BROKEN.glob("*.yml") if p.name != "expected.yml")
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_gets_its_precise_message(name):
    want = EXPECTED[name]
    path = BROKEN / name
    out = validate(path)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr, out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    who = f" item '{want['item']}':" if want["item"] else ""
    expected = f"error: {path}:{want['line']}:{who} "
    assert any(e.startswith(expected) and want["message"] in e for e in errors), (expected, want, errors)
    assert out.stderr.rstrip().endswith("1 of 1 files failed validation")
    assert not out.stdout.startswith("ok:")


def test_a_folder_of_broken_files_reports_every_file_and_fails():
    paths = [BROKEN / name for name in sorted(EXPECTED)]
    out = validate(*paths)
    assert out.returncode != 0
    for path in paths:
        assert f"error: {path}:" in out.stderr, path
    assert f"{len(paths)} of {len(paths)} files failed validation" in out.stderr
