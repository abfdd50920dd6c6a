"""The demo's 操作历史 dated as the work happened, not on the day the demo was written.

Each audit line moves to the day of the record it is about (a problem on the day it was
raised, a month's figures early in the next month, a project on the day it was listed),
never past the business date and keeping its time of day, so the history reads as a half
year of 2020 and the month its filter suggests finds that month's work.
"""

from datetime import date

from sqlite_utils import Database

_LISTED = "(SELECT MIN(added_on) FROM project_years y WHERE y.project_id = {project})"
_INSPECTED = "(SELECT inspected_on FROM inspections i WHERE i.id = r.inspection_id)"
_PROJECT_LISTED = _LISTED.format(project="r.project_id")

# Per table: the day of the row `r` whose line it is (text, possibly a year-month).
_DAYS = {
    "projects": _LISTED.format(project="r.id"),
    "milestones": _PROJECT_LISTED,
    "policy_items": _PROJECT_LISTED,
    "service_items": _PROJECT_LISTED,
    "problems": "r.raised_on",
    "work_logs": "r.logged_on",
    "dispatches": "r.held_on",
    "supervision_orders": "r.issued_on",
    "listing_changes": "r.changed_on",
    "inspections": "r.inspected_on",
    "inspection_points": _INSPECTED,
    "photos": _INSPECTED,
    # A month's figures arrive in the first days of the next month.
    "progress_reports": "date(r.period || '-01', '+1 month', '+4 days')",
    "briefings": "date(r.period || '-01', '+1 month', '+7 days')",
}


def date_history(db: Database, today: date) -> None:
    """Date every line of the demo's audit trail by its record; call after the demo is built."""
    first_of_year = f"{today.year}-01-02"
    with db.conn:
        for table, day in _DAYS.items():
            # A year-month or a year alone becomes its first day: '2020-03' → '2020-03-01'.
            whole_day = f"substr(({day}) || '-01-01', 1, 10)"
            db.execute(
                f"UPDATE audit_log SET at = MIN(COALESCE((SELECT {whole_day} FROM {table} r"
                "  WHERE r.id = audit_log.row_id), :first), :today) || substr(at, 11)"
                " WHERE table_name = :table",
                {"first": first_of_year, "today": today.isoformat(), "table": table},
            )
