"""The coursekit command line. Imports stay light so it starts fast."""

from __future__ import annotations

import click

from . import __version__
from .commands import Group
from .commands.assign import assign
from .commands.coverage import coverage
from .commands.export import export
from .commands.grade import grade
from .commands.signoff import signoff
from .commands.stats import stats
from .commands.validate import validate


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="coursekit")
def main():
    """Tools for the Touch & Neuropathy course: question banks, checklists, progress."""


main.add_command(validate)
main.add_command(coverage)
main.add_command(stats)
main.add_command(assign)
main.add_command(export)
main.add_command(grade)
main.add_command(signoff)
