"""`coursekit grade`: gradebook, item analysis, and every bad file named with its reason."""

import json
import shutil

import pytest

from coursekit.banks import load_bank
from coursekit.variants import variant_entries

from .conftest import FIXTURES
from .instructor_helpers import (
    SAFETY,
    csv_dicts,
    run,
    student_file,
    write_json,
)

BANK = load_bank(SAFETY)


def _authored_right(it):
    if it.type == "matching":
        return [p.match for p in it.pairs]
    if it.type == "ordering":
        return list(range(1, len(it.steps) + 1))
    return it.answer


def book_download(items, right=True):
    """The shape of the book's "Download my answers" (authored numbers)."""
    answers = {}
    for it in items:
        r = _authored_right(it)
        if not right and it.type == "true_false":
            r = not r
        answers[it.id] = {
            "response": r,
            "correct": right or it.type != "true_false",
            "attempts": 2,
            "saved_at": "2026-11-20T09:00:00Z",
        }
    return {
        "format": "coursekit-answers",
        "format_version": 1,
        "quiz": "safety",
        "title": BANK.title,
        "saved_at": "2026-11-20T09:00:00Z",
        "answers": answers,
    }


def test_good_malformed_duplicate_and_foreign_files(tmp_path, assignment):
    key_path, key = assignment
    resp = tmp_path / "responses"
    resp.mkdir()
    write_json(resp / "ada.json", student_file(key, "v001-s001", right=True))
    write_json(resp / "alan.json", student_file(key, "v002-s002", right=False))
    some_wrong = {e["item"] for e in variant_entries(key, "v003-s003")[:4]}
    grace = student_file(key, "v003-s003", right=True, skip=some_wrong)
    write_json(resp / "grace.json", grace)
    older = student_file(key, "v001-s001", right=False)
    older["saved_at"] = "2026-11-24T10:00:00Z"
    write_json(resp / "ada-first-try.json", older)  # duplicate, saved earlier
    shutil.copy(resp / "ada.json", resp / "ada-copy.json")  # exact duplicate
    (resp / "broken.json").write_text('{"format": "coursekit-answers", ')  # malformed
    foreign = student_file(key, "v001-s001")
    foreign["quiz"] = "another-course"
    write_json(resp / "foreign.json", foreign)
    write_json(resp / "notes.json", {"hello": "world"})  # wrong format
    impostor = student_file(key, "v002-s002", student_id="s999")
    write_json(resp / "impostor.json", impostor)
    (resp / "readme.txt").write_text("not a response")

    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code != 0, "rejected files make the exit status non-zero"
    err = r.stderr
    assert "ada-first-try.json: duplicate: student 's001' is graded from ada-copy.json" in err
    assert "ada.json: duplicate: student 's001' is graded from ada-copy.json" in err
    assert "broken.json: not valid JSON (line 1" in err
    assert "foreign.json: foreign file: it answers quiz 'another-course'" in err
    assert "notes.json: not a coursekit answers file (format None" in err
    assert "impostor.json: variant 'v002-s002' was made for student 's002', the file says 's999'" in err
    assert "not read: " + str(resp / "readme.txt") + ": the name does not end in .json" in err
    assert "graded 3 response file(s)" in r.stdout
    assert "6 file(s) not graded" in r.output

    book = csv_dicts(tmp_path / "g" / "gradebook.csv")
    by = {row["student_id"]: row for row in book}
    assert set(by) == {"s001", "s002", "s003"}
    assert by["s001"]["score"] == "18" and by["s001"]["percent"] == "100.0"
    assert by["s001"]["name"] == "Ada Lovelace" and by["s001"]["variant"] == "v001-s001"
    assert by["s002"]["score"] == "0"
    assert by["s003"]["score"] == "14" and by["s003"]["max_score"] == "18"
    for iid in some_wrong:
        assert by["s003"][iid] == "0"
    assert all(by["s001"][it.id] == "1" for it in BANK.items)

    rows = {row["item"]: row for row in csv_dicts(tmp_path / "g" / "item-analysis.csv")}
    assert set(rows) == {it.id for it in BANK.items}
    for row in rows.values():
        assert row["n"] == "3"
        assert 0 <= float(row["proportion_correct"]) <= 1
        assert "blank:" in row["distractor_counts"]
    single = next(it for it in BANK.items if it.type == "single_choice")
    assert f"{single.answer}*:" in rows[single.id]["distractor_counts"]
    png = (tmp_path / "g" / "item-analysis.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_book_downloads_graded_against_the_banks(tmp_path):
    resp = tmp_path / "r"
    resp.mkdir()
    write_json(resp / "maya.json", book_download(BANK.items, right=True))
    write_json(resp / "tom.json", book_download(BANK.items, right=False))
    half = book_download(BANK.items[:9])
    write_json(resp / "sam.json", half)
    r = run("grade", SAFETY, resp, "--out", tmp_path / "g")
    assert r.exit_code == 0, r.output
    by = {row["student_id"]: row for row in csv_dicts(tmp_path / "g" / "gradebook.csv")}
    assert by["maya"]["score"] == "18"
    n_tf = sum(it.type == "true_false" for it in BANK.items)
    assert by["tom"]["score"] == str(18 - n_tf)
    assert by["sam"]["score"] == "9" and by["sam"]["max_score"] == "18"
    rows = {row["item"]: row for row in csv_dicts(tmp_path / "g" / "item-analysis.csv")}
    tf = next(it for it in BANK.items if it.type == "true_false")
    assert rows[tf.id]["proportion_correct"] == "0.667"


def test_point_biserial_and_upper_lower_index():
    from coursekit.gradebook import _point_biserial, _upper_lower

    marks = [1, 1, 1, 0, 0, 0, 1, 0]
    rest = [9, 8, 7, 3, 2, 1, 6, 4]
    rpb = _point_biserial(marks, rest)
    # Pearson correlation of a 0/1 variable with the rest score, computed directly.
    n = len(marks)
    mx, my = sum(marks) / n, sum(rest) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(marks, rest, strict=True)) / n
    sx = (sum((a - mx) ** 2 for a in marks) / n) ** 0.5
    sy = (sum((b - my) ** 2 for b in rest) / n) ** 0.5
    assert rpb == pytest.approx(cov / (sx * sy))
    assert _upper_lower(marks, rest) == pytest.approx(1.0)
    assert _point_biserial([1, 1, 1], [1, 2, 3]) is None


