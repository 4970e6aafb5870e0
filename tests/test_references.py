"""Short citations show readable Unicode, never the LaTeX escapes of references.bib."""

from pathlib import Path

import pytest

from coursekit.references import bib_keys, citation

BIB = Path(__file__).resolve().parents[1] / "references.bib"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("gerontologystanding", "de Bruïne et al. (2017)"),
        ("cdcvte", "Know the Risks, Signs & Symptoms of Blood Clots."),
        ("dmj2024hypoglycaemia", "Diabetes & Metabolism Journal."),
        ("coskun2014effect", "Coşkun et al. (2014)"),
        ("nhs2014gbs", "Symptoms of Guillain-Barré syndrome."),
        ("yukselturksimsek2024effect", "Yükseltürk Şimşek et al. (2024)"),
    ],
)
def test_real_entries_decode_to_unicode(key, expected):
    assert expected in citation(BIB, key)["text"]


def test_no_citation_in_the_course_shows_latex_markup():
    leaks = {}
    for key in sorted(bib_keys(BIB)):
        text = citation(BIB, key)["text"]
        if any(mark in text for mark in ("\\", "{", "}", "``", "''", "--")):
            leaks[key] = text
    assert leaks == {}


def test_bare_percent_is_kept_as_text(tmp_path):
    bib = tmp_path / "r.bib"
    bib.write_text(
        "@article{p2020,\n  author = {Doe, Jane},\n  title = {Half of 50% of patients},\n"
        "  journal = {J},\n  year = {2020}\n}\n",
        encoding="utf-8",
    )
    assert citation(bib, "p2020")["text"] == "Doe (2020). Half of 50% of patients. J."
