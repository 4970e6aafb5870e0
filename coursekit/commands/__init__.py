"""The ``coursekit`` commands. Only this package uses ``click``; library errors become click errors here."""

from __future__ import annotations

import click

from ..errors import CoursekitError


class Group(click.Group):
    """A command group that shows a library ``CoursekitError`` as ``Error: <message>`` (exit status 1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CoursekitError as exc:
            raise click.ClickException(str(exc)) from None
