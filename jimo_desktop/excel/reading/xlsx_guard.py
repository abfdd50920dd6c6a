"""An .xlsx checked the way python-calamine will read it, before it does.

The reader trusts what it is given: it inflates every member it opens, reserves room for as
many shared strings as the file announces, and lays each sheet out as a dense grid. So every
member is inflated here as a stream (its true size, its CRC), and every part the reader
parses is scanned: the package relationships, the workbook and its relationships (which
name the sheets' members — found as the reader finds them, whatever folder they are in),
the shared strings, and each sheet (sheet_scan). A zip that another format's reader could
take (.xlsb, .ods) or whose directory two zip readers could read differently is refused.
"""

import html
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from jimo_desktop.excel.reading.error_cells import ErrorCells
from jimo_desktop.excel.reading.limits import (
    MAX_INFLATED_BYTES,
    MAX_MEMBERS,
    MAX_SHEETS,
    Budget,
    ExcelFileError,
    sheet_named,
)
from jimo_desktop.excel.reading.sheet_scan import SheetFacts, count_shared_strings, scan_sheet
from jimo_desktop.excel.reading.xml_stream import SKIPPED, count_tags, tokens

PASSWORD = "文件有密码保护，请在Excel中去掉密码另存后再导入"
BOMB = "文件解压后过大（可能是“压缩炸弹”），未导入"
_CHUNK = 1 << 20
_END_OF_DIRECTORY = struct.Struct("<4s4H2LH")
_TAG = rb"<(?:[^\s<>/\"'=:]*+:)?%s(?=[\s/>])((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>"
_RELATIONSHIPS = re.compile(rb"%s|%s" % (SKIPPED, _TAG % rb"Relationship"))
_SHEETS = re.compile(rb"%s|%s" % (SKIPPED, _TAG % rb"sheet"))
_ATTRIBUTE = re.compile(rb"([^\s=/]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_OFFICE_DOCUMENT = b"/relationships/officeDocument"


def check_xlsx(path: Path) -> dict[str, ErrorCells]:
    """The cells showing an error, by sheet name; ExcelFileError when the file may not be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(members)
            _check_directory(path, archive)
            return _Package(archive).check()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise ExcelFileError(f"文件已损坏，无法打开（{error}）") from error
    except NotImplementedError as error:  # a compression method zipfile does not know
        raise ExcelFileError(f"文件的压缩方式无法识别（{error}）") from error


def workbook_inside(path: Path) -> bool:
    """Whether an .xls also reads as a zip holding a workbook: the reader, failing on the .xls,
    would read that instead, unchecked."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = {_normal(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError):
        return False
    return any(
        name.endswith(("workbook.xml.rels", "workbook.bin", "content.xml")) for name in names
    )


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    names = {_normal(member.filename) for member in members}
    workbook = any(name.endswith("workbook.xml") for name in names)
    if any(name.endswith("workbook.bin") for name in names):
        raise ExcelFileError("不支持 .xlsb 格式，请在Excel中另存为 .xlsx")
    if "content.xml" in names:
        if workbook:
            raise ExcelFileError("文件结构异常（同时含有 .xlsx 和 .ods 的部分），未导入")
        raise ExcelFileError("这是WPS/LibreOffice的 .ods 表格，请另存为 .xlsx")
    if not workbook:
        raise ExcelFileError("不是Excel表格（可能是Word文档或压缩包）")
    if any(member.flag_bits & 0x1 for member in members):
        raise ExcelFileError(PASSWORD)
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
        raise ExcelFileError(BOMB)


def _check_directory(path: Path, archive: zipfile.ZipFile) -> None:
    """One reading of the zip's directory: it ends the file, with nothing before the first
    member. A file with data in front (an .xls, another zip) or a second directory in a
    comment may be read one way here and another way by the reader."""
    with path.open("rb") as stream:
        stream.seek(-_END_OF_DIRECTORY.size, 2)
        end = _END_OF_DIRECTORY.unpack(stream.read())
    signature, *_, offset, comment_length = end
    if signature != b"PK\x05\x06" or comment_length != 0:
        raise ExcelFileError("文件结构异常（压缩包末尾另有数据），未导入")
    if offset != 0xFFFFFFFF and archive.start_dir != offset:
        raise ExcelFileError("文件结构异常（压缩包前面另有数据），未导入")


class _Package:
    """The members of the archive by role, as the reader looks them up (case ignored)."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.by_name: dict[str, list[zipfile.ZipInfo]] = {}
        for member in archive.infolist():
            self.by_name.setdefault(_normal(member.filename), []).append(member)
        self.inflated = 0

    def check(self) -> dict[str, ErrorCells]:
        sheets: dict[str, list[str]] = {}  # sheet name → members
        strings: set[str] = set()
        styles: set[str] = set()
        for folder in self._workbook_folders():
            strings.add(f"{folder}sharedstrings.xml")
            styles.add(f"{folder}styles.xml")
            for name, members in self._sheets(folder).items():
                sheets.setdefault(name, []).extend(members)
        if len(sheets) > MAX_SHEETS:
            raise ExcelFileError(f"文件有 {len(sheets)} 个工作表，不像一份填报表，未导入")
        sheet_members = {member for members in sheets.values() for member in members}
        sheet_members |= {name for name in self.by_name if "worksheets/" in name}
        named = {member: name for name, members in sheets.items() for member in members}
        facts: dict[str, SheetFacts] = {}
        for name, infos in self.by_name.items():
            for info in infos:
                if name in sheet_members:
                    shown = sheet_named(named[name]) if name in named else f"文件中的 {name} "
                    found = scan_sheet(self._reader(info), shown)
                    if name not in facts or found.extent.cells > facts[name].extent.cells:
                        facts[name] = found  # of members with one name, the largest counts
                elif name in strings:
                    count_shared_strings(self._chunks(info), f"文件中的 {info.filename} ")
                elif name in styles:  # read by the reader on opening: no padding either
                    count_tags(self._chunks(info), f"文件中的 {info.filename} ")
                else:
                    for _ in self._chunks(info):
                        pass
        return self._budgeted(sheets, facts)

    def _reader(self, member: zipfile.ZipInfo) -> Callable[[], Iterator[bytes]]:
        """The member's chunks, counted the first time only (a sheet may be read twice)."""
        readings = 0

        def read() -> Iterator[bytes]:
            nonlocal readings
            readings += 1
            return self._chunks(member, count=readings == 1)

        return read

    def _budgeted(
        self, sheets: dict[str, list[str]], facts: dict[str, SheetFacts]
    ) -> dict[str, ErrorCells]:
        budget = Budget()
        unnamed = set(facts) - {member for members in sheets.values() for member in members}
        for member in unnamed:
            budget.spend(
                f"文件中的 {member} ", facts[member].extent, self._size(member), facts[member].tags
            )
        found = {}
        for name, members in sheets.items():
            errors: ErrorCells = {}
            for member in members:
                if member in facts:
                    found_in = facts[member]
                    budget.spend(
                        sheet_named(name), found_in.extent, self._size(member), found_in.tags
                    )
                    errors.update(found_in.error_cells)
            if errors:
                found[name] = errors
        return found

    def _size(self, member: str) -> int:
        """Its unpacked size (reading it to the end has proved the size it states)."""
        return max(info.file_size for info in self.by_name[member])

    def _workbook_folders(self) -> set[str]:
        """Where the workbook is: the folder of each officeDocument the package names (the
        reader takes the last; all are checked)."""
        folders = set()
        for attributes in self._tags("_rels/.rels", _RELATIONSHIPS):
            if any(
                key == b"Type" and value.endswith(_OFFICE_DOCUMENT) for key, value in attributes
            ):
                for target in _values(attributes, b"Target"):
                    folders.add(target[: target.rfind("/") + 1].lstrip("/"))
        return folders or {"xl/"}

    def _sheets(self, folder: str) -> dict[str, list[str]]:
        """Sheet name → the members it may be read from."""
        targets: dict[bytes, list[str]] = {}
        for attributes in self._tags(f"{folder}_rels/workbook.xml.rels", _RELATIONSHIPS):
            for rel_id in (value for key, value in attributes if key == b"Id"):
                found = targets.setdefault(rel_id, [])
                for target in _values(attributes, b"Target"):
                    found.append(target[1:] if target.startswith("/") else f"{folder}{target}")
        sheets: dict[str, list[str]] = {}
        for attributes in self._tags(f"{folder}workbook.xml", _SHEETS):
            names = {html.unescape(name) for name in _values(attributes, b"name")} or {""}
            ids = [value for key, value in attributes if key.split(b":")[-1] == b"id"]
            members = [
                _normal(target)
                for rel_id in ids
                for target in targets.get(rel_id, [])
                if _normal(target) in self.by_name
            ]
            for name in names:
                sheets.setdefault(name, []).extend(members)
        return sheets

    def _tags(self, name: str, pattern: re.Pattern) -> Iterator[list[tuple[bytes, bytes]]]:
        """The attributes of each tag the pattern finds in the members of that name, all of
        them, repeated ones too (the reader takes the first or the last)."""
        for info in self.by_name.get(_normal(name), []):
            part = f"文件中的 {info.filename} "
            for data, end in tokens(self._chunks(info, count=False), part):
                for match in pattern.finditer(data, 0, end):
                    if match[1] is not None:
                        yield [
                            (m[1], m[2] if m[2] is not None else m[3])
                            for m in _ATTRIBUTE.finditer(match[1])
                        ]

    def _chunks(self, member: zipfile.ZipInfo, count: bool = True) -> Iterator[bytes]:
        """The member inflated as a stream, within what is left of MAX_INFLATED_BYTES.
        Reading to the end also checks the CRC, so a member whose header understates its
        size fails here instead of inflating without end in the reader."""
        read = 0
        try:
            with self.archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    read += len(chunk)
                    if self.inflated + read > MAX_INFLATED_BYTES:
                        raise ExcelFileError(BOMB)
                    yield chunk
        except (zlib.error, zipfile.BadZipFile, EOFError) as error:
            raise ExcelFileError("文件已损坏（压缩数据有误），未导入") from error
        if count:
            self.inflated += read


def _values(attributes: list[tuple[bytes, bytes]], key: bytes) -> set[str]:
    """The values of an attribute as the reader may take them: as written, and unescaped."""
    written = {value.decode("utf-8", "replace") for name, value in attributes if name == key}
    return written | {html.unescape(value) for value in written}


def _normal(name: str) -> str:
    """A member's name as the reader looks it up."""
    return name.replace("\\", "/").lower()
