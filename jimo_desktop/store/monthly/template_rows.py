"""What a 区位's monthly 调度表 template holds: its projects on the year's list at the month's
end, each with its code, annual plan and the figures of the month before, as plain rows for
excel/monthly_template.py (which never reads the database)."""

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.progress import check_period
from jimo_desktop.store import dictionaries, engine
from jimo_desktop.store.monthly.progress import GridFilter, month_rows


@dataclass(frozen=True)
class TemplateLine:
    project_uuid: str
    code: str
    name: str
    annual_plan: int | None
    last_this_year: int | None  # 1-N月累计 of the latest month reported before, this year
    last_since_start: int | None


@dataclass(frozen=True)
class UnitTemplate:
    unit_id: int
    unit: str
    period: str
    lines: tuple[TemplateLine, ...]


def unit_templates(db: Database, period: str, unit_ids: list[int] | None = None):
    """One template per 区位 of the dictionary (or of `unit_ids`), in the dictionary's order;
    a 区位 without listed projects gets one too, so that it can report new ones."""
    year = check_period(period)[0]
    units = [u for u in dictionaries.entries(db, "units") if unit_ids is None or u.id in unit_ids]
    found = []
    for unit in units:
        rows = month_rows(db, period, GridFilter(unit_id=unit.id), year)
        keys = _uuids_and_codes(db, [row.project_id for row in rows])
        latest = _latest_reports(db, period, [row.project_id for row in rows])
        lines = []
        for row in rows:
            uuid, code = keys[row.project_id]
            this_year, since_start = latest.get(row.project_id, (None, None))
            lines.append(
                TemplateLine(uuid, code, row.name, row.annual_plan, this_year, since_start)
            )
        found.append(UnitTemplate(unit.id, unit.name, period, tuple(lines)))
    return found


_LATEST = """
SELECT r.project_id, r.period, r.completed_this_year, r.completed_since_start
FROM progress_reports r
WHERE r.deleted_at IS NULL AND r.period < :period
  AND r.project_id IN {ids}
  AND r.period = (SELECT MAX(o.period) FROM progress_reports o
                  WHERE o.project_id = r.project_id AND o.deleted_at IS NULL
                    AND o.period < :period)
"""


def _latest_reports(db: Database, period: str, project_ids: list[int]):
    """Project → (1-N月累计, 开工至今累计) of its latest report before `period`: the figures a
    unit's new ones are checked against (a month it missed shows the one before). A report of
    an earlier year gives no 1-N月累计 of this one."""
    params = {"period": period, "ids": json.dumps(project_ids)}
    return {
        project_id: (this_year if month[:4] == period[:4] else None, since_start)
        for project_id, month, this_year, since_start in db.execute(
            _LATEST.format(ids=engine.json_values(db, ":ids")), params
        )
    }


def _uuids_and_codes(db: Database, project_ids: list[int]) -> dict[int, tuple[str, str]]:
    if not project_ids:
        return {}
    marks = ",".join("?" * len(project_ids))
    rows = db.execute(f"SELECT id, uuid, code FROM projects WHERE id IN ({marks})", project_ids)
    return {row[0]: (row[1], row[2]) for row in rows}


@dataclass(frozen=True)
class KeyedProject:
    id: int
    name: str
    unit_id: int | None
    listed: bool  # on the year's list at the end of the month the key names


def keyed_projects(db: Database, uuids: Iterable[str], period: str) -> dict[str, KeyedProject]:
    """The live projects the keys of a returned template name, by uuid."""
    wanted = sorted(set(uuids))
    if not wanted:
        return {}
    year = check_period(period)[0]
    day = as_of.period_end(period)
    rows = db.execute(
        "SELECT p.uuid, p.id, p.name, p.unit_id, y.year, y.added_on, y.withdrawn_on"
        " FROM projects p LEFT JOIN project_years y ON y.project_id = p.id AND y.year = ?"
        f" WHERE p.deleted_at IS NULL AND p.uuid IN {engine.json_values(db, kind='text')}",
        [year, json.dumps(wanted)],
    )
    return {
        row[0]: KeyedProject(
            row[1], row[2], row[3], row[4] is not None and as_of.listed_on(row[5], row[6], day)
        )
        for row in rows
    }
