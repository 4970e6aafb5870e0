"""coursekit signoff: for instructors, printable competency sign-off sheets and, from a completed
sign-off CSV, a competency record per student."""

from __future__ import annotations

import re
from pathlib import Path

import click

from .options import output_options

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")

_paths = click.argument("paths", nargs=-1, type=click.Path(exists=True))
_parts = click.option(
    "--part", "parts", multiple=True, help="Only this part (name) or checklist id; repeatable."
)
_output = output_options("Folder for the output files.")


def _comps(paths, parts):
    from ..signoff import SignOffError, competencies

    try:
        return competencies(paths, parts)
    except SignOffError as exc:
        raise click.ClickException(str(exc)) from None


def _file_stem(student_id: str) -> str:
    return _SAFE.sub("_", student_id) or "student"


@click.group(short_help="For instructors: competency sign-off sheets and records.")
def signoff():
    """Instructor-verified competencies: print sign-off sheets, then read the completed sign-offs back
    into a competency record per student. A student's own ticks in the book are self-assessment;
    only an instructor's sign-off verifies a competency."""


@signoff.command(short_help="Printable sign-off sheets (HTML), and a CSV template to fill in.")
@_paths
@_parts
@click.option(
    "--roster",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with columns student_id,name: one sheet per student (without it: one blank sheet).",
)
@click.option("--template", is_flag=True, help="Also write signoff-template.csv (needs --roster).")
@_output
def sheets(paths, parts, roster, template, out_dir, force):
    """Write a print-friendly sign-off sheet per student for the competency checklists."""
    from ..outputs import csv_text, write_all
    from ..signoff import COLUMNS, sheet_html, template_rows
    from .assign import read_roster

    if template and not roster:
        raise click.ClickException("--template needs --roster (one row per student and skill)")
    comps = _comps(paths, parts)
    students = read_roster(roster) if roster else [("", "")]
    files = {}
    for sid, name in students:
        target = out_dir / (f"signoff-{_file_stem(sid)}.html" if sid else "signoff-blank.html")
        if target in files:
            raise click.ClickException(f"two students would share the sheet {target.name}; check the roster")
        files[target] = sheet_html(sid, name, comps)
    if template:
        files[out_dir / "signoff-template.csv"] = csv_text(COLUMNS, template_rows(students, comps))
    write_all(files, force)
    skills = sum(len(c.checklist.items) for c in comps)
    click.echo(
        f"{len(students)} sign-off sheet(s), {len(comps)} checklist(s), {skills} skills, written to {out_dir}"
    )
    if template:
        click.echo(
            f"fill in {out_dir / 'signoff-template.csv'}, then: coursekit signoff record FILE --out DIR"
        )


@signoff.command(short_help="A competency record per student from a completed sign-off CSV.")
@click.argument("signoff_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_paths
@_parts
@_output
def record(signoff_csv, paths, parts, out_dir, force):
    """Read a completed sign-off CSV and write each student's competency record (CSV and printable
    HTML) and competency-record.csv for the class. Any bad row: every one is named, nothing is written."""
    from ..outputs import csv_text, write_all
    from ..signoff import RECORD_COLUMNS, SignOffError, read_signoffs, record_html, record_rows

    comps = _comps(paths, parts)
    try:
        signoffs = read_signoffs(signoff_csv, comps)
    except SignOffError as exc:
        n = len(exc.problems)
        raise click.ClickException(
            f"{signoff_csv}: {n} problem(s); nothing written:\n" + "\n".join(exc.problems)
        ) from None
    students = list(dict.fromkeys((s.student_id) for s in signoffs))
    names = {}
    for s in signoffs:
        if s.name:
            names.setdefault(s.student_id, s.name)
    files, everyone, verified = {}, [], 0
    for sid in students:
        rows = record_rows(sid, names.get(sid, ""), comps, signoffs)
        stem = _file_stem(sid)
        if out_dir / f"{stem}-competencies.csv" in files:
            raise click.ClickException(f"two student ids would share the file name {stem}; rename one")
        files[out_dir / f"{stem}-competencies.csv"] = csv_text(RECORD_COLUMNS, rows)
        files[out_dir / f"{stem}-competencies.html"] = record_html(sid, names.get(sid, ""), comps, rows)
        everyone += rows
        verified += sum(r[6] == "verified" for r in rows)
    files[out_dir / "competency-record.csv"] = csv_text(RECORD_COLUMNS, everyone)
    write_all(files, force)
    click.echo(
        f"{len(students)} student(s): {verified} of {len(everyone)} skills verified; "
        f"records written to {out_dir} (CSV and HTML per student, competency-record.csv for the class)"
    )
