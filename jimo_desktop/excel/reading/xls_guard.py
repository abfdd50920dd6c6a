"""An .xls checked the way python-calamine will read it, before it does.

An .xls is a compound file (a little FAT file system) holding the Workbook stream of BIFF
records. The reader believes the counts in the compound file's header (it reserves room for
as many FAT and DIFAT sectors as announced, and follows sector chains without looking for
loops) and, on opening, lays out every sheet as a dense grid: a cell record may name any of
65,536 × 65,536 places, and a DIMENSIONS record makes it reserve rows × columns before a cell
is read. So the compound file is walked here first, every chain checked against the file's
size and for loops, then the Workbook stream's records as the reader walks them: each sheet's
cells (their place), its DIMENSIONS, and the cells showing an error (BOOLERR, or a formula
whose last result was an error), which the reader reads as empty.
"""

import codecs
import itertools
import struct
from pathlib import Path

from jimo_desktop.excel.reading.error_cells import XLS_ERRORS, ErrorCells
from jimo_desktop.excel.reading.limits import (
    MAX_CELLS,
    MAX_SHEETS,
    Budget,
    ExcelFileError,
    Extent,
    check_extent,
    sheet_named,
)
from jimo_desktop.excel.reading.xlsx_guard import PASSWORD

_ENCRYPTED_STREAM = "EncryptedPackage"
_WORKBOOK_STREAMS = ("Workbook", "Book", "WORKBOOK", "BOOK")  # in the reader's order
_END_OF_CHAIN = 0xFFFFFFFE
_LAST_SECTOR = 0xFFFFFFFA  # ids from here on are markers
_DIFAT_MARK = 0xFFFFFFFC
_MAX_DIFAT_ENTRIES = 16 * 1024 * 1024  # the reader reserves this many u32 from the header
_BOF, _EOF, _BOUNDSHEET, _CODEPAGE = 0x0809, 0x000A, 0x0085, 0x0042
_DIMENSIONS, _FORMULA, _BOOLERR, _MULRK = 0x0200, 0x0006, 0x0205, 0x00BD
_CELLS = frozenset({0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006})  # row, column first
_DAMAGED = "文件已损坏（.xls 的内部结构有误），未导入"


def check_xls(path: Path) -> dict[str, ErrorCells]:
    """The cells showing an error, by sheet name; ExcelFileError when the file may not be read."""
    data = path.read_bytes()
    try:
        streams = _CompoundFile(data)
        if streams.has(_ENCRYPTED_STREAM):
            raise ExcelFileError(PASSWORD)
        workbook = next(
            (streams.read(name) for name in _WORKBOOK_STREAMS if streams.has(name)), None
        )
    except (struct.error, IndexError) as error:
        raise ExcelFileError(_DAMAGED) from error
    if workbook is None:
        raise ExcelFileError("文件中没有工作簿数据，不是Excel表格，未导入")
    return _Workbook(workbook).check()


