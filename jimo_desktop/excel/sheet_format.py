"""The print format of every sheet the program writes, decided in one place.

A sheet is a merged title row, a line naming the submitting unit and the date, one header
row, the data rows and an optional totals row. It prints landscape with the header row
repeated on every page and "第 N 页 共 M 页" in the footer: one A4 page wide when its text
stays at 9 pt or more, else one A3 page wide, else on A3 at full size with its columns
split over pages and the name columns repeated on each.

The totals row holds formulas over the rows above (=SUM(H4:H120)), as officers check them;
they are made here from column and row numbers only, never from a cell's text.

Amounts are real numbers in 万元 ("#,##0.00"), so that officers can sum and sort them.
Dates are written as text ("2020年3月"): most dates the bureau keeps are a year and a month
only, and an Excel date would have to invent a day (2020-03-01) that a re-import could not
tell from a real one; the text reads the same in every spreadsheet and imports back exactly.

Every cell gets its value through `write_cell`, and only there: a number, or text that Excel
shows and keeps as text however it begins ("=HYPERLINK(…)", "＝", "@", "#N/A"), never a
formula, without the characters nobody can see, within Excel's 32,767 characters a cell.
"""

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jimo_desktop.domain.hidden_characters import without_hidden
from jimo_desktop.domain.money import CENTS_PER_WAN, format_wan
from jimo_desktop.safe_files import write_with

TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = 4
AMOUNT_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0"
FOOTER = "第 &P 页 共 &N 页"
LEAST_PRINT_POINTS = 9  # the smallest body text a sheet may shrink to when fitted to a page
# Landscape paper the sheet may print on, with the width its margins leave, in points.
PAPERS = (("A4", 9, 841.9), ("A3", 8, 1190.6))  # (name, Excel's paper code, page width)
SIDE_MARGIN_INCHES = 0.4
TOTALS_LABEL = "合计"
# Excel would run these as a formula when the cell is edited; they are always kept as text.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
CELL_LIMIT = 32_767  # the most characters (UTF-16 code units) Excel holds in one cell
CUT_MARK = "…（超出Excel单元格字数上限，以下未导出）"
LARGEST_NUMBER = Decimal("9.99999999999999E+307")  # Excel's largest number
MAX_ROW_POINTS = 409  # Excel's tallest row

# A sheet names its faces and the reader's machine finds them (reports/fonts.py chooses files
# to embed, which a sheet never does): faces every Chinese Windows has; LibreOffice substitutes.
TITLE_FONT = "黑体"
BODY_FONT = "宋体"
BODY_POINTS = 10
LINE_HEIGHT_POINTS = 14  # one line of 10-point 宋体, with its leading
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", start_color="DDE4EE")
_STYLE = "jimo_"  # our named cell styles, apart from Excel's built-in ones
_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
_PADDING = 2  # width units around the text, so it never touches the border
# Excel reads _x0041_ in a cell's text as the character U+0041; "_x005F_" is a literal "_".
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_PLAIN_INTEGERS = range(-(10**15), 10**15)


class Kind(Enum):
    TEXT = "text"  # left aligned, wraps when longer than the column
    CENTRED = "centred"  # short values: 序号, dates, 是/否
    AMOUNT = "amount"  # integer hundredths of 万元, written as a number of 万元
    PERCENT = "percent"  # percentage points as a Decimal


@dataclass(frozen=True)
class SheetColumn:
    header: str
    kind: Kind = Kind.TEXT
    max_width: int = 24  # widest the column grows (width units) before its text wraps
    min_width: int = 4
    # A percentage whose total is the ratio of two amount columns' totals (their headers).
    ratio_of: tuple[str, str] | None = None


@dataclass(frozen=True)
class Formula:
    """A formula the sheet format composed from column and row numbers; write_cell writes
    no other. Made only by `column_sum` and `percent_of`."""

    text: str


def column_sum(column: int, first_row: int, last_row: int) -> Formula:
    letter = get_column_letter(_positive(column))
    return Formula(f"=SUM({letter}{_positive(first_row)}:{letter}{_positive(last_row)})")


def percent_of(numerator: int, denominator: int, row: int) -> Formula:
    """The row's numerator over its denominator in per cent to one place, blank without one."""
    top = f"{get_column_letter(_positive(numerator))}{_positive(row)}"
    bottom = f"{get_column_letter(_positive(denominator))}{row}"
    return Formula(f'=IF(N({bottom})=0,"",ROUND({top}/{bottom}*100,1))')


def _positive(number: int) -> int:
    if type(number) is not int or number < 1:
        raise ValueError(f"not a row or column number: {number!r}")
    return number


