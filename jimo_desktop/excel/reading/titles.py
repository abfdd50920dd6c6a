"""What the lines above a table say: the submitting unit, the year, the month reported and
the unit of amounts ("即墨区2020年1-6月重点项目推进情况表", "填报单位（盖章）：通济街道
填报日期：…", "单位：万元"). `year_in` and `period_in` read a sheet's or a file's name the
same way.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from jimo_desktop.domain.money import WAN_PER_YI
from jimo_desktop.excel.importing.values import text
from jimo_desktop.excel.reading.workbook import Grid

# "填报单位（盖章）：通济街道"; not "金额单位：" or "计量单位：", which state the unit of amounts.
_UNIT_LABEL = re.compile(
    r"(?<![金额量币价])(?:填报|报送|申报|上报|报表)?单位(?:名称)?\s*(?:\([^)]*\))?\s*[:：]\s*"
)
_UNIT_VALUE = re.compile(r"[^\s:：]+")
_SEAL = re.compile(r"[(（]\s*(?:盖章|公章|签章|签字|盖公章)\s*[)）]")  # "填报单位：  （盖章）"
_LABEL = re.compile(r"[:：]")
_DATE_WORDS = re.compile(r"(?:填报|报送|填表)?(?:日期|时间).*$")
# The day the sheet was filled in or sent, not the month it reports. A bare 时间 is not one:
# "统计时间：2020年6月" or "截止时间" names the month reported.
_FILED = re.compile(r"日期|(?:填报|报送|填表|上报|制表)时间")
# "单位：万元", "金额单位：亿元", "（计量单位：万元）", "金额单位为亿元", "单位:亿".
# ... or "单位（万元）", or a cell holding nothing but "（万元）" beside the title.
_AMOUNT_UNIT = re.compile(
    r"单位\s*(?:[:：]|为|(?=\())\s*\(?\s*(亿元|万元|元|亿|万)(?![\u4e00-\u9fff])"
    r"|^\s*\(\s*(?:单位\s*[:：]?\s*)?(亿元|万元|元)\s*\)\s*$"
)
_AMOUNT_FACTORS = {
    "亿元": WAN_PER_YI, "亿": WAN_PER_YI, "万元": 1, "万": 1, "元": Decimal("0.0001"),
}  # fmt: skip
_MONTHS_SO_FAR = re.compile(r"(20\d\d)\s*年\s*(?:1|一)\s*[-~—–至到]\s*(\d{1,2})\s*月")
_MONTH = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月")
# "2020年", "2020年度", or a year standing alone ("即墨2021重点项目"): a bare number followed
# by a unit (2000万元以上) or by more of a date (2020.7.3, 2020-03-05: a day, written when
# the sheet was filled in) is not a year.
_YEAR = re.compile(
    r"(?<![\d.\-/])(20\d\d)(?:\s*年|(?!\s*(?:[\d.\-/]|万|亿|元|个|项|%|米|亩|平方|吨)))"
)
_CHINESE_YEAR = re.compile(r"二[〇○零]([〇○零一二三四五六七八九]{2})\s*年")  # 二〇二〇年
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# Cumulative reports named by the part of the year they cover: 上半年 is 1-6月. A single
# quarter other than the first (第二季度) is not a 1-N月 figure and names no month here.
_PART_OF_YEAR = re.compile(r"(20\d\d)\s*年\s*(?:度\s*)?(上半年|第?一季度|前三季度)")
_PART_MONTHS = {"上半年": 6, "一季度": 3, "第一季度": 3, "前三季度": 9}


@dataclass(frozen=True)
class Titles:
    text: str = ""  # every line above the table, for finding a unit named in the title
    unit: str | None = None  # as the 填报单位 line writes it
    year: int | None = None
    period: str | None = None  # YYYY-MM
    amount_factor: int | Decimal | None = None


def read_titles(rows: Grid) -> Titles:
    lines = [_line(row) for row in rows]
    lines = [line for line in lines if line]
    titles = [line for line in lines if not _FILED.search(line)]
    return Titles(
        text="\n".join(titles),
        unit=next((unit for row in rows if (unit := _unit(row))), None),
        year=next((year for line in titles if (year := year_in(line))), None),
        period=_period(titles),
        # Each cell first ("（万元）" alone), then each line ("金额单位：" and "亿元" apart).
        amount_factor=next(
            (f for said in (*_cells(rows), *lines) if (f := amount_statement(said))), None
        ),
    )


def amount_statement(line: str) -> int | Decimal | None:
    """万元 per unit of the amounts a "金额单位：亿元" statement sets; None if it sets none."""
    found = _AMOUNT_UNIT.search(unicodedata.normalize("NFKC", line))
    return _AMOUNT_FACTORS[found.group(1) or found.group(2)] if found else None


def year_in(line: str) -> int | None:
    """The first year the line states, in digits or in Chinese numerals (二〇二〇年)."""
    line = unicodedata.normalize("NFKC", line)
    found = [m for m in (_YEAR.search(line), _CHINESE_YEAR.search(line)) if m]
    if not found:
        return None
    first = min(found, key=lambda match: match.start())
    if first.re is _YEAR:
        return int(first.group(1))
    return 2000 + int(first.group(1).translate(_CHINESE_DIGITS))


def period_in(line: str) -> str | None:
    """The month a name reports, YYYY-MM, as a title would say it."""
    return _period([unicodedata.normalize("NFKC", line)])


def _cells(rows: Grid):
    return (text(value) for row in rows for value in row if isinstance(value, str))


def _line(row: list) -> str:
    return "  ".join(unicodedata.normalize("NFKC", text(value)) for value in row if text(value))


def _unit(row: list) -> str | None:
    """The 填报单位 a row names: written after the label in its own cell, or, the label's cell
    ending with it, in the next filled cell when that is not another label ("金额单位：亿元"
    beside a blank "填报单位（盖章）：" names no unit)."""
    cells = [unicodedata.normalize("NFKC", text(value)) for value in row]
    cells = [cell for cell in cells if cell]
    for index, cell in enumerate(cells):
        for label in _UNIT_LABEL.finditer(cell):
            after = cell[label.end() :]
            if not after.strip() and index + 1 < len(cells) and not _LABEL.search(cells[index + 1]):
                after = cells[index + 1]
            if unit := _unit_value(after):
                return unit
    return None


def _unit_value(after: str) -> str | None:
    """The name at the start of `after`, unless it is an amount unit or a label of its own."""
    after = _SEAL.sub("", after)
    found = _UNIT_VALUE.match(_DATE_WORDS.sub("", after).strip())
    if found is None or found.group() in _AMOUNT_FACTORS:
        return None
    if _LABEL.match(after.strip()[found.end() :].lstrip()):  # "金额单位：…": another label
        return None
    return found.group()


def _period(lines: list[str]) -> str | None:
    for pattern in (_MONTHS_SO_FAR, _MONTH, _PART_OF_YEAR):
        for line in lines:
            match = pattern.search(line)
            if not match:
                continue
            month = _PART_MONTHS.get(match.group(2)) or int(match.group(2))
            if 1 <= month <= 12:
                return f"{match.group(1)}-{month:02d}"
    return None
