"""报送情况: when a 区位's monthly 调度表 is due, and whether it has come, is missing or late.

A month's report is due on a set day of the following month (the 5th unless 设置 says
otherwise; a day the month lacks is its last). Before that day a missing report is 未报, after
it 逾期; a report that came is 已报, said late when it came after the day.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.progress import check_period, period_label

DEFAULT_DUE_DAY = 5
DUE_DAYS = range(1, 29)


class State(StrEnum):
    LATE = "逾期"
    MISSING = "未报"
    REPORTED = "已报"


ORDER = (State.LATE, State.MISSING, State.REPORTED)  # the late ones first


def due_date(period: str, due_day: int = DEFAULT_DUE_DAY) -> date:
    """The day `period`'s report is due: `due_day` of the next month, within that month."""
    year, month = check_period(period)
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


ENTERED_IN_GRID = "月推进录入"


@dataclass(frozen=True)
class Received:
    submitted_at: str | None  # ISO date and time; None when entered in 月推进, not imported
    project_count: int
    file_name: str = ""


@dataclass(frozen=True)
class UnitStatus:
    unit: str
    state: State
    due: date
    received: Received | None = None

    @property
    def came_late(self) -> bool:
        came = self.received.submitted_at if self.received else None
        return came is not None and came[:10] > self.due.isoformat()

    def describe(self) -> str:
        """One line for the officer: "通济街道　已报（2020年8月3日，12个项目）"."""
        if self.received is None:
            due = format_date(self.due)
            return f"{self.unit}　{self.state}（应于{due}前报送）"
        came = self.received.submitted_at
        day = format_date(datetime.fromisoformat(came).date()) if came else ENTERED_IN_GRID
        late = "，逾期报送" if self.came_late else ""
        return f"{self.unit}　{self.state}（{day}，{self.received.project_count}个项目{late}）"


def status(unit: str, received: Received | None, due: date, today: date) -> UnitStatus:
    if received is not None:
        return UnitStatus(unit, State.REPORTED, due, received)
    return UnitStatus(unit, State.LATE if today > due else State.MISSING, due)


def in_order(statuses: list[UnitStatus]) -> list[UnitStatus]:
    """Late first, then missing, then reported; the dictionary's order within each."""
    return sorted(statuses, key=lambda found: ORDER.index(found.state))


def summary(period: str, statuses: list[UnitStatus]) -> str:
    """ "2020年7月调度表：已报 22 个区位，未报 1 个，逾期 0 个（截止2020年8月5日）"."""
    counts = {state: sum(found.state is state for found in statuses) for state in State}
    due = f"（截止{format_date(statuses[0].due)}）" if statuses else ""
    return (
        f"{period_label(period)}调度表：已报 {counts[State.REPORTED]} 个区位，"
        f"未报 {counts[State.MISSING]} 个，逾期 {counts[State.LATE]} 个{due}"
    )


def following_period(period: str) -> str:
    """The month after `period`: the one units report next, once `period` is the last over."""
    year, month = check_period(period)
    return f"{year + 1}-01" if month == 12 else f"{year}-{month + 1:02d}"
