"""jimo-desktop submissions --db PATH --period YYYY-MM: 报送情况, each 区位's monthly 调度表 as
已报 (when, for how many projects), 未报 or 逾期 (past the due day set in 设置), late first."""

import argparse

from jimo_desktop.commands import EXIT_OK, BadInput, open_existing_database, report_bad_input
from jimo_desktop.commands.export_excel import report_month

HELP = "各区位月度调度表报送情况：已报、未报、逾期"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", type=report_month, required=True, help="月份 YYYY-MM")


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.domain.submissions import summary
    from jimo_desktop.store.monthly import submissions

    try:
        db = open_existing_database(args)
    except BadInput as error:
        return report_bad_input(error)
    try:
        found = submissions.month_status(db, args.period)
    finally:
        db.conn.close()
    for status in found:
        print(status.describe())
    print(summary(args.period, found))
    return EXIT_OK
