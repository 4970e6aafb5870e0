"""`coursekit grade` against files made to break it: each bad file is named, the rest are graded,
no output cell runs as a spreadsheet formula, and the outputs are written together or not at all."""

import csv

import pytest

from coursekit.variants import variant_entries

from .instructor_helpers import (
    SAFETY,
    csv_dicts,
    run,
    student_file,
    write_json,
)


def _rows(path):
    with open(path, newline="") as fh:
        return list(csv.reader(fh))


def test_a_file_of_brackets_is_named_and_the_class_still_graded(tmp_path, assignment):
    key_path, key = assignment
    resp = tmp_path / "r"
    resp.mkdir()
    (resp / "brackets.json").write_text("[" * 1024)
    (resp / "nested.json").write_text(
        '{"format": "coursekit-answers", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    write_json(resp / "ada.json", student_file(key, "v001-s001"))
    odd = student_file(key, "v002-s002")
    odd["quiz"] = ["week-3"]  # a list where text belongs
    write_json(resp / "odd.json", odd)
    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code == 1, r.output
    assert "brackets.json: not a response file: brackets nested too deeply to read" in r.stderr
    assert "nested.json: not a response file: brackets nested too deeply to read" in r.stderr
    assert "odd.json: foreign file: it answers quiz ['week-3']" in r.stderr
    assert "graded 1 response file(s)" in r.stdout
    assert csv_dicts(tmp_path / "g" / "gradebook.csv")[0]["score"] == "18"


def test_no_cell_of_any_csv_is_a_formula(tmp_path):
    resp = tmp_path / "r"
    resp.mkdir()
    hostile = ["=1+2", "@SUM(A1:A9)", '=HYPERLINK("http://evil.example","x")', "+1-1", "-2+3"]
    doc = {"format": "coursekit-answers", "format_version": 1, "quiz": "safety", "answers": {}}
    for n, sid in enumerate(hostile):
        write_json(resp / f"s{n}.json", {**doc, "student_id": sid})
    write_json(resp / "=cmd.json", doc)  # no student id: the file name stands in
    write_json(resp / "-42.json", doc)  # a plain number stays a number
    write_json(resp / "\tz.json", doc)
    (resp / "@evil.txt").write_text("x")
    r = run("grade", SAFETY, resp, "--out", tmp_path / "g")
    assert r.exit_code == 0, r.output
    cells = [
        c
        for name in ("gradebook.csv", "item-analysis.csv", "grading-report.csv")
        for row in _rows(tmp_path / "g" / name)
        for c in row
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
    ids = {row["student_id"] for row in csv_dicts(tmp_path / "g" / "gradebook.csv")}
    assert ids == {"'" + h for h in hostile} | {"'=cmd", "-42", "'\tz"}
    files = {row["file"] for row in csv_dicts(tmp_path / "g" / "gradebook.csv")}
    assert "'=cmd.json" in files and "'-42.json" in files
    report = csv_dicts(tmp_path / "g" / "grading-report.csv")
    assert {
        "file": "'@evil.txt",
        "student_id": "",
        "problem": "not read",
        "detail": "the name does not end in .json",
    } in report


def test_csv_cell_follows_the_owasp_advice():
    from coursekit.outputs import csv_cell

    for text in ("=1", "+1+", "-A1", "@x", "\tx", "\rx", "\n=x", "-", "+"):
        assert csv_cell(text) == "'" + text
    for value in (3, -3, 2.5, -0.25, "-3", "+4.5", "-1e3", "abc", "a=b", "", None):
        assert csv_cell(value) == value


def _number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_unread_files_and_missing_students_are_listed(tmp_path, assignment):
    key_path, key = assignment
    resp = tmp_path / "r"
    (resp / "late").mkdir(parents=True)
    write_json(resp / "ada.json", student_file(key, "v001-s001"))
    write_json(resp / "alan.JSON.txt", student_file(key, "v002-s002"))
    write_json(resp / "late" / "grace.json", student_file(key, "v003-s003"))
    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code == 0, r.output
    assert f"not read: {resp / 'alan.JSON.txt'}: the name does not end in .json" in r.stderr
    assert f"not read: {resp / 'late' / 'grace.json'}: in a sub-folder" in r.stderr
    assert "missing: student 's002' (Alan Turing, variant v002-s002) has no graded file" in r.stderr
    assert "missing: student 's003' (Grace Hopper, variant v003-s003) has no graded file" in r.stderr
    assert "2 file(s) not read" in r.stdout
    assert "2 student(s) on the roster with no graded file: s002, s003" in r.stdout
    book = {row["student_id"]: row for row in csv_dicts(tmp_path / "g" / "gradebook.csv")}
    assert book["s001"]["status"] == "graded" and book["s001"]["score"] == "18"
    assert book["s002"]["status"] == "no graded file" and book["s002"]["score"] == ""
    assert book["s003"]["name"] == "Grace Hopper" and book["s003"]["max_score"] == "18"
    report = {
        (row["file"], row["student_id"], row["problem"])
        for row in csv_dicts(tmp_path / "g" / "grading-report.csv")
    }
    assert report == {
        ("alan.JSON.txt", "", "not read"),
        ("late/grace.json", "", "not read"),
        ("", "s002", "missing"),
        ("", "s003", "missing"),
    }


def test_size_and_item_count_limits_and_a_short_warning(tmp_path, assignment):
    from coursekit.gradebook import MAX_ANSWERS, MAX_FILE_BYTES

    key_path, key = assignment
    resp = tmp_path / "r"
    resp.mkdir()
    big = student_file(key, "v001-s001")
    big["padding"] = "x" * MAX_FILE_BYTES
    write_json(resp / "big.json", big)
    many = student_file(key, "v002-s002")
    many["answers"].update({f"no-such-item-{n}": {"response": 1} for n in range(MAX_ANSWERS + 1)})
    write_json(resp / "many.json", many)
    some = student_file(key, "v003-s003")
    some["answers"].update({f"no-such-item-{n:04d}": {"response": 1} for n in range(2000)})
    write_json(resp / "some.json", some)
    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code == 1, r.output
    assert "big.json: too large (5.0 MB; a response file may be at most 5 MB)" in r.stderr
    assert (
        f"many.json: too many answers ({MAX_ANSWERS + 1 + 18:,}; a response file may hold at most" in r.stderr
    )
    (warning,) = [ln for ln in r.stderr.splitlines() if "some.json" in ln]
    assert warning.endswith(
        "2,000 answer(s) to items not in this quiz were ignored: 'no-such-item-0000', 'no-such-item-0001', "
        "'no-such-item-0002', 'no-such-item-0003', 'no-such-item-0004' and 1,995 more"
    )
    assert len(r.stderr) < 2000
    assert "graded 1 response file(s)" in r.stdout


def test_partly_answered_matching_and_ordering_are_graded_like_the_book(tmp_path, assignment):
    key_path, key = assignment
    resp = tmp_path / "r"
    resp.mkdir()
    doc = student_file(key, "v001-s001")
    entries = {e["type"]: e for e in variant_entries(key, "v001-s001")}
    for kind in ("matching", "ordering"):
        r = doc["answers"][entries[kind]["item"]]["response"]
        doc["answers"][entries[kind]["item"]]["response"] = [r[0]] + [None] * (len(r) - 1)
    write_json(resp / "ada.json", doc)
    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code == 0, r.output
    assert "warning" not in r.stderr and "cannot be graded" not in r.stderr
    book = csv_dicts(tmp_path / "g" / "gradebook.csv")[0]
    assert book["score"] == "16"
    analysis = {row["item"]: row for row in csv_dicts(tmp_path / "g" / "item-analysis.csv")}
    for kind in ("matching", "ordering"):
        row = analysis[entries[kind]["item"]]
        assert book[row["item"]] == "0"
        assert row["answered"] == "1" and row["distractor_counts"].endswith("blank:0")


def test_outputs_are_written_together_or_not_at_all(tmp_path, assignment):
    key_path, key = assignment
    resp = tmp_path / "r"
    resp.mkdir()
    write_json(resp / "ada.json", student_file(key, "v001-s001"))
    out = tmp_path / "g"
    out.mkdir()
    (out / "gradebook.csv").write_text("old gradebook")
    (out / "item-analysis.csv").write_text("old analysis")
    (out / "item-analysis.png").mkdir()  # the third output cannot be written
    r = run("grade", key_path, resp, "--out", out, "--force")
    assert r.exit_code == 1
    assert f"cannot write {out / 'item-analysis.png'}" in r.output and "nothing was written" in r.output
    assert (out / "gradebook.csv").read_text() == "old gradebook"
    assert (out / "item-analysis.csv").read_text() == "old analysis"
    assert sorted(p.name for p in out.iterdir()) == [
        "gradebook.csv",
        "item-analysis.csv",
        "item-analysis.png",
    ]


def test_a_failed_move_puts_every_output_back(tmp_path, monkeypatch):
    import os

    from coursekit import outputs
    from coursekit.errors import CoursekitError

    out = tmp_path / "o"
    out.mkdir()
    (out / "a.csv").write_text("old a")
    calls = []
    real = os.replace

    def failing(src, dst):
        calls.append(dst)
        if str(dst).endswith("c.png"):
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", failing)
    with pytest.raises(CoursekitError, match="cannot write .*c.png: Permission denied; nothing was written"):
        outputs.write_all(
            {out / "a.csv": "new a", out / "b.csv": "new b", out / "c.png": b"new c"}, force=True
        )
    assert sorted(p.name for p in out.iterdir()) == ["a.csv"]
    assert (out / "a.csv").read_text() == "old a"
    fresh = tmp_path / "fresh" / "deeper"
    with pytest.raises(CoursekitError):
        outputs.write_all({fresh / "a.csv": "x", fresh / "c.png": b"y"}, force=False)
    assert not (tmp_path / "fresh").exists()


def test_the_plot_labels_every_item_at_250_items(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from coursekit.gradebook import analysis_png

    seen = []
    real = Figure.savefig

    def record(fig, *args, **kwargs):
        for ax in fig.axes:
            seen.extend(t.get_text() for t in ax.get_yticklabels() if t.get_text())
        return real(fig, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", record)
    rows = [
        {
            "number": n,
            "proportion_correct": (n % 10) / 10,
            "point_biserial": "" if n % 7 == 0 else (n % 9) / 10 - 0.3,
        }
        for n in range(1, 251)
    ]
    png = analysis_png(rows)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(seen, key=int) == [str(n) for n in range(1, 251)]
