"""月推进: one progress report per project and month (1-N月累计, 开工至今累计, 形象进度 …).

The month grid reads every listed project of a year with its report for the month, saves a
whole month in one transaction, and hands the figures to domain/progress for the rates.
"""

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.progress import GroupFigures, ProjectFigures, SavedCumulative
from jimo_desktop.domain.project import Stage
from jimo_desktop.store import records, settings

TABLE = "progress_reports"
REPORT_FIELDS = (
    "completed_this_year",
    "completed_since_start",
    "image_progress",
    "in_statistics",
    "problems_noted",
)
Outcome = Literal["added", "updated", "unchanged"]


class ProgressError(ValueError):
    """Figures that cannot be saved; the message names each project and what is wrong."""


@dataclass(frozen=True)
class MonthReport:
    completed_this_year: int | None = None
    completed_since_start: int | None = None
    image_progress: str = ""
    in_statistics: bool | None = None
    problems_noted: str = ""

    def is_blank(self) -> bool:
        return self == MonthReport()

    def values(self) -> dict[str, object]:
        return {field: getattr(self, field) for field in REPORT_FIELDS}


@dataclass(frozen=True)
class GridRow:
    """One listed project in the month grid, with its saved report (blank when none)."""

    project_id: int
    name: str
    unit: str
    industry: str
    stage: Stage
    actual_start: str | None
    actual_end: str | None
    total_investment: int | None
    annual_plan: int | None
    project_in_statistics: bool
    report: MonthReport
    has_report: bool

    def figures(self, report: MonthReport | None = None) -> ProjectFigures:
        """The rates' view of this project, with `report` instead of the saved one if given."""
        return ProjectFigures(
            project_id=self.project_id,
            unit=self.unit,
            industry=self.industry,
            stage=self.stage,
            actual_start=self.actual_start,
            total_investment=self.total_investment,
            annual_plan=self.annual_plan,
            completed_this_year=(report or self.report).completed_this_year,
        )


@dataclass(frozen=True)
class GridFilter:
    unit_id: int | None = None
    industry_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class ProjectMonth:
    """A project's report for one month, with the annual plan of that month's year."""

    period: str
    annual_plan: int | None
    report: MonthReport


@dataclass(frozen=True)
class SaveCounts:
    added: int = 0
    updated: int = 0
    deleted: int = 0

    def text(self) -> str:
        return f"新增 {self.added} 条，修改 {self.updated} 条，清除 {self.deleted} 条"


_ROWS = """
SELECT p.id, p.name, COALESCE(u.name, ''), COALESCE(i.name, ''), p.stage, p.actual_start,
       p.actual_end, p.total_investment, y.annual_plan, p.in_statistics, r.id,
       r.completed_this_year, r.completed_since_start, r.image_progress, r.in_statistics,
       r.problems_noted
FROM project_years y
JOIN projects p ON p.id = y.project_id AND p.deleted_at IS NULL
LEFT JOIN units u ON u.id = p.unit_id
LEFT JOIN industries i ON i.id = p.industry_id
LEFT JOIN progress_reports r ON r.project_id = p.id AND r.period = :period
                              AND r.deleted_at IS NULL
WHERE y.year = :year {extra}
ORDER BY COALESCE(u.sort_order, 1000000), p.name_initials, p.name
"""


def month_rows(
    db: Database, period: str, wanted: GridFilter | None = None, year: int | None = None
) -> list[GridRow]:
    """Every project listed in `year` (the period's by default), with its report for `period`."""
    return list(each_month_row(db, period, wanted, year))


def each_month_row(
    db: Database, period: str, wanted: GridFilter | None = None, year: int | None = None
) -> Iterator[GridRow]:
    """month_rows one at a time, for a judgement of every project (the lights of 100,000
    projects) that need not hold them all."""
    extra, params = _filter_sql(wanted or GridFilter())
    params |= {"period": period, "year": year or rates.check_period(period)[0]}
    return map(_grid_row, db.execute(_ROWS.format(extra=extra), params))


