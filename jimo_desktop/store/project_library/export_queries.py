"""What an exported project list holds: the projects a filter selects, with the names of
their unit and industry, the year's planned investment and, for a month, its progress report.

The sheet itself is written by excel/export.py, which knows nothing of the database; this
module hands it plain rows and the words of the heading.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.progress import cumulative_label
from jimo_desktop.domain.project import Level, Nature, Stage
from jimo_desktop.store import dictionaries, engine, settings
from jimo_desktop.store.project_library.project_index import (
    ProjectFilter,
    ProjectIndex,
    ProjectKind,
    SortKey,
)

BUREAU = "即墨区发展和改革局"
DISTRICT = "即墨区"
_KIND_WORDS = {
    None: "重点项目",
    ProjectKind.KEY: "重点项目",
    ProjectKind.KEY_PROVINCE: "省重点项目",
    ProjectKind.KEY_QINGDAO: "青岛市重点项目",
    ProjectKind.KEY_DISTRICT: "区重点项目",
    ProjectKind.GOVERNMENT: "政府投资项目",
}


@dataclass(frozen=True)
class ProjectLine:
    """One project as the bureau's standard sheet shows it."""

    name: str
    unit: str
    builder: str
    industry: str
    nature: Nature | None
    stage: Stage
    level: Level | None  # on the year's list: 省重点, 青岛市重点, 区重点
    total_investment: int | None  # cents of 万元
    annual_plan: int | None
    planned_start: str | None
    planned_end: str | None
    responsible_unit: str
    responsible_person: str
    code: str
    completed_this_year: int | None = None  # 1-N月累计完成投资 of the period's report
    image_progress: str = ""
    problems_noted: str = ""
    in_statistics: bool = False  # at the end of the period (of today without one)
    statistics_date: str | None = None


@dataclass(frozen=True)
class ProjectExport:
    """A project list ready to be written: its heading and its lines in order."""

    title: str
    unit_line: str
    date_line: str
    year: int
    period: str | None  # "YYYY-MM" adds the month's progress columns
    lines: list[ProjectLine]


_LINES_QUERY = """
WITH chosen (position, project_id) AS ({chosen})
SELECT p.name, COALESCE(u.name, ''), p.builder, COALESCE(i.name, ''), p.nature, p.stage,
       y.level, p.total_investment, y.annual_plan, p.planned_start, p.planned_end,
       p.responsible_unit, p.responsible_person, p.code,
       r.completed_this_year, COALESCE(r.image_progress, ''), COALESCE(r.problems_noted, ''),
       p.in_statistics, p.statistics_date
FROM chosen
JOIN projects p ON p.id = chosen.project_id AND p.deleted_at IS NULL
LEFT JOIN units u ON u.id = p.unit_id
LEFT JOIN industries i ON i.id = p.industry_id
LEFT JOIN project_years y ON y.project_id = p.id AND y.year = :year
LEFT JOIN progress_reports r
       ON r.project_id = p.id AND r.period = :period AND r.deleted_at IS NULL
ORDER BY chosen.position
"""


def project_lines(
    db: Database, project_ids: Sequence[int], year: int, period: str | None = None
) -> list[ProjectLine]:
    """The given projects in the given order (deleted ones left out)."""
    # One JSON parameter instead of a placeholder per id: SQLite limits those, lists do not.
    parameters = {"ids": json.dumps(list(project_ids)), "year": year, "period": period}
    day = as_of.period_end(period) if period else settings.today(db)
    query = _LINES_QUERY.format(chosen=engine.json_positions(db, ":ids"))
    return [_line(row, day) for row in db.execute(query, parameters).fetchall()]


def _line(row: tuple, day: date) -> ProjectLine:
    """One project with its 纳统 as it stood on `day`."""
    values = list(row)
    values[4] = Nature(values[4]) if values[4] else None
    values[5] = Stage(values[5])
    values[6] = Level(values[6]) if values[6] else None
    counted = as_of.in_statistics_on(bool(values[17]), values[18], day)
    values[17] = counted
    values[18] = values[18] if counted else None
    return ProjectLine(*values)


def project_export(
    db: Database,
    year: int,
    wanted: ProjectFilter,
    period: str | None = None,
    project_ids: Sequence[int] | None = None,
) -> ProjectExport:
    """The list `wanted` selects, ordered by unit as submissions are, or in the order given
    by `project_ids` (the rows a view shows)."""
    if project_ids is None:
        selection = ProjectIndex(db, year).select(wanted, SortKey.UNIT)
        project_ids = [selection.project_id(number) for number in range(len(selection))]
    return ProjectExport(
        title=title_for(db, year, wanted, period),
        unit_line=f"填报单位：{_unit_name(db, wanted) or BUREAU}",
        date_line=f"填报日期：{format_date(settings.today(db))}",
        year=year,
        period=period,
        lines=project_lines(db, project_ids, year, period),
    )


def title_for(db: Database, year: int, wanted: ProjectFilter, period: str | None = None) -> str:
    """The list's title; a list of every year (全部年度) is titled without one."""
    titled_year = year if period or wanted.year is not None else None
    return list_title(titled_year, period, _unit_name(db, wanted), wanted.kind)


def _unit_name(db: Database, wanted: ProjectFilter) -> str | None:
    if wanted.unit_id is None:
        return None
    return dictionaries.names_by_id(db, "units").get(wanted.unit_id)


def list_title(
    year: int | None, period: str | None, unit: str | None = None, kind: ProjectKind | None = None
) -> str:
    """ "2020年即墨区重点项目清单", "2020年1-6月通济街道政府投资项目推进情况表" …"""
    where = unit or DISTRICT
    if year is None:
        return f"{where}{_KIND_WORDS[kind] if kind else '项目库'}清单"
    if period is None:
        return f"{year}年{where}{_KIND_WORDS[kind]}清单"
    return f"{year}年{cumulative_label(period)}{where}{_KIND_WORDS[kind]}推进情况表"
