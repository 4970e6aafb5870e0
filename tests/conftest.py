import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def demo_project(tmp_path):
    """A tiny project: _toc.yml, references.bib and a bank with one item of every type."""
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    shutil.copy(FIXTURES / "demo.bib", tmp_path / "references.bib")
    ex = tmp_path / "exercises"
    ex.mkdir()
    shutil.copy(FIXTURES / "all-types.yml", ex / "demo-quiz.yml")
    return tmp_path


@pytest.fixture(scope="session")
def built_book():
    """The book built once, strictly, as `make book` builds it; returns (html dir, log).

    COURSEKIT_BUILD_DIR=/some/dir builds into /some/dir/_build instead of the project's own
    _build (so two people can test at once)."""
    out_root = Path(os.environ.get("COURSEKIT_BUILD_DIR", ROOT))
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going"]
    if out_root != ROOT:
        cmd += ["--path-output", str(out_root)]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    return out_root / "_build" / "html", out


from .browser_support import browser, site, watch  # noqa: E402, F401  (browser fixtures)
from .instructor_helpers import assignment  # noqa: E402, F401  (the instructor tests' assignment)
