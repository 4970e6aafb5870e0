"""Write and execute the exercise notebooks in exercises/ (run after changing a bank or coursekit).

Usage: python scripts/make_exercise_notebooks.py
Each part with an exercises/<part>-quiz.yml gets <part>-quiz.ipynb; each
exercises/<part>-checklists.yml gets <part>-checklists.ipynb; my-progress.ipynb shows the
student's progress summary. They are executed here so they are committed with outputs, which
strict nbval then checks. Every code cell is saved with its input hidden (``source_hidden`` and a
``hide-input`` tag), so the notebooks open showing text and outputs only; Voila shows them with
no code at all (see book/instructors/jupyterhub.md).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
HIDDEN = {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}


def _title(path: Path) -> str:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def quiz_notebook(part: str, bank: dict):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            f"# {bank['title']}\n\n"
            "Run the cell below (Shift+Enter) to show the quiz. Choose an answer and press "
            "**Check answer** for feedback, the explanation and the source. Your answers are "
            "saved in your progress file (`~/.coursekit/progress.json`), so you can stop and "
            "come back."
        ),
        nbformat.v4.new_code_cell(f'import coursekit\n\ncoursekit.quiz("{part}")', metadata=HIDDEN),
    ]
    return nb


def checklist_notebook(part: str, doc: dict):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            f"# {doc['part']}: checklists\n\nRun each cell to show a checklist. Your ticks are "
            "saved in your progress file, so they are there next time."
        )
    ]
    for c in doc["checklists"]:
        nb.cells.append(nbformat.v4.new_markdown_cell(f"## {c['title']}"))
        nb.cells.append(
            nbformat.v4.new_code_cell(
                f'import coursekit\n\ncoursekit.checklist("{part}", "{c["id"]}")', metadata=HIDDEN
            )
        )
    return nb


def entries_notebook(part: str, doc: dict, kind: str):
    """One notebook showing every case (kind 'cases') or exercise (kind 'exercises') of a part."""
    function, noun, a = ("case", "case study", "a") if kind == "cases" else ("exercise", "exercise", "an")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            f"# {doc['part']}: {noun} notebook\n\nRun each cell to open {a} {noun}. What you choose or "
            "write is saved in your progress file, so you can come back to it."
        )
    ]
    for entry in doc[kind]:
        nb.cells.append(nbformat.v4.new_markdown_cell(f"## {entry['title']}"))
        nb.cells.append(
            nbformat.v4.new_code_cell(
                f'import coursekit\n\ncoursekit.{function}("{part}", "{entry["id"]}")', metadata=HIDDEN
            )
        )
    return nb


def progress_notebook():
    """The student's progress summary: a bar chart and a table read from their progress file."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# My progress\n\n"
            "Run the cell below (Shift+Enter) to see, for each part of the course, how many quiz "
            "questions you have answered and got right, how many checklist items you have ticked "
            "and how many case studies you have finished in these notebooks. The numbers come from "
            "your progress file (`~/.coursekit/progress.json`); the chart shows them as percentages "
            "and the table below it gives the counts. Run it again after working on a quiz to "
            "update it. (Answers given in the HTML book are kept in that browser instead: see the "
            "book's *My progress* page.)"
        ),
        nbformat.v4.new_code_cell("import coursekit\n\ncoursekit.progress_summary()", metadata=HIDDEN),
    ]
    return nb


def review_notebook():
    """Review in live Jupyter: due questions from the progress file, on the book's schedule. Saved
    without outputs (what is due depends on the student's file and the day): strict nbval runs the
    cell and checks it works, and ignores what it shows."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Review\n\n"
            "Run the cell below (Shift+Enter). Questions you have answered in these notebooks come back "
            "on a schedule: one you got wrong comes back at once, one you got right after 1 day, then 3, "
            "7 and 21 days. Up to 10 are shown at a time; run the cell again for the next session. The "
            "schedule is kept in your progress file (`~/.coursekit/progress.json`). (In the HTML book, "
            "Review keeps its own schedule in that browser.)"
        ),
        nbformat.v4.new_code_cell(
            "# NBVAL_IGNORE_OUTPUT\nimport coursekit\n\ncoursekit.review()", metadata=HIDDEN
        ),
    ]
    return nb


def main() -> int:
    # execute against an empty progress file so no one's answers end up in the outputs
    os.environ["COURSEKIT_PROGRESS"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    made = []
    for bank_path in sorted(EXERCISES.glob("*-quiz.yml")):
        part = bank_path.name[: -len("-quiz.yml")]
        made.append((EXERCISES / f"{part}-quiz.ipynb", quiz_notebook(part, _title(bank_path))))
    for path in sorted(EXERCISES.glob("*-checklists.yml")):
        part = path.name[: -len("-checklists.yml")]
        made.append((EXERCISES / f"{part}-checklists.ipynb", checklist_notebook(part, _title(path))))
    for kind in ("cases", "exercises"):
        for path in sorted(EXERCISES.glob(f"*-{kind}.yml")):
            part = path.name[: -len(f"-{kind}.yml")]
            made.append((EXERCISES / f"{part}-{kind}.ipynb", entries_notebook(part, _title(path), kind)))
    made.append((EXERCISES / "my-progress.ipynb", progress_notebook()))
    made.append((EXERCISES / "review.ipynb", review_notebook()))
    for target, nb in made:
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nb.metadata["language_info"] = {"name": "python"}
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXERCISES)}}
        ).execute()
        if target.name == "review.ipynb":  # saved without outputs (see review_notebook)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
        tmp = target.with_suffix(".ipynb.tmp")
        nbformat.write(nb, tmp)
        tmp.replace(target)
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
