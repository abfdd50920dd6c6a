"""jimo-desktop figures --db PATH --period YYYY-MM [--json]: the period's figures as the
bulletin prints them (district, units, industries, 四个一批, 纳统, overdue counts), taken as of
the month's last day, so a printed bulletin can be checked against the data."""

import argparse
import json

from jimo_desktop.commands import EXIT_OK, BadInput, open_existing_database, report_bad_input
from jimo_desktop.commands.export_excel import report_month

HELP = "输出某月的统计数字（与月度通报一致），可用 --json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", type=report_month, required=True, help="月份 YYYY-MM")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def run(args: argparse.Namespace) -> int:
    from jimo_desktop.domain import period_figures
    from jimo_desktop.store.papers.briefing_facts import monthly_facts

    try:
        db = open_existing_database(args)
    except BadInput as error:
        return report_bad_input(error)
    try:
        facts = monthly_facts(db, args.period)
    finally:
        db.conn.close()
    if args.json:
        print(json.dumps(period_figures.as_dict(facts), ensure_ascii=False, indent=2))
    else:
        print("\n".join(period_figures.as_lines(facts)))
    return EXIT_OK
