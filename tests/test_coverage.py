"""Is every learning objective assessed by at least three items, and does `coverage` say so?"""

from click.testing import CliRunner

from coursekit.cli import main

from .conftest import ROOT


def test_every_objective_of_every_part_has_three_items():
    result = CliRunner().invoke(main, ["coverage", str(ROOT / "exercises")])
    assert result.exit_code == 0, result.output
    for part in ("safety", "mechanisms", "evidence", "techniques", "lifestyle"):
        assert f"{part}-quiz.yml" in result.output


def test_a_thin_objective_is_flagged(demo_project):
    bank = demo_project / "exercises" / "demo-quiz.yml"
    bank.write_text(
        bank.read_text().replace(
            "  demo-two: Apply the demo facts.\n",
            "  demo-two: Apply the demo facts.\n  demo-three: Lonely.\n",
        )
    )
    result = CliRunner().invoke(main, ["coverage", str(bank)])
    assert result.exit_code != 0
    assert "0  demo-three  <- fewer than 3" in result.output
