"""How long the import guard takes, and how much memory, on hostile files and on a large
honest one.

Builds, in a temporary folder: a 6 KB submission with one more cell in IV1048576 (in a row
that does not say its number), sheets padded with a few hundred MB of blanks between tags,
blanks inside a tag, a comment, empty cells, empty rows and elements the reader passes over
(each compresses to about 1 MB), and a 20,000-row submission as openpyxl writes it. Each file
is checked by the guard alone (excel.guard.check_file) in a child process of its own, with a
deadline and a memory ceiling, which prints the verdict, the time and the child's peak memory.

    uv run python benchmarks/excel_guard.py [--megabytes 300] [--deadline 120] [--code CHECKOUT]

--code measures the guard of another checkout (an older commit, say) on the same files.
"""

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook

CHILD = """
import re, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from jimo_desktop.excel.reading.guard import ExcelFileError, check_file
started = time.perf_counter()
try:
    check_file(Path(sys.argv[1]))
    verdict = "accepted"
except ExcelFileError as error:
    verdict = str(error)
# VmHWM, not ru_maxrss: that one keeps the peak of the parent it was forked from.
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(f"{time.perf_counter() - started:8.2f} s {peak:6d} MB  {verdict}")
"""
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MEMORY = 4 * 1024**3  # the child's ceiling: an abort, not the machine's memory
HEAD = b'<worksheet xmlns="' + MAIN + b'"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
PADDINGS = {
    "blanks between tags": (b"", b" ", b""),
    "blanks inside a tag": (b'<row r="2"', b" ", b"></row>"),
    "a comment": (b"<!--", b" ", b"-->"),
    "empty cells": (b'<row r="2">', b"<c/>", b"</row>"),
    "empty rows": (b"", b"<row/>", b""),
    "elements passed over": (b"", b"<x/>", b""),
}


def far_cell(folder: Path) -> Path:
    """A small submission, and one cell in IV1048576 in a row without a number."""
    book = Workbook()
    sheet = book.active
    sheet.append(["即墨区2020年重点项目申报表"])
    sheet.append(["序号", "项目名称", "总投资（万元）"])
    for number in range(1, 11):
        sheet.append([number, f"海洋产业园{number}期", 12000])
    honest = folder / "honest.xlsx"
    book.save(honest)
    path = folder / "far.xlsx"
    far = b'<row><c r="IV1048576"><v>1</v></c></row></sheetData>'
    with (
        zipfile.ZipFile(honest) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", far)
            copy.writestr(member.filename, data)
    return path


def padded(folder: Path, name: str, megabytes: int) -> Path:
    before, filler, after = PADDINGS[name]
    path = folder / f"{name}.xlsx"
    block = filler * (1024 * 1024 // len(filler))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "xl/workbook.xml", '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(HEAD + before)
            for _ in range(megabytes):
                sheet.write(block)
            sheet.write(after + b"</sheetData></worksheet>")
    return path


def large(folder: Path, rows: int = 20_000) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "项目名称", "建设单位", "所属产业", "总投资（万元）", "计划开工时间"])
    for number in range(1, rows + 1):
        sheet.append(
            [number, f"项目{number}", "青岛海润有限公司", "新材料", 12000 + number, "2020.4"]
        )
    path = folder / "large.xlsx"
    book.save(path)
    return path


def measure(path: Path, code: Path, deadline: float) -> str:
    command = ["prlimit", f"--as={MEMORY}", sys.executable, "-c", CHILD, str(path), str(code)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=deadline)
    except subprocess.TimeoutExpired:
        return f"no verdict within {deadline:.0f} s"
    return done.stdout.strip() or f"died: {done.stderr.strip()[-200:]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=300)
    parser.add_argument("--deadline", type=float, default=120)
    parser.add_argument(
        "--code", type=Path, default=Path(__file__).parents[1], help="the checkout to measure"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = {"IV1048576": far_cell(folder)}
        for padding in PADDINGS:
            files[f"{args.megabytes} MB of {padding}"] = padded(folder, padding, args.megabytes)
        files["20,000 honest rows"] = large(folder)
        for label, path in files.items():
            size = path.stat().st_size / 1024
            print(f"{label:32s} {size:9.1f} KB {measure(path, args.code, args.deadline)}")


if __name__ == "__main__":
    main()
