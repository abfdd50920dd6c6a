"""The figures of a month for the bulletin and the charts, gathered from the other store modules.

Rates are never computed here: the monthly rows come from store/monthly/progress.py and go through
domain/progress.py, the lights from store/project_library/lights.py, problems from
store/tracking/problems.py and late milestones from store/tracking/milestones.py. This module only
selects and names.
"""

from collections.abc import Iterable
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.briefing_facts import (
    LaggingProject,
    ListingTotal,
    MonthlyFacts,
    MonthTotal,
    OverdueProblem,
    ProblemTally,
)
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.lights import GREEN, Colour, Light, milestone_reason
from jimo_desktop.domain.milestones import Milestone, milestone_lateness
from jimo_desktop.domain.problems import DeadlineState
from jimo_desktop.domain.wording import joined
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import GridFilter, GridRow
from jimo_desktop.store.project_library import lights
from jimo_desktop.store.tracking import milestones, problems

OTHER_CATEGORY = "其他"  # a problem filed under no category, as the bulletins name the rest


def latest_period(db: Database) -> str:
    """The month a bulletin most likely covers: the newest with reports, else the one due."""
    year = settings.current_year(db)
    return progress.latest_reported_period(db, year) or progress.default_period(db)


def monthly_facts(db: Database, period: str, wanted: GridFilter | None = None) -> MonthlyFacts:
    """Everything the month's bulletin and charts show, for the projects `wanted` selects,
    as it stood at the end of `period`: printed again a year later, it says the same."""
    wanted = wanted or GridFilter()
    day = as_of.period_end(period)
    rows = progress.month_rows(db, period, wanted)
    figures = [row.figures() for row in rows]
    listed = {row.project_id for row in rows}
    problem_rows = problems.as_of(db, day, listed)
    late_nodes = _late_nodes(db, listed, day)
    return MonthlyFacts(
        period=period,
        today=settings.today(db),
        scope=scope_text(db, wanted),
        time_progress=rates.time_progress(period),
        district=rates.group_total(rates.DISTRICT, figures, period),
        units=tuple(rates.by_unit(figures, period)),
        industries=tuple(rates.by_industry(figures, period)),
        batches=tuple(rates.four_batches(figures)),
        months=month_totals(db, period, wanted),
        listings=listing_totals(db, period, wanted),
        in_statistics=sum(_counted_in_statistics(row, period) for row in rows),
        problem_tallies=_tallies(problem_rows),
        overdue_problems=tuple(
            _overdue(row) for row in problem_rows if row.deadline_state is DeadlineState.OVERDUE
        ),
        lagging=lagging_projects(db, period, rows, late_nodes),
        late_milestones=sum(len(nodes) for nodes in late_nodes.values()),
    )


def scope_text(db: Database, wanted: GridFilter) -> str:
    """What the figures cover, as a chart title says it: 全区, or the chosen 区位 and 产业."""
    parts = []
    if wanted.unit_id is not None:
        parts.append(dictionaries.names_by_id(db, "units").get(wanted.unit_id, ""))
    if wanted.industry_id is not None:
        parts.append(dictionaries.names_by_id(db, "industries").get(wanted.industry_id, ""))
    if wanted.text.strip():
        parts.append(f"含“{wanted.text.strip()}”")
    return " · ".join(part for part in parts if part) or rates.DISTRICT


def month_totals(db: Database, period: str, wanted: GridFilter) -> tuple[MonthTotal, ...]:
    """1-N月累计 of the period's listed projects at the end of each month up to the period."""
    year, last = rates.check_period(period)
    totals = []
    for month in range(1, last + 1):
        rows = progress.month_rows(db, f"{year}-{month:02d}", wanted, year=year)
        completed = sum(row.report.completed_this_year or 0 for row in rows)
        totals.append(MonthTotal(month, completed))
    return tuple(totals)


