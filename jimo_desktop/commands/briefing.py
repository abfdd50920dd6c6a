"""jimo-desktop briefing OUT.pdf --db PATH --period YYYY-MM [--kind monthly|project|inspection]
[--project ID]: a briefing as PDF in the official document format, with the officer's kept
draft when there is one. The papers that go out print the same way: --kind supervision
[--order N] the 督办单 (one a page), --kind minutes [--dispatch N] a 周调度会议纪要; without a
number, those of the --period month."""

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

HELP = "生成简报 PDF（月度通报、项目简报、督查报告、督办单、周调度会议纪要）"
KIND_CHOICES = ("monthly", "project", "inspection", "supervision", "minutes")
PAPERS = {"supervision": "order", "minutes": "dispatch"}  # kind → the option naming one


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT.pdf")
    parser.add_argument("--period", type=report_month, help="月份 YYYY-MM")
    parser.add_argument(
        "--kind",
        choices=KIND_CHOICES,
        default="monthly",
        help="monthly 月度通报（默认）、project 项目简报、inspection 督查报告、"
        "supervision 督办单、minutes 周调度会议纪要",
    )
    parser.add_argument("--project", type=int, help="项目简报的项目编号")
    parser.add_argument("--order", type=int, help="督办单编号（默认为 --period 当月下发的全部）")
    parser.add_argument(
        "--dispatch", type=int, help="周调度会议编号（默认为 --period 当月召开的全部）"
    )
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
    from jimo_desktop.jobs.briefing_jobs import BriefingUnavailable
    from jimo_desktop.reports.fonts import FontMissingError, pdf_notes
    from jimo_desktop.store.papers.paper_facts import PaperUnavailable

    if args.out.suffix.lower() != ".pdf":
        raise UsageError(f"输出文件应以 .pdf 结尾：{args.out}")
    if args.kind == "project" and args.project is None:
        raise UsageError("项目简报需要 --project 指定项目编号")
    _check_numbers(args)
    database = args.db or paths.default_database_path()
    try:
        check_output_paths(database, args.out)
        with output_errors(database, args.out, "阅读器"):
            if args.kind in PAPERS:
                pages = _write_papers(database, args)
            else:
                pages = _write(database, Kind(args.kind), args)
    except (BriefingUnavailable, FontMissingError, PaperUnavailable) as error:
        return report_bad_input(BadInput(str(error)))
    except BadInput as error:
        return report_bad_input(error)
    print(f"已生成 {args.out}：共 {pages} 页")
    for note in pdf_notes():
        print(note)
    return EXIT_OK


def _write(database: Path, kind, args: argparse.Namespace) -> int:
    from jimo_desktop.jobs.briefing_jobs import prepare
    from jimo_desktop.safe_files import write_with
    from jimo_desktop.store.database import open_database

    db = open_database(database)
    try:
        job = prepare(db, kind, args.period, args.project, args.photos)
    finally:
        db.conn.close()
    return write_with(args.out, job.write, held_by="阅读器")


def _check_numbers(args: argparse.Namespace) -> None:
    number = PAPERS.get(args.kind)
    for kind, option in PAPERS.items():
        if kind != args.kind and getattr(args, option) is not None:
            raise UsageError(f"--{option} 只用于 --kind {kind}")
    if args.period is None and (number is None or getattr(args, number) is None):
        wanted = f"--period 或 --{number}" if number else "--period"
        raise UsageError(f"需要 {wanted}")


def _write_papers(database: Path, args: argparse.Namespace) -> int:
    from jimo_desktop.safe_files import write_with
    from jimo_desktop.store.database import open_database
    from jimo_desktop.store.papers import paper_facts

    db = open_database(database)
    try:
        if args.kind == "supervision":
            from jimo_desktop.reports.supervision_paper import write_orders_pdf

            papers, write = paper_facts.order_papers(db, args.order, args.period), write_orders_pdf
        else:
            from jimo_desktop.reports.meeting_minutes import write_minutes_pdf

            papers = paper_facts.minutes_papers(db, args.dispatch, args.period)
            write = write_minutes_pdf
    finally:
        db.conn.close()
    return write_with(args.out, lambda target: write(papers, target), held_by="阅读器")
