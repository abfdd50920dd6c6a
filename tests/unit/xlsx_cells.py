"""What a written .xlsx holds, read two ways: openpyxl's cells, and the sheet XML itself, where
a formula is an <f> element whatever the reading library makes of it."""

import re
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import load_workbook

_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")
TRIGGERS = ("=", "+", "-", "@")


def formula_elements(path: Path) -> list[str]:
    """The parts of the package holding an <f> element."""
    with zipfile.ZipFile(path) as package:
        return [
            name
            for name in package.namelist()
            if name.endswith(".xml") and _FORMULA_ELEMENT.search(package.read(name))
        ]


def text_cells(path: Path) -> dict[str, object]:
    """ "Sheet!B4" → cell, for every cell holding a value."""
    book = load_workbook(path)
    return {
        f"{sheet.title}!{cell.coordinate}": cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }


def unsafe_cells(path: Path) -> list[str]:
    """Cells Excel would run or could come to run: formulas (in the XML or as openpyxl reads
    them), and text starting like a formula (after blanks, in any width) without the mark
    that keeps it text when edited."""
    found = [f"<f> in {part}" for part in formula_elements(path)]
    for place, cell in text_cells(path).items():
        if cell.data_type not in ("s", "n"):
            found.append(f"{place} is of type {cell.data_type}: {cell.value!r}")
        elif cell.data_type == "s" and looks_like_formula(cell.value) and not cell.quotePrefix:
            found.append(f"{place} would become a formula when edited: {cell.value!r}")
    return found


def looks_like_formula(text: str) -> bool:
    start = text.lstrip()[:1]
    return bool(start) and unicodedata.normalize("NFKC", start).startswith(TRIGGERS)
