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
    if hasattr(doc, "rules"):
        return f"clinical rulebook, {len(doc.rules)} rules"
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
    from ..cues import cues_for
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
    book = _rulebook(files, keys)
    if book is False:
        failed += 1
        book = None
    for f in files:
        if book is not None and Path(f).resolve() == book[0]:
            click.echo(f"ok: {f} ({_summary(book[1])})")
            continue
        try:
            doc = load_any(f, keys)
        except BankError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            continue
        report = cues_for(doc)
        if report is not None:
            click.echo(report.summary())
            for message in report.problems() + report.warnings:
                click.echo(f"warning: {f}: {message}", err=True)
        problems = _rule_problems(f, doc, book[1] if book else None)
        if problems:
            failed += 1
            for problem in problems:
                click.echo(f"error: {problem}", err=True)
            continue
        click.echo(f"ok: {f} ({_summary(doc)})")
        for suspicion in scan_file(f):
            click.echo(f"warning: {suspicion}", err=True)
    if failed:
        raise SystemExit(f"{failed} of {len(files)} files failed validation")


def _rulebook(files, keys):
    """(path, rulebook) of the project's data/clinical-rules.yml; None if there is none; False if broken."""
    from ..banks import BankError
    from ..rules import load_rulebook, rulebook_path

    path = rulebook_path(Path(files[0]).resolve().parent)
    if path is None:
        return None
    try:
        return path.resolve(), load_rulebook(path, keys)
    except BankError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        return False


def _rule_problems(path, doc, book):
    """Keys that disagree with the rulebook, and urgency stated by hand instead of through it."""
    from ..banks import read_yaml
    from ..rules_check import key_problems, yaml_hand_urgency

    problems = yaml_hand_urgency(path)
    if book is not None:
        _, node = read_yaml(Path(path))
        problems += key_problems(doc, book, path, node)
    return problems
