"""Demo 时间节点, 工作日志 and 周调度: what six months of scheduling leave behind.

Milestones follow each project's own dates: approvals in the months before its start,
开工 at its start, 主体完工 and 竣工验收 towards its planned end. Some approvals slip and
some are still missing at the demo date, so the timeline has late nodes to show. A
dispatch meeting is held every Monday of the first half of 2020; older follow-ups are
services already delivered, recent ones are problems still open.
"""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from jimo_desktop.demo.tracking_texts import (
    ATTENDEES,
    DECISIONS,
    DEPARTMENTS,
    LOG_LINES,
    PROBLEMS,
    SERVICES,
)
from jimo_desktop.domain.milestones import STANDARD_NODES, earliest_day
from jimo_desktop.domain.project import Project, Stage
from jimo_desktop.store import records
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.monthly.dispatches import PROBLEM, SERVICE, FollowUp, Meeting
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import milestones, work_logs
from jimo_desktop.store.tracking.milestones import NodePlan

FIRST_MEETING = date(2020, 1, 6)
SPRING_FESTIVAL = (date(2020, 1, 24), date(2020, 2, 2))
PROBLEMS_SINCE = date(2020, 5, 4)  # follow-ups before this are services long delivered
# Months before (-) or after the planned start at which each approval is planned.
_APPROVAL_MONTHS = {
    "proposal": -11,
    "feasibility": -9,
    "land_review": -8,
    "planning_permit": -6,
    "eia": -4,
    "construction_permit": -1,
}
# Who grants each approval in the district; construction nodes are the builder's.
_APPROVERS = {
    "proposal": "区发展和改革局",
    "feasibility": "区发展和改革局",
    "land_review": "区自然资源局",
    "planning_permit": "区自然资源局",
    "eia": "区生态环境分局",
    "construction_permit": "区行政审批服务局",
}
_STARTED = (Stage.STARTED, Stage.COMPLETED, Stage.PRODUCING)


def fill(db: Database, rng: random.Random, today: date) -> None:
    """Milestones for every project, work logs, and a dispatch meeting a week up to `today`."""
    ids = [row[0] for row in db.execute("SELECT id FROM projects WHERE deleted_at IS NULL")]
    every = [projects.get(db, project_id) for project_id in ids]
    with db.atomic():
        for project in every:
            milestones.add_nodes(db, project.id, _nodes(rng, project, today))
        for project in every:
            _work_logs(db, rng, project, today)
        _meetings(db, rng, every, today)


def _nodes(rng: random.Random, project: Project, today: date) -> list[NodePlan]:
    start = _first_day(project.planned_start) or date(today.year + 1, 3, 1)
    end = _first_day(project.planned_end) or _months_after(start, 24)
    planned = {code: _months_after(start, months) for code, months in _APPROVAL_MONTHS.items()}
    planned |= {
        "start": start,
        "structure_done": start + (end - start) * 3 // 5,
        "acceptance": end,
        "production": _months_after(end, 2),
    }
    nodes, waiting = [], False
    for node in STANDARD_NODES:
        if node.code == "production" and project.is_government:
            continue  # public works are handed over, not put into production
        # Approvals come one after another: none is granted while an earlier one is missing.
        actual = None if waiting else _actual(rng, node.code, planned[node.code], project, today)
        waiting = actual is None
        nodes.append(
            NodePlan(
                node.code,
                node.name,
                _planned_text(rng, planned[node.code]),
                actual.isoformat() if actual else None,
                _department(node.code),
            )
        )
    return nodes


