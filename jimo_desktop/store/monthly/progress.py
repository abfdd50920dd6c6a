"""月推进: one progress report per project and month (1-N月累计, 开工至今累计, 形象进度 …).

The month grid reads every listed project of a year with its report for the month, saves a
whole month in one transaction, and hands the figures to domain/progress for the rates.
"""

import dataclasses
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.progress import GroupFigures, ProjectFigures, SavedCumulative
from jimo_desktop.domain.project import Stage
from jimo_desktop.store import edit_conflicts, engine, records, settings
from jimo_desktop.store.project_library import listings, statistics

TABLE = "progress_reports"
# What a month's report says, as the grid and the 调度表 have it. 纳统 is among them for the
# officer, but its home is the project (store/project_library/statistics.py): the report rows keep
# the rest.
REPORT_FIELDS = (
    "completed_this_year",
    "completed_since_start",
    "image_progress",
    "in_statistics",
    "problems_noted",
)
STORED_FIELDS = tuple(field for field in REPORT_FIELDS if field != "in_statistics")
Outcome = Literal["added", "updated", "unchanged"]


class ProgressError(ValueError):
    """Figures that cannot be saved; the message names each project and what is wrong."""


@dataclass(frozen=True)
class MonthReport:
    completed_this_year: int | None = None
    completed_since_start: int | None = None
    image_progress: str = ""
    in_statistics: bool | None = None  # the project's 纳统 at the month's end; None: not counted
    problems_noted: str = ""

    def is_blank(self) -> bool:
        """Nothing reported this month; 纳统 is the project's and does not count."""
        return MonthReport(**self.stored_values()) == MonthReport()

    def values(self) -> dict[str, object]:
        return {field: getattr(self, field) for field in REPORT_FIELDS}

    def stored_values(self) -> dict[str, object]:
        return {field: getattr(self, field) for field in STORED_FIELDS}


@dataclass(frozen=True)
class GridRow:
    """One listed project in the month grid, with its saved report (blank when none)."""

    project_id: int
    name: str
    unit: str
    industry: str
    stage: Stage  # at the end of the month, from the actual dates
    actual_start: str | None
    actual_end: str | None
    total_investment: int | None
    annual_plan: int | None
    project_in_statistics: bool  # 纳统 at the end of the month
    report: MonthReport
    has_report: bool
    batch: Stage | None = None  # the listing's 四个一批 target at the end of the month

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
            batch=self.batch,
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
       p.actual_end, p.total_investment, y.annual_plan, p.in_statistics, p.statistics_date,
       y.batch, y.added_on, y.withdrawn_on, r.id,
       r.completed_this_year, r.completed_since_start, r.image_progress, r.problems_noted
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
    projects) that need not hold them all.

    Everything is as it stood at the end of `period` (or of `year` when that is earlier): the
    projects then on the year's list, their stage, 纳统 and batch then.
    """
    year = year or rates.check_period(period)[0]
    day = min(as_of.period_end(period), as_of.period_end(f"{year}-12"))
    extra, params = _filter_sql(wanted or GridFilter())
    params |= {"period": period, "year": year}
    adjustments = listings.adjustments(db, year)
    for values in db.execute(_ROWS.format(extra=extra), params):
        if as_of.listed_on(values[12], values[13], day):
            yield _grid_row(values, day, adjustments.get(values[0], ()))


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


def _grid_row(row: tuple, day, adjustments) -> GridRow:
    counted = as_of.in_statistics_on(bool(row[9]), row[10], day)
    batch_now = Stage(row[11]) if row[11] else None
    batch = as_of.batch_on(batch_now, adjustments, day)
    return GridRow(
        project_id=row[0],
        name=row[1],
        unit=row[2],
        industry=row[3],
        stage=as_of.stage_on(Stage(row[4]), row[5], row[6], day, batch or Stage.RESERVE),
        actual_start=row[5],
        actual_end=row[6],
        total_investment=row[7],
        annual_plan=row[8],
        project_in_statistics=counted,
        report=_report(row[15:19], counted),
        has_report=row[14] is not None,
        batch=batch,
    )


def _report(values: tuple, counted: bool) -> MonthReport:
    this_year, since_start, image, problems = values
    return MonthReport(
        completed_this_year=this_year,
        completed_since_start=since_start,
        image_progress=image or "",
        in_statistics=True if counted else None,
        problems_noted=problems or "",
    )


def save_month(
    db: Database,
    period: str,
    reports: Mapping[int, MonthReport],
    shown: Mapping[int, MonthReport] | None = None,
) -> SaveCounts:
    """Save the month's reports of many projects in one transaction: all or nothing, in a few
    statements whatever their number (the office database answers each over the network).

    A report left blank where one was saved is deleted (softly, so the history can restore it);
    its 纳统 goes to the project (store/project_library/statistics.py). `shown` is each project's
    report as the grid showed it: if one was saved since, nothing is written (SavedMeanwhile says
    who, when and which figures).
    """
    rates.check_period(period)
    _refuse_bad_figures(db, reports)
    ids = list(reports)
    with db.atomic():
        edit_conflicts.lock_rows(db, "projects", ids)
        kept = {
            key[0]: found for key, found in _kept_reports(db, [(i, period) for i in ids]).items()
        }
        counted = statistics.kept(db, ids)
        if shown is not None:
            _refuse_if_saved_meanwhile(db, period, reports, shown, kept, counted)
        said = [(pid, period, report.in_statistics) for pid, report in reports.items()]
        recounted = _record_statistics(db, said, counted, strict=True)
        return _write_month(db, period, reports, kept, recounted)


@dataclass(frozen=True)
class _Kept:
    """A project's stored report of the month, deleted or not."""

    id: int
    deleted: bool
    values: dict[str, object]  # STORED_FIELDS