def test_book_downloads_are_also_accepted_against_a_key(tmp_path, assignment):
    key_path, _ = assignment
    resp = tmp_path / "r"
    resp.mkdir()
    write_json(resp / "maya.json", book_download(BANK.items))
    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code == 0, r.output
    row, *missing = csv_dicts(tmp_path / "g" / "gradebook.csv")
    assert row["student_id"] == "maya" and row["score"] == "18" and row["quiz"] == "safety"
    assert [(m["student_id"], m["status"], m["score"]) for m in missing] == [
        ("s001", "no graded file", ""),
        ("s002", "no graded file", ""),
        ("s003", "no graded file", ""),
    ]


def test_a_response_of_the_wrong_shape_is_marked_zero_and_named(tmp_path, assignment):
    key_path, key = assignment
    resp = tmp_path / "r"
    resp.mkdir()
    doc = student_file(key, "v001-s001")
    single = next(e for e in variant_entries(key, "v001-s001") if e["type"] == "single_choice")
    doc["answers"][single["item"]]["response"] = 42
    write_json(resp / "ada.json", doc)
    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code == 0, r.output
    assert f"ada.json: item '{single['item']}': response 42 cannot be graded" in r.stderr
    row = csv_dicts(tmp_path / "g" / "gradebook.csv")[0]
    assert row["score"] == "17" and row[single["item"]] == "0"


def test_force_and_no_partial_output(tmp_path, assignment):
    key_path, key = assignment
    resp = tmp_path / "r"
    resp.mkdir()
    (resp / "junk.json").write_text("[]")
    r = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert r.exit_code != 0 and "no gradable response file" in r.output
    assert "junk.json: not a coursekit answers file" in r.output
    assert not (tmp_path / "g").exists()

    write_json(resp / "ada.json", student_file(key, "v001-s001"))
    assert run("grade", key_path, resp, "--out", tmp_path / "g").exit_code == 1  # junk.json still rejected
    (resp / "junk.json").unlink()
    gb = tmp_path / "g" / "gradebook.csv"
    before = gb.read_text()
    again = run("grade", key_path, resp, "--out", tmp_path / "g")
    assert (
        again.exit_code != 0 and "refusing to overwrite" in again.output and "gradebook.csv" in again.output
    )
    assert gb.read_text() == before
    forced = run("grade", key_path, resp, "--out", tmp_path / "g", "--force")
    assert forced.exit_code == 0, forced.output
    assert [p.name for p in (tmp_path / "g").iterdir() if p.name.startswith(".")] == []


