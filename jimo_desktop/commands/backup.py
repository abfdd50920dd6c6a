"""jimo-desktop backup --db PATH [--to DIR]: a consistent copy of the database, now; with
--to, the photo originals kept beside the database are copied beside the copy too."""

import argparse
import sys
from pathlib import Path

from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK, UsageError
from jimo_desktop.store.engine import is_office_address

HELP = "备份数据库（使用 SQLite 在线备份，程序运行时也可以）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", type=Path, metavar="DIR", help="另存到此文件夹（默认备份文件夹）")


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.store.safekeeping import backup
    from jimo_desktop.store.safekeeping.integrity import (
        RESTORE_HINT,
        DamagedDatabase,
        refuse_if_damaged,
    )
    from jimo_desktop.store.site_visits import photos

    if args.db is None:
        raise UsageError("backup 需要 --db 指定数据库文件")
    if is_office_address(args.db):
        return _back_up_office(args)
    if not args.db.is_file():
        print(f"数据库文件不存在：{args.db}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        refuse_if_damaged(args.db)
        target = backup.backup_file(args.db, "manual", folder=args.to)
        if args.to is None:
            backup.rotate(args.db)
        else:
            # Away from the database (a USB stick), the photo originals beside it go along;
            # only those the folder does not hold yet are copied.
            copied = photos.copy_originals(args.db, target)
    except DamagedDatabase as error:
        # A copy of a damaged file would push good backups out of the rotation.
        print(f"{error}，未备份；{RESTORE_HINT}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except backup.BackupError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"备份失败：{error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"已备份到 {target}")
    if args.to is not None and copied:
        print(f"照片原件 {copied} 个已复制到 {photos.originals_beside(target)}")
    return EXIT_OK


def _back_up_office(args: argparse.Namespace) -> int:
    """The office database's backup: its copy into an embedded file, photos included, rotated
    in its backup folder (store/safekeeping/database_copy.backup_office), or into --to."""
    from jimo_desktop.store.database import DatabaseError, open_database
    from jimo_desktop.store.safekeeping.backup import BackupError
    from jimo_desktop.store.safekeeping.database_copy import CopyRefused, backup_office

    try:
        db = open_database(args.db)
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        target = backup_office(db, "manual", folder=args.to)
    except (BackupError, CopyRefused) as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        db.close()
    print(f"已备份到 {target}")
    return EXIT_OK
