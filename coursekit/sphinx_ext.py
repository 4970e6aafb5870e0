"""A small Sphinx extension for the course book (build stages: reading and HTML assembly).

- The clinical rulebook's roles and directives (coursekit/rules_sphinx.py).
- Makes a page that shows a quiz, checklist, case or exercise depend on its YAML file, on references.bib
  and on coursekit's JS/CSS, so editing any of them re-reads (and so re-executes) the page.

- Links coursekit.js/.css once on each page that shows a quiz, checklist, case or exercise,
  and coursekit-activities.js where a case or exercise is shown (the kernels it starts
  render those without inline assets: COURSEKIT_ASSETS=external).
- Links progress-page.js/.css on the "My progress" page, search-offline.js on the search page
  (over file:// the search lists results without fetching snippets) and print.css
  (media="print") on every page.
- Drops the saved ipywidgets state that myst-nb embeds: the html builder renders each
  quiz's self-contained ``text/html`` form, so the widget state is dead weight.
- Drops script tags that appear twice on a page with the same body (sphinx-thebe adds
  its ``const THEBE_JS_URL`` twice, a SyntaxError in every page's console).
- Lighter theme assets on every page (coursekit/theme_trim.py and coursekit/templates); our own
  JS and CSS served minified (coursekit/asset_minify.py).
- Two accessibility repairs of theme/docutils markup that axe-core reports as serious or
  critical (WCAG 2.1 AA, tests/test_quality_browser.py):
  * pydata-sphinx-theme's sidebar gives each collapsible section a ``<summary>`` that holds only
    an icon (axe ``summary-name``): it gets an ``aria-label`` naming the section.
  * docutils marks each bibliography entry ``role="doc-biblioentry"`` inside
    ``role="list"``; axe-core 4.12 treats that DPUB role as deprecated and so finds a list
    with no list items (``aria-required-children``): entries get ``role="listitem"``.
"""

from __future__ import annotations

import os
import re
from functools import wraps
from html import escape
from importlib.resources import files
from pathlib import Path

from coursekit import asset_minify, rules_sphinx, theme_trim

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


_WIDGET_MARK = re.compile(r'class="ck-(?:quiz|checklist|case|exercise|review)[" ]')
_ACTIVITY_MARK = re.compile(r'class="ck-(?:case|exercise)"')


def _use_external_assets(app, config):
    os.environ["COURSEKIT_ASSETS"] = "external"
    config.html_static_path = [*config.html_static_path, str(files("coursekit").joinpath("static"))]


def _prune_scripts(app, pagename, templatename, context, doctree):
    body = context.get("body") or ""
    if _WIDGET_MARK.search(body):
        app.add_css_file("coursekit.css")
        app.add_js_file("coursekit.js")
    if _ACTIVITY_MARK.search(body):  # after coursekit.js, which it registers with
        app.add_js_file("coursekit-activities.js")
    if 'class="ck-review"' in body:  # after coursekit.js, which it registers with
        app.add_js_file("review.js")
    if 'class="ck-progress"' in (context.get("body") or ""):
        app.add_css_file("progress-page.css")
        app.add_js_file("progress-page.js")
    if pagename == "search":  # no snippet fetches (blocked, and logged as errors) over file://
        app.add_js_file("search-offline.js")
    scripts = context.get("script_files")
    if not scripts:
        return
    kept, seen = [], set()
    for js in scripts:
        attrs = getattr(js, "attributes", {}) or {}
        if attrs.get("type") == WIDGET_STATE:
            continue
        key = (getattr(js, "filename", js if isinstance(js, str) else None) or "", attrs.get("body"))
        if key in seen:
            continue
        seen.add(key)
        kept.append(js)
    scripts[:] = kept


_EMPTY_SUMMARY = re.compile(
    r'(<a class="reference internal" href="[^"]*">(?P<title>.*?)</a>\s*<details(?: open="open")?>)<summary>'
)
_BIBLIOENTRY = 'role="doc-biblioentry"'


def _label_summaries(html: str) -> str:
    def repl(m):
        title = re.sub(r"<[^>]+>", "", m.group("title")).strip()
        label = escape(f"Show or hide the pages of {title}", quote=True)
        return f'{m.group(1)}<summary aria-label="{label}">'

    return _EMPTY_SUMMARY.sub(repl, html)


def _accessible_markup(app, pagename, templatename, context, doctree):
    """Name the sidebar's section toggles; bibliography entries become list items."""
    body = context.get("body")
    if body and _BIBLIOENTRY in body:
        context["body"] = body.replace(_BIBLIOENTRY, 'role="listitem"')
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_coursekit", False):
        return

    @wraps(generate)
    def labelled(*args, **kwargs):
        out = generate(*args, **kwargs)
        if isinstance(out, str):
            return _label_summaries(out)
        for summary in out.select("summary"):  # a BeautifulSoup tree
            if summary.get("aria-label") or summary.get_text(strip=True):
                continue
            link = summary.parent.find_previous_sibling("a") if summary.parent else None
            title = link.get_text(strip=True) if link else "this section"
            summary["aria-label"] = f"Show or hide the pages of {title}"
        return out

    labelled._coursekit = True
    context["generate_toctree_html"] = labelled


_USES = re.compile(r"""coursekit\.(quiz|check_yourself|checklist|case|exercise)\(\s*["']([a-z0-9-]+)["']""")
_SUFFIX = {
    "quiz": "quiz",
    "check_yourself": "quiz",
    "checklist": "checklists",
    "case": "cases",
    "exercise": "exercises",
}


def _note_dependencies(app, docname, source):
    if (
        "coursekit.progress_overview(" in source[0] or "coursekit.review(" in source[0]
    ):  # they read every file
        root = Path(app.srcdir)
        static = files("coursekit").joinpath("static")
        for dep in [*sorted((root / "exercises").glob("*.yml")), root / "_toc.yml"]:
            app.env.note_dependency(str(dep))
        # a changed site-wide asset re-reads this page, so the build copies the new asset
        for name in ("progress-page.js", "progress-page.css", "print.css", "search-offline.js", "review.js"):
            app.env.note_dependency(str(static.joinpath(name)))
    uses = _USES.findall(source[0])
    if not uses:
        return
    root = Path(app.srcdir)
    deps = {root / "references.bib", root / "data" / "clinical-rules.yml"}  # roles in banks expand from it
    deps |= {root / "exercises" / f"{part}-{_SUFFIX[kind]}.yml" for kind, part in uses}
    static = files("coursekit").joinpath("static")
    assets = ("coursekit.js", "coursekit-activities.js", "coursekit.css")
    deps |= {Path(str(static.joinpath(name))) for name in assets}
    for dep in sorted(deps):
        app.env.note_dependency(str(dep))


def setup(app):
    rules_sphinx.setup(app)
    app.connect("config-inited", _use_external_assets)
    app.connect("config-inited", theme_trim.add_templates)
    app.connect("html-page-context", theme_trim.trim_page_assets, priority=950)
    app.connect("build-finished", theme_trim.trim_icon_fonts)
    app.connect("build-finished", asset_minify.minify_assets)
    app.connect("build-finished", asset_minify.drop_unused_assets)
    app.connect("source-read", _note_dependencies)
    app.connect("html-page-context", _prune_scripts, priority=900)
    app.connect("html-page-context", _accessible_markup, priority=900)
    app.add_css_file("print.css", media="print")  # every page prints without the site navigation
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
