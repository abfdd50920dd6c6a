"""What a written .xlsx holds, read two ways: openpyxl's cells, and the sheet XML itself, where
a formula is an <f> element whatever the reading library makes of it.

The only formulas a sheet may hold are its totals row's: the SUM of the column's rows above,
and a percentage of two cells of the same row. Anything else is a formula that got in."""

import html
import re
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import load_workbook

_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_FORMULA = re.compile(
    rb'<(?:\w+:)?c r="([A-Z]+)(\d+)"[^>]*>\s*<(?:\w+:)?f>([^<]*)</(?:\w+:)?f>'
)
_SUM = re.compile(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)")
_PERCENT = re.compile(r'IF\(N\([A-Z]+(\d+)\)=0,"",ROUND\([A-Z]+(\d+)/[A-Z]+(\d+)\*100,1\)\)')
TRIGGERS = ("=", "+", "-", "@")


def is_totals_formula(column: str, row: int, formula: str) -> bool:
    """A totals row's formula (without its "="): the SUM of its own column from the first
    data row to the row above, or a percentage of cells of its own row."""
    formula = formula.removeprefix("=")
    if match := _SUM.fullmatch(formula):
        first_column, first, last_column, last = match.groups()
        return first_column == last_column == column and int(first) == 4 and int(last) == row - 1
    if match := _PERCENT.fullmatch(formula):
        return all(int(number) == row for number in match.groups())
    return False


def formula_elements(path: Path) -> list[str]:
    """The parts of the package holding an <f> element other than a totals row's formula."""
    found = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            data = package.read(name) if name.endswith(".xml") else b""
            totals = [
                (column.decode(), int(row), html.unescape(formula.decode()))
                for column, row, formula in _CELL_FORMULA.findall(data)
            ]
            if len(_FORMULA_ELEMENT.findall(data)) > len(totals) or not all(
                is_totals_formula(*found) for found in totals
            ):
                found.append(name)
    return found


def text_cells(path: Path) -> dict[str, object]:
    """ "Sheet!B4" → cell, for every cell holding a value."""
    book = load_workbook(path)
    return {
        f"{sheet.title}!{cell.coordinate}": cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }


def unsafe_cells(path: Path) -> list[str]:
    """Cells Excel would run or could come to run: formulas (in the XML or as openpyxl reads
    them), and text starting like a formula (after blanks, in any width) without the mark
    that keeps it text when edited."""
    found = [f"<f> in {part}" for part in formula_elements(path)]
    for place, cell in text_cells(path).items():
        if cell.data_type == "f" and is_totals_formula(cell.column_letter, cell.row, cell.value):
            continue
        if cell.data_type not in ("s", "n"):
            found.append(f"{place} is of type {cell.data_type}: {cell.value!r}")
        elif cell.data_type == "s" and looks_like_formula(cell.value) and not cell.quotePrefix:
            found.append(f"{place} would become a formula when edited: {cell.value!r}")
    return found


def looks_like_formula(text: str) -> bool:
    start = text.lstrip()[:1]
    return bool(start) and unicodedata.normalize("NFKC", start).startswith(TRIGGERS)


# Landscape page widths in points: A4 is 297 mm, A3 420 mm across.
PAGE_WIDTHS = {9: 297 / 25.4 * 72, 8: 420 / 25.4 * 72}


def printed_body_points(sheet) -> float:
    """The size 10-point body text prints at: fitted one page wide, the columns' width
    (Excel draws width w as w × 7 + 5 pixels of 0.75 point) shrunk into the paper's width
    between the margins; at full size otherwise."""
    if not sheet.sheet_properties.pageSetUpPr.fitToPage:
        return 10 * (sheet.page_setup.scale or 100) / 100
    assert int(sheet.page_setup.fitToWidth) == 1
    margins = (sheet.page_margins.left + sheet.page_margins.right) * 72
    room = PAGE_WIDTHS[int(sheet.page_setup.paperSize)] - margins
    needed = sum(
        (sheet.column_dimensions[letter].width * 7 + 5) * 0.75
        for letter in sheet.column_dimensions
        if sheet.column_dimensions[letter].width
    )
    return 10 * min(1.0, room / needed)


def evaluated(sheet, row: int, column: int) -> object:
    """A cell's value as Excel shows it: a totals formula worked out from the cells it names
    (SUM leaves text and blanks out; a percentage is blank over zero), anything else as held."""
    from decimal import ROUND_HALF_UP, Decimal

    from openpyxl.utils import column_index_from_string

    value = sheet.cell(row, column).value
    if not isinstance(value, str) or not value.startswith("="):
        return value
    if match := _SUM.fullmatch(value[1:]):
        letter, first, _, last = match.groups()
        cells = [
            sheet.cell(r, column_index_from_string(letter)).value
            for r in range(int(first), int(last) + 1)
        ]
        return sum(Decimal(str(cell)) for cell in cells if isinstance(cell, (int, float, Decimal)))
    letters = re.findall(r"ROUND\(([A-Z]+)\d+/([A-Z]+)\d+", value)
    if letters:
        top, bottom = (evaluated(sheet, row, column_index_from_string(x)) for x in letters[0])
        if not bottom:
            return ""
        return (Decimal(str(top)) * 100 / Decimal(str(bottom))).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
    raise AssertionError(f"not a totals formula: {value}")
