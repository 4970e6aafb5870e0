"""coursekit export: for instructors, selected items as Moodle GIFT, Moodle XML, a QTI zip for Canvas or a
SCORM 1.2 package (any LMS)."""

from __future__ import annotations

import click

from .options import output_options, selection_options


@click.command(short_help="For instructors: items as GIFT, Moodle XML, QTI (Canvas) or SCORM 1.2.")
@selection_options
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["gift", "moodle-xml", "qti", "scorm"]),
    help="gift (Moodle GIFT text), moodle-xml (Moodle XML), qti (QTI 1.2 zip for Canvas), "
    "scorm (SCORM 1.2 zip: the course's own quiz page, reporting to any LMS).",
)
@output_options("The file to write (.txt/.gift, .xml or .zip).", folder=False)
@click.option("--title", default=None, help="Quiz title / question category (default: the banks' titles).")
@click.option(
    "--skip-ordering",
    is_flag=True,
    help="moodle-xml: leave ordering items out (for Moodle sites before 4.4 without the Ordering plug-in).",
)
@click.option(
    "--mastery",
    type=click.IntRange(0, 100),
    default=None,
    help="scorm: the percentage score that passes (without it the LMS records completed, not passed).",
)
def export(
    paths,
    parts,
    objectives,
    tags,
    difficulties,
    count,
    seed,
    fmt,
    out_file,
    title,
    skip_ordering,
    mastery,
    force,
):
    """Export items to an LMS: Moodle GIFT, Moodle XML, QTI for Canvas or SCORM 1.2 (for instructors)."""
    from ..outputs import check_targets, write_atomic
    from ..selection import selected_from_options

    if mastery is not None and fmt != "scorm":
        raise click.ClickException("--mastery applies only to --format scorm")

    check_targets([out_file], force)
    selected = selected_from_options(paths, parts, objectives, tags, difficulties, count, seed)
    title = title or "; ".join(dict.fromkeys(s.bank.title for s in selected))
    if fmt == "gift":
        from ..lms.gift import export_gift as exporter
    elif fmt == "moodle-xml":
        from ..lms.moodle_xml import export_moodle_xml

        def exporter(selected, title):
            return export_moodle_xml(selected, title, ordering=not skip_ordering)
    elif fmt == "scorm":
        from ..scorm_package import export_scorm

        def exporter(selected, title):
            return export_scorm(selected, title, mastery=mastery, paths=paths)
    else:
        from ..lms.qti import export_qti as exporter
    try:
        data, skipped = exporter(selected, title)
    except ValueError as exc:
        raise click.ClickException(f"{fmt}: {exc}") from None
    written = len(selected) - len(skipped)
    if not written:
        raise click.ClickException(
            f"{fmt} cannot express any of the {len(selected)} selected items "
            f"({', '.join(sorted({s.item_type for s in skipped}))}); nothing written"
        )
    write_atomic(out_file, data)
    for s in skipped:
        click.echo(f"not exported: item '{s.item_id}' ({s.item_type}): {s.reason}", err=True)
    click.echo(f"{written} of {len(selected)} items written to {out_file} ({fmt})")
    ordering = [s.item.id for s in selected if s.item.type == "ordering"]
    if fmt == "moodle-xml" and ordering and not skip_ordering:
        click.echo(
            f"note: {len(ordering)} ordering item(s) use Moodle's Ordering question type, standard from "
            "Moodle 4.4 (older sites need the qtype_ordering plug-in, or export with --skip-ordering)",
            err=True,
        )
    if skipped:
        click.echo(f"{len(skipped)} item(s) not exported: " + ", ".join(s.item_id for s in skipped), err=True)
