"""jimo-desktop demo --db PATH [--projects N]: a new database full of realistic demo data."""

import argparse
import sys

from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK, UsageError

HELP = "生成演示数据库"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projects", type=positive_int, default=108, help="项目个数（默认108）")


def positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return number


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.demo.builder import DemoError, create_demo

    if args.db is None:
        raise UsageError("demo 需要 --db 指定新数据库文件")
    try:
        db = create_demo(args.db, args.projects)
    except DemoError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    db.conn.close()
    print(f"已生成演示数据库 {args.db}：{args.projects} 个项目")
    return EXIT_OK
