"""Voila or JupyterLab, started as a student's hub would start them (the course's settings in
binder/jupyter: the "coursekit" Voila template, kernel culling, no news or update checks), on a copy
of the course, with the progress file in the test's folder."""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .browser_support import missing
from .conftest import ROOT

SETTINGS = ROOT / "binder" / "jupyter"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need(module: str) -> None:
    try:
        __import__(module)
    except ImportError:
        missing(f"{module} is not installed (pinned in requirements.txt)")


def course_copy(tmp_path):
    """The course's exercises with what they read (JupyterLab saves notebooks: never the repository's)."""
    copy = tmp_path / "course"
    copy.mkdir()
    for name in ("_toc.yml", "references.bib"):
        shutil.copy(ROOT / name, copy / name)
    for folder in ("exercises", "data"):
        shutil.copytree(ROOT / folder, copy / folder)
    return copy


@contextlib.contextmanager
def serve(app: str, args: list[str], cwd, tmp_path):
    """Run ``python -m app`` on a free port; yields (base URL, progress file, log file)."""
    port = _free_port()
    progress = tmp_path / "progress.json"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "JUPYTER_PATH": os.pathsep.join(filter(None, [str(SETTINGS), os.environ.get("JUPYTER_PATH")])),
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            filter(None, [str(SETTINGS), os.environ.get("JUPYTER_CONFIG_PATH")])
        ),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "COURSEKIT_PROGRESS": str(progress),
    }
    log_path = tmp_path / f"{app}.log"
    log = open(log_path, "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", app, "--no-browser", f"--port={port}", *args],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "api", timeout=2)
            except urllib.error.HTTPError:
                break  # the server answers
            except OSError:
                time.sleep(0.5)
                continue
            break
        yield base, progress, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_for_file(path, test, timeout=30.0):
    """The JSON in ``path`` once ``test`` holds for it (the kernel writes a moment after the click)."""
    end = time.monotonic() + timeout
    while True:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if test(data):
                return data
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if time.monotonic() > end:
            raise AssertionError(f"{path} never had what was expected")
        time.sleep(0.2)


def local_only(requests, base) -> list[str]:
    return sorted({u for u in requests if not u.startswith((base, "data:", "blob:", "file://"))})
