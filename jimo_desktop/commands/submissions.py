"""jimo-desktop submissions --db PATH --period YYYY-MM: 报送情况, each 区位's monthly 调度表 as
已报 (when, for how many projects), 未报 or 逾期 (past the due day set in 设置), late first."""

import argparse

from jimo_desktop import paths
from jimo_desktop.commands import EXIT_OK, BadInput, report_bad_input
from jimo_desktop.commands.export_excel import report_month

HELP = "各区位月度调度表报送情况：已报、未报、逾期"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", type=report_month, required=True, help="月份 YYYY-MM")


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.domain.submissions import summary
    from jimo_desktop.store import submissions
    from jimo_desktop.store.database import DatabaseError, open_database

    database = args.db or paths.default_database_path()
    if not database.is_file():
        return report_bad_input(BadInput(f"数据库文件不存在：{database}"))
    try:
        db = open_database(database)
    except DatabaseError as error:
        return report_bad_input(BadInput(str(error)))
    try:
        found = submissions.month_status(db, args.period)
    finally:
        db.conn.close()
    for status in found:
        print(status.describe())
    print(summary(args.period, found))
    return EXIT_OK
