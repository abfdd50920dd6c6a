"""jimo-desktop screenshot OUT.png --db PATH [--view NAME]: the real main window, offscreen."""

import argparse
import sys
from pathlib import Path

from jimo_desktop import paths
from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK, UsageError

HELP = "离屏渲染主窗口为 PNG"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT.png")
    parser.add_argument("--view", default="projects", help="打开的页面，如 projects、settings")


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.views.app import screenshot
    from jimo_desktop.views.main_window import VIEW_NAMES

    if args.view not in VIEW_NAMES:
        raise UsageError(f"没有页面 {args.view!r}；可用：{', '.join(VIEW_NAMES)}")
    database = args.db or paths.default_database_path()
    if not database.exists():
        print(f"数据库文件不存在：{database}", file=sys.stderr)
        return EXIT_BAD_INPUT
    screenshot(database, args.out, args.view)
    print(f"已保存截图 {args.out}")
    return EXIT_OK