class _CompoundFile:
    """The directory and streams of a compound file, read as the reader reads them, with every
    count and chain it would trust checked first."""

    def __init__(self, data: bytes):
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise ExcelFileError(_DAMAGED)
        self.size = 1 << shift
        self.sectors = len(data) // self.size - 1  # the header takes the first sector's room
        (fat_sectors, directory_start) = struct.unpack_from("<LL", data, 44)
        mini_fat_start, mini_fat_sectors, difat_start = struct.unpack_from("<LLL", data, 60)
        reserved_difat = struct.unpack_from("<L", data, 62)[0]  # as the reader reads it
        if fat_sectors > self.sectors or reserved_difat > _MAX_DIFAT_ENTRIES:
            raise ExcelFileError(_DAMAGED)
        difat = list(struct.unpack_from("<109L", data, 76))
        seen: set[int] = set()
        sector = difat_start
        while sector < _LAST_SECTOR:
            self._check_sector(sector, seen)
            difat.extend(self._entries(sector))
            sector = difat.pop()
        fat_sectors = [sector for sector in difat if sector < _DIFAT_MARK]
        if len(fat_sectors) > self.sectors:  # the same sector named again and again
            raise ExcelFileError(_DAMAGED)
        self.fat: list[int] = []
        for sector in fat_sectors:
            self._check_sector(sector, set())
            self.fat.extend(self._entries(sector))
        directory = self._read(directory_start, -1, self.fat, self.size, data)
        self.entries = {}
        for start in range(0, len(directory) - 127, 128):
            entry = directory[start : start + 128]
            name = entry[:64].decode("utf-16-le", "replace").split("\0")[0]
            first, length = struct.unpack_from("<LQ" if shift == 12 else "<LL", entry, 116)
            if length > len(data):
                raise ExcelFileError(_DAMAGED)
            self.entries.setdefault(name, (first, length))
        if not self.entries:
            raise ExcelFileError(_DAMAGED)
        self.mini_fat: list[int] = []
        self.mini_stream = b""
        if mini_fat_sectors > 0:
            root_start, root_length = next(iter(self.entries.values()))
            self.mini_stream = self._read(root_start, root_length, self.fat, self.size, data)
            mini_fat = self._read(
                mini_fat_start, mini_fat_sectors * self.size, self.fat, self.size, data
            )
            self.mini_fat = list(struct.unpack_from(f"<{len(mini_fat) // 4}L", mini_fat))

    def has(self, name: str) -> bool:
        return name in self.entries

    def read(self, name: str) -> bytes:
        first, length = self.entries[name]
        if length < 4096:
            return self._read(first, length, self.mini_fat, 64, self.mini_stream, mini=True)
        return self._read(first, length, self.fat, self.size, self.data)

    def _read(self, first: int, length: int, fat: list[int], size: int, source: bytes, mini=False):
        """`length` bytes (all, when -1) of the chain from `first`, refused when a sector is
        outside the file or the FAT, or the chain comes back on itself (the reader would
        loop for ever)."""
        offset = 0 if mini else size  # regular sectors come after the header
        available = (len(source) - offset) // size
        pieces, seen = [], set()
        sector = first
        while sector != _END_OF_CHAIN and (length < 0 or len(pieces) * size < length):
            if sector >= len(fat) or sector >= available or sector in seen:
                raise ExcelFileError(_DAMAGED)
            seen.add(sector)
            pieces.append(source[offset + sector * size : offset + (sector + 1) * size])
            sector = fat[sector]
        data = b"".join(pieces)
        return data if length < 0 else data[:length]

    def _check_sector(self, sector: int, seen: set[int]) -> None:
        if sector >= self.sectors or sector in seen:
            raise ExcelFileError(_DAMAGED)
        seen.add(sector)

    def _entries(self, sector: int) -> list[int]:
        start = (sector + 1) * self.size
        return list(struct.unpack_from(f"<{self.size // 4}L", self.data, start))


