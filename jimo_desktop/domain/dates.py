"""Dates as officers write them: a year-month is enough, a full day is kept when known.

In the database a date is ISO text, "2020-06" or "2020-06-15"; on screen and paper it
is Chinese, "2020年6月" or "2020年6月15日".
"""

import re
from dataclasses import dataclass
from datetime import date

# 。 is the point a Chinese input method types: "2020。6" is June 2020.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．。／－", "0123456789../-")
_PARTS = re.compile(r"^(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(?:(\d{1,2})\s*日?)?)?)?$")


class DateError(ValueError):
    """Text that is not a date; the message says what was expected."""


def parse_partial_date(text: str | None) -> str | None:
    """ "2020.4", "2020/5/15", "2020年6月" → "2020-04", "2020-05-15", "2020-06"; None if blank."""
    if text is None:
        return None
    cleaned = text.translate(_FULL_WIDTH).strip().rstrip("月")
    if not cleaned:
        return None
    match = _PARTS.match(cleaned)
    if not match:
        raise DateError(f"“{text}”不是日期，应为 2020-06 或 2020-06-15（年月即可）")
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is None:
        raise DateError(f"“{text}”缺少月份，应为 2020-06 或 2020-06-15")
    if not 1990 <= year <= 2100 or not 1 <= month <= 12:
        raise DateError(f"“{text}”不是有效的年月")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError as error:
        raise DateError(f"“{text}”不是有效的日期") from error


def format_partial_date(iso: str | None) -> str:
    """ "2020-06" → "2020年6月", "2020-06-15" → "2020年6月15日"; blank for unknown."""
    if not iso:
        return ""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 2:
        return f"{parts[0]}年{parts[1]}月"
    return f"{parts[0]}年{parts[1]}月{parts[2]}日"


def format_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def plot_day(iso: str) -> date:
    """Where a date is drawn on a time axis: a year-month in the middle of its month, so that
    a planned and an actual "2020-06" meet instead of looking a month apart."""
    parts = [int(part) for part in iso.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) == 3 else 15)


def month_of(iso: str | None) -> str | None:
    """The "YYYY-MM" a partial date falls in, for comparing year-months with full dates."""
    return iso[:7] if iso else None


@dataclass(frozen=True)
class Delay:
    """How far a date lies past the one it was due by, in the precision both were given."""

    amount: int  # zero or less: not late
    in_months: bool = False

    @property
    def unit(self) -> str:
        return "个月" if self.in_months else "天"

    @property
    def rough_days(self) -> int:
        """For putting delays of both precisions in one order only: a month as 30 days."""
        return self.amount * 30 if self.in_months else self.amount

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def delay(due: str, reached: str) -> Delay:
    """How late `reached` is against `due` (ISO, each a year-month or a day).

    Days only when both are days ("2020-03-10" → "2020-04-09": 30 days). A date given to
    the month says no more than its month, so then the two compare as months: the calendar
    months from the due month to the month reached, whatever the days ("2020-03" →
    "2020-04" or "2020-04-01": 1 month; → "2020-03-31": on time). Something due in March
    and still open is judged the same way with today as the date reached: on time through
    March 31, 1 month late on any day of April, 2 months in May.
    """
    if len(due) > len("2020-06") and len(reached) > len("2020-06"):
        return Delay((date.fromisoformat(reached) - date.fromisoformat(due)).days)
    months = (int(reached[:4]) - int(due[:4])) * 12 + int(reached[5:7]) - int(due[5:7])
    return Delay(months, in_months=True)