def _filter_sql(wanted: GridFilter) -> tuple[str, dict[str, object]]:
    clauses, params = [], {}
    if wanted.unit_id is not None:
        clauses.append("p.unit_id = :unit_id")
        params["unit_id"] = wanted.unit_id
    if wanted.industry_id is not None:
        clauses.append("p.industry_id = :industry_id")
        params["industry_id"] = wanted.industry_id
    if wanted.text.strip():
        clauses.append("(p.name LIKE :text OR p.name_initials LIKE :text)")
        params["text"] = f"%{wanted.text.strip()}%"
    return "".join(f" AND {clause}" for clause in clauses), params


def _grid_row(row: tuple) -> GridRow:
    return GridRow(
        project_id=row[0],
        name=row[1],
        unit=row[2],
        industry=row[3],
        stage=Stage(row[4]),
        actual_start=row[5],
        actual_end=row[6],
        total_investment=row[7],
        annual_plan=row[8],
        project_in_statistics=bool(row[9]),
        report=_report(row[11:16]),
        has_report=row[10] is not None,
    )


def _report(values: tuple) -> MonthReport:
    this_year, since_start, image, in_statistics, problems = values
    return MonthReport(
        completed_this_year=this_year,
        completed_since_start=since_start,
        image_progress=image or "",
        in_statistics=None if in_statistics is None else bool(in_statistics),
        problems_noted=problems or "",
    )


def save_month(db: Database, period: str, reports: Mapping[int, MonthReport]) -> SaveCounts:
    """Save the month's reports of many projects in one transaction: all or nothing.

    A report left blank where one was saved is deleted (softly, so the history can restore it).
    """
    rates.check_period(period)
    _refuse_bad_figures(db, reports)
    added = updated = deleted = 0
    with db.atomic():
        for project_id, report in reports.items():
            if report.is_blank():
                deleted += _delete_report(db, project_id, period)
                continue
            outcome = upsert_report(db, project_id, period, report.values())
            added += outcome == "added"
            updated += outcome == "updated"
    return SaveCounts(added, updated, deleted)


def _refuse_bad_figures(db: Database, reports: Mapping[int, MonthReport]) -> None:
    problems = []
    for project_id, report in reports.items():
        found = rates.check_report(report.completed_this_year, report.completed_since_start)
        if found:
            name = db.execute("SELECT name FROM projects WHERE id = ?", [project_id]).fetchone()
            problems.append(f"{name[0] if name else project_id}：{'；'.join(found.values())}")
    if problems:
        raise ProgressError("\n".join(problems))


def _delete_report(db: Database, project_id: int, period: str) -> int:
    row = db.execute(
        f"SELECT id FROM {TABLE} WHERE project_id = ? AND period = ? AND deleted_at IS NULL",
        [project_id, period],
    ).fetchone()
    if row is None:
        return 0
    records.delete(db, TABLE, row[0])
    return 1


def upsert_report(
    db: Database, project_id: int, period: str, values: Mapping[str, object]
) -> Outcome:
    """Add the month's report or change the fields given; the same figures again change nothing.

    A report deleted before is brought back rather than duplicated (one report a month).
    """
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"not progress report fields: {sorted(unknown)}")
    existing = db.execute(
        f"SELECT id, deleted_at FROM {TABLE} WHERE project_id = ? AND period = ?",
        [project_id, period],
    ).fetchone()
    if existing is None:
        records.insert(db, TABLE, {"project_id": project_id, "period": period, **values})
        return "added"
    report_id, deleted_at = existing
    with db.atomic():
        if deleted_at is not None:
            records.restore(db, TABLE, report_id)
        changed = records.update(db, TABLE, report_id, dict(values))
    return "updated" if changed or deleted_at is not None else "unchanged"