def test_a_damaged_key_is_named(tmp_path):
    bad = tmp_path / "key.json"
    bad.write_text(json.dumps({"format": "something-else"}))
    resp = tmp_path / "r"
    resp.mkdir()
    r = run("grade", bad, resp, "--out", tmp_path / "g")
    assert r.exit_code != 0 and "key.json: not a coursekit key" in r.output


def test_the_key_holds_each_item_once_and_per_student_only_the_permutations(assignment):
    _, key = assignment
    assert key["format_version"] == 2
    raw = json.dumps(key)
    for it in BANK.items:
        assert raw.count(json.dumps(it.stem)) == 1, it.id  # the authored item, once
    for v in key["variants"].values():
        assert set(v) == {"student_id", "name", "order", "layouts"}
        assert sorted(v["order"]) == list(range(1, len(BANK.items) + 1))
    for entry in key["items"].values():  # a layout is listed once, however many students got it
        layouts = [json.dumps(x, sort_keys=True) for x in entry["layouts"]]
        assert len(layouts) == len(set(layouts)) >= 1


def test_a_version_1_key_still_grades(tmp_path):
    """A key written by `coursekit assign` before format_version 2: right answers right, wrong ones wrong."""
    key_path = FIXTURES / "key-before-one-permutation-model.json"
    key = json.loads(key_path.read_text())
    assert key["format_version"] == 1
    resp = tmp_path / "r"
    resp.mkdir()
    write_json(resp / "ada.json", student_file(key, "v001-s001", right=True))
    write_json(resp / "alan.json", student_file(key, "v002-s002", right=False))
    r = run("grade", key_path, resp, "--out", tmp_path / "g", "--no-plot")
    assert r.exit_code == 0, r.output
    by = {row["student_id"]: row for row in csv_dicts(tmp_path / "g" / "gradebook.csv")}
    n = len(key["items"])
    assert by["s001"]["score"] == str(n) and by["s001"]["percent"] == "100.0"
    assert by["s002"]["score"] == "0" and by["s002"]["max_score"] == str(n)
    assert "warning" not in r.output


def test_a_damaged_version_2_key_is_named(tmp_path, assignment):
    _, key = assignment
    vid = next(iter(key["variants"]))
    key["variants"][vid]["layouts"][0] = 99
    bad = write_json(tmp_path / "bad-key.json", key)
    resp = tmp_path / "r"
    resp.mkdir()
    r = run("grade", bad, resp, "--out", tmp_path / "g")
    assert r.exit_code != 0
    assert "bad-key.json: the key is damaged" in r.output and f"variant '{vid}'" in r.output


def test_confidence_counts_only_when_the_instructor_asks(tmp_path):
    """Certainty-based marks never change a score; --cbm adds them as two columns."""
    resp = tmp_path / "r"
    resp.mkdir()
    doc = book_download(BANK.items, right=True)
    first, second = list(doc["answers"])[:2]
    doc["answers"][first]["confidence"] = "high"  # right and sure: +3
    doc["answers"][second]["confidence"] = "low"  # right and unsure: +1
    write_json(resp / "maya.json", doc)
    plain = run("grade", SAFETY, resp, "--out", tmp_path / "plain")
    assert plain.exit_code == 0, plain.output
    row = csv_dicts(tmp_path / "plain" / "gradebook.csv")[0]
    assert "cbm_marks" not in row and row["score"] == str(len(BANK.items))
    asked = run("grade", SAFETY, resp, "--out", tmp_path / "cbm", "--cbm")
    row = csv_dicts(tmp_path / "cbm" / "gradebook.csv")[0]
    assert (row["score"], row["cbm_answers"], row["cbm_marks"]) == (str(len(BANK.items)), "2", "4")
    assert asked.exit_code == 0
