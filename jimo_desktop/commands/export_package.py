"""jimo-desktop export-package OUT --db PATH [--projects ID,...]: a field package for a laptop.

Without --projects every project goes into the package. From a laptop's database (one made
from a package) the package carries the field's work back to the office.
"""

import argparse
import re
import sys
from pathlib import Path

from jimo_desktop.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    BadInput,
    open_existing_database,
    report_bad_input,
)

HELP = "导出外业包（选定项目及其问题、时间节点、最近月报、督查与照片）"
_SEPARATORS = re.compile(r"[,，、\s]+")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT", help="外业包文件，如 外业包.jimopkg")
    parser.add_argument(
        "--projects", type=project_ids, metavar="ID,...", help="项目编号，逗号分隔（默认全部项目）"
    )


def project_ids(text: str) -> list[int]:
    parts = [part for part in _SEPARATORS.split(text.strip()) if part]
    if not parts or not all(part.isdigit() for part in parts):
        raise argparse.ArgumentTypeError(f"项目编号应为逗号分隔的数字：{text}")
    return [int(part) for part in parts]


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.store.packages.field_package import export_package
    from jimo_desktop.store.packages.package_tables import PackageError

    try:
        db = open_existing_database(args)
    except BadInput as error:
        return report_bad_input(error)
    try:
        summary = export_package(db, args.out, args.projects)
    except PackageError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        db.conn.close()
    rows = summary.rows
    print(
        f"已导出外业包 {summary.path}（{summary.size / 1024:,.0f} KB）：{rows['projects']} 个项目，"
        f"{rows['problems']} 条问题，{rows['milestones']} 个时间节点，"
        f"{rows['inspections']} 次督查，{rows['photos']} 张照片"
        + (f"（附原图 {summary.originals} 张）" if summary.originals else "")
    )
    return EXIT_OK
