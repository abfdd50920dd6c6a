"""提醒: what needs attention when the program opens, judged on the business day.

Problems past or within a week of their deadline, milestones whose planned date passed with no
actual date, and projects on this year's list with no progress report for last month (and
how many 区位 they belong to: the units to chase).
"""

from collections.abc import Callable
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
from jimo_desktop.store import settings
from jimo_desktop.store.tracking import problems

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


@dataclass(frozen=True)
class TodaysReminders:
    shown: list[Reminder]  # the most pressing kind first, and within a kind the most pressing
    counts: dict[ReminderKind, int]  # how many of each kind there are, shown or not
    units_missing: int = 0  # 区位 with a listed project not reported for last month


def todays_reminders(db: Database, most: int | None = None) -> TodaysReminders:
    """What needs attention today; with `most`, only that many of each kind are made into
    reminders (a list of thousands helps nobody). One kind is judged at a time and let go
    before the next, so memory holds the largest kind, not all of them."""
    today = settings.today(db)
    overdue, near = ReminderKind.PROBLEM_OVERDUE, ReminderKind.PROBLEM_NEAR
    finders: dict[ReminderKind, Callable[[], Found]] = {
        overdue: lambda: _problems(db, Attention.OVERDUE, overdue),
        near: lambda: _problems(db, Attention.NEAR, near),
        ReminderKind.MILESTONE_LATE: lambda: _late_milestones(db, today),
        ReminderKind.PROGRESS_MISSING: lambda: _missing_progress(db, today),
    }
    shown, counts = [], {}
    for kind, find in finders.items():
        rows, make = find()
        counts[kind] = len(rows)
        shown.extend(map(make, rows[:most]))
    return TodaysReminders(shown, counts, _units_missing(db, today))


def reminders(db: Database) -> list[Reminder]:
    """Everything that needs attention today, the most pressing kind first."""
    return todays_reminders(db).shown


def previous_month(today: date) -> str:
    """ "2020-06-30" → "2020-05"; January looks back to December of the year before."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def dismissed_today(db: Database) -> bool:
    return settings.get(db, DISMISSED_ON) == settings.today(db).isoformat()


def dismiss_for_today(db: Database) -> None:
    """The officer has seen today's list; the next opening today does not show it again."""
    settings.put(db, DISMISSED_ON, settings.today(db).isoformat())


# Each kind: its rows, the most pressing first, and how one becomes a reminder.
Found = tuple[list, Callable[[object], Reminder]]


def _problems(db: Database, attention: Attention, kind: ReminderKind) -> Found:
    rows = problems.needing(db, attention)
    rows.sort(key=lambda row: (deadline_day(row[2]), row[0]))

    def reminder(row: tuple) -> Reminder:
        problem = problems.problem_row(db, row[0])
        return Reminder(
            kind,
            problem.project_id,
            problem.project_name,
            f"{problem.description}（{problem.responsible_unit or '未定责任单位'}）",
            problem.deadline,
            problem.deadline_note,
            problem.id,
        )

    return rows, reminder


def _late_milestones(db: Database, today: date) -> Found:
    # Only the id and date of each candidate are held (there may be tens of thousands); the
    # names are read for the ones that become reminders.
    rows = db.execute(
        "SELECT m.id, m.planned_on FROM milestones m JOIN projects p ON p.id = m.project_id"
        " WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL"
        # ISO text compares as dates do; a year-month sorts before the days of its month, so
        # this keeps every milestone that can be late and the rule below decides each.
        " AND m.actual_on IS NULL AND m.planned_on < ?",
        [today.isoformat()],
    ).fetchall()
    late = [row for row in rows if deadline_state(row[1], False, today) is DeadlineState.OVERDUE]
    late.sort(key=lambda row: (deadline_day(row[1]), row[0]))

    def reminder(row: tuple) -> Reminder:
        milestone_id, planned_on = row
        project_id, project_name, name, unit = db.execute(
            "SELECT m.project_id, p.name, m.name, m.responsible_unit"
            " FROM milestones m JOIN projects p ON p.id = m.project_id WHERE m.id = ?",
            [milestone_id],
        ).fetchone()
        return Reminder(
            ReminderKind.MILESTONE_LATE,
            project_id,
            project_name,
            f"{name}：计划{format_partial_date(planned_on)}，尚未完成"
            + (f"（{unit}）" if unit else ""),
            planned_on,
            deadline_note(planned_on, False, today),
            milestone_id,
        )

    return late, reminder


_NOT_REPORTED = (
    " FROM projects p JOIN project_years y ON y.project_id = p.id AND y.year = ?"
    " WHERE p.deleted_at IS NULL AND NOT EXISTS ("
    "   SELECT 1 FROM progress_reports r"
    "   WHERE r.project_id = p.id AND r.period = ? AND r.deleted_at IS NULL)"
)


def _missing_progress(db: Database, today: date) -> Found:
    period = previous_month(today)
    rows = db.execute(
        f"SELECT p.id, p.name {_NOT_REPORTED} ORDER BY p.name, p.id", [today.year, period]
    ).fetchall()
    month = format_partial_date(period)
    return rows, lambda row: Reminder(
        ReminderKind.PROGRESS_MISSING, row[0], row[1], f"未报{month}进度", period, ""
    )


def _units_missing(db: Database, today: date) -> int:
    """How many 区位 still owe last month's report for one of their listed projects."""
    query = f"SELECT COUNT(DISTINCT p.unit_id) {_NOT_REPORTED} AND p.unit_id IS NOT NULL"
    return db.execute(query, [today.year, previous_month(today)]).fetchone()[0]
