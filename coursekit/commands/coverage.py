"""coursekit coverage: for authors, how many items assess each learning objective."""

from __future__ import annotations

from pathlib import Path

import click

MINIMUM = 3  # items per learning objective (issue 15): coverage and stats use this one number


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--minimum", default=MINIMUM, show_default=True, help="Items each objective needs.")
def coverage(paths, minimum):
    """For authors: items per learning objective; exit 1 if one has fewer than --minimum."""
    from ..banks import BankError, load_bank
    from .validate import _files

    short = []
    for f in _files(paths):
        if not Path(f).name.endswith("-quiz.yml"):
            continue
        try:
            bank = load_bank(f)
        except BankError as exc:
            raise click.ClickException(str(exc)) from None
        counts = {obj: 0 for obj in bank.objectives}
        for item in bank.items:
            counts[item.objective] = counts.get(item.objective, 0) + 1
        click.echo(f"{f}: {len(bank.items)} items, {len(counts)} objectives")
        for obj, n in counts.items():
            flag = "" if n >= minimum else f"  <- fewer than {minimum}"
            click.echo(f"  {n:3d}  {obj}{flag}")
            if n < minimum:
                short.append(f"{f}: {obj}")
    if short:
        raise SystemExit(f"{len(short)} objectives assessed by fewer than {minimum} items")