class _Workbook:
    """The BIFF records of the Workbook stream, walked as the reader walks them."""

    def __init__(self, stream: bytes):
        self.stream = stream
        self.encoding = "latin-1"

    def check(self) -> dict[str, ErrorCells]:
        sheets = []
        for kind, data, _ in self._records(0):
            if kind == _BOUNDSHEET:
                position = struct.unpack_from("<L", data)[0] if len(data) >= 8 else -1
                if not 0 <= position < len(self.stream):
                    raise ExcelFileError(_DAMAGED)
                sheets.append((self._name(data[6:]), position))
            elif kind == _CODEPAGE and len(data) >= 2:
                self.encoding = _codec(struct.unpack_from("<H", data)[0])
            elif kind == _EOF:
                break
        if len(sheets) > MAX_SHEETS:
            raise ExcelFileError(f"文件有 {len(sheets)} 个工作表，不像一份填报表，未导入")
        budget = Budget()
        found = {}
        walked = []
        for name, position in sheets:
            extent, errors, end = self._sheet(sheet_named(name), position)
            budget.spend(sheet_named(name), extent, end - position)
            walked.append((position, end))
            if errors:
                found[name] = errors
        walked.sort()
        if any(start < end for (_, end), (start, _) in itertools.pairwise(walked)):
            raise ExcelFileError(_DAMAGED)  # sheets sharing records, read once for each
        return found

    def _sheet(self, sheet: str, position: int) -> tuple[Extent, ErrorCells, int]:
        """The sheet's extent, its error cells, and where its records end."""
        last_row = last_column = -1
        errors: ErrorCells = {}
        depth, started = 0, False
        end = position
        for kind, data, after in self._records(position):
            end = after
            if depth:  # an embedded chart or such: the reader passes over it
                depth += {_BOF: 1, _EOF: -1}.get(kind, 0)
                continue
            if kind == _BOF:
                depth, started = (1, started) if started else (0, True)
            elif kind == _EOF:
                break
            elif kind == _DIMENSIONS:
                _check_dimensions(sheet, data)
            elif (kind in _CELLS and len(data) >= 4) or (kind == _MULRK and len(data) >= 6):
                row, column = struct.unpack_from("<HH", data)
                if kind == _MULRK:
                    column = max(column, struct.unpack_from("<H", data, len(data) - 2)[0])
                last_row, last_column = max(last_row, row), max(last_column, column)
                shown = _error_shown(kind, data)
                if shown is not None:
                    errors[(row, column)] = shown
        extent = Extent(last_row + 1, last_column + 1)
        check_extent(sheet, extent)
        return extent, errors, end

    def _records(self, position: int):
        """(type, data, where it ends) of each record from `position`, CONTINUE records left
        as they are."""
        stream = self.stream
        while position + 4 <= len(stream):
            kind, length = struct.unpack_from("<HH", stream, position)
            data = stream[position + 4 : position + 4 + length]
            if len(data) < length:
                return
            position += 4 + length
            yield kind, data, position

    def _name(self, data: bytes) -> str:
        """A BOUNDSHEET's sheet name: a byte count, then (BIFF8) a flag for UTF-16."""
        count = data[0] if data else 0
        if len(data) >= 2 and data[1] & 0x1:
            return data[2 : 2 + 2 * count].decode("utf-16-le", "replace").replace("\0", "")
        if len(data) >= 2 and data[1] == 0:
            return data[2 : 2 + count].decode("latin-1").replace("\0", "")
        return data[1 : 1 + count].decode(self.encoding, "replace").replace("\0", "")


def _check_dimensions(sheet: str, data: bytes) -> None:
    """The reader reserves first-to-last rows × columns, in 32-bit arithmetic that wraps."""
    if len(data) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<LLHH", data)
    elif len(data) == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", data)
    else:
        return  # the reader refuses the record
    if first_column > 0xFF or last_column < first_column:
        first_column = 0
    if last_row < 1 or last_column < 1:
        return
    rows = (last_row - 1 - first_row + 1) % (1 << 32)
    columns = (last_column - 1 - first_column + 1) % (1 << 32)
    if rows * columns > MAX_CELLS:
        raise ExcelFileError(f"{sheet}声称的范围过大（{rows:,} 行 × {columns:,} 列），未导入")


def _error_shown(kind: int, data: bytes) -> str | None:
    if kind == _BOOLERR and len(data) >= 8 and data[7] == 1:
        return XLS_ERRORS.get(data[6])
    if kind == _FORMULA and len(data) >= 14 and data[6] == 2 and data[12:14] == b"\xff\xff":
        return XLS_ERRORS.get(data[8])
    return None


def _codec(codepage: int) -> str:
    name = {1200: "utf-16-le", 367: "ascii", 65001: "utf-8"}.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "latin-1"
