"""jimo-desktop screenshot OUT.png --db PATH [--view NAME] [--size WxH]: the real main
window, offscreen, at the size of a given screen."""

import argparse
import re
import sys
from pathlib import Path

from jimo_desktop import paths
from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK, UsageError

HELP = "离屏渲染主窗口为 PNG"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT.png")
    parser.add_argument("--view", default="projects", help="打开的页面，如 projects、settings")
    parser.add_argument(
        "--size",
        type=_size,
        default=None,
        metavar="宽x高",
        help="窗口大小（像素），如 1366x768；默认 1600x900",
    )


SIZE = re.compile(r"^\s*(\d{3,4})\s*[xX×*]\s*(\d{3,4})\s*$")
SMALLEST, LARGEST = (640, 480), (7680, 4320)


def _size(text: str) -> tuple[int, int]:
    match = SIZE.match(text)
    if match:
        width, height = int(match[1]), int(match[2])
        if SMALLEST[0] <= width <= LARGEST[0] and SMALLEST[1] <= height <= LARGEST[1]:
            return width, height
    raise argparse.ArgumentTypeError(
        f"窗口大小应写作 宽x高，在 {SMALLEST[0]}x{SMALLEST[1]} 与 {LARGEST[0]}x{LARGEST[1]} 之间："
        f"{text}"
    )


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.views.app import screenshot
    from jimo_desktop.views.main_window import VIEW_NAMES

    if args.view not in VIEW_NAMES:
        raise UsageError(f"没有页面 {args.view!r}；可用：{', '.join(VIEW_NAMES)}")
    database = args.db or paths.default_database_path()
    if not database.exists():
        print(f"数据库文件不存在：{database}", file=sys.stderr)
        return EXIT_BAD_INPUT
    width, height = screenshot(database, args.out, args.view, args.size)
    print(f"已保存截图 {args.out}（{width}x{height}）")
    return EXIT_OK