def _kept_reports(db: Database, wanted: list[tuple[int, str]]) -> dict[tuple[int, str], _Kept]:
    """(project, month) → its stored report, deleted or not, for each pair wanted."""
    rows = db.execute(
        f"SELECT project_id, period, id, deleted_at IS NOT NULL, {', '.join(STORED_FIELDS)}"
        f" FROM {TABLE} WHERE project_id IN {engine.json_values(db)}"
        f" AND period IN {engine.json_values(db, kind='text')}",
        [json.dumps([pair[0] for pair in wanted]), json.dumps([pair[1] for pair in wanted])],
    )
    pairs = set(wanted)
    return {
        (row[0], row[1]): _Kept(
            row[2], bool(row[3]), dict(zip(STORED_FIELDS, row[4:], strict=True))
        )
        for row in rows
        if (row[0], row[1]) in pairs
    }


class SavedMeanwhile(ProgressError):
    """Reports of the month someone saved after the grid read them; nothing was written."""

    def __init__(self, period: str, changed: list[edit_conflicts.EditedMeanwhile]):
        self.period, self.changed = period, changed
        super().__init__(self.words())

    def words(self, most: int | None = None) -> str:
        """Who saved which project when, each figure side by side; the first `most` projects
        and their number when there are more."""
        month = rates.period_label(self.period)
        lines = [f"下列项目{month}的月报在您打开后已由他人保存，本月的修改均未保存："]
        for project in self.changed[:most]:
            when = project.at.replace("T", " ")
            lines.append(f"「{project.title}」由{project.officer}于{when}保存：")
            lines += [f"  {field.words(project.officer)}" for field in project.fields]
        if most is not None and len(self.changed) > most:
            lines.append(f"……共{len(self.changed)}个项目")
        return "\n".join(lines)


def _refuse_if_saved_meanwhile(
    db: Database,
    period: str,
    reports: Mapping[int, MonthReport],
    shown: Mapping[int, MonthReport],
    kept: Mapping[int, _Kept],
    counted: Mapping[int, statistics.Kept],
) -> None:
    changed = []
    for project_id, opened in shown.items():
        if project_id not in reports or project_id not in counted:
            continue
        report_kept = kept.get(project_id)
        live = report_kept is not None and not report_kept.deleted
        values = tuple(report_kept.values.values()) if live else (None,) * len(STORED_FIELDS)
        stored = _report(values, counted[project_id].on(period))
        theirs = _differences(opened, stored)
        if not theirs:
            continue
        where = (TABLE, report_kept.id) if live and theirs.keys() - {"in_statistics"} else None
        try:
            edit_conflicts.refuse_if_changed(
                db,
                *(where or ("projects", project_id)),
                counted[project_id].name,
                theirs,
                _differences(opened, _said_over(opened, reports[project_id])),
                {},
            )
        except edit_conflicts.EditedMeanwhile as project:
            changed.append(project)
    if changed:
        raise SavedMeanwhile(period, changed)


