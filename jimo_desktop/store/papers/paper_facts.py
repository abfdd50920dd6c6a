"""What the papers that go out are printed from: a 督办单 with its 文号, a 周调度会议纪要 with
its issue number, the projects discussed and the follow-ups as they stand now."""

from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.progress import period_label
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.monthly.dispatches import Meeting, RecordedFollowUp
from jimo_desktop.store.tracking import supervision
from jimo_desktop.store.tracking.supervision import OrderRow


class PaperUnavailable(LookupError):
    """No such record, or none in the month: the message is for the officer."""


@dataclass(frozen=True)
class OrderPaper:
    number: str  # 文号: 即发改督〔2020〕3号, the order's place among the year's orders
    order: OrderRow


@dataclass(frozen=True)
class MinutesPaper:
    issue: str  # 2020年第5期: the meeting's place among the year's meetings
    meeting: Meeting
    projects: tuple[str, ...]
    follow_ups: tuple[RecordedFollowUp, ...]


def order_papers(db: Database, order_id: int | None, period: str | None) -> list[OrderPaper]:
    """The 督办单 numbered `order_id`, or those issued in `period`, oldest first."""
    every = sorted(supervision.orders(db, signed_off=None), key=lambda o: (o.issued_on, o.id))
    chosen = _chosen(every, order_id, period, lambda o: o.issued_on, ("督办单", "下发督办单"))
    return [
        OrderPaper(_number("即发改督", order.issued_on, order, every), order) for order in chosen
    ]


def minutes_papers(db: Database, dispatch_id: int | None, period: str | None):
    """The 纪要 of meeting `dispatch_id`, or of the meetings held in `period`, oldest first."""
    every = sorted(dispatches.meetings(db), key=lambda m: (m.held_on, m.id))
    what = ("周调度会议", "召开周调度会议")
    return [
        MinutesPaper(
            f"{summary.held_on[:4]}年第{_place(summary, every, lambda m: m.held_on)}期",
            dispatches.get(db, summary.id),
            summary.project_names,
            tuple(dispatches.follow_ups(db, summary.id)),
        )
        for summary in _chosen(every, dispatch_id, period, lambda m: m.held_on, what)
    ]


def _chosen(every: list, wanted: int | None, period: str | None, day_of, words) -> list:
    """The record numbered `wanted`, or the month's; PaperUnavailable saying so if none."""
    if wanted is not None:
        chosen = [record for record in every if record.id == wanted]
        missing = f"{words[0]} {wanted} 不存在或已删除"
    else:
        chosen = [record for record in every if day_of(record)[:7] == period]
        missing = f"{period_label(period)}没有{words[1]}"
    if not chosen:
        raise PaperUnavailable(missing)
    return chosen


def _number(prefix: str, day: str, record, every: list) -> str:
    return f"{prefix}〔{day[:4]}〕{_place(record, every, lambda r: r.issued_on)}号"


def _place(record, every: list, day_of) -> int:
    """The record's number within its year: 1 for the year's first."""
    same_year = [other for other in every if day_of(other)[:4] == day_of(record)[:4]]
    return [other.id for other in same_year].index(record.id) + 1
