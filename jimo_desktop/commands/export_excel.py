"""jimo-desktop export-excel OUT.xlsx --db PATH [--year YYYY] [--period YYYY-MM]: the year's
project list as the bureau's standard sheet, print-ready; with a month, its progress too.
With --list problems|supervision|progress|dispatch|milestones, that list instead (a month's
with --period), as the page's 导出Excel writes it."""

import argparse
from pathlib import Path

from jimo_desktop import paths
from jimo_desktop.commands import (
    EXIT_OK,
    BadInput,
    UsageError,
    check_output_paths,
    output_errors,
    report_bad_input,
)

HELP = "导出项目清单为 Excel（A4 横向可直接打印）"
FIRST_YEAR, LAST_YEAR = 2000, 2100
LIST_NAMES = ("problems", "supervision", "progress", "dispatch", "milestones")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT.xlsx")
    parser.add_argument("--year", type=year_number, help="年度（默认为数据库的当前年度）")
    parser.add_argument(
        "--period", type=report_month, help="月份 YYYY-MM：加上1-N月累计完成投资、形象进度等"
    )
    parser.add_argument("--by-batch", action="store_true", help="四个一批各占一张工作表")
    parser.add_argument(
        "--list",
        choices=LIST_NAMES,
        help="导出清单而非项目表：problems 问题清单、supervision 督办单、progress 月推进、"
        "dispatch 周调度、milestones 时间节点",
    )


def year_number(text: str) -> int:
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"年度应为 {FIRST_YEAR}–{LAST_YEAR} 之间的数字：{text}")
    return int(text)


def report_month(text: str) -> str:
    from jimo_desktop.domain.progress import PeriodError, check_period

    try:
        check_period(text)
    except PeriodError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text


def run(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".xlsx":
        raise UsageError(f"输出文件应以 .xlsx 结尾：{args.out}")
    if args.period and args.year and int(args.period[:4]) != args.year:
        raise UsageError(f"--period {args.period} 不在 --year {args.year} 年内")
    if args.list and (args.year or args.by_batch):
        raise UsageError("--list 只与 --period 一起使用")
    database = args.db or paths.default_database_path()
    try:
        check_output_paths(database, args.out)
        with output_errors(database, args.out, " Excel "):
            done = _export_list(database, args) if args.list else _export(database, args)
    except BadInput as error:
        return report_bad_input(error)
    print(f"已导出{done}到 {args.out}")
    return EXIT_OK


def _export_list(database: Path, args: argparse.Namespace) -> str:
    from jimo_desktop.domain.dates import format_date
    from jimo_desktop.excel.record_lists import LISTS, milestone_lines, write_list
    from jimo_desktop.store import settings
    from jimo_desktop.store.database import open_database
    from jimo_desktop.store.project_library import export_queries
    from jimo_desktop.store.tracking.record_list_rows import list_rows

    db = open_database(database)
    try:
        rows, words = list_rows(db, args.list, args.period)
        today = settings.today(db)
    finally:
        db.conn.close()
    chosen = LISTS[args.list]
    if args.list == "milestones":
        rows = milestone_lines(rows)
    write_list(
        args.out,
        chosen,
        rows,
        f"{chosen.title}{words}",
        f"填报单位：{export_queries.BUREAU}",
        f"导出日期：{format_date(today)}",
    )
    return f"{chosen.title} {len(rows)} 条"


def _export(database: Path, args: argparse.Namespace) -> str:
    from jimo_desktop.excel.export import write_project_list
    from jimo_desktop.store import settings
    from jimo_desktop.store.database import open_database
    from jimo_desktop.store.project_library import export_queries
    from jimo_desktop.store.project_library.project_index import ProjectFilter

    db = open_database(database)
    try:
        year = args.year or (int(args.period[:4]) if args.period else settings.current_year(db))
        listing = export_queries.project_export(db, year, ProjectFilter(year=year), args.period)
    finally:
        db.conn.close()
    write_project_list(args.out, listing, by_batch=args.by_batch)
    return f" {len(listing.lines)} 个项目"