def project_months(db: Database, project_id: int) -> list[ProjectMonth]:
    """The project's reports, newest month first, each with its year's annual plan."""
    rows = db.execute(
        f"""SELECT r.period, y.annual_plan, r.completed_this_year, r.completed_since_start,
                   r.image_progress, r.in_statistics, r.problems_noted
            FROM {TABLE} r
            LEFT JOIN project_years y ON y.project_id = r.project_id
                                     AND y.year = CAST(substr(r.period, 1, 4) AS INTEGER)
            WHERE r.project_id = ? AND r.deleted_at IS NULL ORDER BY r.period DESC""",
        [project_id],
    ).fetchall()
    return [ProjectMonth(row[0], row[1], _report(row[2:7])) for row in rows]


Around = tuple[SavedCumulative | None, SavedCumulative | None]

# The project's saved 1-N月累计 of the nearest month before (or after) :period in its year.
_NEAREST = """
SELECT r.project_id, r.period, r.completed_this_year
FROM progress_reports r
JOIN (SELECT project_id, {pick}(period) AS period FROM progress_reports
      WHERE deleted_at IS NULL AND completed_this_year IS NOT NULL
        AND period {side} :period AND substr(period, 1, 4) = :year
        AND project_id IN (SELECT value FROM json_each(:ids))
      GROUP BY project_id) n ON n.project_id = r.project_id AND n.period = r.period
"""


def saved_cumulatives_around(
    db: Database, period: str, project_ids: Iterable[int]
) -> dict[int, Around]:
    """Project → the 1-N月累计 saved for the nearest earlier and the nearest later month of
    `period`'s year (None where there is none): what a new figure is checked against
    (domain/progress.cumulative_doubt)."""
    params = {"period": period, "year": period[:4], "ids": json.dumps(list(project_ids))}
    found: dict[int, list[SavedCumulative | None]] = {}
    for side, (pick, operator) in enumerate((("MAX", "<"), ("MIN", ">"))):
        query = _NEAREST.format(pick=pick, side=operator)
        for project_id, month, completed in db.execute(query, params):
            found.setdefault(project_id, [None, None])[side] = SavedCumulative(month, completed)
    return {project_id: (before, after) for project_id, (before, after) in found.items()}


def default_period(db: Database) -> str:
    """The month an officer most likely reports: the last full month before the business day."""
    return rates.last_full_month(settings.today(db))


def latest_reported_period(db: Database, year: int) -> str | None:
    """The newest month of `year` with any report, up to the business day's month."""
    today = settings.today(db)
    row = db.execute(
        f"SELECT MAX(period) FROM {TABLE} WHERE deleted_at IS NULL AND period BETWEEN ? AND ?",
        [f"{year}-01", min(f"{year}-12", f"{today.year}-{today.month:02d}")],
    ).fetchone()
    return row[0]


def selectable_periods(db: Database) -> list[str]:
    """Months of every listed year and this one, up to the business day's month, newest first."""
    today = settings.today(db)
    listed = db.execute("SELECT DISTINCT year FROM project_years WHERE year < ?", [today.year])
    years = sorted({row[0] for row in listed} | {today.year}, reverse=True)
    return [
        f"{year}-{month:02d}"
        for year in years
        for month in range(12, 0, -1)
        if (year, month) <= (today.year, today.month)
    ]


def period_figures(db: Database, period: str) -> list[ProjectFigures]:
    return [row.figures() for row in month_rows(db, period)]


def unit_figures(db: Database, period: str) -> list[GroupFigures]:
    """Units ranked by 占年度计划, each with its 开工率."""
    return rates.by_unit(period_figures(db, period), period)


def industry_figures(db: Database, period: str) -> list[GroupFigures]:
    return rates.by_industry(period_figures(db, period), period)


def district_figures(db: Database, period: str) -> GroupFigures:
    return rates.group_total(rates.DISTRICT, period_figures(db, period), period)
