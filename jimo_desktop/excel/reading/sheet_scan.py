"""What the reader will make of one worksheet's XML, measured before it reads it.

The reader (python-calamine) places each cell at its r= reference, or, without one, after the
cell before it in the row, a row being the one its <row r=…> names or the one after the last
row that ended; it keeps only cells with a value, and lays the sheet out as a dense grid up to
the farthest of them. The scan follows the same rules, so the extent it measures is the grid
the reader would build, whatever the <dimension> claims and however the rows are numbered. On
the way it finds what the reader would take wrongly: a type it does not know, a date that is
not one, text in a cell marked as a number or an error (the reader returns it as text, which
then passes for a project name), an error Excel shows.

Two scans, both linear in the XML. The usual one serves what Excel, WPS and openpyxl write:
every cell tag spelled `<c r="B5" s="3" t="s">`, found by one expression, counted and
aggregated in C; a check that every `<c` of the piece was so spelled keeps it sound. Anything
else (a cell without r=, other spellings, comments, namespace prefixes, error or date cells
written otherwise) sends the sheet to the token-by-token scan, which follows the reader's rules
exactly, at several times the cost.
"""

import datetime
import html
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable

from jimo_desktop.excel.reading.error_cells import XLSX_ERRORS, ErrorCells
from jimo_desktop.excel.reading.limits import (
    EXCEL_LAST_COLUMN,
    EXCEL_LAST_ROW,
    MAX_CELL_ELEMENTS,
    MAX_CELLS,
    MAX_MERGED_AREAS,
    MAX_ROW_ELEMENTS,
    MAX_SHARED_STRINGS,
    ExcelFileError,
    Extent,
    check_extent,
    check_tags,
    column_letters,
    column_number,
)
from jimo_desktop.excel.reading.xml_stream import SKIPPED, pieces, tokens

_ATTRIBUTES = rb"((?:[^>\"'<]++|\"[^\"<]*+\"|'[^'<]*+')*+)"
_PREFIX = rb"(?:[^\s<>/\"'=:]*+:)?"
_FORMULA = rb"(?:<f\b[^<>]*+(?:/>|>[^<]*+</f>))?"
_USUAL_CELL = re.compile(  # r= letters, digits, and the rest of the tag, with "<is>" after it
    rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"'
    rb'((?: s="[0-9]{1,9}")?(?: t="[a-zA-Z]{1,9}")?/?>(?:<is>)?)'
)
_USUAL_TAIL = re.compile(rb'(?: s="[0-9]{1,9}")?(?: t="([a-zA-Z]{1,9})")?(/?)>(<is>)?')
_ODD_CELL = re.compile(rb"<c[\t\n\r/>]")
_USUAL_CHECKED = re.compile(
    rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="[0-9]{1,9}")? t="([ed])">'
    + _FORMULA
    + rb"(?:<v>([^<]*+)</v>)?</c>"
)
_PREFIXED = re.compile(rb":(?:c|row|v|is|f|mergeCell)[\s/>]")
_MERGE = re.compile(rb"<mergeCell(?=[\s/>])(?:%s>)?" % _ATTRIBUTES)
_EMPTY_CELLS = rb"(?:<c(?:\s++(?!r\s*=)[^\s=<>/\"']++\s*=\s*(?:\"[^\"<]*+\"|'[^'<]*+'))*+\s*/>){2,}"
_EVENTS = re.compile(
    rb"%s|(%s)|<(/?)%s(c|row|v|is|f|mergeCell)(?=[\s/>])%s>([^<]*+)"
    % (SKIPPED, _EMPTY_CELLS, _PREFIX, _ATTRIBUTES)
)
_STRING = re.compile(rb"<%ssi[\s/>]" % _PREFIX)
_UNIQUE_COUNT = re.compile(rb"\buniqueCount\s*=\s*[\"']([0-9]{1,12})[\"']")
_ATTRIBUTE = re.compile(rb"\s*([^\s=/]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ATTRIBUTES_END = re.compile(rb"\s*/?\s*")
_REFERENCE = re.compile(rb"([A-Za-z]{1,3})([1-9][0-9]{0,6})")
_ROW_REFERENCE = re.compile(rb"[A-Za-z]{0,3}([1-9][0-9]{0,6})")
_ISO_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?"
    r"|[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
)
_KNOWN_TYPES = frozenset({None, b"n", b"s", b"str", b"b", b"e", b"d", b"inlineStr"})
_TEXT_TYPES = frozenset({None, b"inlineStr", b"str"})  # what may hold <is> text
_CHECKED_TYPES = frozenset({b"e", b"d"})  # whose values the scan reads
_USUAL_TYPES = frozenset({b"", *_KNOWN_TYPES - {None}})  # b"": no t=
_USUAL_TEXT_TYPES = frozenset({b"", b"inlineStr", b"str"})
_COLUMNS: dict[bytes, int] = {}  # b"AB" → 27 (from 0), filled as met
_LETTERS, _DIGITS, _TAIL = (operator.itemgetter(field) for field in range(3))


