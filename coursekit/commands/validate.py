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
    from ..rules import rulebook_path

    rules_file = rulebook_path(Path(files[0]).resolve().parent)
    rules_file = rules_file.resolve() if rules_file else None
    listed = any(Path(f).resolve() == rules_file for f in files)
    checked = len(files)
    book = _rulebook(files)
    if book is False:  # banks and cases are keyed against it, so a broken rulebook fails the run
        failed += 1
        checked += 0 if listed else 1
        book = None
    for f in files:
        if Path(f).resolve() == rules_file:
            if book is not None:
                click.echo(f"ok: {f} ({_summary(book[1])})")
            continue
        try:
            doc = load_any(f, keys)
        except BankError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            continue
        problems = _rule_problems(f, doc, book[1] if book else None)
        if problems:
            failed += 1
            for problem in problems:
                click.echo(f"error: {problem}", err=True)
        else:
            click.echo(f"ok: {f} ({_summary(doc)})")
            for suspicion in scan_file(f):
                click.echo(f"warning: {suspicion}", err=True)
        report = cues_for(doc)  # answer cues: figures on stdout, targets missed and single items on stderr
        if report is not None:
            click.echo(report.summary())
            lines = _id_lines(f)
            for message in report.problems():
                click.echo(f"warning: {f}:1: {message}", err=True)
            for w in report.warnings:
                line = lines.get(w.ident.split(" / ")[-1], 1)
                click.echo(f"warning: {f}:{line}: item '{w.ident}': {w.message}", err=True)
    if failed:
        raise SystemExit(f"{failed} of {checked} files failed validation")


def _id_lines(path) -> dict[str, int]:
    """The line of each ``id:`` in a YAML file (items, cases, steps), for warnings."""
    import yaml

    from ..banks import read_yaml

    _, node = read_yaml(Path(path))
    out: dict[str, int] = {}

    def walk(n):
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if k.value == "id" and isinstance(v, yaml.ScalarNode):
                    out.setdefault(v.value, k.start_mark.line + 1)
                walk(v)
        elif isinstance(n, yaml.SequenceNode):
            for v in n.value:
                walk(v)

    walk(node)
    return out


def _rulebook(files):
    """(path, rulebook) of the project's data/clinical-rules.yml, checked against the project's own
    references.bib; None if there is none; False if it is broken (its problems are printed)."""
    from ..banks import BankError
    from ..references import bib_keys
    from ..rules import load_rulebook, rulebook_path

    path = rulebook_path(Path(files[0]).resolve().parent)
    if path is None:
        return None
    bib = path.parents[1] / "references.bib"
    try:
        return path.resolve(), load_rulebook(path, bib_keys(bib) if bib.exists() else None)
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
