"""jimo-desktop copy-database --from PATH|URL --to PATH|URL: a whole database, photo originals
included, copied between the embedded file and the office database (either way), then checked
table by table (store/safekeeping/database_copy.py). The target must be new: a file that does not
exist yet, or an office database without projects."""

import argparse
import sys
from pathlib import Path

from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK, UsageError
from jimo_desktop.store.engine import database_argument, is_office_address

HELP = "在数据库文件与办公室数据库之间复制整个数据库（含照片原件），并核对"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="source", type=database_argument, required=True, help="原数据库"
    )
    parser.add_argument(
        "--to", dest="target", type=database_argument, required=True, help="新数据库"
    )


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.store.database import DatabaseError, open_database
    from jimo_desktop.store.safekeeping.database_copy import CopyRefused, copy_between

    if args.source == args.target:
        raise UsageError("--from 与 --to 是同一个数据库")
    if not is_office_address(args.source) and not args.source.is_file():
        print(f"数据库文件不存在：{args.source}", file=sys.stderr)
        return EXIT_BAD_INPUT
    new_file = not is_office_address(args.target) and not args.target.exists()
    if not is_office_address(args.target) and not new_file:
        print(f"目标文件已存在，只能复制到新的数据库文件：{args.target}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        source = open_database(args.source)
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        report = _copy(source, args.target, copy_between)
    except (DatabaseError, CopyRefused) as error:
        if new_file:
            _remove_new_file(args.target)
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        source.close()
    print(
        f"已将 {args.source} 复制到 {args.target}：{report.tables} 个表 {report.rows} 行，"
        f"照片原件 {report.originals} 个并入数据库；行数与合计核对一致"
    )
    return EXIT_OK


def _copy(source, target_name, copy_between):
    from jimo_desktop.store.database import open_database

    target = open_database(target_name)
    try:
        return copy_between(source, target)
    finally:
        target.close()


def _remove_new_file(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
