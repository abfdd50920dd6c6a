"""One module per subcommand of the command line, each with `add_arguments` and `run`.

A command module imports what it needs (Qt, openpyxl, ReportLab) inside `run`, so that
parsing the command line stays cheap.
"""

from dataclasses import dataclass

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


@dataclass
class UsageError(Exception):
    """Arguments that parse but do not make sense together; exit status 2."""

    message: str
