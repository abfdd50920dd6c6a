"""Facts as they stood on a day, against calendar days and stages worked out by hand."""

from datetime import date

import pytest

from jimo_desktop.domain import as_of
from jimo_desktop.domain.as_of import ListingChange
from jimo_desktop.domain.progress import PeriodError
from jimo_desktop.domain.project import Stage

JUNE_30 = date(2020, 6, 30)


@pytest.mark.parametrize(
    ("period", "last_day"),
    [
        ("2020-02", date(2020, 2, 29)),  # 2020 is divisible by 4: a leap year
        ("2021-02", date(2021, 2, 28)),
        ("1900-02", date(1900, 2, 28)),  # a century not divisible by 400: no leap day
        ("2020-04", date(2020, 4, 30)),
        ("2020-12", date(2020, 12, 31)),
        ("2020-01", date(2020, 1, 31)),
    ],
)
def test_a_periods_figures_are_taken_at_its_last_day(period, last_day):
    assert as_of.period_end(period) == last_day


def test_a_period_end_refuses_what_is_not_a_month():
    with pytest.raises(PeriodError):
        as_of.period_end("2020-13")


@pytest.mark.parametrize(
    ("iso", "day", "happened"),
    [
        ("2020-06-30", JUNE_30, True),  # on the day itself
        ("2020-07-01", JUNE_30, False),  # the day after
        ("2020-06-29", JUNE_30, True),
        ("2020-06-30", date(2020, 6, 15), False),  # a full date counts its day, not the 1st
        ("2020-06", date(2020, 6, 1), True),  # June has begun on June 1
        ("2020-06", date(2020, 5, 31), False),
        ("2020-07", JUNE_30, False),
        ("2019-12", JUNE_30, True),
        (None, JUNE_30, False),
        ("", JUNE_30, False),
    ],
)
def test_a_fact_has_happened_once_its_day_or_month_has_begun(iso, day, happened):
    assert as_of.happened_by(iso, day) is happened


@pytest.mark.parametrize(
    ("stored", "start", "end", "before", "expected"),
    [
        # Ended by June 30: 竣工, unless the record already says 投产.
        (Stage.STARTED, "2019-03", "2020-06-30", Stage.RESERVE, Stage.COMPLETED),
        (Stage.PRODUCING, "2019-03", "2020-05", Stage.RESERVE, Stage.PRODUCING),
        (Stage.COMPLETED, "2019-03", "2020-05", Stage.RESERVE, Stage.COMPLETED),
        # Started by June 30, ending later: 开工 whatever the record says today.
        (Stage.PRODUCING, "2020-06-30", "2020-07-01", Stage.RESERVE, Stage.STARTED),
        (Stage.PLANNING, "2020-06", None, Stage.RESERVE, Stage.STARTED),
        # Neither date reached: a 谋划/储备 record stands, a later stage was at `before`.
        (Stage.PLANNING, "2020-07", None, Stage.RESERVE, Stage.PLANNING),
        (Stage.RESERVE, "2020-07", None, Stage.PLANNING, Stage.RESERVE),
        (Stage.STARTED, "2020-07", None, Stage.PLANNING, Stage.PLANNING),
        (Stage.COMPLETED, "2020-07", "2020-12", Stage.RESERVE, Stage.RESERVE),
        (Stage.STARTED, "2020-07", None, Stage.STARTED, Stage.RESERVE),  # not a pre-start batch
        (Stage.STARTED, None, "2020-07", Stage.PLANNING, Stage.PLANNING),  # only an end date
        # No dates at all: the stored stage stands as it was kept.
        (Stage.STARTED, None, None, Stage.PLANNING, Stage.STARTED),
        (Stage.COMPLETED, "", "", Stage.RESERVE, Stage.COMPLETED),
    ],
)
def test_the_stage_on_a_day_follows_the_dates(stored, start, end, before, expected):
    assert as_of.stage_on(stored, start, end, JUNE_30, before) is expected


def test_a_start_still_to_come_reads_reserve_by_default():
    assert as_of.stage_on(Stage.STARTED, "2020-07", None, JUNE_30) is Stage.RESERVE


@pytest.mark.parametrize(
    ("flag", "dated", "counted"),
    [
        (True, None, True),  # undated flag: counted every day
        (True, "2020-06-30", True),
        (True, "2020-07-01", False),
        (False, None, False),
        (False, "2020-01-01", False),
    ],
)
def test_in_statistics_needs_the_flag_and_a_date_reached(flag, dated, counted):
    assert as_of.in_statistics_on(flag, dated, JUNE_30) is counted


