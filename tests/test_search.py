"""Offline search: the built site's search page finds pages over file://, with no server.

Over file:// browsers block fetch(), so coursekit's search-offline.js turns off Sphinx's snippet
fetching there: results are listed with no console errors. Served over http
(tests/test_subpath.py) the snippets are shown.
"""

import re

import pytest


def search(watch, site, term):
    page = watch.page((site / "search.html").as_uri() + f"?q={term}")
    page.wait_for_function(
        "(document.querySelector('#search-results p.search-summary') || {}).textContent"
        "?.includes('Search finished')",
        timeout=20000,
    )
    links = page.locator("#search-results ul.search li a").evaluate_all("as => as.map(a => a.href)")
    return page, links


@pytest.mark.parametrize(
    "term, expected",
    [
        ("monofilament", "safety/sensation-and-feet.html"),
        ("hypoglycaemia", "autonomic-and-hypoglycaemia.html"),
    ],
)
def test_search_page_finds_results_over_file_url(site, watch, term, expected):
    page, links = search(watch, site, term)
    summary = page.locator("#search-results p.search-summary").inner_text()
    assert re.search(r"found [1-9]\d* page", summary), summary
    assert any(href.endswith(expected) for href in links), links[:10]
    assert all(href.startswith("file://") for href in links)
    page.locator("#search-results ul.search li a", has_text="").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.locator("article h1").first.is_visible()
    watch.assert_clean()


def test_glossary_terms_are_searchable(site, watch):
    _, links = search(watch, site, "neutropenia")
    assert any(href.endswith("book/glossary.html") for href in links), links
    watch.assert_clean()
