"""coursekit assign: for instructors, a shuffled student edition per student and a private answer key."""

from __future__ import annotations

import re
from pathlib import Path

import click

from .options import output_options, selection_options

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def read_roster(path: Path) -> list[tuple[str, str]]:
    """Rows (student_id, name) of a roster CSV; every problem names the file and row."""
    import csv

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: not UTF-8 text ({exc.reason})") from None
    reader = csv.DictReader(text.splitlines())
    cols = [c.strip() for c in (reader.fieldnames or [])]
    if "student_id" not in cols or "name" not in cols:
        raise click.ClickException(
            f"{path}: row 1: the header must have columns student_id,name; found {cols}"
        )
    rows, seen, problems = [], {}, []
    for n, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        sid, name = row.get("student_id", ""), row.get("name", "")
        if not sid:
            problems.append(f"{path}: row {n}: empty student_id")
        elif sid in seen:
            problems.append(f"{path}: row {n}: student_id '{sid}' already used on row {seen[sid]}")
        else:
            seen[sid] = n
            rows.append((sid, name))
    if problems:
        raise click.ClickException("the roster has problems:\n" + "\n".join(problems))
    if not rows:
        raise click.ClickException(f"{path}: the roster has no students")
    return rows


@click.command(short_help="For instructors: shuffled student editions and a private key.")
@selection_options
@click.option(
    "--roster",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with columns student_id,name: one shuffled variant per student.",
)
@click.option(
    "--name",
    "assignment",
    default="assignment",
    show_default=True,
    help="The assignment's id (lower-case words joined by hyphens).",
)
@click.option("--title", default=None, help="Title shown to students (default: from the name).")
@output_options("Folder for the student editions and the key.")
def assign(
    paths, parts, objectives, tags, difficulties, count, seed, roster, assignment, title, out_dir, force
):
    """Build student editions (HTML + notebook) and a private key (for instructors)."""
    import json

    from ..outputs import StagedOutputs
    from ..selection import selected_from_options
    from ..student_edition import FormMaker
    from ..variants import build_key, make_variant

    if not _SLUG.match(assignment):
        raise click.ClickException(f"--name '{assignment}' must be lower-case words joined by hyphens")
    selected = selected_from_options(paths, parts, objectives, tags, difficulties, count, seed)
    title = title or assignment.replace("-", " ").capitalize()
    students = read_roster(roster) if roster else [("", "")]
    ids = [f"v{n:03d}" + (f"-{_SAFE.sub('_', sid)}" if sid else "") for n, (sid, _) in enumerate(students, 1)]
    student_dir = out_dir / "student"
    key_path = out_dir / "instructor" / f"{assignment}-key.json"
    targets = [student_dir / f"{assignment}-{vid}.{ext}" for vid in ids for ext in ("html", "ipynb")]
    with StagedOutputs([*targets, key_path], force) as out:
        forms = FormMaker(assignment, title)

        def variants():
            """Each student's variant, its page and notebook written as it is made."""
            for vid, (sid, name) in zip(ids, students, strict=True):
                v = make_variant(selected, seed, vid, sid, name, shuffle=True)
                page, nb = forms.files(v)
                out.write(student_dir / f"{assignment}-{vid}.html", page)
                out.write(student_dir / f"{assignment}-{vid}.ipynb", nb)
                yield v

        key = build_key(assignment, seed, selected, variants())
        # Indented for reading; compact for large classes, where it parses twice as fast.
        indent = 1 if len(ids) <= 100 else None
        out.write(
            key_path,
            json.dumps(
                key, ensure_ascii=False, indent=indent, separators=(",", ": ") if indent else (",", ":")
            )
            + "\n",
        )
    click.echo(
        f"{len(selected)} items, {len(ids)} variant(s) written to {out_dir}/student/ "
        f"(HTML and notebook for each student)"
    )
    click.echo(f"key for instructors only: {key_path} (do not share it with students)")
