"""A small Sphinx extension for the course book (build stage: HTML page assembly).

- Drops the saved ipywidgets state that myst-nb embeds: the html builder renders each
  quiz's self-contained ``text/html`` form, so the widget state is dead weight.
- Drops script tags that appear twice on a page with the same body (sphinx-thebe adds
  its ``const THEBE_JS_URL`` twice, a SyntaxError in every page's console).
"""

from __future__ import annotations

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _prune_scripts(app, pagename, templatename, context, doctree):
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


def setup(app):
    app.connect("html-page-context", _prune_scripts, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
