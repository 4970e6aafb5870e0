"""The glossary: 25-40 clinical terms in plain words, linked from the chapters with {term}."""

import re
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import ROOT
from .test_book import toc_files


def glossary_soup(site):
    return BeautifulSoup((site / "book" / "glossary.html").read_text(encoding="utf-8"), "html.parser")


def test_the_glossary_defines_25_to_40_terms(site):
    soup = glossary_soup(site)
    definitions = soup.select("dl.glossary > dd")
    assert 25 <= len(definitions) <= 40
    names = [dt.get_text(" ", strip=True) for dt in soup.select("dl.glossary > dt")]
    for expected in [
        "Peripheral neuropathy",
        "Loss of protective sensation",
        "Monofilament",
        "CIPN",
        "DVT",
        "PAD",
        "Orthostatic hypotension",
        "Hypoglycaemia",
        "Neutropenia",
        "Thrombocytopenia",
        "Lymphoedema",
        "Charcot foot",
        "Guillain–Barré syndrome",
        "RCT",
        "Blinding",
        "Usual care",
        "Surrogate outcome",
    ]:
        assert any(n.startswith(expected) for n in names), expected
    for dd in definitions:
        words = dd.get_text(" ", strip=True).split()
        assert 8 <= len(words) <= 90, words[:8]


def test_chapters_link_terms_to_the_glossary(site):
    linked_terms, pages_with_links = set(), 0
    for f in toc_files():
        if f in ("book/glossary", "book/references"):
            continue
        soup = BeautifulSoup((site / f"{f}.html").read_text(encoding="utf-8"), "html.parser")
        links = [
            a
            for a in soup.select("article a.reference.internal")
            if "glossary.html#term-" in a.get("href", "")
        ]
        pages_with_links += bool(links)
        linked_terms |= {a["href"].split("#", 1)[1] for a in links}
        # a term is linked at its first use only: never twice to the same entry on one page
        hrefs = [a["href"] for a in links]
        assert len(hrefs) == len(set(hrefs)), (f, sorted(h for h in hrefs if hrefs.count(h) > 1))
    assert pages_with_links >= 20
    anchors = {dt.get("id") for dt in glossary_soup(site).select("dl.glossary > dt")}
    assert len(linked_terms & anchors) >= 25


def test_term_roles_point_at_entries_and_chapters_only_add_roles():
    entries = set()
    text = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    for line in block.splitlines():
        if line and not line.startswith((" ", ":")):
            entries.add(line.strip().lower())
    role = re.compile(r"\{term\}`([^`<]+?)(?:\s*<([^>]+)>)?`")
    for md in Path(ROOT / "book").rglob("*.md"):
        for shown, target in role.findall(md.read_text(encoding="utf-8")):
            assert (target or shown).strip().lower() in entries, (md.name, shown, target)
