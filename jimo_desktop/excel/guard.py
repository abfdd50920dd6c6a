"""Refuse what is not a readable spreadsheet before the reader sees it.

python-calamine is fast but trusting: it inflates every zip member it is given and lays each
sheet out as a dense grid from its first cell to its last, so a 5 KB file naming one cell in
A1 and one in XFD1048576 asks for billions of cells. Here the file is looked at with cheap
byte scans first: its kind (.xlsx zip, .xls compound file, or something else), a password,
the true inflated size of every zip member, and the extent of every worksheet.

An .xls is bounded by its format (65,536 rows × 256 columns, which the reader lays out in
about 1.5 s and 1 GB at worst), so only its size and password are checked.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_INFLATED_BYTES = 600 * 1024 * 1024  # all members of an .xlsx together, once unpacked
MAX_MEMBERS = 10_000
MAX_ROWS = 200_000
MAX_COLUMNS = 256
MAX_CELLS = 12_000_000  # rows × columns of the grid a sheet spans

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is a compound file holding this stream instead of a zip.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
PASSWORD = "文件有密码保护，请在Excel中去掉密码另存后再导入"
_CHUNK = 1 << 20
# Literal-led patterns, so the scan skips ahead at C speed (about 15 ms for 15 MB of XML).
_ROW_NUMBER = re.compile(rb'row\b[^>]*?\sr="(\d+)"')
_NAMESPACED_ROW = re.compile(rb":row[ >]")  # <x:row>, written by a few other programs
_WIDE_CELL = re.compile(rb'r="([A-Z]{2,3})\d')


class ExcelFileError(Exception):
    """A file that cannot be imported; the message says why, for the officer."""


@dataclass(frozen=True)
class Extent:
    rows: int
    columns: int


def check_file(path: Path) -> str:
    """ "xlsx" or "xls" when the file may be given to the reader; ExcelFileError otherwise."""
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
        check_zip(path)
        return "xlsx"
    if head == OLE_MAGIC:
        if _ENCRYPTED_STREAM in path.read_bytes():
            raise ExcelFileError(PASSWORD)
        return "xls"
    if head.startswith(b"%PDF"):
        raise ExcelFileError("这是PDF文件，不是Excel表格")
    raise ExcelFileError("不是Excel文件（应为 .xlsx 或 .xls）；文本或CSV请在Excel中另存为 .xlsx")


def check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members)
            inflated = 0
            for member in members:
                inflated += _inflate(archive, member, MAX_INFLATED_BYTES - inflated)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise ExcelFileError(f"文件已损坏，无法打开（{error}）") from error
    except NotImplementedError as error:  # a compression method zipfile does not know
        raise ExcelFileError(f"文件的压缩方式无法识别（{error}）") from error


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    names = {member.filename for member in members}
    if "xl/workbook.bin" in names:
        raise ExcelFileError("不支持 .xlsb 格式，请在Excel中另存为 .xlsx")
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise ExcelFileError("这是WPS/LibreOffice的 .ods 表格，请另存为 .xlsx")
        raise ExcelFileError("不是Excel表格（可能是Word文档或压缩包）")
    if any(member.flag_bits & 0x1 for member in members):
        raise ExcelFileError(PASSWORD)
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
        raise ExcelFileError("文件解压后过大（可能是“压缩炸弹”），未导入")


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, allowed: int) -> int:
    """Unpack one member as a stream, measuring worksheets on the way; returns its size.

    Reading to the end also checks the member's CRC, so a member whose header understates
    its size fails here instead of inflating without end in the reader.
    """
    is_sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
    scanner = _SheetScanner() if is_sheet else None
    total = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > allowed:
                    raise ExcelFileError("文件解压后过大（可能是“压缩炸弹”），未导入")
                if scanner is not None:
                    scanner.feed(chunk)
    except (zlib.error, zipfile.BadZipFile, EOFError) as error:
        raise ExcelFileError("文件已损坏（压缩数据有误），未导入") from error
    if scanner is not None:
        scanner.finish()
    return total


class _SheetScanner:
    """Counts rows and finds the widest column of a worksheet's XML, chunk by chunk."""

    def __init__(self):
        self.rows = 0
        self.last_row = 0
        self.columns = 0
        self._rest = b""

    def feed(self, chunk: bytes) -> None:
        data = self._rest + chunk
        # A tag cut at the chunk's end is kept for the next chunk, so it is counted once.
        cut = data.rfind(b"<")
        self._rest, data = data[cut:], data[:cut]
        self._scan(data)

    def finish(self) -> None:
        self._scan(self._rest)
        self._rest = b""

    def _scan(self, data: bytes) -> None:
        self.rows += data.count(b"<row")
        if _NAMESPACED_ROW.search(data):  # a pass of its own only when there are some
            self.rows += data.count(b":row ") + data.count(b":row>")
        self.last_row = max([self.last_row, *map(int, _ROW_NUMBER.findall(data))])
        for letters in set(_WIDE_CELL.findall(data)):
            self.columns = max(self.columns, column_number(letters.decode()))
        extent = Extent(max(self.rows, self.last_row), max(self.columns, 26))
        check_extent(extent)


def column_number(letters: str) -> int:
    """ "A" → 1, "Z" → 26, "AA" → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def check_extent(extent: Extent) -> None:
    if extent.rows > MAX_ROWS:
        raise ExcelFileError(f"工作表超过 {MAX_ROWS:,} 行，不像一份填报表，未导入")
    if extent.columns > MAX_COLUMNS:
        raise ExcelFileError(f"工作表超过 {MAX_COLUMNS} 列，不像一份填报表，未导入")
    if extent.rows * extent.columns > MAX_CELLS:
        raise ExcelFileError("工作表的单元格过多，不像一份填报表，未导入")
