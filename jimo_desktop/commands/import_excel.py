"""jimo-desktop import-excel FILE... --db PATH [--unit NAME] [--kind projects|progress]
[--period YYYY-MM] [--year YYYY] [--ranges lower|upper|blank] [--dry-run] [--confirm-cumulative]
[--create-missing]: the units' submissions into the database.

Every problem is one line on stderr naming file, sheet, row and column; while any remains
nothing is written and the exit status is 1. A sheet whose year neither it, its workbook
nor its file name states needs --year (the clock never decides), and --year must agree with
what a file states. Questions are listed and their rows not imported: near matches (a name
close to a kept project's), which the import dialog lets the officer confirm, and 调度表 rows
whose 1-N月累计 falls below the month before, which --confirm-cumulative imports as they are,
and 调度表 rows of projects not kept that name their total and place, which --create-missing
adds with their month. An amount written as a range is a problem at its cell until --ranges
says which end counts.
"""

import argparse
import re
import sys
from pathlib import Path

from jimo_desktop.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    BadInput,
    UsageError,
    database_to_write,
    report_bad_input,
)
from jimo_desktop.commands.export_excel import year_number

HELP = "导入各区位报送的Excel（项目申报表、月度调度表）"
_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".xlsx 或 .xls 文件")
    parser.add_argument("--unit", help="区位，用于没有注明填报单位的表")
    parser.add_argument(
        "--kind",
        choices=("projects", "progress"),
        help="projects：项目申报表；progress：月度调度表（默认按列名自动识别）",
    )
    parser.add_argument(
        "--period", type=period, help="调度表的月份，如 2020-06，用于标题和文件名都没有写明月份的表"
    )
    parser.add_argument(
        "--year", type=year_number, help="年度，用于表名、标题和文件名都没有写明年度的表"
    )
    parser.add_argument(
        "--ranges",
        choices=("lower", "upper", "blank"),
        help="金额写成区间（如 5-8亿元）时：lower 取下限，upper 取上限，blank 不填（默认列为问题）",
    )
    parser.add_argument(
        "--create-missing",
        action="store_true",
        help="调度表中项目库没有、但写明总投资和区位的项目：一并新建（默认列为待确认、不导入）",
    )
    parser.add_argument("--dry-run", action="store_true", help="只列出将要导入的内容，不写入")
    parser.add_argument(
        "--confirm-cumulative",
        action="store_true",
        help="累计完成投资低于上月的行核对无误，照表导入（默认列为待确认、不导入）",
    )


def period(text: str) -> str:
    match = _PERIOD.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1990 <= int(match.group(1)) <= 2100:
        raise argparse.ArgumentTypeError(f"月份应为 YYYY-MM，如 2020-06：{text}")
    return text


def run(args: argparse.Namespace) -> int:
    if args.db is None:
        raise UsageError("import-excel 需要 --db 指定数据库文件")
    if args.period and args.year and int(args.period[:4]) != args.year:
        raise UsageError(f"--period {args.period} 不在 --year {args.year} 年内")
    try:
        with database_to_write(args, "import-excel", must_exist=False) as db:
            return _import(db, args)
    except BadInput as error:
        return report_bad_input(error)


def _import(db, args: argparse.Namespace) -> int:
    from jimo_desktop.excel.importing.importer import apply_import, plan_import
    from jimo_desktop.excel.importing.units import unit_matcher
    from jimo_desktop.store import dictionaries

    units = dictionaries.entries(db, "units")
    if args.unit and unit_matcher(units).match(args.unit) is None:
        known = "、".join(entry.name for entry in units)
        raise UsageError(f"区位“{args.unit}”不在区位字典中；可用：{known}")
    plan = plan_import(
        db,
        args.files,
        unit=args.unit,
        kind=args.kind,
        period=args.period,
        year=args.year,
        ranges=args.ranges,
    )
    for note in plan.notes + [note for row in plan.rows for note in row.notes]:
        print(f"提示：{note}")
    if _refused(plan):
        return EXIT_BAD_INPUT
    answers = {
        **(plan.figures_confirmed() if args.confirm_cumulative else {}),
        **(plan.creations_confirmed() if args.create_missing else {}),
    }
    _list_questions(plan, answers)
    filed = f"；{plan.filed_under()}" if plan.filings else ""
    if args.dry_run:
        print(f"试运行，未写入数据库。将要：{plan.summary()}{filed}")
        return EXIT_OK
    report = apply_import(db, plan, confirmed_matches=answers)
    print(f"已导入 {len(args.files)} 个文件：{report.summary()}{filed}")
    return EXIT_OK


def _refused(plan) -> bool:
    problems = plan.all_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"共 {len(problems)} 处问题，未写入任何数据", file=sys.stderr)
    return bool(problems)


def _list_questions(plan, answers) -> None:
    for row in plan.questions():
        print(f"{'已确认' if row.ref in answers else '待确认（未导入）'}：{row.question()}")
    asked = plan.questions()
    if any(row.near is None and row.creates is None for row in asked) and not answers:
        print("提示：核对累计完成投资无误后，可加 --confirm-cumulative 照表导入")
    if any(row.creates is not None and row.ref not in answers for row in asked):
        print("提示：确认要新建项目库中没有的项目后，可加 --create-missing 一并导入")
