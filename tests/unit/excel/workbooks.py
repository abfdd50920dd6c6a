"""Spreadsheets made at test time the way units make theirs: .xlsx with openpyxl, .xls with
xlwt, and the hostile files (encrypted, corrupt, zip bombs, a million rows) written byte by
byte, so that no binary fixture is kept in the repository.
"""

import datetime
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import xlwt
from openpyxl import Workbook
from openpyxl.utils.cell import range_boundaries

TITLE = "即墨区2020年重点项目申报表"
UNIT_LINE = "填报单位（盖章）：通济街道"
HEADER = ("序号", "项目名称", "建设单位", "所属产业", "总投资（万元）", "2020年计划投资（万元）",
          "计划开工时间", "计划竣工时间", "责任单位")  # fmt: skip


@dataclass
class SheetSpec:
    name: str
    rows: Sequence[Sequence[object]]
    merged: Sequence[str] = ()  # "A3:A4"
    hidden: bool = False
    widths: dict[str, int] = field(default_factory=dict)


def project_row(number: int, name: str, **changes) -> list[object]:
    """A plain row under HEADER; `changes` replace its values by their keys below."""
    values = {
        "builder": "青岛海润有限公司",
        "industry": "新材料",
        "total": 12000,
        "plan": 3000,
        "start": "2020.4",
        "end": "2021年12月",
        "responsible": "区发展和改革局",
    } | changes
    return [number, name, *values.values()]


def submission(*rows: Sequence[object], title: str = TITLE, unit_line: str = UNIT_LINE):
    """The usual sheet: title, unit line, header, rows, a totals formula and signatures."""
    last = 3 + len(rows)
    return [
        [title],
        [unit_line, None, None, None, None, "填报日期：2020年3月5日"],
        list(HEADER),
        *rows,
        ["合计", None, None, None, f"=SUM(E4:E{last})", f"=SUM(F4:F{last})"],
        ["填表人：张三", None, None, "审核人：李四"],
    ]


def write_xlsx(path: Path, *sheets: SheetSpec, title: str | None = None) -> Path:
    """`title` is the workbook's title in its document properties (文件 → 信息 → 标题)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    for spec in sheets:
        sheet = workbook.create_sheet(spec.name)
        for row in spec.rows:
            sheet.append(list(row))
        for area in spec.merged:
            sheet.merge_cells(area)
        if spec.hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def write_xls(path: Path, *sheets: SheetSpec) -> Path:
    """The old format many offices still save; dates carry a date format as Excel's do."""
    workbook = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for spec in sheets:
        sheet = workbook.add_sheet(spec.name)
        merged_tops = {}
        for area in spec.merged:
            left, top, right, bottom = range_boundaries(area)
            merged_tops[(top - 1, left - 1)] = (bottom - 1, right - 1)
        for row_number, row in enumerate(spec.rows):
            for column, value in enumerate(row):
                _write_xls_cell(sheet, row_number, column, value, merged_tops, date_style)
        if spec.hidden:
            sheet.visibility = 1
    workbook.save(str(path))
    return path


def _write_xls_cell(sheet, row, column, value, merged_tops, date_style) -> None:
    style = date_style if isinstance(value, datetime.date) else xlwt.Style.default_style
    if isinstance(value, str) and value.startswith("="):
        value = xlwt.Formula(value[1:])
    if (row, column) in merged_tops:
        bottom, right = merged_tops[(row, column)]
        sheet.write_merge(row, bottom, column, right, value, style)
    elif value is not None and not _inside_merge(row, column, merged_tops):
        sheet.write(row, column, value, style)


def _inside_merge(row, column, merged_tops) -> bool:
    return any(
        top <= row <= bottom and left <= column <= right
        for (top, left), (bottom, right) in merged_tops.items()
    )


# --- hostile and broken files ---------------------------------------------------------------

_CFB_FREE, _CFB_END, _CFB_FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def write_encrypted_xlsx(path: Path) -> Path:
    """What Excel writes for a workbook with an opening password: not a zip but a compound
    file holding EncryptionInfo and EncryptedPackage streams (ECMA-376 part 2)."""
    streams = [
        ("EncryptionInfo", b"\x04\x00\x04\x00" + bytes(4092)),
        ("EncryptedPackage", bytes(4096)),
    ]
    sector_count = 2 + sum(len(data) // 512 for _, data in streams)
    fat = [_CFB_FAT, _CFB_END]
    directory = [_directory_entry("Root Entry", 5, child=1, start=_CFB_END, size=0)]
    data_sectors, next_sector = b"", 2
    for number, (name, data) in enumerate(streams, start=1):
        sectors = len(data) // 512
        fat += [next_sector + i + 1 for i in range(sectors - 1)] + [_CFB_END]
        right = number + 1 if number < len(streams) else _CFB_FREE
        directory.append(_directory_entry(name, 2, right=right, start=next_sector, size=len(data)))
        data_sectors += data
        next_sector += sectors
    fat += [_CFB_FREE] * (128 - len(fat))
    header = _cfb_header(fat_sector=0, directory_sector=1)
    directory_sector = b"".join(directory).ljust(512, b"\x00")
    path.write_bytes(header + struct.pack("<128I", *fat) + directory_sector + data_sectors)
    assert len(path.read_bytes()) == 512 * (1 + sector_count)
    return path


def _cfb_header(fat_sector: int, directory_sector: int) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, directory_sector, 0,
                          0x1000, _CFB_END, 0, _CFB_END, 0)  # fmt: skip
    return header + struct.pack("<109I", fat_sector, *([_CFB_FREE] * 108))


def _directory_entry(name, kind, child=_CFB_FREE, right=_CFB_FREE, start=0, size=0) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _CFB_FREE, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def write_truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def write_raw_xlsx(path: Path, sheet_xml_parts, compresslevel: int = 1) -> Path:
    """A minimal .xlsx whose one sheet's XML is streamed from `sheet_xml_parts` (bytes)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for part in sheet_xml_parts:
                sheet.write(part)
    return path


def sheet_xml(rows) -> list[bytes]:
    """Sheet XML around `rows`, an iterable of bytes chunks of <row> elements."""
    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + _MAIN + b'"><sheetData>'
    return [head, *rows, b"</sheetData></worksheet>"]


def million_rows(count: int = 1_000_000, chunk: int = 50_000):
    for first in range(1, count + 1, chunk):
        yield b"".join(
            b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
            for n in range(first, min(first + chunk, count + 1))
        )


def write_zip_bomb(path: Path, inflated_megabytes: int) -> Path:
    """A sheet of zeros that packs `inflated_megabytes` into a few kilobytes each."""
    zeros = bytes(1024 * 1024)
    return write_raw_xlsx(path, sheet_xml([zeros] * inflated_megabytes), compresslevel=9)


def write_lying_zip(path: Path, inflated_megabytes: int) -> Path:
    """A member whose headers claim 1 KB while its data inflates to far more."""
    write_raw_xlsx(path, sheet_xml([]))
    name = "xl/sharedStrings.xml"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(name, bytes(inflated_megabytes * 1024 * 1024))
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    data = bytearray(path.read_bytes())
    central = data.rfind(name.encode()) - 46  # the name follows a 46-byte central entry
    struct.pack_into("<I", data, local + 22, 1024)
    struct.pack_into("<I", data, central + 24, 1024)
    path.write_bytes(bytes(data))
    return path


_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)
