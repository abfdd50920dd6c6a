"""A construction period written in one cell (建设期, 建设起止年限) split into its start and
finish: "2022—2025-12", "2020-2022", "2024.11-2025.12", "2023年3月至2024年12月",
"2023年3月-12月", even "2023—09—2025—10", where the dash separates both the parts of a date
and the two dates.

Each end is kept in the precision written: a day, a year-month, or a year alone, which is
returned as a year and never given an invented month (domain.dates stores months and days
only, so a caller leaves such an end unknown and says so). Text that is a length of time
("3年", "24个月") is no period at all.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# The marks that separate two dates and never the parts of one.
_BETWEEN = re.compile(r"至|到|~|〜|～|起至|起|止")
_TOKEN = re.compile(r"(\d+)\s*(年|月|日|号)?|([-.—–/、,，]+)|(\S)")
_DASHES = frozenset("-—–")
# A length without a year in it: "3年", "24个月", "建设期2年", "工期约18个月".
_DURATION = re.compile(r"^(?!.*\d{4})\D{0,6}\d+(?:\.\d+)?\s*(?:个?月|年|天|日|个工作日)\D{0,4}$")
_FIRST_YEAR, _LAST_YEAR = 1990, 2100
_WORDS = (
    (re.compile(r"年(?:底|末)"), "年12月"),
    (re.compile(r"月(?:底|末|份|初)"), "月"),
    # "(一期)" (a bracket with a figure in it may hold the dates: refused whole); "2022.3至今":
    # the start alone
    (re.compile(r"\([^()\d]*\)|至今|以后|开始|起$"), ""),
)


class PeriodError(ValueError):
    """Text that is no period; the message quotes it and shows the form expected."""


class Duration(PeriodError):
    """A length of time ("3年"), not the dates of a period."""


class _Unclear(PeriodError):
    """A dash that may join a day to its month or begin the finish."""


@dataclass(frozen=True)
class End:
    """One end of a period: `iso` as domain.dates keeps it ("2022-03", "2022-03-15"), or None
    when only `year` was written."""

    year: int
    iso: str | None


@dataclass
class _Date:
    year: int
    month: int | None = None
    day: int | None = None
    inner: str | None = None  # the mark between its year and month ("." in 2023.3)


def split_period(text: str) -> tuple[End, End | None]:
    """Start and finish of the period `text` states; a single date is the start alone.
    Raises PeriodError (Duration for a length of time) naming what was expected."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for pattern, replacement in _WORDS:
        cleaned = pattern.sub(replacement, cleaned)
    if _DURATION.match(cleaned):
        raise Duration(f"“{text}”是工期长度，不是起止年月（应如 2022.3-2023.12），此项未导入")
    try:
        dates = _dates(cleaned, text)
    except _Unclear as error:
        raise PeriodError(f"“{text}”看不出是日期还是起止月份，请写成 2022.3-2022.12") from error
    if not dates or len(dates) > 2:
        raise PeriodError(f"“{text}”应为起止年月，如 2022.3-2023.12 或 2022年3月至2023年12月")
    start, finish = [*(_end(found, text) for found in dates), None][:2]
    if finish is not None and _before(finish, start):
        raise PeriodError(f"“{text}”的结束早于开始，请核对起止年月")
    return start, finish


def _dates(cleaned: str, text: str) -> list[_Date]:
    """The dates in order: a new one at each year, at a mark that only separates dates, or
    at a month written after a month ("2023年3月-12月")."""
    found: list[_Date] = []
    marked = bool(_BETWEEN.search(cleaned))  # then a dash joins the parts of a date only
    mark = ""  # what stood since the last number
    for number, unit, separator, other in (match.groups() for match in _TOKEN.finditer(cleaned)):
        if other is not None:
            if not _BETWEEN.fullmatch(other) and other not in "年月日号":
                raise PeriodError(f"“{text}”中有无法识别的“{other}”，应如 2022.3-2023.12")
            mark += other
            continue
        if separator is not None:
            mark += separator
            continue
        value = int(number)
        current = found[-1] if found else None
        between = bool(_BETWEEN.search(mark))
        if len(number) == 4 or unit == "年":
            found.append(_Date(value))
        elif current is None:
            raise PeriodError(f"“{text}”应以年份开头，如 2022.3-2023.12")
        elif current.month is None and not between:
            current.month, current.inner = value, mark or unit
        elif not between and _is_day(current, value, mark, unit, marked):
            current.day = value
        else:  # "2023.3-12", "2023年3月至12月": the finish, in the same year
            found.append(_Date(current.year, value))
        mark = unit or ""
    return found


def _is_day(current: _Date, value: int, mark: str, unit: str | None, marked: bool) -> bool:
    """A number after the month is its day when marked 日/号 or joined to it as the month was
    joined to the year (2023.3.12; 2023-03-12 where 至 separates the dates, or past 12);
    otherwise it begins the finish ("2022.3-12"). "2022-3-12" says neither: refused."""
    if current.day is not None or unit == "月":
        return False
    if unit in ("日", "号"):
        return True
    if mark != current.inner:
        return False
    if marked or not set(mark) <= _DASHES or value > 12:
        return True
    raise _Unclear


def _end(found: _Date, text: str) -> End:
    if not _FIRST_YEAR <= found.year <= _LAST_YEAR:
        raise PeriodError(f"“{text}”中的年份{found.year}不对，应如 2022.3-2023.12")
    if found.month is None:
        return End(found.year, None)
    if not 1 <= found.month <= 12:
        raise PeriodError(f"“{text}”中的月份{found.month}不对，应为1到12")
    if found.day is None:
        return End(found.year, f"{found.year:04d}-{found.month:02d}")
    try:
        return End(found.year, date(found.year, found.month, found.day).isoformat())
    except ValueError as error:
        raise PeriodError(f"“{text}”中的日期不存在，请核对") from error


def _before(finish: End, start: End) -> bool:
    if finish.year != start.year or finish.iso is None or start.iso is None:
        return finish.year < start.year
    return finish.iso < start.iso