def _actual(rng, code: str, planned: date, project: Project, today: date) -> date | None:
    """When the node was reached, if it was: a started project has all its approvals."""
    started = earliest_day(project.actual_start) if project.actual_start else None
    if code == "start":
        return started
    if started and project.stage in (Stage.COMPLETED, Stage.PRODUCING):
        end = min(today, max(earliest_day(project.actual_end or today.isoformat()), started))
        finished = {"structure_done": started + (end - started) * 2 // 3, "acceptance": end}
        if project.stage is Stage.PRODUCING:
            finished["production"] = min(today, end + timedelta(days=30))
        if code in finished:
            return finished[code]
    if code in _APPROVAL_MONTHS and started:
        slipped = planned + timedelta(days=rng.randrange(-20, 25))
        return min(slipped, started - timedelta(days=rng.randrange(3, 20)))
    if code in ("acceptance", "production") or (code == "structure_done" and not started):
        return None
    slip = rng.choice((-10, -3, 0, 5, 12, 25, 40, 75, None, None))
    day = planned + timedelta(days=slip) if slip is not None else None
    return day if day and day <= today else None


def _work_logs(db: Database, rng: random.Random, project: Project, today: date) -> None:
    """Government projects keep a log as the work plan demands; a few others do too."""
    if not project.is_government and rng.random() < 0.7:
        return
    first = date(today.year, 1, 2)
    working_days = [
        day
        for day in (first + timedelta(days=n) for n in range((today - first).days + 1))
        if day.weekday() < 5
    ]
    for when in sorted(rng.sample(working_days, rng.randrange(3, 9))):
        line = rng.choice(LOG_LINES).format(
            department=rng.choice(DEPARTMENTS),
            floor=rng.randrange(2, 18),
            month=max(1, when.month - 1),  # figures are reported for the month before
        )
        work_logs.add(db, project.id, line, logged_on=when.isoformat())


def _meetings(db: Database, rng: random.Random, every: list[Project], today: date) -> None:
    active = [p for p in every if p.stage in (*_STARTED, Stage.RESERVE)] or every
    held_on = FIRST_MEETING
    while held_on <= today:
        if not SPRING_FESTIVAL[0] <= held_on <= SPRING_FESTIVAL[1]:
            _meeting(db, rng, rng.sample(active, min(len(active), rng.randrange(3, 7))), held_on)
        held_on += timedelta(weeks=1)


def _meeting(db: Database, rng: random.Random, discussed: list[Project], held_on: date) -> None:
    follow_ups = [_follow_up(rng, project, held_on) for project in discussed[: rng.randrange(1, 4)]]
    decisions = "\n".join(
        f"{number}. {project.name}：{rng.choice(DECISIONS)}"
        for number, project in enumerate(discussed, start=1)
    )
    meeting = Meeting(
        held_on.isoformat(),
        attendees="、".join(["区发改局（重点项目办）", *rng.sample(ATTENDEES, 4)]),
        decisions=decisions,
        project_ids=tuple(project.id for project in discussed),
    )
    dispatch_id = dispatches.save_meeting(db, meeting, follow_ups)
    if held_on < PROBLEMS_SINCE:
        for follow_up in dispatches.follow_ups(db, dispatch_id):
            done_on = held_on + timedelta(days=rng.randrange(5, 30))
            values = {"done": 1, "done_on": done_on.isoformat()}
            records.update(db, "service_items", follow_up.record_id, values)


def _follow_up(rng: random.Random, project: Project, held_on: date) -> FollowUp:
    kind = PROBLEM if held_on >= PROBLEMS_SINCE and rng.random() < 0.7 else SERVICE
    deadline = held_on + timedelta(days=rng.choice((7, 14, 21, 30, 45)))
    text = rng.choice(PROBLEMS if kind == PROBLEM else SERVICES)
    return FollowUp(project.id, kind, text, rng.choice(DEPARTMENTS), deadline.isoformat())


def _planned_text(rng: random.Random, day: date) -> str:
    """Officers mostly plan by the month, sometimes to the day."""
    return day.isoformat() if rng.random() < 0.3 else day.isoformat()[:7]


def _department(code: str) -> str:
    return _APPROVERS.get(code, "项目建设单位")


def _first_day(iso: str | None) -> date | None:
    return earliest_day(iso) if iso else None


def _months_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))
