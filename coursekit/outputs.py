"""Write command outputs safely: refuse to overwrite without ``force``, never leave a half-written file.

Every output is produced in memory first. One file is written to a temporary file in its target
directory and moved into place with ``os.replace``. A set of files (``write_all``) is staged in a
temporary folder next to each target first and then moved into place; when any step fails, every
target is left as it was: all outputs are written together or not at all.

``csv_text`` writes every CSV: a cell that a spreadsheet would run as a formula is made plain text.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

from .errors import CoursekitError


def check_targets(paths, force: bool) -> None:
    """Raise a CoursekitError naming every target that exists (unless ``force``)."""
    existing = [str(p) for p in paths if Path(p).exists()]
    if existing and not force:
        raise CoursekitError("refusing to overwrite existing output (use --force): " + ", ".join(existing))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _raw(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def write_atomic(path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_raw(data))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_dirs(paths) -> list[Path]:
    """Directories that ``mkdir(parents=True)`` would create for these files, outermost first."""
    out = []
    for p in paths:
        d = Path(p).parent
        chain = []
        while not d.exists() and d != d.parent:
            chain.append(d)
            d = d.parent
        out += [c for c in reversed(chain) if c not in out]
    return out


def write_all(files: dict, force: bool) -> None:
    """Write a whole set of outputs (path -> bytes/str) together or not at all.

    Each file is first written into a staging folder in its target's directory; then the existing
    targets are moved aside and the new files moved in. If anything fails, the new files are removed,
    the old ones put back, and a CoursekitError names the file and the reason.
    """
    check_targets(files, force)
    paths = [Path(p) for p in files]
    new_dirs = _new_dirs(paths)
    stages: dict[Path, Path] = {}
    staged: dict[Path, Path] = {}
    done: list[tuple[Path, Path | None, bool]] = []  # (target, its old content moved aside, new placed)
    current = None
    try:
        mode = 0o666 & ~_umask()
        for n, (path, data) in enumerate(zip(paths, files.values(), strict=True)):
            current = path
            if path.is_dir() and not path.is_symlink():
                raise IsADirectoryError(errno.EISDIR, "a folder of that name is in the way")
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.parent not in stages:
                stages[path.parent] = Path(tempfile.mkdtemp(prefix=".coursekit-staging-", dir=path.parent))
            staged[path] = stages[path.parent] / f"new-{n}"
            staged[path].write_bytes(_raw(data))
            os.chmod(staged[path], mode)
        for n, path in enumerate(paths):
            current = path
            backup = None
            if path.exists() or path.is_symlink():
                backup = stages[path.parent] / f"old-{n}"
                os.replace(path, backup)
            done.append((path, backup, False))
            os.replace(staged[path], path)
            done[-1] = (path, backup, True)
    except BaseException as exc:
        for path, backup, placed in reversed(done):  # put every target back as it was
            if placed:
                path.unlink(missing_ok=True)
            if backup is not None:
                os.replace(backup, path)
        for stage in stages.values():
            shutil.rmtree(stage, ignore_errors=True)
        for d in reversed(new_dirs):
            try:
                d.rmdir()
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise CoursekitError(
                f"cannot write {current}: {exc.strerror or exc}; nothing was written"
            ) from None
        raise
    for stage in stages.values():
        shutil.rmtree(stage, ignore_errors=True)


# ---- CSV ----

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value):
    """A cell a spreadsheet shows as text, never runs (OWASP CSV injection advice).

    Numbers stay numbers (also text that is a plain number, such as ``-3.5``); any other text that
    starts with ``= + - @``, a tab or a line break gets a leading single quote.
    """
    if isinstance(value, (int, float)) or value is None:
        return value
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: list, rows) -> str:
    """CSV text (``\\n`` line ends) of a header and rows, every cell passed through ``csv_cell``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([csv_cell(c) for c in header])
    w.writerows([csv_cell(c) for c in row] for row in rows)
    return buf.getvalue()