def listing_totals(db: Database, period: str, wanted: GridFilter) -> tuple[ListingTotal, ...]:
    """Each year's key-project list up to the period's year, as it stood at the end of that
    year or, for the period's own year, at the end of the period."""
    last = rates.check_period(period)[0]
    years = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT year FROM project_years WHERE year <= ? ORDER BY year", [last]
        )
    ]
    totals = []
    for year in years:
        at = period if year == last else f"{year}-12"
        rows = progress.month_rows(db, at, wanted, year=year)
        totals.append(
            ListingTotal(
                year=year,
                projects=len(rows),
                annual_plan=sum(row.annual_plan or 0 for row in rows),
                total_investment=sum(row.total_investment or 0 for row in rows),
            )
        )
    return tuple(totals)


def lagging_projects(
    db: Database, period: str, rows: list[GridRow], late_nodes: dict[int, list[Milestone]]
) -> tuple[LaggingProject, ...]:
    """Projects under a yellow or red light or with a late milestone, worst first."""
    year = rates.check_period(period)[0]
    found_lights = lights.evaluate_year(db, year, period)
    leaders = _leaders(db, [row.project_id for row in rows])
    day = as_of.period_end(period)
    named = []
    for row in rows:
        light = found_lights.get(row.project_id, GREEN)
        nodes = late_nodes.get(row.project_id, [])
        if light.colour is Colour.GREEN and not nodes:
            continue
        # The nodes named replace the light's bare count of them.
        reasons = (
            *(
                reason
                for reason in light.reasons
                if not nodes or reason != milestone_reason(len(nodes))
            ),
            *_late_node_reasons(nodes, day),
        )
        named.append(_lagging(row, period, light, leaders.get(row.project_id, ""), reasons))
    return tuple(sorted(named, key=_severity))


def _late_node_reasons(nodes: list[Milestone], today: date) -> tuple[str, ...]:
    """ "时间节点逾期3个（施工许可逾期45天、开工…）": the count, and the first few named."""
    if not nodes:
        return ()
    named = "、".join(
        joined(node.name, milestone_lateness(node, today).describe().replace(" ", ""))
        for node in nodes[:2]
    )
    more = "等" if len(nodes) > 2 else ""
    return (f"时间节点逾期{len(nodes)}个（{named}{more}）",)


def _lagging(row: GridRow, period: str, light: Light, leader: str, reasons: tuple[str, ...]):
    completed, plan, reported = row.report.completed_this_year, row.annual_plan, row.has_report
    return LaggingProject(
        name=row.name,
        unit=row.unit,
        leader=leader,
        completion_rate=rates.completion_rate(completed, plan) if reported else None,
        ahead=rates.ahead_of_time_progress(completed, plan, period) if reported else None,
        light=light.colour.label,
        reasons=reasons,
    )


def _severity(project: LaggingProject):
    order = {Colour.RED.label: 0, Colour.YELLOW.label: 1}
    return order.get(project.light, 2), project.ahead if project.ahead is not None else 0


def _late_nodes(db: Database, listed: set[int], day: date) -> dict[int, list[Milestone]]:
    """Each listed project's milestones past their planned date and not reached by `day`."""
    found: dict[int, list[Milestone]] = {}
    for node in milestones.late(db, day):
        if node.project_id in listed:
            found.setdefault(node.project_id, []).append(node)
    return found


def _leaders(db: Database, project_ids: Iterable[int]) -> dict[int, str]:
    wanted = set(project_ids)
    rows = db.execute("SELECT id, leader FROM projects WHERE deleted_at IS NULL").fetchall()
    return {project_id: leader for project_id, leader in rows if project_id in wanted}


def _counted_in_statistics(row: GridRow, period: str) -> bool:
    """A project started and 纳统 by the end of the month (the project's 纳统 is its one home)."""
    return row.project_in_statistics and rates.has_started(row.stage, row.actual_start, period)


def _tallies(rows) -> tuple[ProblemTally, ...]:
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.category or OTHER_CATEGORY, row.status.label)
        counts[key] = counts.get(key, 0) + 1
    return tuple(
        ProblemTally(category, status, count) for (category, status), count in counts.items()
    )


def _overdue(row) -> OverdueProblem:
    return OverdueProblem(
        project=row.project_name,
        unit=row.unit,
        category=row.category or OTHER_CATEGORY,
        description=row.description,
        deadline=format_partial_date(row.deadline),
        responsible_unit=row.responsible_unit,
        note=row.deadline_note,
    )
