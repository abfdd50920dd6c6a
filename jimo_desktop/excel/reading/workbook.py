"""Read a spreadsheet (.xlsx, .xlsm, .xls, and WPS files saved in those formats) into grids.

python-calamine reads both formats about ten times faster than openpyxl. Every sheet comes
back as a full grid from cell A1 (so row and column numbers are the ones Excel shows), with
merged areas filled: a value merged over several rows or columns is seen in each of them,
as the officer sees it on screen.
"""

import contextlib
import datetime
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

from jimo_desktop.excel.importing.values import ErrorCell
from jimo_desktop.excel.reading.error_cells import ErrorCells
from jimo_desktop.excel.reading.guard import PASSWORD, ExcelFileError, check_file
from jimo_desktop.excel.reading.limits import column_letters

Cell = (
    str | int | float | bool | datetime.date | datetime.datetime | datetime.time | ErrorCell | None
)
Grid = list[list[Cell]]
Merged = tuple[tuple[int, int], tuple[int, int]]  # (first row, first column), (last row, last …)


@dataclass
class Sheet:
    name: str
    visible: bool
    _load: Callable[[], tuple[Grid, list[Merged]]]
    has_error_cells: bool = False  # cells showing #N/A and such, put in the grid as ErrorCell
    _grid: Grid | None = None
    merged: tuple[Merged, ...] = ()

    @property
    def grid(self) -> Grid:
        """The cells, loaded on first use so that hidden sheets are never read."""
        if self._grid is None:
            grid, merged = self._load()
            self.merged = tuple(merged)
            self._grid = fill_merged(grid, merged)
        return self._grid


def read_sheets(path: Path) -> list[Sheet]:
    """The sheets of the file in workbook order; ExcelFileError when it cannot be read."""
    errors = check_file(path).error_cells
    with _reading("文件已损坏或不是Excel表格，无法读取"):
        # By content, as the guard judged it: from_path goes by the extension, and an .xls
        # saved as .xlsx (or the other way round) is common and opens in Excel all the same.
        with path.open("rb") as stream:
            workbook = CalamineWorkbook.from_filelike(stream)
        return [
            Sheet(
                meta.name,
                meta.visible == SheetVisibleEnum.Visible,
                _loader(workbook, meta.name, errors.get(meta.name, {})),
                has_error_cells=meta.name in errors,
            )
            for meta in workbook.sheets_metadata
        ]


@contextlib.contextmanager
def _reading(failed: str) -> Iterator[None]:
    """The reader's failures as the officer's message: its errors, and its panics, which
    python-calamine raises as a BaseException (a check the guard lacks must not crash)."""
    try:
        yield
    except PasswordError as error:  # an .xls with an opening password
        raise ExcelFileError(PASSWORD) from error
    except CalamineError as error:
        raise ExcelFileError(f"{failed}（{error}）") from error
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise ExcelFileError(f"{failed}（{error}）") from error


def _loader(
    workbook: CalamineWorkbook, name: str, errors: ErrorCells
) -> Callable[[], tuple[Grid, list[Merged]]]:
    def load() -> tuple[Grid, list[Merged]]:
        with _reading(f"工作表“{name}”无法读取"):
            sheet = workbook.get_sheet_by_name(name)
            grid, merged = sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges
        _refuse_what_excel_cannot_hold(name, grid)
        # The reader leaves a cell showing an error empty: it is put back as what it shows.
        for (row, column), shown in errors.items():
            if row < len(grid) and column < len(grid[row]) and grid[row][column] in ("", None):
                grid[row][column] = ErrorCell(shown)
        return grid, merged or []

    return load


def _refuse_what_excel_cannot_hold(name: str, grid: Grid) -> None:
    """Values the reader returns that no Excel cell can hold, so that the file was not written
    by Excel: "NaN", "inf" or 1e999 in a number cell (a float no field can read). Text with
    control characters is not refused here: excel/reading/hidden_cells.py cleans it, with a note."""
    for row_number, row in enumerate(grid):  # a row at a time in C, each cell only if needed
        if all(map(math.isfinite, filter(float.__instancecheck__, row))):
            continue
        for column, value in enumerate(row):
            if type(value) is float and not math.isfinite(value):
                what = f"的数字“{value}”无法读取"
            else:
                continue
            place = f"{column_letters(column + 1)}{row_number + 1}"
            raise ExcelFileError(
                f"工作表“{name}” {place} 单元格{what}，文件可能已损坏或被改动，未导入"
            )


def fill_merged(grid: Grid, merged: list[Merged]) -> Grid:
    """Copy each merged area's value into all of its cells (inside the grid's bounds)."""
    for (top, left), (bottom, right) in merged:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        value = grid[top][left]
        for row in grid[top : bottom + 1]:
            for column in range(left, min(right + 1, len(row))):
                row[column] = value
    return grid
