"""jimo-desktop restore BACKUP --db PATH: replace the database with a backup.

The current database is backed up first, so a restore can itself be undone.
"""

import argparse
import sys
from pathlib import Path

from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK, UsageError

HELP = "用备份替换数据库（先备份当前数据库）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", type=Path, metavar="BACKUP", help="备份文件")


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.store.database import DatabaseError, holding_writer_lock, open_database
    from jimo_desktop.store.safekeeping import backup

    if args.db is None:
        raise UsageError("restore 需要 --db 指定要替换的数据库文件")
    if not args.backup.is_file():
        print(f"备份文件不存在：{args.backup}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        with holding_writer_lock(args.db, "restore"):
            saved = backup.restore(args.backup, args.db)
            # An older backup is brought up to this program's schema now, not at next start.
            open_database(args.db).conn.close()
    except (backup.BackupError, DatabaseError, OSError) as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    if saved is not None:
        print(f"原数据库已备份到 {saved}")
    print(f"已用 {args.backup} 恢复 {args.db}")
    return EXIT_OK
