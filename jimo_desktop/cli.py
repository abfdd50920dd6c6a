"""Command line: the GUI by default, subcommands for batch work (a contract: see DESIGN.md).

Each subcommand lives in its own module under commands/; Qt is imported only by the
commands that show or render a window.
"""

import argparse
import importlib
import os
import sys
from datetime import datetime
from pathlib import Path

from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_USAGE, UsageError, chinese_argparse
from jimo_desktop.store.engine import database_argument, is_office_address

# Where the windowed program's lines go: it has no console to print them to.
OUTPUT_LOG_NAME = "command-output.log"

# Subcommand name → module under jimo_desktop.commands, in the order `--help` lists them.
COMMANDS = {
    "demo": "demo",
    "screenshot": "screenshot",
    "import-excel": "import_excel",
    "export-excel": "export_excel",
    "templates": "templates",
    "submissions": "submissions",
    "briefing": "briefing",
    "figures": "figures",
    "export-package": "export_package",
    "merge-package": "merge_package",
    "copy-database": "copy_database",
    "backup": "backup",
    "restore": "restore",
    "check": "check",
    "self-test": "self_test",
}


def _parser() -> argparse.ArgumentParser:
    chinese_argparse.install()
    parser = argparse.ArgumentParser(prog="jimo-desktop", description="即墨区重点项目调度台")
    parser.add_argument(
        "--db",
        type=database_argument,
        help="数据库文件（默认在用户数据目录），或办公室数据库 postgresql://用户@主机/库名",
    )
    # Subcommands take --db too; SUPPRESS keeps their absent option from hiding the global one.
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--db", type=database_argument, default=argparse.SUPPRESS, help="数据库文件或办公室数据库"
    )
    subcommands = parser.add_subparsers(
        dest="command", metavar="命令", title="命令", help="每个命令的用法：jimo-desktop 命令 -h"
    )
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"jimo_desktop.commands.{module_name}")
        sub = subcommands.add_parser(name, parents=[database], help=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from jimo_desktop.store.safekeeping.integrity import start_quick_check
        from jimo_desktop.store.safekeeping.location import remembered_database_path

        database = args.db or remembered_database_path()
        # The integrity check reads the file while Qt and the views are being imported.
        checked = None if is_office_address(database) else start_quick_check(database)
        from jimo_desktop.views.app import run

        return run(database, checked)
    try:
        if args.db is not None and not is_office_address(args.db) and _refused_share(args.db):
            return EXIT_BAD_INPUT
        return args.run(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"jimo-desktop {args.command}: {error.message}", file=sys.stderr)
        return EXIT_USAGE


def write_output_to_log_without_console() -> None:
    """Give the windowed Windows program somewhere to print.

    Started without a console (jimo-desktop.exe is built windowed), Python sets sys.stdout
    and sys.stderr to None: a subcommand's lines and errors would vanish, and code writing
    to sys.stderr would fail. They go to a log in the data folder instead, each run headed
    by its command line. jimo-desktop-cli.exe, the console program beside it, prints.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    from jimo_desktop import paths

    # The log stays open as the process's own output until it exits.
    try:
        log = (paths.user_data_dir() / OUTPUT_LOG_NAME).open("a", encoding="utf-8", buffering=1)
    except OSError:
        log = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    started = datetime.now().isoformat(sep=" ", timespec="seconds")
    log.write(f"== {started} jimo-desktop {' '.join(sys.argv[1:])}\n")
    sys.stdout = sys.stdout or log
    sys.stderr = sys.stderr or log


def _refused_share(database: Path) -> bool:
    """A database on a network share is warned about (SQLite's locking is unreliable there);
    a Windows share named where it cannot be reached is refused before anything is made."""
    from jimo_desktop.store.safekeeping import location

    if not location.is_network_path(database):
        return False
    if location.is_unreachable_share(database):
        print(location.unreachable_share_message(database), file=sys.stderr)
        return True
    print(location.network_share_warning(database), file=sys.stderr)
    return False
