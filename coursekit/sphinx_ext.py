"""A small Sphinx extension for the course book (build stages: reading and HTML assembly).

- Makes a page that shows a quiz or checklist depend on its YAML file, on references.bib
  and on coursekit's JS/CSS, so editing any of them re-reads (and so re-executes) the page.

- Links coursekit.js/.css once on each page that shows a quiz, checklist, case or exercise
  (the kernels it starts render those without inline assets: COURSEKIT_ASSETS=external).
- Drops the saved ipywidgets state that myst-nb embeds: the html builder renders each
  quiz's self-contained ``text/html`` form, so the widget state is dead weight.
- Drops script tags that appear twice on a page with the same body (sphinx-thebe adds
  its ``const THEBE_JS_URL`` twice, a SyntaxError in every page's console).
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


_WIDGET_MARK = re.compile(r'class="ck-(?:quiz|checklist|case|exercise)"')


def _use_external_assets(app, config):
    os.environ["COURSEKIT_ASSETS"] = "external"
    config.html_static_path = [*config.html_static_path, str(files("coursekit").joinpath("static"))]


def _prune_scripts(app, pagename, templatename, context, doctree):
    if _WIDGET_MARK.search(context.get("body") or ""):
        app.add_css_file("coursekit.css")
        app.add_js_file("coursekit.js")
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


_USES = re.compile(r"""coursekit\.(quiz|checklist)\(\s*["']([a-z0-9-]+)["']""")


def _note_dependencies(app, docname, source):
    uses = _USES.findall(source[0])
    if not uses:
        return
    root = Path(app.srcdir)
    deps = {root / "references.bib"}
    deps |= {
        root / "exercises" / (f"{part}-quiz.yml" if kind == "quiz" else f"{part}-checklists.yml")
        for kind, part in uses
    }
    static = files("coursekit").joinpath("static")
    deps |= {Path(str(static.joinpath(name))) for name in ("coursekit.js", "coursekit.css")}
    for dep in sorted(deps):
        app.env.note_dependency(str(dep))


def setup(app):
    app.connect("config-inited", _use_external_assets)
    app.connect("source-read", _note_dependencies)
    app.connect("html-page-context", _prune_scripts, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
