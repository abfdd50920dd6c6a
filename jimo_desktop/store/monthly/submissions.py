"""报送情况 kept: which 区位 sent its month's 调度表, when, and for how many projects.

An import of a 调度表 records, in its own transaction, one submission per 区位 and month it
reported (the latest file wins, the first time stays in the audit trail); the due day is a
setting (设置), the 5th of the next month unless changed.
"""

import json
from collections.abc import Mapping
from datetime import datetime

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain import submissions as rules
from jimo_desktop.domain.submissions import Received, UnitStatus
from jimo_desktop.store import dictionaries, engine, records, settings

TABLE = "submissions"
DUE_DAY = "submission_due_day"


def due_day(db: Database) -> int:
    found = settings.get(db, DUE_DAY)
    if found and found.isdigit() and int(found) in rules.DUE_DAYS:
        return int(found)
    return rules.DEFAULT_DUE_DAY


def set_due_day(db: Database, day: int) -> None:
    if day not in rules.DUE_DAYS:
        raise ValueError(f"报送截止日应为每月{rules.DUE_DAYS[0]}–{rules.DUE_DAYS[-1]}日：{day}")
    settings.put(db, DUE_DAY, str(day))


def due_date(db: Database, period: str):
    return rules.due_date(period, due_day(db))


def record(db: Database, sent: Mapping[tuple[int, str], tuple[int, str]]) -> None:
    """Each (区位 id, month) of `sent` has sent its report now: (projects reported, file
    name). Joins the caller's transaction; a few statements for all of them."""
    if not sent:
        return
    stamp = _now(db)
    values = {
        (unit_id, period): {
            "unit_id": unit_id,
            "period": period,
            "submitted_at": stamp,
            "project_count": count,
            "file_name": file_name,
        }
        for (unit_id, period), (count, file_name) in sent.items()
    }
    months = engine.json_values(db, kind="text")
    kept = db.execute(
        f"SELECT unit_id, period, id FROM {TABLE} WHERE deleted_at IS NULL"
        f" AND unit_id IN {engine.json_values(db)} AND period IN {months}",
        [json.dumps([key[0] for key in values]), json.dumps([key[1] for key in values])],
    )
    found = {(unit_id, period): row_id for unit_id, period, row_id in kept}
    records.update_many(db, TABLE, {found[key]: row for key, row in values.items() if key in found})
    records.insert_many(db, TABLE, [row for key, row in values.items() if key not in found])


def _now(db: Database) -> str:
    """The business day (a demo's own) with the clock's time."""
    clock = datetime.now()
    return f"{settings.today(db).isoformat()}T{clock:%H:%M:%S}"


def received(db: Database, period: str) -> dict[int, Received]:
    rows = db.execute(
        f"SELECT unit_id, submitted_at, project_count, file_name FROM {TABLE}"
        " WHERE period = ? AND deleted_at IS NULL",
        [period],
    )
    return {row[0]: Received(row[1], row[2], row[3]) for row in rows}


_LISTED = """
SELECT p.unit_id, y.added_on, y.withdrawn_on, EXISTS (
    SELECT 1 FROM progress_reports r
    WHERE r.project_id = p.id AND r.period = ? AND r.deleted_at IS NULL)
FROM project_years y JOIN projects p ON p.id = y.project_id
WHERE y.year = ? AND p.deleted_at IS NULL AND p.unit_id IS NOT NULL
"""


def entered(db: Database, period: str) -> dict[int, Received]:
    """The 区位 whose every listed project has `period`'s report though no 调度表 of theirs was
    imported: the officer entered them in 月推进 (reported by telephone or mail)."""
    day = as_of.period_end(period)
    listed: dict[int, list[bool]] = {}
    for unit_id, added_on, withdrawn_on, reported in db.execute(_LISTED, [period, period[:4]]):
        if as_of.listed_on(added_on, withdrawn_on, day):
            listed.setdefault(unit_id, []).append(bool(reported))
    return {
        unit_id: Received(None, len(reports), rules.ENTERED_IN_GRID)
        for unit_id, reports in listed.items()
        if all(reports)
    }


def month_status(db: Database, period: str) -> list[UnitStatus]:
    """Every 区位 of the dictionary for `period`: late first, then missing, then reported."""
    came = entered(db, period) | received(db, period)
    due = due_date(db, period)
    today = settings.today(db)
    found = [
        rules.status(unit.name, came.get(unit.id), due, today)
        for unit in dictionaries.entries(db, "units")
    ]
    return rules.in_order(found)
