"""Demo 月推进: monthly reports for every month of last year and of this year up to the
business date's month (the demo's 2020-06-30 closes June), for each listed project that had
started, summing plausibly against the annual plans.

Most projects run a little ahead of 时序进度 (the district lands a few points over it), a
sixth trail by 10–30 points and a few by more, so the lights and the unit ranking have
something to say. A few projects have not reported the latest month yet.
"""

import random
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain.progress import check_period, has_started
from jimo_desktop.store import records, settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import GridRow, MonthReport

# Cumulative share of a year's work done by the end of each month: slow around the Spring
# Festival, half by June, as the bureau's yearly curves run.
_YEAR_CURVE = (0.04, 0.09, 0.17, 0.26, 0.38, 0.50, 0.58, 0.66, 0.74, 0.83, 0.92, 1.00)
_PACES = (  # (weight, lowest, highest): completion against plan, relative to the curve
    (0.70, 0.95, 1.22),
    (0.05, 1.40, 1.70),
    (0.17, 0.42, 0.78),
    (0.08, 0.08, 0.36),
)
_IMAGE_STEPS = (
    (0.08, "土方开挖"),
    (0.18, "基础施工"),
    (0.40, "主体施工"),
    (0.50, "主体封顶"),
    (0.62, "二次结构施工"),
    (0.76, "装饰装修"),
    (0.88, "设备安装调试"),
    (0.96, "室外配套工程"),
    (1.01, "竣工验收"),
)
_LAGGING_CAUSES = (
    "受疫情影响，施工人员未全部到岗",
    "土地手续正在办理，影响施工进度",
    "建设资金未完全到位",
    "部分拆迁尚未完成",
    "设备采购周期延长",
    "施工图审查未完成",
)
_NORMAL_PACE = _PACES[0][1]  # slower than this, a project is one of the laggards
_MOST_AHEAD = 0.3  # no project runs more than 30 points ahead of the year's curve
_CORRECTING_OFFICER = "王晓燕"
_MISSING_LATEST = 6  # projects that have not reported the latest month yet
_CORRECTIONS = 5  # reports corrected after entry, so the history shows old → new


@dataclass
class _Course:
    """How one project's year runs: its pace, and what it had done before the year."""

    pace: float
    done_before: int
    start_month: int  # first month of the year in which it worked
    end_month: int | None  # month it was completed, if in this year
    ceiling: int  # the most it can do this year within its total investment


def fill(db: Database, rng: random.Random, today: date) -> None:
    year, last_month = today.year, today.month
    latest = f"{year}-{last_month:02d}"
    rows: list[dict] = []
    done_before: dict[int, int] = {}
    late: set[int] = set()
    this_year = progress.month_rows(db, latest)
    # Last year leaves room in each total investment for the work planned this year.
    reserves = {
        row.project_id: int((row.annual_plan or 0) * (_YEAR_CURVE[last_month - 1] + _MOST_AHEAD))
        for row in this_year
    }
    for report_year, months in ((year - 1, 12), (year, last_month)):
        last_year = report_year < year
        listed = progress.month_rows(db, f"{report_year}-12") if last_year else this_year
        courses = _courses(rng, listed, report_year, done_before, reserves if last_year else {})
        if not last_year:
            late = set(rng.sample(sorted(courses), min(_MISSING_LATEST, len(courses))))
        _calibrate(rng, listed, courses, months, late)
        for project in listed:
            if project.project_id in courses:
                course = courses[project.project_id]
                rows += _year_reports(rng, project, report_year, months, course, done_before)
    kept = [row for row in rows if row["period"] != latest or row["project_id"] not in late]
    records.insert_many(db, progress.TABLE, kept)
    _correct_some(db, rng, latest)


def _courses(rng, listed: list[GridRow], year: int, done_before, reserves) -> dict[int, _Course]:
    """The course of each listed project that worked in `year`."""
    found = {}
    for project in listed:
        course = _course(rng, project, year, done_before, reserves)
        if course is not None:
            found[project.project_id] = course
    return found


def _course(rng, project: GridRow, year: int, done_before, reserves) -> _Course | None:
    if not project.annual_plan or not has_started(
        project.stage, project.actual_start, f"{year}-12"
    ):
        return None
    start_year, start_month = check_period((project.actual_start or f"{year}-01")[:7])
    first_month = start_month if start_year == year else 1
    before = done_before.get(project.project_id)
    if before is None:
        # Leave room for this year's work within the total investment.
        room = _total(project) - int(project.annual_plan * (1 + _MOST_AHEAD))
        before = int(_total(project) * min(0.6, (year - start_year) * rng.uniform(0.15, 0.3)))
        before = max(0, min(before, room))
    end_month = None
    if project.actual_end and int(project.actual_end[:4]) <= year:
        end_year, month = check_period(project.actual_end[:7])
        # Finished in an earlier year yet listed again: its last payments fall in January.
        end_month = max(first_month, month) if end_year == year else first_month
    ceiling = max(0, _total(project) - before - reserves.get(project.project_id, 0))
    return _Course(_pace(rng), before, first_month, end_month, ceiling)


