"""Browser-test support: a context that records console errors and every request."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing(msg: str):
    """Something a test needs is not installed: a failure under CI=true (no test is skipped there),
    a skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def site(built_book):
    html, out = built_book
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    return html


class Watch:
    """A fresh browser context that records console errors and every request."""

    def __init__(self, browser):
        self.context = browser.new_context(accept_downloads=True)
        self.errors, self.requests = [], []
        self.context.on("request", lambda r: self.requests.append(r.url))

    def page(self, url):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{url}: {e}"))
        page.goto(url)
        return page

    def assert_clean(self):
        assert self.errors == []
        assert [u for u in self.requests if not u.startswith(("file://", "blob:", "data:"))] == []


@pytest.fixture
def watch(browser):
    w = Watch(browser)
    yield w
    w.context.close()


# the static server is shared with the page benchmark (scripts/benchmark_pages.py)
from .static_server import serve_directory  # noqa: E402, F401
