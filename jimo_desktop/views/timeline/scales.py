"""The time axis of the 时间表: four zoom levels, and the dates the header marks at each.

Days are day numbers (`date.toordinal`). A level says how many pixels a day takes and which
two bands the header shows: the upper one names the larger period (the year, or the month),
the lower one divides it (quarters, months, weeks, days) and draws the grid lines.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

QUARTERS = ("一季度", "二季度", "三季度", "四季度")


@dataclass(frozen=True)
class Tick:
    day: int  # where the period starts
    label: str


def _months(first: date, last: date, step: int) -> Iterator[date]:
    """The first days of months from `first`'s (rounded down to `step`) through `last`."""
    year, month = first.year, (first.month - 1) // step * step + 1
    while date(year, month, 1) <= last:
        yield date(year, month, 1)
        month += step
        if month > 12:
            year, month = year + 1, month - 12


def _years(first: date, last: date) -> list[Tick]:
    return [Tick(day.toordinal(), f"{day.year}年") for day in _months(first, last, 12)]


def _quarters(first: date, last: date) -> list[Tick]:
    return [
        Tick(day.toordinal(), QUARTERS[(day.month - 1) // 3]) for day in _months(first, last, 3)
    ]


def _month_numbers(first: date, last: date) -> list[Tick]:
    return [Tick(day.toordinal(), f"{day.month}月") for day in _months(first, last, 1)]


def _year_months(first: date, last: date) -> list[Tick]:
    return [Tick(day.toordinal(), f"{day.year}年{day.month}月") for day in _months(first, last, 1)]


def _mondays(first: date, last: date) -> list[Tick]:
    monday = first - timedelta(days=first.weekday())
    weeks = (last - monday).days // 7 + 1
    days = (monday + timedelta(weeks=week) for week in range(weeks))
    return [Tick(day.toordinal(), f"{day.day}日") for day in days]


def _days(first: date, last: date) -> list[Tick]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [Tick(day.toordinal(), str(day.day)) for day in days]


Bands = Callable[[date, date], list[Tick]]


class Zoom(Enum):
    """Zoom levels from the widest to the closest: (name, pixels per day, upper, lower band)."""

    YEAR = ("年", 0.5, _years, _quarters)
    QUARTER = ("季", 1.5, _years, _month_numbers)
    MONTH = ("月", 4.0, _year_months, _mondays)
    WEEK = ("周", 18.0, _year_months, _days)

    def __init__(self, label: str, pixels_per_day: float, upper: Bands, lower: Bands):
        self.label = label
        self.pixels_per_day = pixels_per_day
        self._upper = upper
        self._lower = lower

    def upper_ticks(self, first: int, last: int) -> list[Tick]:
        """The larger periods that overlap days `first`..`last`, each from where it starts."""
        return self._upper(date.fromordinal(first), date.fromordinal(last))

    def lower_ticks(self, first: int, last: int) -> list[Tick]:
        return self._lower(date.fromordinal(first), date.fromordinal(last))

    def closer(self) -> "Zoom":
        levels = list(Zoom)
        return levels[min(levels.index(self) + 1, len(levels) - 1)]

    def wider(self) -> "Zoom":
        levels = list(Zoom)
        return levels[max(levels.index(self) - 1, 0)]

    @staticmethod
    def fitting(pixels_per_day: float) -> "Zoom":
        """The closest level whose lower band still fits at this many pixels a day (print)."""
        fitting = [level for level in Zoom if level.pixels_per_day <= pixels_per_day * 1.5]
        return fitting[-1] if fitting else Zoom.YEAR
