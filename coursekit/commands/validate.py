"""coursekit validate: for authors, check every question bank and checklist file."""

from __future__ import annotations

from pathlib import Path

import click


def _files(paths):
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(
                f
                for f in p.rglob("*.y*ml")
                if f.suffix in {".yml", ".yaml"}
                and not any(part.startswith(("_", ".")) for part in f.relative_to(p).parts)
            )
        else:
            yield p


def _summary(doc) -> str:
    if hasattr(doc, "items"):
        return f"question bank '{doc.id}', {len(doc.items)} items"
    if hasattr(doc, "checklists"):
        return f"{len(doc.checklists)} checklists, {sum(len(c.items) for c in doc.checklists)} items"
    if hasattr(doc, "cases"):
        steps = sum(len(c.steps) for c in doc.cases)
        return f"{len(doc.cases)} cases, {steps} steps"
    return f"{len(doc.exercises)} exercises"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--bib",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A .bib file whose keys items may cite; repeat for several "
    "(default: references.bib of the project).",
)
def validate(paths, bib):
    """For authors: check banks, checklists, cases and exercises; name file, line, item, problem."""
    from ..banks import BankError, load_any
    from ..display import project_root
    from ..hostile import scan_file
    from ..references import bib_keys

    files = list(_files(paths))
    if not files:
        raise click.ClickException("no .yml files found in " + ", ".join(paths))
    if not bib:
        try:
            bib = [project_root(Path(files[0]).resolve().parent) / "references.bib"]
        except FileNotFoundError:
            bib = []
    bib = [b for b in bib if Path(b).exists()]
    keys = set().union(*(bib_keys(b) for b in bib)) if bib else None
    if keys is None:
        click.echo("warning: no references.bib found; reference keys are not checked", err=True)
    failed = 0
    for f in files:
        try:
            doc = load_any(f, keys)
        except BankError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            continue
        click.echo(f"ok: {f} ({_summary(doc)})")
        for suspicion in scan_file(f):
            click.echo(f"warning: {suspicion}", err=True)
    if failed:
        raise SystemExit(f"{failed} of {len(files)} files failed validation")
