"""`coursekit stats`: what an instructor sees about the banks."""

from coursekit.banks import load_bank

from .instructor_helpers import ROOT, demo_bank, run

SAFETY = ROOT / "exercises" / "safety-quiz.yml"  # the course's own bank: every objective has 3 items


def test_stats_tables_for_the_safety_bank():
    r = run("stats", SAFETY)
    assert r.exit_code == 0, r.output
    out = r.output
    n = len(load_bank(SAFETY).items)
    assert f"1 bank(s), {n} items" in out
    for heading in (
        "Items per part",
        "Items per type",
        "Items per difficulty",
        "Items per learning objective",
    ):
        assert heading in out
    assert f"Safety  {n}" in out
    for t in ("single_choice", "multiple_select", "true_false", "numeric", "matching", "ordering"):
        assert t in out
    assert "FEWER THAN 3" not in out


def test_thin_objectives_are_flagged_and_strict_fails(tmp_path):
    banks = demo_bank(tmp_path)
    bank = banks / "demo-quiz.yml"
    text = bank.read_text().replace(
        "  demo-two: Apply the demo facts.\n",
        "  demo-two: Apply the demo facts.\n  demo-three: Never assessed.\n",
    )
    bank.write_text(text)
    r = run("stats", banks)
    assert r.exit_code == 0, r.output
    assert "demo-three" in r.output and "FEWER THAN 3" in r.output
    assert "objective 'demo-three' is assessed by 0 item(s)" in r.output
    strict = run("stats", "--strict", banks)
    assert strict.exit_code != 0
    assert "objective(s) assessed by fewer than 3 items" in strict.output


def test_a_broken_bank_is_named(tmp_path):
    banks = demo_bank(tmp_path)
    bank = banks / "demo-quiz.yml"
    bank.write_text(bank.read_text().replace("    answer: 2\n", "    answer: 9\n"))
    r = run("stats", banks)
    assert r.exit_code != 0
    assert "demo-quiz.yml" in r.output and "demo-single" in r.output and "out of range" in r.output


def test_a_repeated_key_is_still_refused_with_its_line(tmp_path):
    banks = demo_bank(tmp_path)
    bank = banks / "demo-quiz.yml"
    bank.write_text(
        bank.read_text().replace("    difficulty: easy\n", "    difficulty: easy\n    difficulty: hard\n", 1)
    )
    r = run("stats", banks)
    assert r.exit_code != 0
    assert "demo-quiz.yml:25" in r.output and "appears twice" in r.output
