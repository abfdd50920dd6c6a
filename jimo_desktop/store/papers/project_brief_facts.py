"""What a 项目简报 prints of one project, read through the store modules that own each list.

Rows leave here as text, in the order and wording of the project's page, so the brief and
the screen say the same thing.
"""

from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.briefing_facts import CardLine, ProjectFacts
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.inspection_facts import evidence_caption
from jimo_desktop.domain.lights import GREEN
from jimo_desktop.domain.milestones import Milestone, milestone_lateness
from jimo_desktop.domain.money import format_wan
from jimo_desktop.domain.project import Project
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.papers.briefing_facts import OTHER_CATEGORY
from jimo_desktop.store.project_library import lights, projects
from jimo_desktop.store.site_visits import photos
from jimo_desktop.store.tracking import milestones, problems, three_lists, work_logs

LATEST_LOGS = 10
Rows = tuple[tuple[str, ...], ...]


def project_facts(
    db: Database, project_id: int, period: str, photos_at_most: int | None = None
) -> ProjectFacts:
    """The project as it stood at the month's end; its site photos taken by then, latest
    first, all of them or the first `photos_at_most`."""
    project = projects.get(db, project_id)
    year = rates.check_period(period)[0]
    day = as_of.period_end(period)
    # The light, the nodes and the problems as they stood at the month's end: the brief's
    # wording and its own tables agree, and a past month's brief says what was true then.
    light = lights.evaluate_year(db, year, period).get(project_id, GREEN)
    nodes = [milestones.as_it_stood(node, day) for node in milestones.for_project(db, project_id)]
    return ProjectFacts(
        project_id=project_id,
        name=project.name,
        period=period,
        today=settings.today(db),
        card=_card(db, project),
        figures=_figures(db, project, period),
        light=light.colour.label,
        light_reasons=light.reasons,
        milestones=tuple(nodes),
        milestone_rows=_milestone_rows(nodes, day),
        problem_rows=_problem_rows(db, project_id, day),
        policy_rows=_policy_rows(db, project_id),
        service_rows=_service_rows(db, project_id),
        log_rows=_log_rows(db, project_id, day),
        progress_rows=_progress_rows(db, project_id, period),
        photos=_photos(db, project_id, day, photos_at_most),
    )


def _joined(*parts: str | None, separator: str = " ") -> str:
    return separator.join(part for part in parts if part)


def _wan(cents: int | None) -> str:
    return f"{format_wan(cents)}万元" if cents is not None else ""


def _card(db: Database, project: Project) -> tuple[CardLine, ...]:
    listings = "；".join(
        f"{listing.year}年{listing.level.label if listing.level else ''}"
        f"（年度计划{format_wan(listing.annual_plan) or '—'}万元）"
        for listing in project.years
    )
    planned = (format_partial_date(project.planned_start), format_partial_date(project.planned_end))
    approvals = (project.land_status, project.planning_status, project.demolition_status)
    lines = (
        ("项目代码", project.code),
        ("区位", dictionaries.names_by_id(db, "units").get(project.unit_id, "")),
        ("所属产业", dictionaries.names_by_id(db, "industries").get(project.industry_id, "")),
        ("建设单位", project.builder),
        ("联系人", _joined(project.builder_contact, project.builder_phone)),
        ("建设性质", project.nature.label if project.nature else ""),
        ("项目阶段", project.stage.label),
        ("总投资", _wan(project.total_investment)),
        ("建设内容", project.scale),
        ("建设地点", project.location),
        ("计划工期", _joined(*planned, separator="—")),
        ("实际开工", format_partial_date(project.actual_start)),
        ("责任单位", _joined(project.responsible_unit, project.responsible_person)),
        ("挂钩领导", project.leader),
        ("重点项目", listings),
        ("前期手续", _joined(*approvals, separator="；")),
    )
    return tuple(CardLine(label, value) for label, value in lines if value)


