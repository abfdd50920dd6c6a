"""jimo-desktop merge-package PKG --db PATH [--dry-run] [--prefer office|field] [--foreign]

Merges a field package into the database. The package is checked first; a damaged, altered or
hostile one is refused and nothing is written. --dry-run prints what would be added, updated
and what conflicts, each changed field with its base, office and field values, and writes
nothing. A conflict (a field changed differently in the office and in the field, a row deleted
here that the field changed) is never decided silently: without --prefer the command reports
the conflicts, writes nothing and exits with status 1; --prefer office or --prefer field
decides every conflict for that side. A package made from another database is refused, since
its projects would arrive twice; --foreign merges it anyway, its projects matched to this
database's by 项目代码 and name, every match printed. The import dialog of the program lets the
officer decide one by one.
"""

import argparse
import sys
from pathlib import Path

from jimo_desktop.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    BadInput,
    database_to_write,
    report_bad_input,
)

HELP = "合并外业包（--dry-run 只列出将新增、更新和冲突的内容）"
FOREIGN_HINT = "；确需合并请加 --foreign，按项目代码和名称对应本数据库的项目"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("package", type=Path, metavar="PKG", help="外业包文件")
    parser.add_argument("--dry-run", action="store_true", help="只检查并列出变化，不写入")
    parser.add_argument(
        "--prefer",
        choices=("office", "field"),
        help="有冲突时一律采用办公室（office）或外业（field）的值；不指定则有冲突时不写入",
    )
    parser.add_argument(
        "--foreign",
        action="store_true",
        help="合并从其他数据库导出的外业包：按项目代码和名称对应本数据库的项目",
    )


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.store.packages.field_package import opened_package
    from jimo_desktop.store.packages.package_apply import apply_merge
    from jimo_desktop.store.packages.package_merge import ForeignPackage, plan_merge
    from jimo_desktop.store.packages.package_plan import Side
    from jimo_desktop.store.packages.package_tables import PackageError
    from jimo_desktop.store.safekeeping.database_copy import local_place

    try:
        with (
            database_to_write(args, "merge-package") as db,
            opened_package(args.package, local_place(db)) as package,
        ):
            plan = plan_merge(db, package, foreign=args.foreign)
            print("\n".join(plan.lines()))
            if args.dry_run or plan.is_empty:
                return EXIT_OK
            if plan.conflicts and args.prefer is None:
                print(
                    f"有 {len(plan.conflicts)} 处冲突，未写入任何内容。请在程序的“导入外业包”中"
                    "逐项决定，或加 --prefer office|field 一律采用一方的值。",
                    file=sys.stderr,
                )
                return EXIT_BAD_INPUT
            choices = {conflict.key: Side(args.prefer) for conflict in plan.conflicts}
            result = apply_merge(db, package, plan, choices)
    except BadInput as error:
        return report_bad_input(error)
    except ForeignPackage as error:
        print(f"{error}{FOREIGN_HINT}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except PackageError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    decided = (
        f"，{result.decided} 处冲突采用{Side(args.prefer).label}的值" if result.decided else ""
    )
    print(f"已合并：新增 {result.added} 条，更新 {result.updated} 条{decided}。")
    if not result.changed:
        print("数据未改变，未做备份。")
    elif result.backup is not None:
        print(f"合并前的备份：{result.backup}")
    return EXIT_OK
