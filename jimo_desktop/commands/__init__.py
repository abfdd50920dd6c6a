"""One module per subcommand of the command line, each with `add_arguments` and `run`.

A command module imports what it needs (Qt, openpyxl, ReportLab) inside `run`, so that
parsing the command line stays cheap.
"""

import argparse
import sys
from dataclasses import dataclass

from jimo_desktop import paths

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


@dataclass
class UsageError(Exception):
    """Arguments that parse but do not make sense together; exit status 2."""

    message: str


class BadInput(Exception):
    """Input that cannot be used (a missing or damaged file …); exit status 1."""


def open_existing_database(args: argparse.Namespace):
    """The database named by --db (or the default one), which must exist; never creates one."""
    from jimo_desktop.store.database import DatabaseError, open_database

    database = args.db or paths.default_database_path()
    if not database.exists():
        raise BadInput(f"数据库文件不存在：{database}")
    try:
        return open_database(database)
    except DatabaseError as error:
        raise BadInput(str(error)) from error


def report_bad_input(error: BadInput) -> int:
    print(error, file=sys.stderr)
    return EXIT_BAD_INPUT
