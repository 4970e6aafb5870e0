"""Build stage (build-finished): the book serves coursekit's own JS and CSS minified.

The package keeps readable sources in coursekit/static/ (notebook outputs inline those); the copies
Sphinx put in ``_static`` are replaced by minified ones (rjsmin, rcssmin), so a quiz page's own
JS+CSS stays small as features are added; the files the book never loads are removed
(``NOT_FOR_THE_BOOK``). Nothing else in ``_static`` is touched.
"""

from __future__ import annotations

import shutil
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


# coursekit/static files the book never loads: the SCORM package's bridge and schemas, live Jupyter's
# widget module and the student edition's form (their commands read them from the package)
NOT_FOR_THE_BOOK = ("scorm-bridge.js", "scorm12", "student-form.js", "widget.js")


def drop_unused_assets(app, exception) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    static = Path(app.outdir) / "_static"
    for name in NOT_FOR_THE_BOOK:
        if (static / name).is_dir():
            shutil.rmtree(static / name)
        else:
            (static / name).unlink(missing_ok=True)


def minify_assets(app, exception) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    static = Path(app.outdir) / "_static"
    for name in ours():
        target = static / name
        if target.is_file():
            source = files("coursekit").joinpath("static", name).read_text(encoding="utf-8")
            write_atomic(target, minify(name, source))
