"""Facts as they stood on a day: what a past month's figures are computed from.

Every figure of a period (YYYY-MM) is taken as of the last day of that month; the "now" of a
screen is the same question asked at today. The answers come from dated facts only (actual
start and end, raised and resolved, the 纳统 date, a listing's 增补 and 退出, a batch's
调整), never from the state a record happens to hold today.

A year-month date ("2020-06") has happened by a day once its month has begun: an officer who
wrote June wrote it in June or after, and a month's figures are taken at its last day.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jimo_desktop.domain.progress import check_period
from jimo_desktop.domain.project import Stage

PRE_START = frozenset({Stage.PLANNING, Stage.RESERVE})


def period_end(period: str) -> date:
    """The day a period's figures are taken at: "2020-02" → 2020-02-29."""
    year, month = check_period(period)
    return date(year, month, calendar.monthrange(year, month)[1])


def happened_by(iso: str | None, day: date) -> bool:
    """Whether a dated fact ("2020-06" or "2020-06-15") had happened by the end of `day`."""
    if not iso:
        return False
    parts = [int(part) for part in iso.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1) <= day


def stage_on(
    stored: Stage,
    actual_start: str | None,
    actual_end: str | None,
    day: date,
    before_start: Stage = Stage.RESERVE,
) -> Stage:
    """The project's stage on `day`, from its actual dates.

    Dates decide started and completed; the stored stage only tells 谋划 from 储备 before the
    start and 竣工 from 投产 after the end. A project whose start was still to come on `day`
    but whose stored stage is past it was at `before_start` then: the 谋划 or 储备 its year's
    listing gave it, else 储备.
    """
    if happened_by(actual_end, day):
        return Stage.PRODUCING if stored is Stage.PRODUCING else Stage.COMPLETED
    if happened_by(actual_start, day):
        return Stage.STARTED
    if stored in PRE_START or not (actual_start or actual_end):
        return stored  # an undated 开工 or 竣工 (kept before dates were asked for) stands as is
    return before_start if before_start in PRE_START else Stage.RESERVE


def has_started_on(actual_start: str | None, day: date) -> bool:
    """Started by `day`: only an actual start date says so."""
    return happened_by(actual_start, day)


def in_statistics_on(flag: bool, statistics_date: str | None, day: date) -> bool:
    """纳统 on `day`: flagged, and dated on or before it (an undated flag counts at every day,
    as records kept before the date was asked for have none)."""
    return flag and (statistics_date is None or happened_by(statistics_date, day))


def settled_on(settled_now: bool, resolved_on: str | None, day: date) -> bool:
    """A problem was settled by `day` when it was resolved on or before it.

    A problem settled without a date (kept before the date was asked for) counts as settled
    from the day it was raised; one not settled now was not settled then either.
    """
    if not settled_now:
        return False
    return resolved_on is None or happened_by(resolved_on, day)


CHANGE_LABELS = {"adjust": "调整", "add": "增补", "withdraw": "退出"}


@dataclass(frozen=True)
class ListingChange:
    """A dated 调整 (adjust), 增补 (add) or 退出 (withdraw) of a project's listing in a year."""

    changed_on: str
    kind: str  # "adjust", "add" or "withdraw"
    old_batch: Stage | None
    new_batch: Stage | None


def listed_on(added_on: str | None, withdrawn_on: str | None, day: date) -> bool:
    """On the year's list on `day`: added by then (or from the start), not yet withdrawn."""
    added = added_on is None or happened_by(added_on, day)
    return added and not happened_by(withdrawn_on, day)


def batch_on(batch_now: Stage | None, changes: Iterable[ListingChange], day: date) -> Stage | None:
    """The batch a listing had on `day`: the batch before the first adjustment made after it."""
    later = sorted(
        (change for change in changes if change.kind == "adjust"),
        key=lambda change: change.changed_on,
    )
    for change in later:
        if not happened_by(change.changed_on, day):
            return change.old_batch
    return batch_now


def batch_by_dates(
    year: int,
    stage: Stage,
    planned_start: str | None,
    planned_end: str | None,
    actual_start: str | None,
    actual_end: str | None,
) -> Stage | None:
    """The batch a listing of `year` takes when nobody said: 竣工一批 if the project finishes
    that year, 开工一批 if it starts that year, 储备 or 谋划 before its start, else none (续建).
    """
    finish = actual_end or planned_end
    start = actual_start or planned_start
    if finish and finish[:4] == str(year):
        return Stage.COMPLETED
    if start and start[:4] == str(year):
        return Stage.STARTED
    if stage in PRE_START:
        return stage
    return None
