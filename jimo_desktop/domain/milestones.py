"""时间节点 (milestones): the standard approval and construction nodes, and when one is late.

Officers often know only the month of a node ("2020-06"). A node is late in the precision
its dates were given (domain/dates.delay): by days when planned and actual date are both
days, by months as soon as one of them is a month, so planned March and done in April is
"滞后完成 1 个月", never a count of days nobody wrote down. A node planned for March and not
done is late from April 1, by the months since March.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from jimo_desktop.domain.dates import DateError, Delay, delay, parse_partial_date


@dataclass(frozen=True)
class StandardNode:
    code: str
    name: str


# 前期手续 first, then construction: the order a project lives them in.
STANDARD_NODES = (
    StandardNode("proposal", "项目建议书"),
    StandardNode("feasibility", "可研批复"),
    StandardNode("land_review", "用地预审"),
    StandardNode("planning_permit", "规划许可"),
    StandardNode("eia", "环评批复"),
    StandardNode("construction_permit", "施工许可"),
    StandardNode("start", "开工"),
    StandardNode("structure_done", "主体完工"),
    StandardNode("acceptance", "竣工验收"),
    StandardNode("production", "投产"),
)
CUSTOM = "custom"
STANDARD_CODES = tuple(node.code for node in STANDARD_NODES)
_NAMES = {node.code: node.name for node in STANDARD_NODES}
_CODES_BY_NAME = {node.name: node.code for node in STANDARD_NODES}
MAX_NAME_LENGTH = 40
T = TypeVar("T")


@dataclass(frozen=True)
class Milestone:
    """One node of a project's 时间表; dates are ISO text, a year-month or a full day."""

    id: int
    project_id: int
    kind: str
    name: str
    planned_on: str | None = None
    actual_on: str | None = None
    responsible_unit: str = ""
    note: str = ""
    sort_order: int = 0

    @property
    def is_standard(self) -> bool:
        return self.kind in _NAMES


class Status(StrEnum):
    UNPLANNED = "unplanned"
    PENDING = "pending"
    LATE = "late"  # planned date passed, not reached yet
    DONE = "done"
    DONE_LATE = "done_late"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.UNPLANNED: "未定计划",
    Status.PENDING: "未到期",
    Status.LATE: "逾期未完成",
    Status.DONE: "按期完成",
    Status.DONE_LATE: "滞后完成",
}


ON_TIME = Delay(0)


@dataclass(frozen=True)
class Lateness:
    status: Status
    delay: Delay = ON_TIME  # how late; counts only when late or done late

    @property
    def is_late(self) -> bool:
        return self.status in (Status.LATE, Status.DONE_LATE)

    def describe(self) -> str:
        """ "逾期未完成 12 天", "滞后完成 1 个月", "按期完成" … as the milestone table shows it."""
        if self.is_late:
            return f"{self.status.label} {self.delay.amount} {self.delay.unit}"
        return self.status.label


def standard_name(code: str) -> str | None:
    return _NAMES.get(code)


def kind_for_name(name: str) -> str:
    """A node typed with a standard name is that standard node; anything else is custom."""
    return _CODES_BY_NAME.get(name.strip(), CUSTOM)


def earliest_day(iso: str) -> date:
    """The first day a year-month can mean; a full date is itself."""
    parts = [int(part) for part in iso.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)


def lateness(planned_on: str | None, actual_on: str | None, today: date) -> Lateness:
    """Where a node stands on `today`: late when its planned date passed without it."""
    if actual_on:
        if not planned_on:
            return Lateness(Status.DONE)
        late = delay(planned_on, actual_on)
        return Lateness(Status.DONE_LATE, late) if late.amount > 0 else Lateness(Status.DONE)
    if not planned_on:
        return Lateness(Status.UNPLANNED)
    late = delay(planned_on, today.isoformat())
    return Lateness(Status.LATE, late) if late.amount > 0 else Lateness(Status.PENDING)


def milestone_lateness(milestone: Milestone, today: date) -> Lateness:
    return lateness(milestone.planned_on, milestone.actual_on, today)


def tally(milestones: Iterable[Milestone], today: date) -> Counter[Status]:
    """How many nodes stand in each status on `today`."""
    return Counter(milestone_lateness(node, today).status for node in milestones)


def validate_milestone(
    name: str, planned_text: str | None, actual_text: str | None, today: date
) -> tuple[dict[str, str | None], dict[str, str]]:
    """Read a node as typed: (name, planned_on, actual_on) and field → reason for what is wrong."""
    problems: dict[str, str] = {}
    values: dict[str, str | None] = {"name": name.strip()}
    if not values["name"]:
        problems["name"] = "请填写节点名称"
    elif len(values["name"]) > MAX_NAME_LENGTH:
        problems["name"] = f"节点名称不超过{MAX_NAME_LENGTH}个字"
    for field, text in (("planned_on", planned_text), ("actual_on", actual_text)):
        try:
            values[field] = parse_partial_date(text)
        except DateError as error:
            values[field], problems[field] = None, str(error)
    actual = values["actual_on"]
    if actual and earliest_day(actual) > today:
        problems["actual_on"] = "实际时间不能晚于今天；尚未完成的节点请留空"
    return values, problems


def merged_order(existing: list[tuple[str, T]], adding: list[tuple[str, T]]) -> list[T]:
    """The keys of existing nodes with those of new standard nodes slotted in, by kind.

    Custom nodes keep their place; each new standard node goes right after the last node
    that comes before it in the standard order, so the list still reads in project order.
    """
    order = list(existing)
    for kind, key in adding:
        position = STANDARD_CODES.index(kind)
        insert_at = 0
        for number, (present, _) in enumerate(order):
            if present in STANDARD_CODES and STANDARD_CODES.index(present) < position:
                insert_at = number + 1
        order.insert(insert_at, (kind, key))
    return [key for _, key in order]
