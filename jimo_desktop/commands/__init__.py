"""One module per subcommand of the command line, each with `add_arguments` and `run`.

A command module imports what it needs (Qt, openpyxl, ReportLab) inside `run`, so that
parsing the command line stays cheap.
"""

import argparse
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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


@contextmanager
def database_to_write(args: argparse.Namespace, holder: str, must_exist=True) -> Iterator:
    """The database named by --db as the command `holder` writes it: after any other command
    writing it has finished, never while a program window has it open, never a damaged file
    (store.database.open_for_writing). A full disk or a read-only place while writing comes
    out as one clear line (BadInput), and nothing is written."""
    from jimo_desktop import safe_files
    from jimo_desktop.store.database import DatabaseError, open_for_writing
    from jimo_desktop.store.safekeeping.backup import BackupError

    database = args.db or paths.default_database_path()
    if must_exist and not database.exists():
        raise BadInput(f"数据库文件不存在：{database}")

    def waiting(owner) -> None:
        print(f"数据库正由{owner.describe()}写入，等它完成后再继续…", file=sys.stderr, flush=True)

    try:
        with open_for_writing(database, holder, waiting) as db:
            yield db
    except DatabaseError as error:
        raise BadInput(str(error)) from error
    except (BackupError, safe_files.WriteFailed) as error:
        raise BadInput(f"{error}；未写入任何数据") from error
    except (OSError, sqlite3.Error) as error:
        if not safe_files.is_disk_refusal(error, database):
            raise
        raise BadInput(f"{safe_files.failure_message(error, database)}；未写入任何数据") from error


def report_bad_input(error: BadInput) -> int:
    print(error, file=sys.stderr)
    return EXIT_BAD_INPUT


def check_output_paths(database: Path, out: Path) -> None:
    """What must exist before a command reads DATABASE to write OUT."""
    if not database.is_file():
        raise BadInput(f"数据库文件不存在：{database}")
    if not out.parent.is_dir():
        raise BadInput(f"输出文件夹不存在：{out.parent}")


@contextmanager
def output_errors(database: Path, out: Path, held_by: str) -> Iterator[None]:
    """The ways writing OUT from DATABASE fails, each as one clear line (BadInput).

    `held_by` names the program that may hold OUT open on Windows (阅读器, Excel).
    """
    from jimo_desktop.safe_files import WriteFailed
    from jimo_desktop.store.database import DatabaseError

    try:
        yield
    except DatabaseError as error:
        raise BadInput(str(error)) from error
    except WriteFailed as error:
        raise BadInput(str(error)) from error
    except sqlite3.DatabaseError as error:
        raise BadInput(f"不是本程序的数据库文件，或文件已损坏：{database}") from error
    except PermissionError as error:
        raise BadInput(f"无法写入 {out}：文件可能正在{held_by}中打开，请关闭后重试") from error
    except OSError as error:
        raise BadInput(f"无法写入 {out}：{error.strerror or error}") from error
