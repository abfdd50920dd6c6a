"""Every cell an export writes is a number or text that stays text, read back from the saved
file with openpyxl and in its XML: text disguised as a formula in every way Excel would still
take it, what openpyxl or XML refuses, text longer than a cell holds, numbers Excel cannot
hold. A short fuzz drives the one function every cell goes through."""

import ast
import io
import math
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

import jimo_desktop
from jimo_desktop.excel import sheet_format
from jimo_desktop.excel.export import export_table
from jimo_desktop.excel.sheet_format import (
    CELL_LIMIT,
    CUT_MARK,
    FIRST_DATA_ROW,
    HEADER_ROW,
    MAX_ROW_POINTS,
    new_workbook,
    write_cell,
)
from tests.unit.xlsx_cells import formula_elements, looks_like_formula, unsafe_cells

# Typed → what the cell holds: each would be a formula, an error value, or turn into one when
# an officer edits the cell, unless it is written as marked text.
DISGUISED = {
    "=1+1": "=1+1",
    "+1+1": "+1+1",
    "-1+1": "-1+1",
    "@SUM(A1:A2)": "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0": "=cmd|' /C calc'!A0",
    " =1+1": " =1+1",
    "\t=1+1": "\t=1+1",
    "\n=1+1": "\n=1+1",
    "\r\n=1+1": "\n=1+1",
    "\u3000=1+1": "\u3000=1+1",
    "＝1+1": "＝1+1",
    "＋1": "＋1",
    "－1": "－1",
    "＠SUM(A1)": "＠SUM(A1)",
    "﹦1+1": "﹦1+1",
    '\x01=HYPERLINK("http://example.invalid")': '=HYPERLINK("http://example.invalid")',
    "\x00\x1f=1+1": "=1+1",
    "\u200b=1+1": "=1+1",
    "\u202e\u2066=1+1\u2069": "=1+1",
    "\ufeff@SUM(A1)": "@SUM(A1)",
    "#N/A": "#N/A",
    "#DIV/0!": "#DIV/0!",
    "#REF!": "#REF!",
}
FUZZ_EXAMPLES = 300
# What a module that writes a cell spells; only such modules are parsed.
_CELL_ATTRIBUTES = ("value", "_value", "data_type", "quotePrefix")
_WRITES = re.compile(r"openpyxl|\.cell\(|\.(?:_?value|data_type|quotePrefix)\b[^=\n]*=(?!=)")


def exported(tmp_path: Path, rows, headers=("序号", "内容"), **options) -> Path:
    return export_table(tmp_path / "清单.xlsx", "清单", list(headers), rows, **options)


def column_values(path: Path, column: int = 2) -> list:
    sheet = load_workbook(path).active
    return [sheet.cell(row, column) for row in range(FIRST_DATA_ROW, sheet.max_row + 1)]


def test_text_disguised_as_a_formula_is_written_as_text_marked_to_stay_text(tmp_path):
    path = exported(tmp_path, [[number, typed] for number, typed in enumerate(DISGUISED)])
    assert formula_elements(path) == []
    assert unsafe_cells(path) == []
    cells = column_values(path)
    assert [cell.value for cell in cells] == list(DISGUISED.values())
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.quotePrefix for cell in cells] == [not text.startswith("#") for text in DISGUISED]


def test_a_title_and_headers_looking_like_formulas_stay_text(tmp_path):
    path = export_table(tmp_path / "t.xlsx", "\x01=1+1", ["=A1", "-B"], [["+1", 2]])
    assert formula_elements(path) == []
    assert unsafe_cells(path) == []
    sheet = load_workbook(path).active
    assert sheet.title == "=1+1"
    assert (sheet["A1"].value, sheet["A1"].quotePrefix) == ("=1+1", True)
    assert [cell.value for cell in sheet[HEADER_ROW]] == ["=A1", "-B"]


def test_characters_no_xml_file_may_hold_are_left_out_and_the_file_opens(tmp_path):
    rows = [[1, "主体\ud800封顶"], [2, "基础\ufffe施工\uffff"], [3, "\x0b\x0c竣工"]]
    path = exported(tmp_path, rows)
    assert [cell.value for cell in column_values(path)] == ["主体封顶", "基础施工", "竣工"]


def test_text_kept_as_written_where_excel_would_read_an_escape(tmp_path):
    """Excel and the importer read _x0041_ in a cell as "A": written so, it reads back."""
    typed = ["_x0041_", "_x003D_1+1", "a_x0001_b"]
    path = exported(tmp_path, [[1, text] for text in typed])
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[1] for row in grid[FIRST_DATA_ROW - 1 :]] == typed


