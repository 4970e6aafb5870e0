"""Build stage (build-finished): the book serves coursekit's own JS and CSS minified.

The package keeps readable sources in coursekit/static/ (notebook outputs inline those); the copies
Sphinx put in ``_static`` are replaced by minified ones (rjsmin, rcssmin), so a quiz page's own
JS+CSS stays small as features are added. Nothing else in ``_static`` is touched.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import rcssmin
import rjsmin

from .outputs import write_atomic


def ours() -> list[str]:
    """The names of coursekit's own static JS and CSS files."""
    static = files("coursekit").joinpath("static")
    return sorted(p.name for p in static.iterdir() if p.name.endswith((".js", ".css")))


def minify(name: str, text: str) -> str:
    return rjsmin.jsmin(text) if name.endswith(".js") else rcssmin.cssmin(text)


def minify_assets(app, exception) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    static = Path(app.outdir) / "_static"
    for name in ours():
        target = static / name
        if target.is_file():
            source = files("coursekit").joinpath("static", name).read_text(encoding="utf-8")
            write_atomic(target, minify(name, source))
