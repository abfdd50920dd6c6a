"""Cell values as people type them, read into the program's types.

Amounts go through domain.money (万元, "85,000", "２００００", "1.5亿元"); dates through
domain.dates, after the spreadsheet's own forms are taken care of here: real dates, Excel
serial numbers, 2020.4 typed as a number, "2020年底". Blank cells and a lone dash or slash
are unknown. A value that cannot be read raises CellError with the reason.
"""

import datetime
import functools
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jimo_desktop.domain.amount_words import approximate, range_ends
from jimo_desktop.domain.dates import DateError, parse_partial_date
from jimo_desktop.domain.money import WAN_PER_YI, MoneyError, parse_wan
from jimo_desktop.domain.project import Level
from jimo_desktop.domain.stage_words import EarlyStages, Meaning, meaning

BLANKS = frozenset({"", "/", "-", "--", "—", "——", "－", "\\", "／", "—/—"})
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIALS = range(20_000, 80_000)  # 1954 … 2119 as Excel day numbers
_DATE_WORDS = (
    (re.compile(r"年(?:底|末)$"), "年12月"),
    (re.compile(r"年上半年$"), "年6月"),
    (re.compile(r"年下半年$"), "年12月"),
    (re.compile(r"年初$"), "年1月"),
    (re.compile(r"月(?:底|末|份|初|上旬|中旬|下旬|前|左右)$"), "月"),
)
_YEAR_ONLY = re.compile(r"^\s*(\d{4})\s*年?\s*$")
_SPACES = re.compile(r"[ \t\u3000]+")
_PHONE_SEPARATORS = re.compile(r"\s*[/／、,，;；]\s*")
_MAX_CENTS = 2**63 - 1  # SQLite's largest integer
_TOO_LARGE = "“{}”超出可以记录的金额，请核对数字和单位"
_PLAIN_FLOAT = 1e13
_ONE = Decimal(1)

_TRUE = ("是", "已", "√", "✓", "✔", "对", "y", "yes", "1", "true")
_FALSE = ("否", "未", "不", "无", "×", "✗", "✘", "拟", "暂未", "尚未", "n", "no", "0", "false")


class CellError(ValueError):
    """A value that cannot be read; the message quotes it and says what was expected."""


class ErrorCell:
    """A cell showing an Excel error (#N/A, #DIV/0!): a formula that failed, never a value.
    As text it is what Excel shows; every field's reading refuses it (column_values)."""

    __slots__ = ("shown",)

    def __init__(self, shown: str):
        self.shown = shown

    def __str__(self) -> str:
        return self.shown

    def refused(self) -> CellError:
        return CellError(f"单元格显示“{self.shown}”（公式出错），请在原表中改正后再导入")


class Approximate(int):
    """Cents of an amount written with a word around its figure ("约125.6", "不少于10"): the
    figure, and the word, for the preview to say."""

    def __new__(cls, cents: int, word: str, written: str):
        found = super().__new__(cls, cents)
        found.word, found.written = word, written
        return found


class AmountRange:
    """An amount written as a range ("5-8亿元"): which end counts is the officer's answer."""

    __slots__ = ("lower", "upper", "written")

    def __init__(self, lower: int, upper: int, written: str):
        if lower > upper:
            raise CellError(f"“{written}”下限大于上限，请核对")
        self.lower, self.upper, self.written = lower, upper, written


class ImpreciseDate(CellError):
    """A date with a year only: it is left unknown and the officer is told."""


def is_blank(value: object) -> bool:
    if value is None:
        return True
    return isinstance(value, str) and value.strip() in BLANKS


def text(value: object) -> str:
    """The cell as text on one line: numbers without a trailing .0, dates in ISO."""
    if type(value) is str:
        stripped = value.strip()
        if stripped in BLANKS:
            return ""
        # The usual cell returns here; spelt out, as a loop or a regex costs 4x per cell.
        spaced = "\n" in stripped or "\t" in stripped or "  " in stripped or "\u3000" in stripped
        if not spaced and "\r" not in stripped:
            return stripped
        return _SPACES.sub(" ", stripped.replace("\r", "").replace("\n", "")).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def phone(value: object) -> str:
    """Two numbers in one cell ("0532-8888888/13812345678") kept, separated by a space."""
    return _PHONE_SEPARATORS.sub(" ", text(value)).strip()


def long_text(value: object) -> str:
    """Text that may hold several lines (建设内容, 存在问题): each line trimmed, blank ones out."""
    if not isinstance(value, str) or "\n" not in value:
        return text(value)
    lines = (_SPACES.sub(" ", line).strip() for line in value.replace("\r", "").split("\n"))
    return "\n".join(line for line in lines if line and line not in BLANKS)


def amount(value: object, factor: int | Decimal | None = None) -> int | None:
    """Cents of 万元; `factor` is the 万元 in one unit of a bare number (10000 under 亿元)."""
    unit = factor or 1
    if type(unit) is int and (cents := _plain_cents(value, unit)) is not None:
        return _storable(cents, value)
    if is_blank(value):
        return None
    try:
        cents = parse_wan(value, unit)
    except MoneyError as error:
        # Looked for only once a cell is no plain amount: the usual cell never pays for it.
        if isinstance(value, str) and (worded := _worded_amount(value, factor)) is not None:
            return worded
        if factor == WAN_PER_YI:  # the domain's message would ask for 万元
            raise CellError(f"“{value}”不是金额，应为数字（亿元），如 1.5") from error
        raise CellError(str(error)) from error
    except InvalidOperation as error:  # more digits than Decimal holds
        raise CellError(_TOO_LARGE.format(text(value))) from error
    return None if cents is None else _storable(cents, value)


