"""Does the book build strictly, with every page present and nothing loaded from a CDN?"""

import re

import yaml

from .conftest import ROOT


def test_strict_build_passes_with_zero_warnings(built_book):
    html, out = built_book
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-5000:]
    # Sphinx writes "WARNING: ..." / "ERROR: ..."; kernel log lines ("ERROR:tornado...") are not
    # the book's and are left to the return code.
    sphinx_warnings = [ln for ln in log.splitlines() if re.search(r"\b(WARNING|ERROR): ", ln)]
    assert sphinx_warnings == []


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc["parts"]:
        for ch in part["chapters"]:
            files.append(ch["file"])
            files += [s["file"] for s in ch.get("sections", [])]
    return files


def test_every_toc_page_is_built(built_book):
    html, _ = built_book
    for f in toc_files():
        assert (html / f"{f}.html").is_file(), f


def test_no_page_loads_anything_from_the_network(built_book):
    html, _ = built_book
    remote = re.compile(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"(?:https?:)?//", re.I)
    offenders = {
        str(p.relative_to(html)): remote.findall(p.read_text(encoding="utf-8")) for p in html.rglob("*.html")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_quiz_pages_use_the_static_quiz_without_widget_state(built_book):
    html, _ = built_book
    page = (html / "book/safety/quiz.html").read_text(encoding="utf-8")
    assert 'class="ck-quiz"' in page
    assert "widget-state+json" not in page
    assert "require.js" not in page and "html-manager" not in page
    assert page.count("const THEBE_JS_URL") <= 1


def test_the_book_ships_only_the_assets_it_loads(built_book):
    from coursekit.asset_minify import NOT_FOR_THE_BOOK

    html, _ = built_book
    static = html / "_static"
    assert (static / "coursekit.js").is_file() and (static / "review.js").is_file()
    assert [n for n in NOT_FOR_THE_BOOK if (static / n).exists()] == []
    pages = "".join(p.read_text(encoding="utf-8") for p in html.rglob("*.html"))
    assert not any(f"_static/{n}" in pages for n in NOT_FOR_THE_BOOK)  # and no page asks for them
