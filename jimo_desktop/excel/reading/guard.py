"""Refuse what is not a readable spreadsheet before the reader sees it.

python-calamine is fast but trusting: it inflates every zip member it is given, believes the
counts a file announces, and lays each sheet out as a dense grid from its first cell to its
last, so a 6 KB file naming one cell in A1 and one in IV1048576 asks for 8 GB and the process
aborts. It also takes a file by trying the formats in turn (.xls, .xlsx, .xlsb, .ods), so a
file that fails as one may be read as another. Here the file is judged by its content as
exactly one kind, and the parts of it the reader will parse are measured with the reader's
own rules, in time and memory linear in the file (xlsx_guard, xls_guard); the limits are in
`limits`. What is refused gets one message saying which sheet and what is wrong.
"""

from dataclasses import dataclass, field
from pathlib import Path

from jimo_desktop.excel.reading.error_cells import ErrorCells
from jimo_desktop.excel.reading.limits import MAX_FILE_BYTES, ExcelFileError
from jimo_desktop.excel.reading.xls_guard import check_xls
from jimo_desktop.excel.reading.xlsx_guard import PASSWORD, check_xlsx, workbook_inside

__all__ = ["PASSWORD", "ExcelFileError", "Verdict", "check_file"]

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Verdict:
    """A file the reader may be given: its kind, and the cells showing an Excel error by
    sheet name (the reader reads them as empty)."""

    kind: str  # "xlsx" or "xls"
    error_cells: dict[str, ErrorCells] = field(default_factory=dict)


def check_file(path: Path) -> Verdict:
    if not path.is_file():
        raise ExcelFileError("文件不存在")
    size = path.stat().st_size
    if size == 0:
        raise ExcelFileError("文件是空的")
    if size > MAX_FILE_BYTES:
        raise ExcelFileError(f"文件过大（{size // (1024 * 1024)} MB），不像一份填报表，未导入")
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(ZIP_MAGIC):
        return Verdict("xlsx", check_xlsx(path))
    if head == OLE_MAGIC:
        if workbook_inside(path):
            raise ExcelFileError("文件结构异常（既像 .xls 又像 .xlsx），未导入")
        return Verdict("xls", check_xls(path))
    if head.startswith(b"%PDF"):
        raise ExcelFileError("这是PDF文件，不是Excel表格")
    raise ExcelFileError("不是Excel文件（应为 .xlsx 或 .xls）；文本或CSV请在Excel中另存为 .xlsx")
