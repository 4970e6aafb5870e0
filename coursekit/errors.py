"""The error a coursekit library function raises for a problem the user can fix.

Its message names the file, item or option and what is wrong. The command line (``coursekit.commands``)
prints it as an error and exits with status 1; the library itself never depends on ``click``.
"""


class CoursekitError(Exception):
    """A problem with the user's files or options, explained in the message."""
