"""Which rows under the header are projects, and which sheets hold a table at all.

Submissions carry more than projects: blank rows, 合计/小计 rows (often formulas), section
headings such as "一、新开工项目" that set the batch of the rows below, rows of column
numbers, a template's numbered empty rows, and 填表人/审核人/注： lines under the table.
"""

import re
from enum import Enum

from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.values import BLANKS, text
from jimo_desktop.excel.reading.headers import Layout

_FOOTER = re.compile(
    r"^(?:填表人|填报人|审核人|审核|制表人|制表|单位负责人|负责人|主要负责人|分管负责人|"
    r"联系人|联系电话|填表日期|填报日期|报送日期|填报单位|报送单位|制表单位|审核单位|"
    r"填表时间|填报时间|报送时间|统计人|经办人|分管领导|主要领导|单位领导|签发人?|日期)"
    r"\s*(?:[(（][^)）]*[)）])?\s*(?:[:：]|$)|^(?:注|备注|说明|附注|注意)\s*\d*\s*[:：]"
)
_TOTAL = re.compile(r"^(?:合计|小计|总计|共计|全区合计|总合计|汇总)(?:$|[\d(（:：，,])")
_TOTAL_FIRST = frozenset("合小总共全汇")
_ENUMERATION = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十]+[)）、.．]|第[一二三四五六七八九十\d]+[批类部分])"
)
_EXPLANATION_SHEETS = (
    "说明", "须知", "注意事项", "目录", "封面", "示例", "样表", "样例", "字典", "选项", "下拉",
    "参数", "代码表", "指标解释",
)  # fmt: skip
_PROSE_COLUMNS = 2
_UNIT_WORDS = frozenset({"万元", "亿元", "元", "%", "个", "亩", "平方米", "年", "月", "单位"})


class RowKind(Enum):
    PROJECT = "project"
    BLANK = "blank"
    TOTAL = "total"
    FOOTER = "footer"
    HEADING = "heading"  # a section heading; may name the batch of the rows below
    NUMBERING = "numbering"  # serial-only rows, rows of column numbers or of units
    HEADER_AGAIN = "header_again"
    NO_NAME = "no_name"  # data without a project name: a problem


class RowClassifier:
    def __init__(self, layout: Layout):
        name = layout.column(Field.NAME)
        serial = layout.column(Field.SERIAL)
        self._name = name.index if name else 0
        self._serial = serial.index if serial else None
        self._header_name = name.header if name else ""

    def kind(self, row: list) -> RowKind:
        # Called for every row of a sheet: _filled spelt out, as a call per cell doubles the cost.
        filled = [
            (index, value)
            for index, value in enumerate(row)
            if value is not None and (type(value) is not str or value.strip() not in BLANKS)
        ]
        if not filled:
            return RowKind.BLANK
        first = filled[0][1]
        if isinstance(first, str) and _FOOTER.match(first.strip()):
            return RowKind.FOOTER
        if any(_is_total(value) for _, value in filled[:3] if isinstance(value, str)):
            return RowKind.TOTAL
        return self._by_content(row, filled)

    def _by_content(self, row: list, filled: list[tuple[int, object]]) -> RowKind:
        name = row[self._name] if self._name < len(row) else None
        if self._serial_only(filled) or _column_numbers(filled) or _unit_words(filled):
            return RowKind.NUMBERING
        if _all_same(filled) and self._is_heading(filled):
            return RowKind.HEADING
        if not _filled(name):
            has_text = any(isinstance(v, str) for i, v in filled if i != self._serial)
            # Amounts without a name or serial number: a totals row whose label was left out.
            return RowKind.NO_NAME if has_text or self._serial_filled(row) else RowKind.TOTAL
        if text(name) == self._header_name:
            return RowKind.HEADER_AGAIN
        return RowKind.PROJECT

    def _is_heading(self, filled: list[tuple[int, object]]) -> bool:
        value = filled[0][1]
        if not isinstance(value, str) or value.strip().isdigit():
            return False
        if len(filled) > 1 or filled[0][0] != self._name:
            return True  # merged across the row, or written outside the name column
        return bool(_ENUMERATION.match(value.strip()))

    def _serial_only(self, filled: list[tuple[int, object]]) -> bool:
        """A serial number alone: a template's numbered empty row."""
        index, value = filled[0]
        return len(filled) == 1 and index == self._serial and text(value).isdigit()

    def _serial_filled(self, row: list) -> bool:
        return self._serial is not None and self._serial < len(row) and _filled(row[self._serial])


def _filled(value: object) -> bool:
    if value is None or value == "":
        return False
    return type(value) is not str or value.strip() not in BLANKS


def _is_total(value: str) -> bool:
    # Squeezing out the spaces of every long cell costs; a total's first letter tells first.
    return value.lstrip()[:1] in _TOTAL_FIRST and bool(_TOTAL.match(_squeezed(value)))


def _all_same(filled: list[tuple[int, object]]) -> bool:
    """Every filled cell holds one value (a heading merged across the row)."""
    first, last = filled[0][1], filled[-1][1]
    if first is not last and first != last:  # a set of them would be built for nothing
        return False
    return len({value for _, value in filled}) == 1


def _unit_words(filled: list[tuple[int, object]]) -> bool:
    return _is_unit_word(filled[0][1]) and all(_is_unit_word(value) for _, value in filled)


def _is_unit_word(value: object) -> bool:
    """A row under the header giving each column's unit: 万元, (亿元), %."""
    return isinstance(value, str) and _squeezed(value).strip("()（）") in _UNIT_WORDS


def _squeezed(value: str) -> str:
    return "".join(value.split())


def _column_numbers(filled: list[tuple[int, object]]) -> bool:
    """A row of 1, 2, 3 … under the header, numbering the columns."""
    if len(filled) < 3 or text(filled[0][1]) != "1":
        return False
    numbers = [text(value) for _, value in filled]
    return numbers == [str(number) for number in range(1, len(numbers) + 1)]


def is_explanation_sheet(name: str) -> bool:
    return any(word in name for word in _EXPLANATION_SHEETS)


def looks_like_prose(grid: list[list]) -> bool:
    """Paragraphs in one or two columns: instructions, not a table."""
    columns = {index for row in grid[:60] for index, value in enumerate(row) if _filled(value)}
    return len(columns) <= _PROSE_COLUMNS
