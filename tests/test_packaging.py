"""Is the package honest: click only in the commands, test helpers outside it, dependencies true?"""

import ast
import importlib.metadata
import re
import sys
import tomllib

from .conftest import ROOT

PACKAGE = ROOT / "coursekit"


def _imports(path):
    """Top-level module names a Python file imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def test_click_is_used_only_by_the_command_line():
    users = {p.relative_to(ROOT).as_posix() for p in _modules() if "click" in set(_imports(p))}
    outside = {u for u in users if not u.startswith("coursekit/commands/") and u != "coursekit/cli.py"}
    assert outside == set()


def test_test_and_benchmark_helpers_are_not_in_the_package():
    assert not (PACKAGE / "static_server.py").exists() and not (PACKAGE / "readability.py").exists()
    assert (ROOT / "tests" / "static_server.py").exists() and (ROOT / "tests" / "readability.py").exists()


def _declared():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return {re.match(r"[A-Za-z0-9_.-]+", d).group(0).lower() for d in deps}


def test_pyproject_declares_exactly_what_the_package_imports():
    third_party = {
        name
        for p in _modules()
        for name in _imports(p)
        if name not in sys.stdlib_module_names and name != "coursekit"
    }
    provided_by = importlib.metadata.packages_distributions()
    imported = {provided_by[name][0].lower() for name in third_party}
    declared = _declared()
    assert imported - declared == set(), "imported by coursekit but not declared in pyproject.toml"
    # brotli is not imported by name: fontTools needs it to write the subset WOFF2 fonts (theme_trim)
    assert declared - imported == {"brotli"}, "declared in pyproject.toml but not imported by coursekit"


def test_test_only_tools_stay_out_of_the_package_dependencies():
    test_only = {"pytest", "nbval", "playwright", "axe-playwright-python", "hypothesis", "beautifulsoup4"}
    assert test_only & _declared() == set()
    for name in test_only:
        assert re.search(rf"^{re.escape(name)}==", (ROOT / "requirements.txt").read_text(), re.M | re.I), name
