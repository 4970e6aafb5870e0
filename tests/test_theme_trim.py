"""Lighter theme assets (coursekit/theme_trim.py): pages stay whole while loading less.

What a reader would notice if the trimming went wrong: a missing icon (a glyph cut from the
subset font), a file the page asks for and the site does not have, a theme feature that stops
working (search pop-up, dark mode), or a page that still pulls the 1.45 MB fontawesome.js.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools.ttLib import TTFont

from coursekit import theme_trim

from .browser_support import serve_directory


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.icons = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        classes = (a.get("class") or "").split()
        if any(c.startswith("fa-") for c in classes):
            self.icons.append(classes)


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def _parse(page):
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_page_loads_only_files_the_site_has_and_no_fontawesome_js(site):
    problems = []
    for page in _pages(site):
        urls = _parse(page).urls
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            if not (page.parent / parts.path).resolve().exists():
                problems.append(f"{page.relative_to(site)} asks for missing {url}")
        names = {urlsplit(u).path.rsplit("/", 1)[-1] for u in urls}
        if not names:  # the root index.html only redirects to the first page
            continue
        if "fontawesome.js" in names:
            problems.append(f"{page.relative_to(site)} still loads fontawesome.js")
        if page.name != "search.html" and "searchindex.js" in names:
            problems.append(f"{page.relative_to(site)} loads the search index")
        if theme_trim.TRIMMED_CSS not in names or "pydata-sphinx-theme.css" in names:
            problems.append(f"{page.relative_to(site)} does not use the trimmed theme stylesheet")
    assert problems == []


def test_pages_without_code_do_not_load_code_styles_and_others_keep_them(site):
    chapter = _parse(site / "book" / "safety" / "red-flags.html").urls
    names = " ".join(chapter)
    for unused in (
        "pygments.css",
        "copybutton",
        "clipboard.min.js",
        "togglebutton",
        "sphinx-design",
        "thebe",
    ):
        assert unused not in names, unused
    with_code = [p for p in _pages(site) if 'class="highlight' in p.read_text(encoding="utf-8")]
    for page in with_code:
        assert any("pygments.css" in u for u in _parse(page).urls), page
    with_cells = [p for p in _pages(site) if 'class="cell' in p.read_text(encoding="utf-8")]
    assert len(with_cells) >= 10
    for page in with_cells:
        assert any("/mystnb." in u for u in _parse(page).urls), page


def _font_for(classes):
    if {"fa-brands", "fab"} & set(classes):
        return "fa-brands-400"
    if {"fa-regular", "far"} & set(classes):
        return "fa-regular-400"
    return "fa-solid-900"


def test_every_icon_shown_on_any_page_has_its_glyph_in_the_subset_font(site):
    styles = site / "_static" / "styles"
    css = (styles / theme_trim.TRIMMED_CSS).read_text(encoding="utf-8")
    glyph = {}
    for selectors, code in re.findall(
        r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"\\([0-9a-f]+)"\}', css
    ):
        for sel in selectors.split(","):
            if sel:
                glyph[sel.split(":")[0][1:]] = int(code, 16)
    fonts = {}
    for url in re.findall(r"url\((\.\./vendor/fontawesome/webfonts/[^)]+\.woff2)\)", css):
        path = (styles / url).resolve()
        assert path.exists(), url
        stem = path.name.split(".")[0]
        assert path.stat().st_size < 20_000, f"{path.name} is not a subset"
        fonts[stem] = set(TTFont(str(path)).getBestCmap() or {})
    shown = set()
    missing = []
    for page in _pages(site):
        for classes in _parse(page).icons:
            names = [c for c in classes if c in glyph]
            for name in names:
                shown.add(name)
                font = _font_for(classes)
                if glyph[name] not in fonts[font]:
                    missing.append(f"{page.relative_to(site)}: {name} (U+{glyph[name]:04X}) not in {font}")
    assert {"fa-bars", "fa-magnifying-glass", "fa-download"} <= shown, sorted(shown)
    assert missing == []


def test_purge_keeps_used_icons_and_aliases_and_drops_the_rest():
    css = (
        '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
        '.fa-anchor:before{content:"\\f13d"}'
        ".fa-solid{font-weight:900}"
        ".admonition-title:after{content:var(--pst-icon-note)}"
    )
    out = theme_trim.purge_icon_rules(css, {"fa-navicon", "fa-solid"})
    assert '.fa-navicon:before{content:"\\f0c9"}' in out
    assert "fa-bars" not in out and "fa-anchor" not in out and "\\f13d" not in out
    assert ".fa-solid{font-weight:900}" in out and "--pst-icon-note" in out
    assert theme_trim.codepoints(out + ':root{--pst-icon-note:"\\f05a"}') == {0xF0C9, 0xF05A}


def test_coursekit_replaces_every_macro_the_theme_defines():
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    ours = Path(str(theme_trim.TEMPLATES)) / "static" / "webpack-macros.html"
    pattern = re.compile(r"{%-?\s*macro\s+(\w+)\(")
    theirs = set(pattern.findall((theme / "static" / "webpack-macros.html").read_text(encoding="utf-8")))
    assert set(pattern.findall(ours.read_text(encoding="utf-8"))) == theirs
    assert theme_trim._theme_digest(), "pydata-sphinx-theme's asset digest was not found"


@pytest.fixture(scope="module")
def served(site):
    with serve_directory(site) as base:
        yield base


def test_icons_render_and_the_search_popup_still_searches(served, browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    errors, requests = [], []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + "book/safety/red-flags.html", wait_until="networkidle")
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts]"
        ".filter(f => f.family.includes('Font Awesome') && f.status === 'loaded').length)"
    )
    assert loaded >= 1
    sizes = page.locator(
        "header i.fa-solid:visible, .article-header-buttons i.fa-solid:visible"
    ).evaluate_all("els => els.map(e => [e.className, e.getBoundingClientRect().width])")
    assert sizes and all(width > 8 for _, width in sizes), sizes
    assert not any("fontawesome.js" in u or "searchindex.js" in u for u in requests)

    mode = "document.documentElement.dataset.mode"
    assert page.evaluate(mode) == "light"
    page.locator(".theme-switch-button").first.click()  # pydata-sphinx-theme.js, loaded deferred
    assert page.evaluate(mode) in ("dark", "auto")

    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog input[name=q]").fill("monofilament")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=monofilament")
    page.wait_for_function(
        "(document.querySelector('#search-results p.search-summary') || {}).textContent"
        "?.includes('Search finished')",
        timeout=20000,
    )
    assert page.locator("#search-results ul.search li").count() >= 1
    context.close()
    assert errors == []
