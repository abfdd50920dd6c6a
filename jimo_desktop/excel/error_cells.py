"""Cells of an .xlsx that show an Excel error (#N/A, #DIV/0!, #REF! …).

python-calamine reads such a cell as empty, so a broken formula under 总投资 would pass for
an amount nobody knows. They are found here in the sheets' XML, where Excel marks them
t="e" with the text it shows: a byte search first, which is all an ordinary file costs,
then the marked cells of a sheet that has some. The guard has already bounded every member.
(An .xls keeps its errors in binary records the reader does not report; there they stay
unknown values.)
"""

import html
import re
import zipfile
from pathlib import Path, PurePosixPath

from jimo_desktop.excel.guard import column_number

ErrorCells = dict[tuple[int, int], str]  # (row, column) from 0 → the text Excel shows

_CHUNK = 1 << 20
_ERROR_MARK = b't="e"'
_ERROR_CELL = re.compile(rb'<c\b([^>]*?\bt="e"[^>]*)>(.*?)</c>', re.DOTALL)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_SHOWN = re.compile(rb"<v>([^<]*)</v>")
_SHEET = re.compile(r"<sheet\b[^>]*>")
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')


def error_cells(path: Path) -> dict[str, ErrorCells]:
    """Sheet name → its cells showing an error; sheets without any are left out."""
    found = {}
    with zipfile.ZipFile(path) as archive:
        for name, member in _sheet_members(archive).items():
            try:
                with archive.open(member) as stream:
                    cells = _cells_of(stream)
            except KeyError:
                continue  # a sheet the workbook names but the file lacks: the reader says so
            if cells:
                found[name] = cells
    return found


def _cells_of(stream) -> ErrorCells:
    """The error cells of one sheet's XML, read chunk by chunk (a sheet may unpack to
    hundreds of MB); a cell cut at a chunk's end waits for the next chunk."""
    cells: ErrorCells = {}
    rest = b""
    while chunk := stream.read(_CHUNK):
        data = rest + chunk
        cut = data.rfind(b"<c ")
        data, rest = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
        if _ERROR_MARK in data:
            cells.update(_cells(data))
    if _ERROR_MARK in rest:
        cells.update(_cells(rest))
    return cells


def _cells(data: bytes):
    for match in _ERROR_CELL.finditer(data):
        ref, shown = _CELL_REF.search(match.group(1)), _SHOWN.search(match.group(2))
        if ref is not None:
            position = (int(ref.group(2)) - 1, column_number(ref.group(1).decode()) - 1)
            yield position, html.unescape(shown.group(1).decode()) if shown else "#VALUE!"


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding it, through the workbook's relationships."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    try:
        relationships = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATIONSHIP.findall(relationships):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if "Id" in attributes and "Target" in attributes:
            targets[attributes["Id"]] = _member(html.unescape(attributes["Target"]))
    members = {}
    for tag in _SHEET.findall(workbook):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get("r:id") in targets and "name" in attributes:
            members[html.unescape(attributes["name"])] = targets[attributes["r:id"]]
    return members


def _member(target: str) -> str:
    """A relationship's target as a member name: "/xl/worksheets/sheet1.xml" is absolute,
    "worksheets/sheet1.xml" relative to xl/."""
    if target.startswith("/"):
        return target.lstrip("/")
    return str(PurePosixPath("xl") / target)
