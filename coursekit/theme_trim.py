"""Lighter theme assets on every page of the book (issue 7: page performance).

The Jupyter Book theme (sphinx-book-theme on pydata-sphinx-theme) sends every page the same
heavy set of files, many of them blocking the first paint. Lighthouse 12.2.3 (mobile preset,
scripts/benchmark_pages.py) gave our chapter page a performance score of 58 served uncompressed
and 68 served gzip-compressed (the template book: 59 and 95; its search index is tiny, ours is
146 KB and was a blocking script on every page). What this module and ``coursekit/templates``
change, with the score of our chapter page (gzip) after each step, from 68:

- no ``fontawesome.js`` (1.45 MB; the stylesheet already draws the same icons from the webfont)
  and no search index on pages that do not search (templates: ``layout.html`` and
  ``static/webpack-macros.html``): 87;
- per page, the theme add-ons the page does not use are not linked (code highlighting and copy
  buttons without code, myst-nb's cell styles without cells, toggles without toggles,
  sphinx-design without its components, thebe while thebe is off), and the remaining scripts
  load ``defer`` (``trim_page_assets``); basic.css linked directly, not through an @import: 92;
- after the build, a copy of the theme stylesheet without the ~1,900 Font Awesome icon rules the
  site never shows (94), no preloads of scripts that load at the end of the body (95), and the
  icon fonts cut down to the glyphs that copy still names
  (``trim_icon_fonts``); the subset fonts keep their names with a content hash, so they are
  rebuilt only when the set of icons changes: 99 (the 156 KB solid icon font becomes 1.9 KB).

Nothing here edits a file Sphinx copies: the trimmed stylesheet and fonts are new files next to
the originals.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from importlib.resources import files
from pathlib import Path

from sphinx.util import logging

from .outputs import write_atomic

logger = logging.getLogger(__name__)

TEMPLATES = files("coursekit").joinpath("templates")
THEME_CSS = "pydata-sphinx-theme.css"
TRIMMED_CSS = "pydata-sphinx-theme.trimmed.css"

# Theme add-ons a page needs only when its body contains the mark; a script body (inline
# configuration) belongs to the add-on whose marker it contains.
_ADDONS = {
    "highlight": (re.compile(r'class="highlight'), ("pygments.css",), ()),
    "copy": (re.compile(r"<pre\b"), ("copybutton.css", "copybutton.js", "clipboard.min.js"), ()),
    "toggle": (
        re.compile(r"toggle|dropdown"),
        ("togglebutton.css", "togglebutton.js"),
        ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector"),
    ),
    "design": (re.compile(r'class="[^"]*\bsd-'), ("sphinx-design.min.css", "design-tabs.js"), ()),
    "notebook": (
        re.compile(r'class="[^"]*\b(?:cell|pasted|highlight|linenos)|MathJax'),
        ("mystnb.",),  # myst-nb's stylesheet, named by its hash: styles cells and glued outputs
        (),
    ),
    "thebe": (re.compile(r'class="[^"]*thebe'), ("sphinx-thebe.css", "sphinx-thebe.js"), ("THEBE_JS_URL",)),
}
# Inline scripts in the head assign to DOCUMENTATION_OPTIONS, so it stays a blocking script.
_KEEP_BLOCKING = {"documentation_options.js"}


def _theme_digest() -> str:
    """The cache-busting digest pydata-sphinx-theme puts on its own asset links."""
    try:
        import pydata_sphinx_theme
    except ImportError:
        return ""
    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    macros = theme / "static" / "webpack-macros.html"
    found = re.search(r"digest=([0-9a-f]+)", macros.read_text(encoding="utf-8")) if macros.exists() else None
    return found.group(1) if found else ""


def add_templates(app, config) -> None:
    """config-inited: coursekit's templates come before the theme's."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_context = {
        **config.html_context,
        "coursekit_theme_digest": _theme_digest(),
        "coursekit_trimmed_css": TRIMMED_CSS,
    }


def _name(asset) -> str:
    return os.path.basename(os.fspath(getattr(asset, "filename", "") or ""))


def _unused(name: str, unused: set[str]) -> bool:
    return bool(name) and any(name == u or (u.endswith(".") and name.startswith(u)) for u in unused)


def _thebe_on(app) -> bool:
    launch = (app.config.html_theme_options or {}).get("launch_buttons") or {}
    return bool(launch.get("thebe"))


