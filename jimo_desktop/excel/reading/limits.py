"""How much of a spreadsheet the import accepts, and the refusal that says why.

python-calamine lays every sheet out as a dense grid from A1 to its farthest filled cell and
holds the whole workbook's grids at once, so the bound that matters is the grid: rows ×
columns of each sheet, summed over the workbook. The other limits bound the work of reading
(elements, strings, merged areas) so that a small file cannot make the guard or the reader
slow. A submission has a few hundred rows and a few dozen columns; every limit is far above.
"""

from dataclasses import dataclass

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_INFLATED_BYTES = 600 * 1024 * 1024  # all members of an .xlsx together, once unpacked
MAX_MEMBERS = 10_000
MAX_ROWS = 200_000
MAX_COLUMNS = 256
MAX_CELLS = 12_000_000  # rows × columns of the grids of all sheets together
MAX_CELL_ELEMENTS = 4_000_000  # cells written in a sheet, empty ones included
MAX_ROW_ELEMENTS = 1_048_576  # Excel's own number of rows
MAX_SHARED_STRINGS = 2_000_000
MAX_MERGED_AREAS = 100_000
MAX_SHEETS = 1_000
# The tags of all parts the reader parses: a few hundred MB of <x/> take it minutes, padding
# like any other; 4,000,000 cells of inline text are 26,000,000.
MAX_TAGS = 32_000_000
MAX_TEXT_BYTES = 256 * 1024  # one run of text; Excel holds at most 32,767 characters a cell

# The widest the import accepts, in Excel's letters.
EXCEL_LAST_ROW = 1_048_576
EXCEL_LAST_COLUMN = 16_384  # XFD


class ExcelFileError(Exception):
    """A file that cannot be imported; the message says why, for the officer."""


@dataclass(frozen=True)
class Extent:
    """The grid the reader will build for one sheet: A1 to its farthest filled cell."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def check_tags(part: str, tags: int) -> None:
    if tags > MAX_TAGS:
        raise ExcelFileError(f"{part}写有过多的标记（多为空白填充），未导入")


def check_extent(sheet: str, extent: Extent) -> None:
    if extent.rows > MAX_ROWS:
        raise ExcelFileError(f"{sheet}超过 {MAX_ROWS:,} 行，不像一份填报表，未导入")
    if extent.columns > MAX_COLUMNS:
        raise ExcelFileError(f"{sheet}超过 {MAX_COLUMNS} 列，不像一份填报表，未导入")
    if extent.cells > MAX_CELLS:
        raise ExcelFileError(f"{sheet}的单元格过多，不像一份填报表，未导入")


class Budget:
    """What the reader spends on all sheets together: the cells of their grids, which it
    holds at once, and the bytes and tags it parses for them (sheets may share one part or
    stream, which is then read once for each)."""

    def __init__(self):
        self.cells = 0
        self.read = 0
        self.tags = 0

    def spend(self, sheet: str, extent: Extent, read: int, tags: int = 0) -> None:
        check_extent(sheet, extent)
        self.cells += extent.cells
        self.read += read
        self.tags += tags
        if self.cells > MAX_CELLS:
            raise ExcelFileError(f"{sheet}：整个文件的单元格过多，不像一份填报表，未导入")
        if self.read > MAX_INFLATED_BYTES or self.tags > MAX_TAGS:
            raise ExcelFileError(f"{sheet}：多个工作表重复同一内容，读取量过大，未导入")


def sheet_named(name: str) -> str:
    """How a message names a sheet."""
    return f"工作表“{name}”"


def column_number(letters: str) -> int:
    """ "A" → 1, "Z" → 26, "AA" → 27; lower case as upper, as the reader takes them."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
