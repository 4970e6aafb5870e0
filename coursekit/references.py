"""Read references.bib and format the short citations shown under quiz feedback."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_KEY = re.compile(r"@\s*\w+\s*\{\s*([^,\s]+)\s*,")


def bib_keys(path) -> set[str]:
    """Every entry key in a .bib file (a fast scan, no full parse)."""
    return set(_KEY.findall(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def _entries(path: str, mtime: float):
    from pybtex.database import parse_file

    return parse_file(path, bib_format="bibtex").entries


def _clean(text: str) -> str:
    """BibTeX field text as plain Unicode: accents, escaped symbols, braces and dashes decoded by pybtex."""
    from pybtex.richtext import Text

    literal_percent = re.sub(r"(?<!\\)%", r"\\%", text)  # a bare % in a bib field is text, not a comment
    return " ".join(Text.from_latex(literal_percent).render_as("text").split())


def citation(bib_path, key: str) -> dict:
    """A short citation for one key: text ("Loprinzi et al. 2020. Title.") and a link."""
    path = str(bib_path)
    entry = _entries(path, Path(path).stat().st_mtime)[key]
    people = entry.persons.get("author", [])
    if people:
        first = people[0]
        surname = _clean(" ".join(first.prelast_names + first.last_names)) or _clean(str(first))
        authors = surname + (" et al." if len(people) > 2 else "")
        if len(people) == 2:
            second = people[1]
            authors += " and " + _clean(" ".join(second.prelast_names + second.last_names))
    else:
        authors = _clean(entry.fields.get("organization", entry.fields.get("publisher", "")))
    year = entry.fields.get("year", "n.d.")
    title = _clean(entry.fields.get("title", key)).rstrip(".")
    venue = _clean(entry.fields.get("journal", entry.fields.get("publisher", "")))
    text = f"{authors} ({year}). {title}." + (f" {venue}." if venue else "")
    doi = entry.fields.get("doi", "").strip()
    url = f"https://doi.org/{doi}" if doi else entry.fields.get("url", "").strip()
    return {"key": key, "text": text, "url": url}
