"""The demo's 操作历史 dated as the work happened, not on the day the demo was written.

Each audit line moves to the day of the record it is about (a problem on the day it was
raised, a month's figures early in the next month, a project on the day it was listed),
never past the business date and keeping its time of day, so the history reads as a half
year of 2020 and the month its filter suggests finds that month's work. The days are read
with plain SQL and worked out here, so the demo dates its history on either engine.
"""

from datetime import date, timedelta

from sqlite_utils import Database

from jimo_desktop.domain import as_of

_LISTED = "SELECT project_id, MIN(added_on) FROM project_years GROUP BY project_id"
_INSPECTED = (
    "SELECT r.id, i.inspected_on FROM {table} r JOIN inspections i ON i.id = r.inspection_id"
)
_OF_PROJECT = (
    "SELECT r.id, y.day FROM {table} r JOIN"
    " (SELECT project_id, MIN(added_on) AS day FROM project_years GROUP BY project_id) y"
    " ON y.project_id = r.project_id"
)
# Per table: (row id, its day as text: a date, a year-month or a period YYYY-MM).
_DAYS = {
    "projects": _LISTED,
    "milestones": _OF_PROJECT,
    "policy_items": _OF_PROJECT,
    "service_items": _OF_PROJECT,
    "problems": "SELECT id, raised_on FROM problems",
    "work_logs": "SELECT id, logged_on FROM work_logs",
    "dispatches": "SELECT id, held_on FROM dispatches",
    "supervision_orders": "SELECT id, issued_on FROM supervision_orders",
    "listing_changes": "SELECT id, changed_on FROM listing_changes",
    "inspections": "SELECT id, inspected_on FROM inspections",
    "inspection_points": _INSPECTED,
    "photos": _INSPECTED,
}
# A month's figures arrive in the first days of the next month, a bulletin a little later.
_AFTER_THEIR_MONTH = {"progress_reports": 4, "briefings": 7}


def date_history(db: Database, today: date) -> None:
    """Date every line of the demo's audit trail by its record; call after the demo is built."""
    first_of_year = date(today.year, 1, 2)
    days: dict[tuple[str, int], date] = {}
    for table, query in _DAYS.items():
        for row_id, text in db.execute(query.format(table=table)).fetchall():
            days[table, row_id] = _day(text) or first_of_year
    for table, after in _AFTER_THEIR_MONTH.items():
        for row_id, period in db.execute(f"SELECT id, period FROM {table}").fetchall():
            days[table, row_id] = as_of.period_end(period) + timedelta(days=after)
    moved = [
        (f"{min(days.get((table, row_id), first_of_year), today).isoformat()}{at[10:]}", line_id)
        for line_id, table, row_id, at in db.execute(
            "SELECT id, table_name, row_id, at FROM audit_log"
        ).fetchall()
    ]
    with db.atomic():
        db.conn.executemany("UPDATE audit_log SET at = ? WHERE id = ?", moved)


def _day(text: str | None) -> date | None:
    """'2020-03-15', '2020-03' or '2020' as a day: a month or a year from its first day."""
    if not text:
        return None
    year, month, day = [*text.split("-"), "1", "1"][:3]
    return date(int(year), int(month), int(day[:2]))