def _worded_amount(value: str, factor: int | Decimal | None):
    """A range ("5-8亿元") or an approximate amount ("约125.6"); None if the cell is neither."""
    if ends := range_ends(value):
        return AmountRange(amount(ends[0], factor), amount(ends[1], factor), text(value))
    if qualified := approximate(value):
        inner = amount(qualified.figure, factor)
        if inner is None or type(inner) is AmountRange:
            return inner
        return Approximate(inner, qualified.word, text(value))
    return None


def _storable(cents: int, value: object) -> int:
    """Cents the database can hold: a larger number is a slip (a misplaced unit), not an amount."""
    if not -_MAX_CENTS <= cents <= _MAX_CENTS:
        raise CellError(_TOO_LARGE.format(text(value)))
    return cents


def _plain_cents(value: object, factor: int) -> int | None:
    """The usual amount cell, a number or digits with thousands commas, in cents exactly as
    domain.money.parse_wan reads it, without its Decimal parsing of text (ten times slower,
    for two cells of every row); None for any other cell, which parse_wan then reads."""
    kind = type(value)
    if kind is str and len(value) < 30:
        digits = value.replace(",", "")
        if not (digits.isascii() and digits.isdigit()):
            return None
        value, kind = int(digits), int
    if kind is int:
        return value * factor * 100
    if kind is not float or not math.isfinite(value):
        return None
    if -_PLAIN_FLOAT < value < _PLAIN_FLOAT and (cents := round(value * 100)) / 100 == value:
        # Such a float's shortest decimal, which parse_wan reads, has at most two decimals:
        # below 1e13 floats lie closer together than 0.01, so no other decimal is as short.
        return cents * factor
    exact = Decimal(repr(value)) * (factor * 100)  # repr: the float's shortest decimal
    if abs(exact) > _MAX_CENTS:
        return int(exact)  # refused as too large; Decimal could not even round it
    return int(exact.quantize(_ONE, rounding=ROUND_HALF_UP))


def partial_date(value: object) -> str | None:
    """ISO year-month or day from whatever the cell holds; None when blank."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CellError(f"“{value}”不是日期，应为 2020-06 或 2020-06-15（年月即可）")
    if isinstance(value, int | float):
        return _date_from_number(value)
    return _date_from_text(value)


def _date_from_number(number: int | float) -> str:
    whole = int(number)
    if not float(number).is_integer() and 1990 <= whole <= 2100:
        return _date_from_text(repr(float(number)))  # 2020.4 typed, stored as a number
    if whole in _SERIALS:
        return (_EXCEL_EPOCH + datetime.timedelta(days=whole)).isoformat()
    digits = str(whole)
    if len(digits) == 6:  # 202004
        return _date_from_text(f"{digits[:4]}-{digits[4:]}")
    if len(digits) == 8:  # 20200415
        return _date_from_text(f"{digits[:4]}-{digits[4:6]}-{digits[6:]}")
    return _date_from_text(text(number))


@functools.lru_cache(maxsize=4096)  # a submission repeats the same few months
def _date_from_text(raw: str) -> str:
    cleaned = unicodedata.normalize("NFKC", raw).strip()
    if match := _YEAR_ONLY.match(cleaned):
        raise ImpreciseDate(f"“{raw}”只有年份，时间需写到月（如 {match.group(1)}.3），此项未导入")
    for pattern, replacement in _DATE_WORDS:
        cleaned = pattern.sub(replacement, cleaned)
    try:
        parsed = parse_partial_date(cleaned)
    except DateError as error:
        raise CellError(str(error).replace(f"“{cleaned}”", f"“{raw}”")) from error
    if parsed is None:
        raise CellError(f"“{raw}”不是日期")
    return parsed


def yes_no(value: object) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word.startswith(_FALSE):
        return False
    if word.startswith(_TRUE):
        return True
    raise CellError(f"“{value}”应为“是”或“否”")


def stage_words(
    value: object, early: EarlyStages, *, nature_column: bool = False
) -> Meaning | None:
    """A 项目类别 / 阶段 or 建设性质 cell read with the one table of domain.stage_words."""
    if is_blank(value):
        return None
    found = meaning(text(value), early, nature_column=nature_column)
    if found is None:
        what = (
            "建设性质，应为新建、续建或扩建"
            if nature_column
            else "项目阶段，应为谋划、储备、新开工、续建、竣工或投产"
        )
        raise CellError(f"“{value}”不是{what}（也可写签约、前期、在建、拟建）")
    return found


def level(value: object) -> Level | None:
    if is_blank(value):
        return None
    word = text(value)
    for mark, found in (("省", Level.PROVINCE), ("市", Level.QINGDAO), ("区", Level.DISTRICT)):
        if mark in word:
            return found
    if "青岛" in word:
        return Level.QINGDAO
    raise CellError(f"“{value}”不是项目级别，应为省重点、青岛市重点或区重点")
