"""Hostile workbooks, written byte by byte at test time: far cells, padding, made-up cell
types, odd spellings of the XML, and damaged compound files.

`isolated` runs a reading in a child process with a deadline and a memory ceiling, so that a
reading that would abort the process (an 8 GB allocation) or hang fails the test instead of
taking the test run down with it.
"""

import json
import resource
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from tests.unit.excel.workbooks import SheetSpec, sheet_xml, write_raw_xlsx, write_xls

MEGABYTE = 1024 * 1024
CHILD_MEMORY = 2 * 1024 * MEGABYTE
_CHILD = """
import json, sys
from pathlib import Path
from jimo_desktop.excel.reading.limits import ExcelFileError
from jimo_desktop.excel.reading.workbook import read_sheets
try:
    sizes = [len(sheet.grid) for sheet in read_sheets(Path(sys.argv[1]))]
    print(json.dumps({"read": sizes}))
except ExcelFileError as error:
    print(json.dumps({"refused": str(error)}))
"""


def isolated(path: Path, deadline: float = 60) -> dict:
    """What read_sheets does with the file in a child process: {"refused": message} or
    {"read": rows per sheet}; {"died": …} when it aborted, ran out of memory or hung."""

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))

    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)],
            capture_output=True,
            text=True,
            timeout=deadline,
            preexec_fn=limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"died": f"no answer within {deadline} s"}
    if done.returncode != 0:
        return {"died": f"exit {done.returncode}: {done.stderr[-300:]}"}
    return json.loads(done.stdout)


def write_sheet(path: Path, *rows: bytes, strings: bytes | None = None) -> Path:
    """An .xlsx whose one sheet holds `rows` (bytes of XML) and, if given, a shared-string
    table."""
    write_raw_xlsx(path, sheet_xml(rows))
    if strings is not None:
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/sharedStrings.xml", strings)
    return path


def far_apart(first: bytes, last: bytes) -> bytes:
    """Two filled cells, in rows that do not say their numbers."""
    return (
        b'<row><c r="%s" t="inlineStr"><is><t>x</t></is></c></row><row><c r="%s"><v>1</v></c></row>'
        % (first, last)
    )


def padded(
    filler: bytes, megabytes: int, before: bytes = b"", after: bytes = b""
) -> Iterator[bytes]:
    """Sheet XML with `megabytes` of `filler` between `before` and `after` inside the sheet
    data, streamed (it compresses to almost nothing)."""
    block = filler * (MEGABYTE // len(filler))
    yield b'<row r="1"><c r="A1"><v>1</v></c></row>' + before
    for _ in range(megabytes):
        yield block
    yield after


def write_padded(path: Path, parts: Iterable[bytes]) -> Path:
    return write_raw_xlsx(path, sheet_xml(parts))


def with_cell(source: Path, path: Path, reference: str, cell_xml: bytes) -> Path:
    """A copy of an openpyxl workbook whose cell at `reference` of its first sheet is
    replaced by `cell_xml`, written as a hostile or unusual writer would."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for member in original.infolist():
            data = original.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                start = data.index(b'<c r="%s"' % reference.encode())
                end = data.index(b"</c>", start) + len(b"</c>")
                data = data[:start] + cell_xml + data[end:]
            copy.writestr(member, data)
    return path


# --- .xls ----------------------------------------------------------------------------------

_NUMBER = 0x0203
_AMOUNT = 1234.56789  # written as a NUMBER record (a whole number would be an RK)


def write_xls_patched(path: Path, patch) -> Path:
    """A small .xls of two sheets from xlwt, its bytes then changed by `patch(bytearray)`."""
    amounts = SheetSpec("表", [["项目名称", "总投资"], ["海洋项目", _AMOUNT]])
    write_xls(path, amounts, SheetSpec("说明", [["按要求填写"]]))
    data = bytearray(path.read_bytes())
    patch(data)
    path.write_bytes(bytes(data))
    return path


def number_record(data: bytearray) -> int:
    """Where the NUMBER record of the amount starts."""
    value = struct.pack("<d", _AMOUNT)
    at = data.index(value) - 10
    assert struct.unpack_from("<H", data, at)[0] == _NUMBER
    return at


def record(data: bytearray, kind: int) -> int:
    """Where the first record of `kind` starts in the Workbook stream."""
    at = data.index(b"\x09\x08")  # the first BOF
    while True:
        found, length = struct.unpack_from("<HH", data, at)
        if found == kind:
            return at
        at += 4 + length
