"""The built site works when served from a sub-path (as on GitHub Pages: /<repo>/), not only from
the root of a server: pages, assets, quizzes and search, with no absolute-root links."""

import json
import re
import shutil

import pytest

from coursekit.banks import load_bank

from .browser_support import serve_directory
from .conftest import ROOT

SUB = "course/sub"


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(site, root / SUB)
    with serve_directory(root) as url:
        yield f"{url}{SUB}/"


ROOT_LINK = re.compile(r"""(?:href|src|action)=["']/(?!/)""", re.I)


def test_no_page_links_to_the_server_root(site):
    offenders = {
        str(p.relative_to(site)): ROOT_LINK.findall(p.read_text(encoding="utf-8"))
        for p in site.rglob("*.html")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def browser_default(url):
    """Chromium asks every server for /favicon.ico when a page names no icon: not a site link."""
    return url.endswith("/favicon.ico")


class Recorder:
    def __init__(self, browser):
        self.context = browser.new_context()
        self.failed, self.errors, self.requests = [], [], []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on(
            "response",
            lambda r: (
                r.status >= 400 and not browser_default(r.url) and self.failed.append(f"{r.status} {r.url}")
            ),
        )
        self.context.on("requestfailed", lambda r: self.failed.append(f"failed {r.url}"))

    def page(self, url):
        page = self.context.new_page()
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and not browser_default(m.location.get("url", ""))
                and self.errors.append(m.text)
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page


@pytest.fixture
def rec(browser):
    r = Recorder(browser)
    yield r
    r.context.close()


def test_pages_and_assets_load_under_the_sub_path(served, rec):
    for path in ["index.html", "book/progress.html", "book/safety/vascular.html", "book/glossary.html"]:
        page = rec.page(served + path)
        assert page.locator("article h1").first.is_visible()
        # the theme's stylesheet applied: the sidebar is laid out, not an unstyled list
        assert page.locator(".bd-sidebar-primary").first.is_visible()
        page.close()
    assert rec.failed == [] and rec.errors == []
    outside = [u for u in rec.requests if not u.startswith(served) and not browser_default(u)]
    assert outside == []


def test_a_quiz_and_the_progress_page_work_under_the_sub_path(served, rec):
    page = rec.page(served + "book/safety/quiz.html")
    data = json.loads(page.locator("script.ck-data").first.text_content())
    item = next(i for i in data["items"] if i["type"] == "single_choice")
    fs = page.locator(f"#ck-safety-{item['id']}")
    fs.locator(f"input[value='{item['answer']}']").check()
    fs.get_by_role("button", name="Check answer").click()
    assert "\u2714 Correct." in fs.locator(".ck-feedback").inner_text()
    page.goto(served + "book/progress.html")
    cells = page.locator("#ck-progress-table tbody tr:has(th:text-is('Safety')) td").all_inner_texts()
    n = len(load_bank(ROOT / "exercises" / "safety-quiz.yml").items)
    assert cells[0] == f"1 of {n}"
    assert rec.failed == [] and rec.errors == []


def test_search_works_under_the_sub_path(served, rec):
    page = rec.page(served + "search.html?q=monofilament")
    page.wait_for_function(
        "(document.querySelector('#search-results p.search-summary') || {}).textContent"
        "?.includes('Search finished')",
        timeout=20000,
    )
    # served over http, the results also show a snippet of each page's text
    assert "monofilament" in page.locator("#search-results ul.search li p.context").first.inner_text().lower()
    links = page.locator("#search-results ul.search li a").evaluate_all("as => as.map(a => a.href)")
    assert links and all(h.startswith(served) for h in links)
    target = rec.page(links[0])
    assert target.locator("article h1").first.is_visible()
    assert rec.failed == [] and rec.errors == []
