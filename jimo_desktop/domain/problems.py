"""问题清单 and the two lists beside it: statuses, the deadline rules and what makes a record valid.

A deadline may be a year-month ("2020-06", as officers often write 6月底) or a day; a
year-month counts as its last day, and once passed is overdue by months ("逾期1个月" in
July), as a milestone planned for a month is (domain/dates.delay). Overdue and near-deadline
are pure functions of the deadline, whether the item is settled, and the business day, so
the views, the reminders and the traffic lights all judge a problem the same way.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum, StrEnum

from jimo_desktop.domain.dates import delay

NEAR_DAYS = 7
MAX_TEXT_LENGTH = 500


class ProblemStatus(StrEnum):
    OPEN = "open"
    COORDINATING = "coordinating"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def settled(self) -> bool:
        """A resolved or closed problem has a resolution and no longer runs against its deadline."""
        return self in (ProblemStatus.RESOLVED, ProblemStatus.CLOSED)


STATUS_LABELS = {
    ProblemStatus.OPEN: "待解决",
    ProblemStatus.COORDINATING: "协调中",
    ProblemStatus.RESOLVED: "已解决",
    ProblemStatus.CLOSED: "已销号",
}

# 销号 is final: the problem leaves the list for good; an error is corrected by editing.
TRANSITIONS = {
    ProblemStatus.OPEN: (ProblemStatus.COORDINATING, ProblemStatus.RESOLVED, ProblemStatus.CLOSED),
    ProblemStatus.COORDINATING: (ProblemStatus.RESOLVED, ProblemStatus.CLOSED),
    ProblemStatus.RESOLVED: (ProblemStatus.CLOSED,),
    ProblemStatus.CLOSED: (),
}


def can_change(old: ProblemStatus, new: ProblemStatus) -> bool:
    return new in TRANSITIONS[old]


def transition_refusal(old: ProblemStatus, new: ProblemStatus) -> str | None:
    """Why `old` cannot become `new`, in the officer's words; None when it can."""
    if can_change(old, new):
        return None
    return f"“{old.label}”的问题不能改为“{new.label}”"


class PolicyState(StrEnum):
    PENDING = "pending"
    APPLYING = "applying"
    GRANTED = "granted"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return POLICY_LABELS[self]


POLICY_LABELS = {
    PolicyState.PENDING: "待申报",
    PolicyState.APPLYING: "申报中",
    PolicyState.GRANTED: "已落实",
    PolicyState.REFUSED: "未获批",
}


class DeadlineState(Enum):
    NONE = "无时限"
    ON_TIME = "未到期"
    NEAR = "临近时限"
    OVERDUE = "已逾期"
    SETTLED = "已办结"


def first_day(partial: str) -> date:
    """The first day a partial date can mean: "2020-06" → 2020-06-01."""
    return date.fromisoformat(partial if len(partial) > len("2020-06") else f"{partial}-01")


def deadline_day(deadline: str) -> date:
    """The last day a deadline allows: "2020-06" → 2020-06-30, "2020-06-15" → itself."""
    if len(deadline) > len("2020-06"):
        return date.fromisoformat(deadline)
    year, month = (int(part) for part in deadline.split("-"))
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_state(
    deadline: str | None, settled: bool, today: date, near_days: int = NEAR_DAYS
) -> DeadlineState:
    """Overdue the day after the deadline; near from `near_days` before it up to the day itself."""
    if settled:
        return DeadlineState.SETTLED
    if not deadline:
        return DeadlineState.NONE
    last = deadline_day(deadline)
    if last < today:
        return DeadlineState.OVERDUE
    if last <= today + timedelta(days=near_days):
        return DeadlineState.NEAR
    return DeadlineState.ON_TIME


def problem_deadline_state(deadline: str | None, status: ProblemStatus, today: date):
    return deadline_state(deadline, status.settled, today)


class Attention(Enum):
    """Ways of looking at a problem list beside a plain status: what still needs work."""

    UNSETTLED = "未办结"
    OVERDUE = "已逾期"
    NEAR = "临近时限"
    ESCALATED = "提交联席会议"


