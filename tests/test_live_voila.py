"""Live Jupyter in a real browser: Voila serves exercises/safety-quiz.ipynb with the course's Voila
settings (binder/jupyter: the "coursekit" template, kernel culling) and Chromium uses it.

Checked: 0 serious or critical axe-core violations, an answer written to the progress file and
restored after a reload, no request leaving 127.0.0.1 (Voila's stock template would fetch Font
Awesome from a CDN), and idle-kernel culling switched on.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from coursekit.banks import load_bank

from .conftest import ROOT
from .test_quality_browser import _axe_violations

SETTINGS = ROOT / "binder" / "jupyter"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def voila(tmp_path):
    try:
        import voila  # noqa: F401
    except ImportError:
        msg = "voila is not installed (pinned in requirements.txt)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    port = _free_port()
    progress = tmp_path / "progress.json"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "JUPYTER_PATH": os.pathsep.join(filter(None, [str(SETTINGS), os.environ.get("JUPYTER_PATH")])),
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            filter(None, [str(SETTINGS), os.environ.get("JUPYTER_CONFIG_PATH")])
        ),
        "COURSEKIT_PROGRESS": str(progress),
    }
    log = open(tmp_path / "voila.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "exercises/safety-quiz.ipynb",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "voila/static/", timeout=2)
            except urllib.error.HTTPError:
                break  # the server answers
            except OSError:
                time.sleep(0.5)
                continue
            break
        yield base, progress, tmp_path / "voila.log"
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def _open_quiz(context, base):
    page = context.new_page()
    page.goto(base, timeout=120_000)
    page.get_by_role("button", name="Check answer").first.wait_for(timeout=120_000)
    return page


def test_the_safety_quiz_in_voila_saves_restores_stays_local_and_is_accessible(voila, browser):
    from axe_playwright_python.sync_playwright import Axe

    base, progress, log = voila
    first = load_bank(ROOT / "exercises" / "safety-quiz.yml").items[0]
    assert first.type == "single_choice"
    context = browser.new_context()
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = _open_quiz(context, base)
        assert _axe_violations(page, Axe()) == []

        radios = page.locator(".ck-quiz fieldset.ck-item").first.get_by_role("radio")
        radios.nth(1).check()
        page.get_by_role("button", name="Check answer").first.click()
        feedback = page.get_by_text("Explanation:").first
        feedback.wait_for(timeout=60_000)
        for _ in range(50):
            if progress.exists():
                break
            time.sleep(0.2)
        saved = json.loads(progress.read_text(encoding="utf-8"))["quizzes"]["safety"]["items"][first.id]
        assert saved["response"] == 2 and saved["attempts"] == 1

        page.reload()
        page.get_by_role("button", name="Check answer").first.wait_for(timeout=120_000)
        radios = page.locator(".ck-quiz fieldset.ck-item").first.get_by_role("radio")
        radios.nth(1).wait_for()
        assert radios.nth(1).is_checked() and not radios.nth(0).is_checked()
        assert page.get_by_text("Explanation:").first.is_visible()
        assert _axe_violations(page, Axe()) == []
    finally:
        context.close()
    leaving = sorted({u for u in requests if not u.startswith((base, "data:", "blob:"))})
    assert leaving == []
    assert "Culling kernels with idle durations > 900 seconds" in log.read_text()  # binder/jupyter/voila.json