def _said_over(opened: MonthReport, report: MonthReport) -> MonthReport:
    """The report as it would stand: a 纳统 not said (None) leaves the project's as it was."""
    if report.in_statistics is None:
        return dataclasses.replace(report, in_statistics=opened.in_statistics)
    return report


def _differences(base: MonthReport, other: MonthReport) -> dict[str, tuple[object, object]]:
    return {
        field: (getattr(base, field), getattr(other, field))
        for field in REPORT_FIELDS
        if getattr(base, field) != getattr(other, field)
    }


def _record_statistics(
    db: Database,
    said: list[tuple[int, str, bool | None]],
    counted: Mapping[int, statistics.Kept],
    *,
    strict: bool,
) -> set[int]:
    """What each (project, month, 纳统) says, to the project; the projects whose 纳统 changed.
    A project is said at most once."""
    changes, problems = {}, []
    for project_id, period, flag in said:
        if flag is None:
            continue
        if project_id not in counted:
            raise LookupError(f"项目 {project_id} 不存在")
        try:
            new = statistics.month_state(counted[project_id], period, flag, strict=strict)
        except statistics.StatisticsError as error:
            problems.append(str(error))
            continue
        if new is not None:
            changes[project_id] = (counted[project_id], new)
    if problems:
        raise ProgressError("\n".join(problems))
    return set(statistics.write_many(db, changes))


@dataclass
class _Writes:
    """What a batch does to the reports: report ids to delete, to restore, to change (with
    the fields given), and new rows."""

    removed: list[int] = dataclasses.field(default_factory=list)
    restored: list[int] = dataclasses.field(default_factory=list)
    changed: dict[int, dict[str, object]] = dataclasses.field(default_factory=dict)
    new: list[dict[str, object]] = dataclasses.field(default_factory=list)

    def write(self, db: Database) -> set[int]:
        """A statement or two for each kind; the ids of the reports restored or changed."""
        records.delete_many(db, TABLE, self.removed)
        records.restore_many(db, TABLE, self.restored)
        rewritten = {*records.update_many(db, TABLE, self.changed), *self.restored}
        records.insert_many(db, TABLE, self.new)
        return rewritten


def _write_month(
    db: Database,
    period: str,
    reports: Mapping[int, MonthReport],
    kept: Mapping[int, _Kept],
    recounted: set[int],
) -> SaveCounts:
    writes = _Writes()
    for project_id, report in reports.items():
        report_kept = kept.get(project_id)
        if report.is_blank():
            if report_kept is not None and not report_kept.deleted:
                writes.removed.append(report_kept.id)
        elif report_kept is None:
            writes.new.append(
                {"project_id": project_id, "period": period, **report.stored_values()}
            )
        else:
            if report_kept.deleted:
                writes.restored.append(report_kept.id)
            writes.changed[report_kept.id] = report.stored_values()
    rewritten = writes.write(db)
    updated = 0
    for project_id, report in reports.items():
        report_kept = kept.get(project_id)
        if report.is_blank():
            was_removed = report_kept is not None and report_kept.id in writes.removed
            updated += project_id in recounted and not was_removed
        elif report_kept is not None:
            updated += project_id in recounted or report_kept.id in rewritten
    return SaveCounts(len(writes.new), updated, len(writes.removed))


def _refuse_bad_figures(db: Database, reports: Mapping[int, MonthReport]) -> None:
    problems = []
    for project_id, report in reports.items():
        found = rates.check_report(report.completed_this_year, report.completed_since_start)
        if found:
            name = db.execute("SELECT name FROM projects WHERE id = ?", [project_id]).fetchone()
            problems.append(f"{name[0] if name else project_id}：{'；'.join(found.values())}")
    if problems:
        raise ProgressError("\n".join(problems))


def upsert_report(
    db: Database,
    project_id: int,
    period: str,
    values: Mapping[str, object],
    *,
    strict: bool = False,
) -> Outcome:
    """Add the month's report or change the fields given; the same figures again change nothing.

    A report deleted before is brought back rather than duplicated (one report a month). 纳统,
    when given, is written to the project (its one home), never to the report.
    """
    return upsert_reports(db, [(project_id, period, values)], strict=strict)[0]