def test_text_longer_than_a_cell_holds_is_cut_and_says_so(tmp_path):
    wide = "𠀀" * 20_000  # outside the BMP: two UTF-16 code units each, as Excel counts
    rows = [[1, "甲" * 40_000], [2, wide], [3, "_x0041_" * 6_000]]
    path = exported(tmp_path, rows)
    cells = column_values(path)
    for cell in cells:
        assert len(cell.value.encode("utf-16-le")) // 2 <= CELL_LIMIT
        assert cell.value.endswith(CUT_MARK)
    assert cells[0].value.startswith("甲" * 30_000)
    assert cells[1].value.startswith("𠀀" * 16_000)
    sheet = load_workbook(path).active
    assert all(sheet.row_dimensions[cell.row].height <= MAX_ROW_POINTS for cell in cells)


def test_numbers_excel_cannot_hold_are_written_as_text(tmp_path):
    rows = [[1, Decimal("NaN")], [2, float("inf")], [3, 10**400], [4, Decimal("-1E+400")]]
    path = exported(tmp_path, rows)
    cells = column_values(path)
    assert [cell.data_type for cell in cells] == ["s"] * 4
    assert cells[0].value == "NaN"
    assert unsafe_cells(path) == []


def test_a_word_in_an_amount_column_is_shown_and_left_out_of_the_total(tmp_path):
    rows = [[1, 150_000], [2, "待定"], [3, 50]]
    path = exported(tmp_path, rows, headers=("序号", "金额"), amount_columns={"金额"}, totals=True)
    cells = column_values(path)
    assert [cell.value for cell in cells[:3]] == [1500, "待定", Decimal("0.5")]
    assert cells[3].value == "=SUM(B4:B6)"  # 待定 is text, which SUM leaves out
    assert sum(cell.value for cell in cells[:3] if not isinstance(cell.value, str)) == 1500.5


def test_only_the_sheet_format_gives_a_cell_its_value():
    """No other module writes a cell: none makes a workbook of its own with openpyxl, none
    sets a cell's value, type or text mark, none calls .cell() with a value."""
    package = Path(jimo_desktop.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if path == Path(sheet_format.__file__) or not _WRITES.search(source):
            continue
        for node in ast.walk(ast.parse(source)):
            if writes := _cell_write(node):
                found.append(f"{path.relative_to(package)}:{node.lineno} {writes}")
    assert found == []


def _cell_write(node: ast.AST) -> str:
    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl"):
        return "imports Workbook" if any(a.name == "Workbook" for a in node.names) else ""
    if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
        return f"sets .{node.attr}" if node.attr in _CELL_ATTRIBUTES else ""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        valued = len(node.args) > 2 or any(k.arg == "value" for k in node.keywords)
        return "writes through .cell()" if node.func.attr == "cell" and valued else ""
    return ""


anything = st.text(st.characters(exclude_categories=()), max_size=60)  # surrogates too
disguise = st.sampled_from([*DISGUISED, "", " ", "\t", "\r", "\x01", "\u200b", "＝", "_x003D_"])
fuzzed_text = st.builds(lambda head, tail: head + tail, disguise, anything)
fuzzed_number = st.one_of(
    st.integers(),
    st.floats(),
    st.decimals(),
    st.sampled_from([10**400, -(10**400), Decimal("sNaN"), True, False]),
)


def test_no_value_becomes_a_formula_or_breaks_the_file():
    """Each drawn value is written to a row of one sheet, which is then saved once and read
    back: a value that breaks the file is found by saving it alone."""
    workbook = new_workbook()
    sheet = workbook.create_sheet("清单")
    written = []

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(value=st.one_of(fuzzed_text, fuzzed_number), kind=st.sampled_from(sheet_format.Kind))
    def write_one(value, kind):
        cell = write_cell(sheet, len(written) + 1, 1, value, kind.value, kind)
        assert cell.data_type in ("s", "n")
        written.append((value, kind))

    write_one()
    try:
        saved = _saved(workbook)
    except Exception:
        culprit = next(value for value, kind in written if not _saves_alone(value, kind))
        raise AssertionError(f"{culprit!r} makes a sheet that cannot be saved") from None
    with zipfile.ZipFile(saved) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
    read = load_workbook(saved)["清单"]
    for row in range(1, len(written) + 1):
        cell = read.cell(row, 1)
        assert cell.data_type in ("s", "n"), written[row - 1]
        if isinstance(cell.value, str):
            assert len(cell.value) <= CELL_LIMIT
            assert cell.quotePrefix or not looks_like_formula(cell.value), written[row - 1]
        elif cell.value is not None:
            assert math.isfinite(cell.value), written[row - 1]


def _saved(workbook) -> io.BytesIO:
    saved = io.BytesIO()
    workbook.save(saved)
    load_workbook(saved)  # what cannot be parsed again is not a file Excel opens either
    return saved


def _saves_alone(value, kind) -> bool:
    workbook = new_workbook()
    write_cell(workbook.create_sheet("清单"), 1, 1, value, kind.value, kind)
    try:
        _saved(workbook)
    except Exception:
        return False
    return True