@dataclass(frozen=True)
class SheetHeading:
    title: str
    unit_line: str = ""  # "填报单位：通济街道"
    date_line: str = ""  # "填报日期：2020年6月30日"


def display_width(text: str) -> int:
    """Width in Excel's units: a Chinese (wide) character counts as two, others as one."""
    return max(_line_width(line) for line in text.split("\n"))


def _line_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def new_workbook() -> Workbook:
    """A workbook without sheets, with the cell styles of the format registered once; its
    totals are worked out when it is opened (openpyxl writes formulas without results)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.calculation.fullCalcOnLoad = True
    for style in _named_styles():
        workbook.add_named_style(style)
    return workbook


def write_sheet(
    sheet: Worksheet,
    heading: SheetHeading,
    columns: Sequence[SheetColumn],
    rows: Sequence[Sequence[object]],
    totals: Sequence[object] | None = None,
    frozen_columns: int = 0,
) -> None:
    """Fill an empty sheet: heading, header row, rows (a value per column), totals row."""
    widths = fitted_widths(columns, rows, totals)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    # Split over pages, the title stands over the first page's columns, not cut in two.
    _write_heading(sheet, heading, _first_page_columns(widths))
    _write_header_row(sheet, columns, widths)
    for offset, values in enumerate(rows):
        _write_row(sheet, FIRST_DATA_ROW + offset, columns, widths, values, "")
    last_row = FIRST_DATA_ROW + len(rows) - 1
    if rows:
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last_row}"
    if totals is not None:
        last_row += 1
        formulas = _totals_formulas(columns, totals, last_row)
        _write_row(sheet, last_row, columns, widths, formulas, "total_")
        _merge_totals_label(sheet, last_row, totals)
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, frozen_columns + 1).coordinate
    _set_up_printing(sheet, widths, max(frozen_columns, 1))


def _totals_formulas(
    columns: Sequence[SheetColumn], totals: Sequence[object], row: int
) -> list[object]:
    """The totals row as written: an amount's total the SUM of the rows above, a ratio's
    the ratio of the totals beside it; other cells (合计, a word) as given."""
    headers = [column.header for column in columns]
    written: list[object] = []
    for number, (column, total) in enumerate(zip(columns, totals, strict=True), start=1):
        if total is not None and column.kind is Kind.AMOUNT:
            total = column_sum(number, FIRST_DATA_ROW, row - 1) if row > FIRST_DATA_ROW else 0
        elif total is not None and column.ratio_of is not None:
            top, bottom = (headers.index(header) + 1 for header in column.ratio_of)
            total = percent_of(top, bottom, row)
        written.append(total)
    return written


def amount_totals(columns: Sequence[SheetColumn], rows: Sequence[Sequence[object]]) -> list[object]:
    """A totals row: "合计" in the first column, the exact sum of every amount column."""
    totals: list[object] = [None] * len(columns)
    totals[0] = TOTALS_LABEL
    for number, column in enumerate(columns):
        if column.kind is Kind.AMOUNT:
            # A word in an amount column (待定) is shown, not summed.
            totals[number] = sum(row[number] for row in rows if type(row[number]) is int)
    return totals


def fitted_widths(
    columns: Sequence[SheetColumn],
    rows: Sequence[Sequence[object]],
    totals: Sequence[object] | None = None,
) -> list[int]:
    """Each column as wide as its longest value, within its limits; a long header wraps."""
    every_row = [*rows, totals] if totals is not None else rows
    widths = []
    for number, column in enumerate(columns):
        content = max((display_width(_shown(column, row[number])) for row in every_row), default=0)
        # A header wider than its values breaks before its unit rather than widen the column.
        header = display_width(_broken_header(column.header))
        wanted = max(content, header, column.min_width)
        widths.append(min(wanted, column.max_width) + _PADDING)
    return widths


def sheet_name(text: str, fallback: str = "清单") -> str:
    """A legal sheet name: without the characters Excel refuses, at most 31 long."""
    visible = without_hidden(text)
    cleaned = "".join(char for char in visible if char not in _SHEET_NAME_FORBIDDEN).strip("'")
    return cleaned[:31] or fallback


def save_workbook(workbook: Workbook, path: Path | str) -> Path:
    """Written whole or not at all (safe_files), so a failed export never leaves half a file."""
    write_with(Path(path), workbook.save, held_by=" Excel ")
    return Path(path)


def write_cell(
    sheet: Worksheet, row: int, column: int, value: object, style: str, kind: Kind = Kind.TEXT
) -> Cell:
    """The one way a value gets into a cell of a written sheet: the named style first (it
    would reset the text mark), then a number, or text Excel keeps as text."""
    cell = sheet.cell(row, column)
    cell.style = _STYLE + style
    if value is None or value == "":
        return cell
    if type(value) is Formula:
        cell.value = value.text
        return cell
    number = _as_number(value, kind)
    if number is not None:
        cell.value = number
        return cell
    text = _cell_text(value)
    if text:
        cell.value = text
        # openpyxl takes text starting with "=" for a formula and "#N/A" for an error.
        cell.data_type = "s"
        if looks_like_formula(text):  # kept as text when an officer edits it (Excel's ')
            cell.quotePrefix = True
    return cell


def _as_number(value: object, kind: Kind) -> int | float | Decimal | None:
    """The value as a number Excel can hold; None for anything else, written as text."""
    if type(value) is int and value in _PLAIN_INTEGERS:
        return Decimal(value) / CENTS_PER_WAN if kind is Kind.AMOUNT else value
    if type(value) not in (int, float, Decimal):
        return None
    exact = value if type(value) is Decimal else Decimal(value)
    if kind is Kind.AMOUNT and type(value) is int:
        exact = exact / CENTS_PER_WAN
    if not exact.is_finite() or abs(exact) > LARGEST_NUMBER:
        return None
    return exact if type(value) is not float else value


def _cell_text(value: object) -> str:
    """What a text cell holds: without hidden characters, with _xHHHH_ kept as written, cut
    (and marked) at Excel's limit."""
    if type(value) is bool:
        value = "是" if value else "否"
    text = without_hidden(str(value))
    if "\r" in text:  # XML reads a carriage return as a line feed; Excel breaks lines at \n
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "_x" not in text and len(text) <= CELL_LIMIT // 2:  # the usual cell
        return text
    budget = CELL_LIMIT
    while True:
        escaped = _ESCAPE_LIKE.sub(r"_x005F_\1", _cut(text, budget))
        # openpyxl cuts text longer than the limit itself, unmarked, perhaps inside an escape.
        if len(escaped) <= CELL_LIMIT:
            return escaped
        budget -= len(escaped) - CELL_LIMIT


