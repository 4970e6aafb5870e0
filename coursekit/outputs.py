"""Write command outputs safely: refuse to overwrite without ``force``, never leave a half-written file.

One file is written to a temporary file in its target directory and moved into place with
``os.replace``. A set of files (``write_all``, or ``StagedOutputs`` for a set written as it is made)
is staged in a temporary folder next to each target first and then moved into place; when any step
fails, every target is left as it was: all outputs are written together or not at all.

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


class StagedOutputs:
    """A set of outputs written one at a time, then put in place together or not at all.

    Use as a context manager: ``write`` each path named up front (bytes or str) as it is made, so
    a large set never has to be held in memory; each goes into a staging folder in its target's
    directory. Leaving the block normally moves the existing targets aside and the new files in;
    an exception (or a failed write or move) removes the new files, puts the old ones back, removes
    any folder made for them, and a failed write or move raises a CoursekitError naming the file."""

    def __init__(self, paths, force: bool):
        self.paths = [Path(p) for p in paths]
        check_targets(self.paths, force)
        self._numbers = {p: n for n, p in enumerate(self.paths)}
        self._new_dirs = _new_dirs(self.paths)
        self._stages: dict[Path, Path] = {}
        self._staged: dict[Path, Path] = {}
        self._done: list[tuple[Path, Path | None, bool]] = []  # (target, old content aside, new placed)
        self._mode = 0o666 & ~_umask()

    def __enter__(self) -> StagedOutputs:
        return self

    def write(self, path, data: bytes | str) -> None:
        path = Path(path)
        try:
            if path.is_dir() and not path.is_symlink():
                raise IsADirectoryError(errno.EISDIR, "a folder of that name is in the way")
            path.parent.mkdir(parents=True, exist_ok=True)
            stage = self._stages.get(path.parent)
            if stage is None:
                stage = self._stages[path.parent] = Path(
                    tempfile.mkdtemp(prefix=".coursekit-staging-", dir=path.parent)
                )
            staged = self._staged[path] = stage / f"new-{self._numbers[path]}"
            with open(staged, "wb") as fh:
                fh.write(_raw(data))
            os.chmod(staged, self._mode)
        except OSError as exc:
            self._fail(path, exc)

    def __exit__(self, kind, exc, tb) -> None:
        if exc is not None:
            self._undo()
            return
        path = None
        try:
            for path in self.paths:
                if path not in self._staged:
                    raise FileNotFoundError(errno.ENOENT, "it was never made")
            for n, path in enumerate(self.paths):
                backup = None
                if path.exists() or path.is_symlink():
                    backup = self._stages[path.parent] / f"old-{n}"
                    os.replace(path, backup)
                self._done.append((path, backup, False))
                os.replace(self._staged[path], path)
                self._done[-1] = (path, backup, True)
        except OSError as exc:
            self._fail(path, exc)
        except BaseException:
            self._undo()
            raise
        self._clean()

    def _fail(self, path, exc: OSError):
        self._undo()
        raise CoursekitError(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None

    def _undo(self) -> None:
        for path, backup, placed in reversed(self._done):  # put every target back as it was
            if placed:
                path.unlink(missing_ok=True)
            if backup is not None:
                os.replace(backup, path)
        self._done.clear()
        self._clean()
        for d in reversed(self._new_dirs):
            try:
                d.rmdir()
            except OSError:
                pass

    def _clean(self) -> None:
        for stage in self._stages.values():
            shutil.rmtree(stage, ignore_errors=True)
        self._stages.clear()


def write_all(files: dict, force: bool) -> None:
    """Write a whole set of outputs (path -> bytes/str) together or not at all (``StagedOutputs``)."""
    with StagedOutputs(files, force) as out:
        for path, data in files.items():
            out.write(path, data)


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
    w.writerows([c if type(c) is int else csv_cell(c) for c in row] for row in rows)  # ints: the marks
    return buf.getvalue()