def _calibrate(rng, listed: list[GridRow], courses: dict[int, _Course], months, late) -> None:
    """Speed up or slow down the projects on a normal pace so that the district as a whole
    lands a few points over 时序进度, whatever the draw of stages and plans, within what a
    project can plausibly do; the `late` projects, whose latest report is missing, count
    for nothing.
    """
    target = sum(p.annual_plan or 0 for p in listed) * (months / 12 + rng.uniform(0.02, 0.08))
    counted = [
        (project, courses[project.project_id])
        for project in listed
        if project.project_id in courses and project.project_id not in late
    ]
    normal = [c.end_month is None and c.pace >= _NORMAL_PACE for _, c in counted]
    factor = 1.0
    # A project that reaches its total investment stops helping, so adjust a few times.
    for _ in range(4):
        fixed = adjustable = 0.0
        for (project, course), is_normal in zip(counted, normal, strict=True):
            done, capped = _year_done(project, course, months, factor if is_normal else 1.0)
            if is_normal and not capped:
                adjustable += done
            else:
                fixed += done
        if not adjustable:
            break
        factor = min(max(factor * (target - fixed) / adjustable, 0.8), 2.0)
    for (_, course), is_normal in zip(counted, normal, strict=True):
        if is_normal:
            course.pace = min(course.pace * factor, _fastest(months))


def _year_done(project: GridRow, course: _Course, months: int, factor: float):
    """What the project will have done by the last month, and whether its total capped that."""
    pace = min(course.pace * factor, _fastest(months))
    share = 1.0 if course.end_month else pace * _YEAR_CURVE[months - 1]
    done = project.annual_plan * share
    return min(done, course.ceiling), done >= course.ceiling or pace == _fastest(months)


def _fastest(months: int) -> float:
    anchor = _YEAR_CURVE[months - 1]
    return (anchor + _MOST_AHEAD) / anchor


def _total(project: GridRow) -> int:
    return project.total_investment or project.annual_plan * 3


def _pace(rng: random.Random) -> float:
    weights = [weight for weight, _, _ in _PACES]
    _, low, high = rng.choices(_PACES, weights=weights)[0]
    return rng.uniform(low, high)


def _year_reports(rng, project: GridRow, year, months, course: _Course, done_before) -> list[dict]:
    """One report per month worked, cumulative and never falling."""
    anchor = _YEAR_CURVE[months - 1]
    before_start = _YEAR_CURVE[course.start_month - 2] if course.start_month > 1 else 0.0
    ceiling = course.ceiling
    reports, cumulative = [], 0
    for month in range(course.start_month, months + 1):
        if course.end_month is not None and month > course.end_month:
            share = 1.0
        elif course.end_month is not None:
            share = (month - course.start_month + 1) / (course.end_month - course.start_month + 1)
        else:
            progress_share = (_YEAR_CURVE[month - 1] - before_start) / (anchor - before_start)
            share = course.pace * anchor * progress_share
        target = int(project.annual_plan * share * rng.uniform(0.97, 1.03))
        target = min(target, ceiling) // 100 * 100 + rng.choice((0, 0, 50))
        cumulative = max(cumulative, min(target, ceiling))
        reports.append(_report(rng, project, f"{year}-{month:02d}", cumulative, course))
    done_before[project.project_id] = course.done_before + cumulative
    return reports


def _report(rng, project: GridRow, period: str, cumulative: int, course: _Course) -> dict:
    since_start = course.done_before + cumulative
    lagging = course.pace < 0.8 and course.end_month is None
    values = MonthReport(
        completed_this_year=cumulative,
        completed_since_start=since_start,
        image_progress=_image(since_start / _total(project), course.end_month is not None),
        problems_noted=rng.choice(_LAGGING_CAUSES) if lagging else "",
    ).stored_values()
    return {"project_id": project.project_id, "period": period, **values}


def _image(share: float, completed: bool) -> str:
    if completed:
        return "已竣工验收"
    return next((text for limit, text in _IMAGE_STEPS if share < limit), _IMAGE_STEPS[-1][1])


def _correct_some(db: Database, rng: random.Random, latest: str) -> None:
    """A colleague corrects a few of the latest figures, as happens after the statistics check."""
    reported = [row for row in progress.month_rows(db, latest) if row.has_report]
    officer = settings.officer(db)
    settings.put(db, settings.OFFICER, _CORRECTING_OFFICER)
    try:
        for row in rng.sample(reported, min(_CORRECTIONS, len(reported))):
            corrected = (row.report.completed_this_year or 0) + rng.randrange(5, 80) * 100
            since_start = max(row.report.completed_since_start or 0, corrected)
            progress.upsert_report(
                db,
                row.project_id,
                latest,
                {"completed_this_year": corrected, "completed_since_start": since_start},
            )
    finally:
        settings.put(db, settings.OFFICER, officer)
