"""coursekit grade: for instructors, a gradebook and an item analysis from a folder of response files."""

from __future__ import annotations

from pathlib import Path

import click

from .options import output_options


@click.command(short_help="For instructors: gradebook and item analysis from response files.")
@click.argument("key", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.argument("responses_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@output_options("Folder for gradebook.csv, item-analysis.csv, item-analysis.png and grading-report.csv.")
@click.option("--no-plot", is_flag=True, help="Skip the PNG plot.")
@click.option(
    "--cbm",
    is_flag=True,
    help="Add certainty-based marks (answers the student gave with a confidence) to the gradebook; "
    "off by default, so confidence never changes a score.",
)
def grade(key, responses_dir, out_dir, force, no_plot, cbm):
    """Grade response files against an assignment key or the question banks (for instructors).

    KEY is the key JSON written by `coursekit assign`, or question bank files/folders
    (for files downloaded from the book's quizzes).
    """
    from .. import gradebook as gb
    from ..outputs import check_targets, write_all

    names = ["gradebook.csv", "item-analysis.csv", "item-analysis.png", "grading-report.csv"]
    if no_plot:
        names.remove("item-analysis.png")
    targets = {name: out_dir / name for name in names}
    check_targets(targets.values(), force)
    try:
        k = gb.load_key(key)
    except gb.KeyError_ as exc:
        raise click.ClickException(str(exc)) from None
    subs, rejected, unread = gb.grade_folder(responses_dir, k)
    missing = gb.missing_students(k, subs)
    for r in rejected:
        click.echo(f"not graded: {responses_dir / r.file}: {r.reason}", err=True)
    for r in unread:
        click.echo(f"not read: {responses_dir / r.file}: {r.reason}", err=True)
    for sid, name, variant in missing:
        click.echo(
            f"missing: student '{sid}' ({name or 'no name'}, variant {variant}) has no graded file", err=True
        )
    for s in subs:
        for w in s.warnings:
            click.echo(f"warning: {responses_dir / s.file}: {w}", err=True)
    if not subs:
        raise click.ClickException(f"no gradable response file in {responses_dir}; nothing written")
    rows = gb.item_analysis(k, subs)
    files = {
        targets["gradebook.csv"]: gb.gradebook_csv(k, subs, missing, cbm=cbm),
        targets["item-analysis.csv"]: gb.analysis_csv(rows),
    }
    if not no_plot:
        files[targets["item-analysis.png"]] = gb.analysis_png(rows)
    files[targets["grading-report.csv"]] = gb.report_csv(rejected, unread, missing, subs)
    write_all(files, force)
    mean = sum(s.score / max(len(s.marks), 1) for s in subs) / len(subs)
    click.echo(f"graded {len(subs)} response file(s); mean score {100 * mean:.1f}%")
    if unread:
        click.echo(f"{len(unread)} file(s) not read (not .json, or in a sub-folder): see grading-report.csv")
    if missing:
        click.echo(
            f"{len(missing)} student(s) on the roster with no graded file: "
            + ", ".join(m[0] for m in missing)
        )
    click.echo("wrote " + ", ".join(str(p) for p in files))
    if rejected:
        raise SystemExit(f"{len(rejected)} file(s) not graded (see the reasons above)")