def needs(
    attention: Attention, status: ProblemStatus, state: DeadlineState, escalated: bool
) -> bool:
    """Whether a problem belongs under `attention`."""
    if attention is Attention.UNSETTLED:
        return not status.settled
    if attention is Attention.OVERDUE:
        return state is DeadlineState.OVERDUE
    if attention is Attention.NEAR:
        return state is DeadlineState.NEAR
    return escalated


def deadline_note(deadline: str | None, settled: bool, today: date) -> str:
    """ "逾期12天", "逾期1个月", "今天到期", "剩3天" — or blank when the deadline needs no word."""
    state = deadline_state(deadline, settled, today)
    if state is DeadlineState.OVERDUE:
        return f"逾期{delay(deadline, today.isoformat())}"
    if state is DeadlineState.NEAR:
        days = (deadline_day(deadline) - today).days
        return "今天到期" if days == 0 else f"剩{days}天"
    return ""


@dataclass(frozen=True)
class ProblemCounts:
    total: int
    overdue: int
    near: int
    by_status: dict[ProblemStatus, int]

    @property
    def unsettled(self) -> int:
        return self.by_status[ProblemStatus.OPEN] + self.by_status[ProblemStatus.COORDINATING]

    def summary(self) -> str:
        return f"共{self.total}条，逾期{self.overdue}条"


def count_problems(
    problems: Iterable[tuple[str | None, ProblemStatus]], today: date
) -> ProblemCounts:
    """Counts over (deadline, status) pairs, as the lists and bulletins show them."""
    by_status = dict.fromkeys(ProblemStatus, 0)
    states = []
    for deadline, status in problems:
        by_status[status] += 1
        states.append(problem_deadline_state(deadline, status, today))
    return ProblemCounts(
        total=len(states),
        overdue=states.count(DeadlineState.OVERDUE),
        near=states.count(DeadlineState.NEAR),
        by_status=by_status,
    )


@dataclass
class Problem:
    project_id: int | None
    description: str
    id: int | None = None
    category_id: int | None = None
    raised_on: str | None = None
    deadline: str | None = None
    responsible_unit: str = ""
    responsible_person: str = ""
    status: ProblemStatus = ProblemStatus.OPEN
    resolution: str = ""
    resolved_on: str | None = None
    escalated: bool = False


def validate_problem(problem: Problem) -> dict[str, str]:
    """Field name → reason for every field that is wrong; empty when the problem may be saved."""
    found: dict[str, str] = {}
    if problem.project_id is None:
        found["project_id"] = "请选择问题所属的项目"
    _require_text(found, "description", problem.description, "请填写问题描述")
    if not problem.raised_on:
        found["raised_on"] = "请填写提出日期"
    elif problem.deadline and deadline_day(problem.deadline) < first_day(problem.raised_on):
        found["deadline"] = "解决时限不能早于提出日期"
    if problem.status.settled:
        found.update(
            validate_resolution(problem.resolution, problem.resolved_on, problem.raised_on)
        )
    return found


def validate_resolution(
    resolution: str, resolved_on: str | None, raised_on: str | None
) -> dict[str, str]:
    found: dict[str, str] = {}
    _require_text(found, "resolution", resolution, "请填写解决情况")
    if not resolved_on:
        found["resolved_on"] = "请填写解决日期"
    elif raised_on and deadline_day(resolved_on) < first_day(raised_on):
        found["resolved_on"] = "解决日期不能早于提出日期"
    return found


def validate_supervision_order(
    addressee: str, demand: str, issued_on: str, plan_deadline: str | None
):
    """A 督办单 names whom it goes to and what it demands; the plan is due after it is issued."""
    found: dict[str, str] = {}
    _require_text(found, "addressee", addressee, "请填写督办对象")
    _require_text(found, "demand", demand, "请填写督办事项")
    if plan_deadline and deadline_day(plan_deadline) < first_day(issued_on):
        found["plan_deadline"] = "整改方案时限不能早于下发日期"
    return found


def required_text(field: str, text: str, message: str) -> dict[str, str]:
    """The one-field check the policy and service lists need."""
    found: dict[str, str] = {}
    _require_text(found, field, text, message)
    return found


def _require_text(found: dict[str, str], field: str, text: str, message: str) -> None:
    if not text.strip():
        found[field] = message
    elif len(text.strip()) > MAX_TEXT_LENGTH:
        found[field] = f"不超过{MAX_TEXT_LENGTH}个字"
