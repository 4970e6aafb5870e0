"""Write command outputs safely: refuse to overwrite without ``force``, never leave a half-written file.

Every output is produced in memory first; each file is then written to a temporary file in its
target directory and moved into place with ``os.replace``.
"""

from __future__ import annotations

import os
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


def write_atomic(path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(files: dict, force: bool) -> None:
    """Write a whole set of outputs (path -> bytes/str), after checking none would be clobbered."""
    check_targets(files, force)
    for path, data in files.items():
        write_atomic(path, data)
