"""提醒: what needs attention when the program opens, judged on the business day.

Problems past or within a week of their deadline, milestones whose planned date passed with no
actual date, and projects on this year's list with no progress report for last month.
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum

from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.problems import (
    Attention,
    DeadlineState,
    deadline_day,
    deadline_note,
    deadline_state,
)
from jimo_desktop.store import problems, settings
from jimo_desktop.store.problems import ProblemFilter

DISMISSED_ON = "reminders_dismissed_on"


class ReminderKind(Enum):
    PROBLEM_OVERDUE = "问题逾期"
    PROBLEM_NEAR = "问题临近时限"
    MILESTONE_LATE = "节点滞后"
    PROGRESS_MISSING = "月报未报"


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    project_id: int
    project_name: str
    text: str
    due: str | None  # the date it runs against, ISO
    note: str  # "逾期12天", "剩3天"
    record_id: int | None = None  # the problem or milestone to open; None for a project


def reminders(db: Database) -> list[Reminder]:
    """Everything that needs attention today, the most pressing kind first."""
    today = settings.today(db)
    return [
        *_problems(db, Attention.OVERDUE, ReminderKind.PROBLEM_OVERDUE),
        *_problems(db, Attention.NEAR, ReminderKind.PROBLEM_NEAR),
        *_late_milestones(db, today),
        *_missing_progress(db, today),
    ]


def previous_month(today: date) -> str:
    """ "2020-06-30" → "2020-05"; January looks back to December of the year before."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def dismissed_today(db: Database) -> bool:
    return settings.get(db, DISMISSED_ON) == settings.today(db).isoformat()


def dismiss_for_today(db: Database) -> None:
    """The officer has seen today's list; the next opening today does not show it again."""
    settings.put(db, DISMISSED_ON, settings.today(db).isoformat())


def _problems(db: Database, attention: Attention, kind: ReminderKind) -> list[Reminder]:
    rows = problems.list_problems(db, ProblemFilter(status=attention))
    rows.sort(key=lambda row: (deadline_day(row.deadline), row.id))
    return [
        Reminder(
            kind,
            row.project_id,
            row.project_name,
            f"{row.description}（{row.responsible_unit or '未定责任单位'}）",
            row.deadline,
            row.deadline_note,
            row.id,
        )
        for row in rows
    ]


def _late_milestones(db: Database, today: date) -> list[Reminder]:
    rows = db.execute(
        "SELECT m.id, m.project_id, p.name, m.name, m.planned_on, m.responsible_unit"
        " FROM milestones m JOIN projects p ON p.id = m.project_id"
        " WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL"
        # ISO text compares as dates do; a year-month sorts before the days of its month, so
        # this keeps every milestone that can be late and the rule below decides each.
        " AND m.actual_on IS NULL AND m.planned_on < ?",
        [today.isoformat()],
    ).fetchall()
    late = [row for row in rows if deadline_state(row[4], False, today) is DeadlineState.OVERDUE]
    late.sort(key=lambda row: (deadline_day(row[4]), row[0]))
    return [
        Reminder(
            ReminderKind.MILESTONE_LATE,
            project_id,
            project_name,
            f"{name}：计划{format_partial_date(planned_on)}，尚未完成"
            + (f"（{unit}）" if unit else ""),
            planned_on,
            deadline_note(planned_on, False, today),
            milestone_id,
        )
        for milestone_id, project_id, project_name, name, planned_on, unit in late
    ]


def _missing_progress(db: Database, today: date) -> list[Reminder]:
    period = previous_month(today)
    rows = db.execute(
        "SELECT p.id, p.name FROM projects p"
        " JOIN project_years y ON y.project_id = p.id AND y.year = ?"
        " WHERE p.deleted_at IS NULL AND NOT EXISTS ("
        "   SELECT 1 FROM progress_reports r"
        "   WHERE r.project_id = p.id AND r.period = ? AND r.deleted_at IS NULL)"
        " ORDER BY p.name, p.id",
        [today.year, period],
    ).fetchall()
    month = format_partial_date(period)
    return [
        Reminder(
            ReminderKind.PROGRESS_MISSING,
            project_id,
            name,
            f"未报{month}进度",
            period,
            "",
        )
        for project_id, name in rows
    ]