def _cut(text: str, budget: int) -> str:
    """`text` within `budget` UTF-16 code units (as Excel counts), ending in CUT_MARK if cut."""
    if _utf16_length(text) <= budget:
        return text
    kept = text[: budget - len(CUT_MARK)]
    while _utf16_length(kept) > budget - len(CUT_MARK):
        kept = kept[: -max(1, (_utf16_length(kept) - budget + len(CUT_MARK)) // 2)]
    return kept + CUT_MARK


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def looks_like_formula(text: str) -> bool:
    """Text Excel would take for a formula when it is typed again: its first character after
    blanks is = + - or @, also in full width (＝ is turned into = by a Chinese input)."""
    start = text.lstrip()[:1]
    return bool(start) and unicodedata.normalize("NFKC", start).startswith(FORMULA_TRIGGERS)


def _shown(column: SheetColumn, value: object) -> str:
    if value is None:
        return ""
    if column.kind is Kind.AMOUNT and isinstance(value, int):
        return format_wan(value)
    return str(value)


def _write_heading(sheet: Worksheet, heading: SheetHeading, column_count: int) -> None:
    last = get_column_letter(column_count)
    write_cell(sheet, TITLE_ROW, 1, heading.title, "title")
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 36
    split = max(1, column_count // 2)
    write_cell(sheet, INFO_ROW, 1, heading.unit_line, "info_left")
    write_cell(sheet, INFO_ROW, split + 1, heading.date_line, "info_right")
    if split > 1:
        sheet.merge_cells(start_row=INFO_ROW, start_column=1, end_row=INFO_ROW, end_column=split)
    if column_count > split + 1:
        sheet.merge_cells(
            start_row=INFO_ROW, start_column=split + 1, end_row=INFO_ROW, end_column=column_count
        )
    sheet.row_dimensions[INFO_ROW].height = 22


def _write_header_row(sheet: Worksheet, columns: Sequence[SheetColumn], widths) -> None:
    texts = [
        _header_text(column.header, width) for column, width in zip(columns, widths, strict=True)
    ]
    for number, text in enumerate(texts, start=1):
        write_cell(sheet, HEADER_ROW, number, text, "header")
    lines = max(_lines(text, width) for text, width in zip(texts, widths, strict=True))
    sheet.row_dimensions[HEADER_ROW].height = lines * LINE_HEIGHT_POINTS + 8


def _write_row(sheet, row_number, columns, widths, values, style_prefix: str) -> None:
    lines = 1
    for number, (column, width, value) in enumerate(
        zip(columns, widths, values, strict=True), start=1
    ):
        write_cell(sheet, row_number, number, value, style_prefix + column.kind.value, column.kind)
        if isinstance(value, str):
            lines = max(lines, _lines(value, width))
    if lines > 1:
        # openpyxl cannot measure text; without a height Excel would show one line only.
        height = lines * LINE_HEIGHT_POINTS + 4
        sheet.row_dimensions[row_number].height = min(height, MAX_ROW_POINTS)


def _header_text(header: str, width: int) -> str:
    return header if display_width(header) <= width - _PADDING else _broken_header(header)


def _broken_header(header: str) -> str:
    """ "总投资（万元）" → "总投资\n（万元）": the unit on a line of its own."""
    name, bracket, unit = header.partition("（")
    return f"{name}\n{bracket}{unit}" if name and bracket else header


def _lines(text: str, width: int) -> int:
    usable = max(1, width - _PADDING)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def _merge_totals_label(sheet: Worksheet, row_number: int, totals: Sequence[object]) -> None:
    """ "合计" spans the empty cells after it, up to the first figure."""
    span = 1
    while span < len(totals) and totals[span] in (None, ""):
        span += 1
    if span > 1:
        sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=span)


def printed_width(widths: Sequence[int]) -> float:
    """Points the columns take on paper at full size: Excel draws a column of width w as
    w × 7 + 5 pixels (the workbook's digit width), 0.75 point each."""
    return sum((width * 7 + 5) * 0.75 for width in widths)


def _room(page_width: float) -> float:
    return page_width - 2 * 72 * SIDE_MARGIN_INCHES


def _fitting_paper(widths: Sequence[int]) -> int | None:
    """Excel's code of the smaller landscape paper the columns fit one page wide on with the
    body at LEAST_PRINT_POINTS or more; None when not even the largest will do."""
    least_scale = LEAST_PRINT_POINTS / BODY_POINTS
    needed = printed_width(widths)
    return next((code for _, code, page in PAPERS if _room(page) / needed >= least_scale), None)


def _first_page_columns(widths: Sequence[int]) -> int:
    """How many columns the first printed page holds: all of them when the sheet is fitted."""
    if _fitting_paper(widths) is not None:
        return len(widths)
    room = _room(PAPERS[-1][2])
    for count in range(len(widths), 0, -1):
        if printed_width(widths[:count]) <= room:
            return count
    return 1


def _set_up_printing(sheet: Worksheet, widths: Sequence[int], name_columns: int) -> None:
    """Landscape, fitted one page wide on the smaller paper that keeps the body at 9 pt or
    more; too wide even for A3, at full size with the name columns on every page."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    fitted = _fitting_paper(widths)
    setup.paperSize = fitted if fitted is not None else PAPERS[-1][1]
    sheet.sheet_properties.pageSetUpPr.fitToPage = fitted is not None
    if fitted is not None:
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as the rows need
    else:
        setup.scale = 100
        sheet.print_title_cols = f"A:{get_column_letter(name_columns)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = SIDE_MARGIN_INCHES
    margins.top, margins.bottom = 0.6, 0.7
    margins.header, margins.footer = 0.3, 0.3
    footer = sheet.oddFooter.center
    footer.text, footer.font, footer.size = FOOTER, BODY_FONT, BODY_POINTS


def _named_styles() -> list[NamedStyle]:
    body = Font(name=BODY_FONT, size=BODY_POINTS)
    bold = Font(name=BODY_FONT, size=BODY_POINTS, bold=True)
    info = Font(name=BODY_FONT, size=11)
    styles = [
        _style("title", Font(name=TITLE_FONT, size=18), "center"),
        _style("info_left", info, "left"),
        _style("info_right", info, "right"),
        _style("header", bold, "center", wrap=True, border=_BORDER, fill=_HEADER_FILL),
    ]
    for prefix, font in (("", body), ("total_", bold)):
        styles += [
            _style(f"{prefix}text", font, "left", wrap=True, border=_BORDER),
            _style(f"{prefix}centred", font, "center", wrap=True, border=_BORDER),
            _style(f"{prefix}amount", font, "right", border=_BORDER, number_format=AMOUNT_FORMAT),
            _style(f"{prefix}percent", font, "right", border=_BORDER, number_format=PERCENT_FORMAT),
        ]
    return styles


def _style(name: str, font: Font, horizontal: str, wrap: bool = False, **extra) -> NamedStyle:
    alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    return NamedStyle(_STYLE + name, font=font, alignment=alignment, **extra)
