"""jimo-desktop check --db PATH: the full integrity check; exit status 1 when damaged."""

import argparse
import sys

from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK, UsageError

HELP = "完整检查数据库是否损坏（损坏时退出码为 1）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """check takes only --db."""


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.store.engine import is_office_address, office_uri
    from jimo_desktop.store.safekeeping.database_copy import check_office
    from jimo_desktop.store.safekeeping.integrity import full_check

    if args.db is None:
        raise UsageError("check 需要 --db 指定数据库文件")
    if is_office_address(args.db):
        problems = check_office(office_uri(args.db))
    else:
        problems = full_check(args.db)
    for problem in problems:
        print(f"{args.db}：{problem}", file=sys.stderr)
    if problems:
        return EXIT_BAD_INPUT
    print(f"{args.db}：完好")
    return EXIT_OK