class SheetFacts:
    def __init__(self, extent: Extent, error_cells: ErrorCells, tags: int):
        self.extent, self.error_cells, self.tags = extent, error_cells, tags


def scan_sheet(read: Callable[[], Iterable[bytes]], sheet: str) -> SheetFacts:
    """`read` gives the sheet's XML in chunks, once more if the usual scan cannot serve."""
    try:
        return _UsualScan(sheet).run(read())
    except _Unusual:
        return _ExactScan(sheet).run(read())


def count_shared_strings(chunks: Iterable[bytes], part: str) -> int:
    """The strings of the shared table, refused beyond MAX_SHARED_STRINGS (the reader reserves
    room for as many as the table's uniqueCount says before reading one). Counted wherever
    they are written, so a comment only counts more."""
    count = declared = tags = 0
    for data, end in pieces(chunks, part):
        tags += data.count(b"<", 0, end)
        check_tags(part, tags)
        count += len(_STRING.findall(data, 0, end))
        declared = max([declared, *map(int, _UNIQUE_COUNT.findall(data, 0, end))])
        if max(count, declared) > MAX_SHARED_STRINGS:
            raise ExcelFileError(f"{part}的共享文字超过 {MAX_SHARED_STRINGS:,} 条，未导入")
    return count


class _Unusual(Exception):
    """The sheet is not written the usual way; the exact scan is needed."""


class _Scan:
    def __init__(self, sheet: str):
        self.sheet = sheet
        self.last_row = -1  # the farthest filled cell, from 0
        self.last_column = -1
        self.cell_elements = 0
        self.row_elements = 0
        self.tags = 0
        self.errors: ErrorCells = {}
        self.merged: list[tuple[int, int, int, int]] = []

    def facts(self) -> SheetFacts:
        extent = Extent(self.last_row + 1, self.last_column + 1)
        self._check_merged(extent)
        return SheetFacts(extent, self.errors, self.tags)

    def checked(self, data: bytes, end: int) -> None:
        """After each piece: the elements, tags and extent so far."""
        self.tags += data.count(b"<", 0, end)
        check_tags(self.sheet, self.tags)
        if self.cell_elements > MAX_CELL_ELEMENTS:
            raise ExcelFileError(f"{self.sheet}写有过多的单元格（多为空白填充），未导入")
        if self.row_elements > MAX_ROW_ELEMENTS:
            raise ExcelFileError(f"{self.sheet}写有过多的行（多为空白填充），未导入")
        check_extent(self.sheet, Extent(self.last_row + 1, self.last_column + 1))

    def fill(self, row: int, column: int) -> None:
        if row > self.last_row:
            self.last_row = row
        if column > self.last_column:
            self.last_column = column

    def value(self, row: int, column: int, kind: bytes, value: bytes) -> None:
        if kind == b"e":
            shown = value.decode("utf-8", "replace")
            if shown not in XLSX_ERRORS:
                what = f"显示“{html.unescape(shown)}”，这种错误值无法读取，请在Excel中改正"
                self.refuse(row, column, what)
            self.errors[(row, column)] = shown
        else:  # d: an ISO date, which the reader returns as text when it cannot read it
            written = html.unescape(value.decode("utf-8", "replace"))
            if not _is_iso_date(written):
                self.refuse(row, column, f"标为日期，却写着“{written}”")

    def merge(self, reference: bytes | None) -> None:
        parts = (reference or b"").split(b":")
        places = [_REFERENCE.fullmatch(part) for part in parts]
        if not 1 <= len(parts) <= 2 or None in places:
            message = f"{self.sheet}有无法识别的合并区域“{_shown(reference or b'')}”，未导入"
            raise ExcelFileError(message)
        rows = [int(place[2]) - 1 for place in places]
        columns = [column_number(place[1].decode()) - 1 for place in places]
        self.merged.append((min(rows), min(columns), max(rows), max(columns)))
        if len(self.merged) > MAX_MERGED_AREAS:
            raise ExcelFileError(f"{self.sheet}的合并区域超过 {MAX_MERGED_AREAS:,} 个，未导入")

    def _check_merged(self, extent: Extent) -> None:
        """Filling merged areas costs their cells inside the grid, overlaps counted again."""
        covered = 0
        for top, left, bottom, right in self.merged:
            rows = min(bottom, extent.rows - 1) - top + 1
            columns = min(right, extent.columns - 1) - left + 1
            if rows > 0 and columns > 0:
                covered += rows * columns
        if covered > MAX_CELLS:
            raise ExcelFileError(f"{self.sheet}的合并区域相互重叠、过大，未导入")

    def refuse(self, row: int, column: int, what: str) -> None:
        place = f"{column_letters(column + 1)}{row + 1}"
        raise ExcelFileError(f"{self.sheet} {place} 单元格{what}，文件可能已损坏或被改动，未导入")