def trim_page_assets(app, pagename, templatename, context, doctree) -> None:
    """html-page-context: unlink add-ons the page does not use; defer the other scripts."""
    if pagename == "search" or getattr(app.builder, "format", "") != "html":
        return  # the search page keeps its scripts exactly as the theme orders them
    body = context.get("body") or ""
    unused_files, unused_inline = set(), []
    for key, (mark, names, inline) in _ADDONS.items():
        if key == "thebe" and _thebe_on(app):
            continue
        if not mark.search(body):
            unused_files.update(names)
            unused_inline.extend(inline)
    css = context.get("css_files")
    if css:
        css[:] = [c for c in css if not _unused(_name(c), unused_files)]
    scripts = context.get("script_files")
    if not scripts:
        return
    from sphinx.builders.html._assets import _JavaScript

    kept = []
    for js in scripts:
        attrs = dict(getattr(js, "attributes", {}) or {})
        name = _name(js)
        if _unused(name, unused_files):
            continue
        inline = attrs.get("body") or ""
        if not name and any(marker in inline for marker in unused_inline):
            continue
        if name and name not in _KEEP_BLOCKING and not {"async", "defer"} & attrs.keys():
            js = _JavaScript(js.filename, priority=js.priority, **attrs, defer="defer")
        kept.append(js)
    scripts[:] = kept


# ---- after the build: a trimmed stylesheet and subset icon fonts ----

_ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"[^"]*"\}')
_FA_NAME = re.compile(r"fa-[a-z0-9-]+")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{2,6})")
_WOFF2 = re.compile(r"url\((\.\./vendor/fontawesome/webfonts/([a-z0-9-]+)\.woff2)\)")


def icon_names_used(outdir: Path) -> set[str]:
    """Every ``fa-...`` token in the built pages and in the scripts they load."""
    used: set[str] = set()
    static = outdir / "_static"
    for path in outdir.rglob("*.html"):
        if static in path.parents:
            continue
        used |= set(_FA_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    for path in static.rglob("*.js"):
        if path.name != "fontawesome.js":
            used |= set(_FA_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    return used


def purge_icon_rules(css: str, used: set[str]) -> str:
    """Drop ``.fa-x:before{content:...}`` selectors for icons not in ``used``."""

    def keep(m: re.Match) -> str:
        selectors = [s for s in m.group(1).split(",") if s and s.split(":")[0][1:] in used]
        return ",".join(selectors) + m.group(0)[len(m.group(1)) :] if selectors else ""

    return _ICON_RULE.sub(keep, css)


def codepoints(css: str) -> set[int]:
    """Every character a stylesheet names by escape (icon glyphs among them)."""
    return {int(h, 16) for h in _ESCAPE.findall(css)}


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    write_atomic(path, data)


def _subset_woff2(source: Path, keep: set[int], target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    font.flavor = "woff2"
    data = io.BytesIO()
    font.save(data)
    write_atomic(target, data.getvalue())


def trim_icon_fonts(app, exception) -> None:
    """build-finished: write the trimmed theme stylesheet the templates link, with subset fonts."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    outdir = Path(app.outdir)
    styles = outdir / "_static" / "styles"
    source = styles / THEME_CSS
    if not source.exists():
        return
    css = purge_icon_rules(source.read_text(encoding="utf-8"), icon_names_used(outdir))
    others = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (outdir / "_static").rglob("*.css")
        if p.name not in (THEME_CSS, TRIMMED_CSS)
    )
    keep = codepoints(css + others)
    for url, stem in set(_WOFF2.findall(css)):
        font = styles / url
        if not font.exists():
            continue
        tag = hashlib.sha256(font.read_bytes() + repr(sorted(keep)).encode()).hexdigest()[:10]
        subset_name = f"{stem}.{tag}.woff2"
        target = font.with_name(subset_name)
        try:
            if not target.exists():
                for old in font.parent.glob(f"{stem}.*.woff2"):
                    old.unlink()
                _subset_woff2(font, keep, target)
        except Exception as err:  # e.g. brotli missing: the full font still works
            logger.warning(f"coursekit: could not subset {font.name} ({err}); the full font is used")
            continue
        css = css.replace(url, url.rsplit("/", 1)[0] + "/" + subset_name)
    _write_if_changed(styles / TRIMMED_CSS, css.encode("utf-8"))
