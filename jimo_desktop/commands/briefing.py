"""jimo-desktop briefing OUT.pdf --db PATH --period YYYY-MM [--kind monthly|project|inspection]
[--project ID]: a briefing as PDF in the official document format, with the officer's kept
draft when there is one."""

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
from jimo_desktop.commands.export_excel import report_month

HELP = "生成简报 PDF（月度通报、项目简报、督查报告）"
KIND_CHOICES = ("monthly", "project", "inspection")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT.pdf")
    parser.add_argument("--period", type=report_month, required=True, help="月份 YYYY-MM")
    parser.add_argument(
        "--kind",
        choices=KIND_CHOICES,
        default="monthly",
        help="monthly 月度通报（默认）、project 项目简报、inspection 督查报告",
    )
    parser.add_argument("--project", type=int, help="项目简报的项目编号")
    parser.add_argument(
        "--photos",
        type=_photo_count,
        metavar="N",
        help="每次督查（督查报告）或该项目（项目简报）最多印几张现场照片，0 为不印；默认全部",
    )


def _photo_count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"照片张数应为 0 或正整数：{text}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.domain.briefing import Kind
    from jimo_desktop.reports.fonts import FontMissingError, pdf_notes
    from jimo_desktop.views.briefing_jobs import BriefingUnavailable

    if args.out.suffix.lower() != ".pdf":
        raise UsageError(f"输出文件应以 .pdf 结尾：{args.out}")
    if args.kind == "project" and args.project is None:
        raise UsageError("项目简报需要 --project 指定项目编号")
    database = args.db or paths.default_database_path()
    try:
        check_output_paths(database, args.out)
        with output_errors(database, args.out, "阅读器"):
            pages = _write(database, Kind(args.kind), args)
    except (BriefingUnavailable, FontMissingError) as error:
        return report_bad_input(BadInput(str(error)))
    except BadInput as error:
        return report_bad_input(error)
    print(f"已生成 {args.out}：共 {pages} 页")
    for note in pdf_notes():
        print(note)
    return EXIT_OK


def _write(database: Path, kind, args: argparse.Namespace) -> int:
    from jimo_desktop.safe_files import write_with
    from jimo_desktop.store.database import open_database
    from jimo_desktop.views.briefing_jobs import prepare

    db = open_database(database)
    try:
        job = prepare(db, kind, args.period, args.project, args.photos)
    finally:
        db.conn.close()
    return write_with(args.out, job.write, held_by="阅读器")