def upsert_reports(
    db: Database, rows: Sequence[tuple[int, str, Mapping[str, object]]], *, strict: bool = False
) -> list[Outcome]:
    """upsert_report for many (project, month, fields) in one transaction and a few statements
    however many they are (an import of a 调度表). A project given again (another month, or
    the same one twice) is written after its first, as if one after the other."""
    for _, _, values in rows:
        unknown = set(values) - set(REPORT_FIELDS)
        if unknown:
            raise ValueError(f"not progress report fields: {sorted(unknown)}")
    outcomes: list[Outcome] = ["unchanged"] * len(rows)
    with db.atomic():
        for batch in _one_per_project([project_id for project_id, _, _ in rows]):
            written = _upsert_batch(db, [rows[index] for index in batch], strict)
            for index, outcome in zip(batch, written, strict=True):
                outcomes[index] = outcome
    return outcomes


def _new_row(project_id: int, period: str, stored: dict[str, object]) -> dict[str, object]:
    """A new report with the fields given, the others blank (rows inserted together name the
    same columns)."""
    blank = MonthReport().stored_values().items()
    row = {"project_id": project_id, "period": period, **stored}
    return row | {name: value for name, value in blank if name not in stored}


def _one_per_project(project_ids: list[int]) -> list[list[int]]:
    """The rows' positions in batches that hold each project at most once, in their order."""
    batches: list[list[int]] = []
    seen: dict[int, int] = {}
    for index, project_id in enumerate(project_ids):
        number = seen[project_id] = seen.get(project_id, -1) + 1
        if number == len(batches):
            batches.append([])
        batches[number].append(index)
    return batches


def _upsert_batch(
    db: Database, rows: list[tuple[int, str, Mapping[str, object]]], strict: bool
) -> list[Outcome]:
    kept = _kept_reports(db, [(project_id, period) for project_id, period, _ in rows])
    said = [
        (
            pid,
            period,
            None if values.get("in_statistics") is None else bool(values["in_statistics"]),
        )
        for pid, period, values in rows
    ]
    counted = statistics.kept(db, [pid for pid, _, flag in said if flag is not None])
    recounted = _record_statistics(db, said, counted, strict=strict)
    writes, planned = _Writes(), []
    for project_id, period, values in rows:
        stored = {name: value for name, value in values.items() if name in STORED_FIELDS}
        report_kept = kept.get((project_id, period))
        blank = MonthReport(**stored).is_blank()
        if report_kept is None and not blank:
            writes.new.append(_new_row(project_id, period, stored))
            planned.append("added")
        elif report_kept is None or (report_kept.deleted and blank):
            planned.append("unchanged")
        else:
            if report_kept.deleted:
                writes.restored.append(report_kept.id)
            writes.changed[report_kept.id] = stored
            planned.append(report_kept.id)
    rewritten = writes.write(db)
    outcomes: list[Outcome] = []
    for (project_id, _, _), plan in zip(rows, planned, strict=True):
        outcome = (
            plan if isinstance(plan, str) else ("updated" if plan in rewritten else "unchanged")
        )
        outcomes.append(
            "updated" if project_id in recounted and outcome == "unchanged" else outcome
        )
    return outcomes


def project_months(db: Database, project_id: int) -> list[ProjectMonth]:
    """The project's reports, newest month first, each with its year's annual plan."""
    rows = db.execute(
        f"""SELECT r.period, y.annual_plan, r.completed_this_year, r.completed_since_start,
                   r.image_progress, r.problems_noted, p.in_statistics, p.statistics_date
            FROM {TABLE} r
            JOIN projects p ON p.id = r.project_id
            LEFT JOIN project_years y ON y.project_id = r.project_id
                                     AND y.year = CAST(substr(r.period, 1, 4) AS INTEGER)
            WHERE r.project_id = ? AND r.deleted_at IS NULL ORDER BY r.period DESC""",
        [project_id],
    ).fetchall()
    return [
        ProjectMonth(
            row[0],
            row[1],
            _report(
                row[2:6], as_of.in_statistics_on(bool(row[6]), row[7], as_of.period_end(row[0]))
            ),
        )
        for row in rows
    ]


Around = tuple[SavedCumulative | None, SavedCumulative | None]

# The project's saved 1-N月累计 of the nearest month before (or after) :period in its year.
_NEAREST = """
SELECT r.project_id, r.period, r.completed_this_year
FROM progress_reports r
JOIN (SELECT project_id, {pick}(period) AS period FROM progress_reports
      WHERE deleted_at IS NULL AND completed_this_year IS NOT NULL
        AND period {side} :period AND substr(period, 1, 4) = :year
        AND project_id IN {ids}
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
        query = _NEAREST.format(pick=pick, side=operator, ids=engine.json_values(db, ":ids"))
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
