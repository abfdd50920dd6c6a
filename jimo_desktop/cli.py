"""Command line: the GUI by default, subcommands for batch work (a contract: see DESIGN.md).

Qt is imported only by the commands that show or render a window.
"""

import argparse
import sys
from pathlib import Path

from jimo_desktop import paths

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jimo-desktop", description="即墨区重点项目调度台")
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据目录）")
    # Subcommands take --db too; SUPPRESS keeps their absent option from hiding the global one.
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", parents=[database], help="生成演示数据库")
    demo.add_argument("--projects", type=_positive, default=108, help="项目个数（默认108）")
    shot = commands.add_parser("screenshot", parents=[database], help="离屏渲染主窗口为 PNG")
    shot.add_argument("out", type=Path, metavar="OUT.png")
    shot.add_argument("--view", default="projects", help="打开的页面，如 projects、settings")
    return parser


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    database = args.db or paths.default_database_path()
    if args.command == "demo":
        return _demo(parser, args)
    if args.command == "screenshot":
        return _screenshot(parser, args, database)
    from jimo_desktop.views.app import run

    return run(database)


def _demo(parser: argparse.ArgumentParser, args) -> int:
    from jimo_desktop.demo.builder import DemoError, create_demo

    if args.db is None:
        parser.error("demo 需要 --db 指定新数据库文件")
    try:
        db = create_demo(args.db, args.projects)
    except DemoError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    db.conn.close()
    print(f"已生成演示数据库 {args.db}：{args.projects} 个项目")
    return EXIT_OK


def _screenshot(parser: argparse.ArgumentParser, args, database: Path) -> int:
    from jimo_desktop.views.app import screenshot
    from jimo_desktop.views.main_window import VIEW_NAMES

    if args.view not in VIEW_NAMES:
        parser.error(f"没有页面 {args.view!r}；可用：{', '.join(VIEW_NAMES)}")
    if not database.exists():
        print(f"数据库文件不存在：{database}", file=sys.stderr)
        return EXIT_BAD_INPUT
    screenshot(database, args.out, args.view)
    print(f"已保存截图 {args.out}")
    return EXIT_OK