def _figures(db: Database, project: Project, period: str) -> tuple[CardLine, ...]:
    """The month's figures: the report of `period`, or the latest one before it."""
    months = [month for month in progress.project_months(db, project.id) if month.period <= period]
    if not months:
        return (CardLine("月度进度", f"截至{rates.period_label(period)}尚未报送"),)
    month, report = months[0], months[0].report
    completed, plan = report.completed_this_year, month.annual_plan
    ahead = rates.ahead_of_time_progress(completed, plan, month.period)
    lines = (
        ("报送月份", rates.period_label(month.period)),
        ("年度计划投资", _wan(plan)),
        (f"{rates.cumulative_label(month.period)}累计完成", _wan(completed)),
        ("占年度计划", rates.format_percent(rates.completion_rate(completed, plan))),
        ("超时序进度", f"{rates.format_points(ahead)}个百分点" if ahead is not None else ""),
        ("开工至今累计", _wan(report.completed_since_start)),
        ("形象进度", report.image_progress),
        ("纳统情况", rates.statistics_text(report.in_statistics)),
    )
    return tuple(CardLine(label, value) for label, value in lines if value)


def _progress_rows(db: Database, project_id: int, period: str) -> Rows:
    """This year's months up to `period`, oldest first: 累计完成, 占年度计划, 形象进度."""
    year = period[:4]
    months = [m for m in progress.project_months(db, project_id) if year <= m.period <= period]
    return tuple(
        (
            rates.period_label(month.period),
            format_wan(month.report.completed_this_year),
            rates.format_percent(
                rates.completion_rate(month.report.completed_this_year, month.annual_plan)
            ),
            month.report.image_progress,
        )
        for month in reversed(months)
    )


def _milestone_rows(nodes: list[Milestone], today: date) -> Rows:
    return tuple(
        (
            node.name,
            format_partial_date(node.planned_on),
            format_partial_date(node.actual_on),
            node.responsible_unit,
            milestone_lateness(node, today).describe(),
        )
        for node in nodes
    )


def _problem_rows(db: Database, project_id: int, day: date) -> Rows:
    """The problems still open or being coordinated on `day`, as the problem list shows them."""
    return tuple(
        (
            row.category or OTHER_CATEGORY,
            row.description,
            row.responsible_unit,
            format_partial_date(row.deadline),
            row.status.label,
            row.deadline_note,
        )
        for row in problems.as_of(db, day, {project_id})
        if not row.status.settled
    )


def _policy_rows(db: Database, project_id: int) -> Rows:
    return tuple(
        (item.policy, item.state.label, item.note) for item in three_lists.policies(db, project_id)
    )


def _service_rows(db: Database, project_id: int) -> Rows:
    return tuple(
        (
            item.promise,
            item.provider,
            format_partial_date(item.due_on),
            "已办结" if item.done else (item.deadline_note or "办理中"),
        )
        for item in three_lists.services(db, project_id)
    )


def _log_rows(db: Database, project_id: int, day: date) -> Rows:
    """The latest log lines written by `day`: a past month's brief tells what was known then."""
    written = [
        entry for entry in work_logs.for_project(db, project_id) if entry.logged_on <= str(day)
    ]
    entries = written[:LATEST_LOGS]
    return tuple(
        (format_partial_date(entry.logged_on), entry.content, entry.author) for entry in entries
    )


def _photos(
    db: Database, project_id: int, day: date, most: int | None
) -> tuple[tuple[bytes, str], ...]:
    """The inspection photos taken by `day`, latest first, each captioned as evidence."""
    found = []
    taken = [
        photo for photo in photos.for_project(db, project_id) if photo.inspected_on <= str(day)
    ]
    for photo in taken[:most]:
        image = photos.image(db, photo.entry.file_sha256)
        if image:
            entry = photo.entry
            caption = evidence_caption(
                entry.caption,
                entry.original_name,
                photo.place,
                entry.taken_at,
                photo.inspected_on,
                entry.latitude,
                entry.longitude,
            )
            found.append((image, caption))
    return tuple(found)
