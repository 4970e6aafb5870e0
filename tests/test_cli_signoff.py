"""`coursekit signoff`: printable sheets and a CSV template for the competency checklists, and the
competency record read back from a completed sign-off CSV (every bad row named, nothing half-written)."""

import csv
import io
import re

from coursekit.banks import load_checklists

from .instructor_helpers import ROOT, roster, run

CHECKLISTS = ROOT / "exercises" / "safety-checklists.yml"
SAFETY = next(c for c in load_checklists(CHECKLISTS).checklists if c.kind == "competency")


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _template(tmp_path, students=None):
    if students:  # names with commas and quotes: written as a spreadsheet would
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([("student_id", "name"), *students])
        (tmp_path / "roster.csv").write_text(buf.getvalue(), encoding="utf-8")
        people = tmp_path / "roster.csv"
    else:
        people = roster(tmp_path)
    r = run("signoff", "sheets", CHECKLISTS, "--roster", people, "--template", "--out", tmp_path / "sheets")
    assert r.exit_code == 0, r.output
    return tmp_path / "sheets" / "signoff-template.csv"


def _fill(template, out, changes):
    """Write ``out``: the template with {row number (as a spreadsheet counts): {column: value}}."""
    rows = list(csv.reader(io.StringIO(template.read_text(encoding="utf-8"))))
    header = rows[0]
    for n, cells in changes.items():
        for column, value in cells.items():
            rows[n - 1][header.index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    out.write_text(buf.getvalue(), encoding="utf-8")
    return out


OK = {"observed_by": "J. Rivera", "date": "2026-11-20", "result": "competent", "evidence": "Saw it in clinic"}


def test_sheets_are_printable_per_student_and_separate_ticks_from_sign_off(tmp_path):
    template = _template(tmp_path)
    sheets = sorted(p.name for p in (tmp_path / "sheets").glob("*.html"))
    assert sheets == ["signoff-s001.html", "signoff-s002.html", "signoff-s003.html"]
    page = (tmp_path / "sheets" / "signoff-s002.html").read_text()
    text = _text(page)
    assert "Student: Alan Turing" in text and "Student ID: s002" in text
    assert "Ticks a student makes in the book are self-assessment" in text
    for heading in ("Skill", "Observed by", "Date", "Result", "Evidence"):
        assert f"<th scope=col>{heading}" in page
    assert page.count("<tr><td>") == len(SAFETY.items)
    assert "Instructor signature and date" in text and "Student signature" in text
    assert "@media print" in page and "@page" in page
    rows = _rows(template)
    assert len(rows) == 3 * len(SAFETY.items)
    assert {r["skill_id"] for r in rows} == {e.id for e in SAFETY.items}
    assert {(r["observed_by"], r["date"], r["result"], r["evidence"]) for r in rows} == {("", "", "", "")}


def test_without_a_roster_one_blank_sheet_and_no_template(tmp_path):
    r = run("signoff", "sheets", CHECKLISTS, "--out", tmp_path / "s")
    assert r.exit_code == 0, r.output
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["signoff-blank.html"]
    r = run("signoff", "sheets", CHECKLISTS, "--template", "--out", tmp_path / "t")
    assert r.exit_code != 0 and "--template needs --roster" in r.output and not (tmp_path / "t").exists()


def test_a_completed_sign_off_becomes_a_record_per_student(tmp_path):
    template = _template(tmp_path)
    n = len(SAFETY.items)
    filled = _fill(
        template,
        tmp_path / "done.csv",
        {2: OK, 3: OK, n + 2: {**OK, "result": "Not yet", "evidence": ""}},
    )
    r = run("signoff", "record", filled, CHECKLISTS, "--out", tmp_path / "rec")
    assert r.exit_code == 0, r.output
    assert f"3 student(s): 2 of {3 * n} skills verified" in r.stdout
    ada = _rows(tmp_path / "rec" / "s001-competencies.csv")
    assert [r["status"] for r in ada[:3]] == ["verified", "verified", "not assessed"]
    assert ada[0]["observed_by"] == "J. Rivera" and ada[0]["evidence"] == "Saw it in clinic"
    alan = _rows(tmp_path / "rec" / "s002-competencies.csv")
    assert alan[0]["status"] == "not yet"
    page = _text((tmp_path / "rec" / "s001-competencies.html").read_text())
    assert f"2 of {n} skills verified by an instructor" in page and "J. Rivera" in page
    assert len(_rows(tmp_path / "rec" / "competency-record.csv")) == 3 * n


def test_every_bad_row_is_named_and_nothing_is_written(tmp_path):
    template = _template(tmp_path)
    filled = _fill(
        template,
        tmp_path / "bad.csv",
        {
            2: {**OK, "date": "20/11/2026"},
            3: {**OK, "result": "maybe"},
            4: {**OK, "evidence": ""},
            5: {**OK, "skill_id": "comp-invented"},
            6: {"observed_by": "J. Rivera"},
            7: {**OK, "date": "2999-01-01"},
            8: {**OK, "checklist": "safety-screening"},
            9: {**OK, "student_id": ""},
        },
    )
    r = run("signoff", "record", filled, CHECKLISTS, "--out", tmp_path / "rec")
    assert r.exit_code != 0
    assert "8 problem(s); nothing written" in r.output
    for where in [
        "row 2: column date: '20/11/2026' is not a date written YYYY-MM-DD",
        "row 3: column result: 'maybe' is not one of",
        "row 4: column evidence: empty",
        "row 5: column skill_id: 'comp-invented' is not a skill of checklist 'safety-competencies'",
        "row 6: column result: empty, but observed_by is filled in",
        "row 7: column date: 2999-01-01 is in the future",
        "row 8: column checklist: 'safety-screening' is not a competency checklist",
        "row 9: column student_id: empty",
    ]:
        assert f"{filled}: {where}" in r.output
    assert not (tmp_path / "rec").exists()


def test_duplicates_a_missing_column_and_a_non_utf8_file_are_named(tmp_path):
    template = _template(tmp_path)
    rows = template.read_text().splitlines()
    dup = tmp_path / "dup.csv"
    dup.write_text("\n".join([rows[0], rows[1], rows[1]]) + "\n")
    r = run("signoff", "record", dup, CHECKLISTS, "--out", tmp_path / "rec")
    assert r.exit_code != 0 and "row 3: column skill_id: student 's001' has skill" in r.output
    assert "already on row 2" in r.output
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("student_id,skill_id\ns001,comp-scope-statement\n")
    r = run("signoff", "record", nocol, CHECKLISTS, "--out", tmp_path / "rec")
    assert r.exit_code != 0 and f"{nocol}: row 1: missing column(s) checklist, observed_by" in r.output
    latin = tmp_path / "latin.csv"
    latin.write_bytes(rows[0].encode() + "\ns001,Zo\xeb\n".encode("latin-1"))
    r = run("signoff", "record", latin, CHECKLISTS, "--out", tmp_path / "rec")
    assert r.exit_code != 0 and f"{latin}: not UTF-8" in r.output
    assert not (tmp_path / "rec").exists()


def test_formulas_in_names_are_neutralised_in_every_csv_written(tmp_path):
    students = (("s001", '=HYPERLINK("http://x","y")'), ("s002", "@SUM(A1)"), ("s003", "Grace Hopper"))
    template = _template(tmp_path, students)
    names = {r["name"] for r in _rows(template)}
    assert names == {'\'=HYPERLINK("http://x","y")', "'@SUM(A1)", "Grace Hopper"}
    filled = _fill(template, tmp_path / "done.csv", {2: {**OK, "evidence": "+1 good"}})
    r = run("signoff", "record", filled, CHECKLISTS, "--out", tmp_path / "rec")
    assert r.exit_code == 0, r.output
    first = _rows(tmp_path / "rec" / "competency-record.csv")[0]
    assert first["name"] == '\'=HYPERLINK("http://x","y")' and first["evidence"] == "'+1 good"
    page = (tmp_path / "rec" / "s001-competencies.html").read_text()
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page  # shown as written, escaped


def test_existing_outputs_are_not_overwritten(tmp_path):
    _template(tmp_path)
    r = run("signoff", "sheets", CHECKLISTS, "--roster", roster(tmp_path), "--out", tmp_path / "sheets")
    assert r.exit_code != 0 and "refusing to overwrite" in r.output
