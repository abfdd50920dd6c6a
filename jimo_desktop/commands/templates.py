"""jimo-desktop templates OUTDIR --db PATH --period YYYY-MM [--unit NAME]: one pre-filled
调度表 per 区位 for the month, named for the 区位 and the month, ready to send out; each
comes back through import-excel, matched row by row by its hidden key."""

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

HELP = "生成各区位的月度调度表模板（已填项目和上月数据，带校验码）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="保存模板的文件夹")
    parser.add_argument("--period", type=report_month, required=True, help="月份 YYYY-MM")
    parser.add_argument("--unit", help="只生成这个区位的模板")


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.domain.progress import period_label

    database = args.db or paths.default_database_path()
    if args.outdir.exists() and not args.outdir.is_dir():
        raise UsageError(f"OUTDIR 应为文件夹：{args.outdir}")
    try:
        check_output_paths(database, args.outdir)
        args.outdir.mkdir(exist_ok=True)
        with output_errors(database, args.outdir, " Excel "):
            written = _write(database, args)
    except BadInput as error:
        return report_bad_input(error)
    for path, count in written:
        print(f"{path.name}：{count} 个项目")
    print(f"已生成 {len(written)} 个区位的{period_label(args.period)}调度表模板到 {args.outdir}")
    return EXIT_OK


def _write(database: Path, args: argparse.Namespace) -> list[tuple[Path, int]]:
    from jimo_desktop.excel.importing.units import unit_matcher
    from jimo_desktop.excel.monthly_template import write_all
    from jimo_desktop.store import dictionaries
    from jimo_desktop.store.database import open_database
    from jimo_desktop.store.monthly import submissions
    from jimo_desktop.store.monthly.template_rows import unit_templates

    db = open_database(database)
    try:
        unit_ids = None
        if args.unit:
            units = dictionaries.entries(db, "units")
            found = unit_matcher(units).match(args.unit)
            if found is None:
                known = "、".join(entry.name for entry in units)
                raise UsageError(f"区位“{args.unit}”不在区位字典中；可用：{known}")
            unit_ids = [found]
        templates = unit_templates(db, args.period, unit_ids)
        due = submissions.due_date(db, args.period)
    finally:
        db.conn.close()
    return write_all(args.outdir, templates, due)