class _UsualScan(_Scan):
    def run(self, chunks: Iterable[bytes]) -> SheetFacts:
        for number, (data, end) in enumerate(pieces(chunks, self.sheet, cut=b"<c")):
            start = data.find(b"?>", 0, 100) + 2 if number == 0 else 0  # after <?xml …?>
            if (
                _holds(data, b"<!", start, end)
                or _holds(data, b"<?", start, end)
                or _PREFIXED.search(data, start, end)
            ):
                raise _Unusual
            cells = _USUAL_CELL.findall(data, 0, end)
            if len(cells) != data.count(b"<c ", 0, end) or _ODD_CELL.search(data, 0, end):
                raise _Unusual  # some <c is spelled otherwise
            self.row_elements += data.count(b"<row", 0, end)
            if cells:
                self._cells(data, end, cells)
            if b"<mergeCell" in data:
                self._merges(data, end)
            self.checked(data, end)
        return self.facts()

    def _cells(self, data: bytes, end: int, cells: list[tuple[bytes, bytes, bytes]]) -> None:
        """The piece's usual cells: r= letters and digits, and what follows them in the tag
        (s=, t=, "/" of <c …/>, and "<is>" where inline text follows), of which a sheet has
        a handful of kinds, each looked at once."""
        self.cell_elements += len(cells)
        tails = Counter(map(_TAIL, cells))
        kinds = {tail: _USUAL_TAIL.fullmatch(tail).groups(b"") for tail in tails}
        types = {kind for kind, _, _ in kinds.values()}
        if not types <= _USUAL_TYPES:
            raise _Unusual  # the exact scan says which cell
        texts = [kind for kind, _, inline in kinds.values() if inline]
        if not set(texts) <= _USUAL_TEXT_TYPES:
            raise _Unusual
        inline = sum(tails[tail] for tail, (_, _, text) in kinds.items() if text)
        if inline != data.count(b"<is", 0, end):  # <is> right after its cell's tag, and no other
            raise _Unusual
        empty = {tail for tail, (_, closed, _) in kinds.items() if closed}
        filled = [cell for cell in cells if cell[2] not in empty] if empty else cells
        if filled:
            self.fill(
                max(map(int, map(_DIGITS, filled))) - 1,
                max(map(_column, set(map(_LETTERS, filled)))),
            )
        if not types.isdisjoint(_CHECKED_TYPES):
            valued = [tails[tail] for tail, (kind, closed, _) in kinds.items()
                      if kind in _CHECKED_TYPES and not closed]  # fmt: skip
            self._values(data, end, sum(valued))

    def _values(self, data: bytes, end: int, expected: int) -> None:
        """Error and date cells, whose values are read."""
        found = _USUAL_CHECKED.findall(data, 0, end)
        if len(found) != expected:
            raise _Unusual
        for letters, digits, kind, value in found:
            if value:
                self.value(int(digits) - 1, column_number(letters.decode()) - 1, kind, value)

    def _merges(self, data: bytes, end: int) -> None:
        for match in _MERGE.finditer(data, 0, end):
            if match[1] is None:
                raise _Unusual
            self.merge(_attributes(match[1], self.sheet).get(b"ref"))