@pytest.mark.parametrize(
    ("settled_now", "resolved", "settled"),
    [
        (True, None, True),
        (True, "2020-06-30", True),
        (True, "2020-07-01", False),
        (False, None, False),
        (False, "2020-06-01", False),
    ],
)
def test_settled_on_a_day_needs_a_resolution_by_then(settled_now, resolved, settled):
    assert as_of.settled_on(settled_now, resolved, JUNE_30) is settled


def test_started_completed_and_raised_follow_their_dates():
    assert as_of.has_started_on("2020-06-30", JUNE_30)
    assert not as_of.has_started_on("2020-07-01", JUNE_30)
    assert not as_of.has_started_on(None, JUNE_30)
    assert as_of.happened_by("2020-06", JUNE_30)
    assert not as_of.happened_by("2020-07", JUNE_30)
    assert as_of.happened_by("2020-06-30", JUNE_30)
    assert not as_of.happened_by("2020-07-01", JUNE_30)


@pytest.mark.parametrize(
    ("added", "withdrawn", "listed"),
    [
        (None, None, True),
        ("2020-06-30", None, True),
        ("2020-07-01", None, False),
        (None, "2020-06-30", False),  # withdrawn that day: off the list at its end
        (None, "2020-07-01", True),
        ("2020-03", "2020-05", False),
        ("2020-07", "2020-08", False),
    ],
)
def test_a_listing_is_on_the_list_between_its_addition_and_its_withdrawal(added, withdrawn, listed):
    assert as_of.listed_on(added, withdrawn, JUNE_30) is listed


def adjust(day: str, old: Stage | None, new: Stage | None) -> ListingChange:
    return ListingChange(day, "adjust", old, new)


def test_the_batch_on_a_day_is_the_one_before_the_next_adjustment():
    # 储备 → 开工 on 2020-04-10, 开工 → 竣工 on 2020-08-01, given out of order.
    changes = [
        adjust("2020-08-01", Stage.STARTED, Stage.COMPLETED),
        adjust("2020-04-10", Stage.RESERVE, Stage.STARTED),
        ListingChange("2020-09-01", "withdraw", Stage.COMPLETED, None),
    ]
    assert as_of.batch_on(Stage.COMPLETED, changes, date(2020, 3, 31)) is Stage.RESERVE
    assert as_of.batch_on(Stage.COMPLETED, changes, date(2020, 4, 10)) is Stage.STARTED
    assert as_of.batch_on(Stage.COMPLETED, changes, JUNE_30) is Stage.STARTED
    assert as_of.batch_on(Stage.COMPLETED, changes, date(2020, 8, 1)) is Stage.COMPLETED
    assert as_of.batch_on(Stage.COMPLETED, [], date(2020, 1, 1)) is Stage.COMPLETED


def test_a_withdrawal_or_addition_does_not_change_the_batch():
    changes = [ListingChange("2020-09-01", "withdraw", Stage.STARTED, None)]
    assert as_of.batch_on(Stage.STARTED, changes, JUNE_30) is Stage.STARTED


@pytest.mark.parametrize(
    ("stage", "planned", "actual", "expected"),
    [
        # (planned start, planned end), (actual start, actual end)
        (Stage.STARTED, ("2019-01", "2020-11"), (None, None), Stage.COMPLETED),
        (Stage.STARTED, ("2019-01", "2021-11"), ("2019-02", "2020-10"), Stage.COMPLETED),
        (Stage.STARTED, ("2019-01", "2020-11"), ("2019-02", "2021-03"), None),  # actual wins
        (Stage.RESERVE, ("2020-03", "2022-12"), (None, None), Stage.STARTED),
        (Stage.RESERVE, ("2021-03", "2022-12"), ("2020-05", None), Stage.STARTED),
        (Stage.RESERVE, ("2021-03", "2022-12"), (None, None), Stage.RESERVE),
        (Stage.PLANNING, (None, None), (None, None), Stage.PLANNING),
        (Stage.STARTED, ("2019-01", "2022-12"), (None, None), None),  # 续建
        (Stage.COMPLETED, (None, None), (None, None), None),
    ],
)
def test_a_listing_without_a_batch_takes_it_from_the_dates(stage, planned, actual, expected):
    assert as_of.batch_by_dates(2020, stage, *planned, *actual) is expected
