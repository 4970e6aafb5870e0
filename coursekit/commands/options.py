"""Options shared by several commands: bank paths and the item filters; where the output goes."""

from __future__ import annotations

import functools
from pathlib import Path

import click


def selection_options(fn):
    """The shared click options: bank paths and the filters (see ``coursekit.selection.select``)."""
    opts = [
        click.argument("paths", nargs=-1, type=click.Path(exists=True)),
        click.option("--part", "parts", multiple=True, help="Only this part (name or bank id); repeatable."),
        click.option("--objective", "objectives", multiple=True, help="Only items assessing this objective."),
        click.option("--tag", "tags", multiple=True, help="Only items with this tag; repeatable."),
        click.option(
            "--difficulty",
            "difficulties",
            multiple=True,
            type=click.Choice(["easy", "medium", "hard"]),
            help="Only items of this difficulty; repeatable.",
        ),
        click.option("--count", type=int, default=None, help="Draw this many of the matching items."),
        click.option("--seed", default="0", show_default=True, help="Seed for drawing and shuffling."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return functools.wraps(fn)(fn)


def output_options(help: str, *, folder: bool = True):
    """``--out`` (required: a folder, or with ``folder=False`` one file; ``help`` says what is written
    there) and ``--force``: every command that writes refuses to overwrite without it."""
    out = click.option(
        "--out",
        "out_dir" if folder else "out_file",
        required=True,
        type=click.Path(file_okay=not folder, dir_okay=folder, path_type=Path),
        help=help,
    )
    force = click.option(
        "--force",
        is_flag=True,
        help="Overwrite existing output files." if folder else "Overwrite an existing output file.",
    )
    return lambda fn: out(force(fn))