class _ExactScan(_Scan):
    """Token by token, as the reader reads: its row and column counters for cells without
    r=, only the first row of a cell's own content counting, comments passed over."""

    def __init__(self, sheet: str):
        super().__init__(sheet)
        self.row = 0  # where the reader is: the row and column of a cell without r=
        self.column = 0
        self._open: tuple[int, int, bytes | None] | None = None  # the cell being read
        self._filled = False

    def run(self, chunks: Iterable[bytes]) -> SheetFacts:
        for data, end in tokens(chunks, self.sheet):
            for match in _EVENTS.finditer(data, 0, end):
                if match[3] is not None:
                    self._element(match[2], match[3], match[4], match[5])
                elif match[1] is not None:  # <c/><c/>…: only the column moves on
                    cells = match[1].count(b"<c")
                    self.cell_elements += cells
                    self.column += cells
                    self._open = None
            self.checked(data, end)
        return self.facts()

    def _element(self, closing: bytes, name: bytes, attributes: bytes, text: bytes) -> None:
        if name == b"c":
            if closing:
                self._open = None
            else:
                self._cell(attributes)
        elif name == b"row":
            if self._open is None:  # within a cell the reader reads on to the cell's end
                self._row(closing, attributes)
        elif name == b"mergeCell":
            if not closing:
                self.merge(_attributes(attributes, self.sheet).get(b"ref"))
        elif not closing and self._open is not None:  # v, is, f within a cell
            row, column, kind = self._open
            if not self._filled:
                self.fill(row, column)
                self._filled = True
            if name == b"is" and kind not in _TEXT_TYPES:
                self.refuse(row, column, f"标为{_type_name(kind)}，却写着文字")
            if name == b"v" and kind in _CHECKED_TYPES and text:
                self.value(row, column, kind, text)

    def _row(self, closing: bytes, attributes: bytes) -> None:
        if not closing:
            self.row_elements += 1
            number = _attributes(attributes, self.sheet).get(b"r")
            if number is not None:
                found = _ROW_REFERENCE.fullmatch(number)
                if found is None:
                    raise ExcelFileError(f"{self.sheet}有无法识别的行号“{_shown(number)}”，未导入")
                self.row = int(found[1]) - 1
        if closing or attributes.rstrip().endswith(b"/"):
            self.row += 1
            self.column = 0

    def _cell(self, attributes: bytes) -> None:
        self.cell_elements += 1
        found = _attributes(attributes, self.sheet)
        kind = found.get(b"t")
        reference = found.get(b"r")
        if reference is None:
            row, column = self.row, self.column
        else:
            place = _REFERENCE.fullmatch(reference)
            if place is None:
                message = f"{self.sheet}有无法识别的单元格位置“{_shown(reference)}”，未导入"
                raise ExcelFileError(message)
            row, column = int(place[2]) - 1, column_number(place[1].decode()) - 1
            if row >= EXCEL_LAST_ROW or column >= EXCEL_LAST_COLUMN:
                message = f"{self.sheet}的单元格“{_shown(reference)}”超出了Excel的范围，未导入"
                raise ExcelFileError(message)
        if kind not in _KNOWN_TYPES:
            self.refuse(row, column, f"的类型“{_shown(kind)}”无法识别")
        self.column = column + 1
        if attributes.rstrip().endswith(b"/"):
            self._open = None
        else:
            self._open, self._filled = (row, column, kind), False


def _holds(data: bytes, tag: bytes, start: int, end: int) -> bool:
    """Whether data[start:end] holds `tag`, looking first for its rarer second byte."""
    return data.find(tag[1:], start, end) >= 0 and data.find(tag, start, end) >= 0


def _column(letters: bytes) -> int:
    """Column letters → number from 0, remembered (a sheet uses a few dozen)."""
    column = _COLUMNS.get(letters)
    if column is None:
        column = _COLUMNS.setdefault(letters, column_number(letters.decode()) - 1)
    return column


def _attributes(text: bytes, part: str) -> dict[bytes, bytes]:
    """A tag's attributes as the reader reads them; refused when malformed or repeated."""
    found: dict[bytes, bytes] = {}
    position = 0
    while match := _ATTRIBUTE.match(text, position):
        name = match[1]
        if name in found:
            raise ExcelFileError(f"{part}的XML有重复的属性“{_shown(name)}”，未导入")
        found[name] = match[2] if match[2] is not None else match[3]
        position = match.end()
    if _ATTRIBUTES_END.fullmatch(text, position) is None:
        raise ExcelFileError(f"{part}的XML有无法识别的属性，文件可能已损坏，未导入")
    return found


def _is_iso_date(written: str) -> bool:
    if _ISO_DATE.fullmatch(written) is None:
        return False
    try:
        if "-" in written:
            datetime.datetime.fromisoformat(written)
        else:
            datetime.time.fromisoformat(written)
    except ValueError:
        return False
    return True


def _type_name(kind: bytes | None) -> str:
    names = {b"n": "数字", b"s": "共享文字", b"b": "是/否", b"e": "错误值", b"d": "日期"}
    return names.get(kind, f"“{_shown(kind or b'')}”类型")


def _shown(value: bytes) -> str:
    """Part of the file in a message: decoded, unescaped, and short."""
    text = html.unescape(value.decode("utf-8", "replace"))
    return text if len(text) <= 30 else text[:30] + "…"
