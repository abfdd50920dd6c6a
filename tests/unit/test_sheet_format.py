"""The print format every written sheet shares, read back with openpyxl as Excel would see it."""

import os
import stat
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jimo_desktop.excel import sheet_format
from jimo_desktop.excel.sheet_format import (
    Kind,
    SheetColumn,
    SheetHeading,
    amount_totals,
    display_width,
    fitted_widths,
    new_workbook,
    save_workbook,
    sheet_name,
    write_sheet,
)
from tests.unit.xlsx_cells import evaluated, printed_body_points

COLUMNS = [
    SheetColumn("序号", Kind.CENTRED),
    SheetColumn("项目名称", max_width=20),
    SheetColumn("总投资（万元）", Kind.AMOUNT),
    SheetColumn("占年度计划（%）", Kind.PERCENT),
]
ROWS = [
    [1, "海洋生物医药产业园项目", 12_345_678, Decimal("55.0")],
    [2, '=HYPERLINK("http://x")', 10, None],
    [3, "短名", None, Decimal("101.5")],
]
HEADING = SheetHeading("2020年即墨区重点项目清单", "填报单位：通济街道", "填报日期：2020年6月30日")


def written(tmp_path, rows=ROWS, totals=None, frozen_columns=0, columns=COLUMNS):
    workbook = new_workbook()
    write_sheet(workbook.create_sheet("清单"), HEADING, columns, rows, totals, frozen_columns)
    path = save_workbook(workbook, tmp_path / "sheet.xlsx")
    return load_workbook(path)["清单"]


def test_a_chinese_character_counts_as_two_width_units():
    assert display_width("abc12") == 5
    assert display_width("即墨区") == 6
    assert display_width("２０２０年") == 10  # full-width digits are wide as well
    assert display_width("总投资\n（万元）") == 8  # the widest line


def test_the_title_is_merged_across_every_column(tmp_path):
    sheet = written(tmp_path)
    assert sheet["A1"].value == HEADING.title
    assert "A1:D1" in {str(merged) for merged in sheet.merged_cells.ranges}


def test_the_unit_and_date_line_sits_under_the_title(tmp_path):
    sheet = written(tmp_path)
    assert sheet["A2"].value == "填报单位：通济街道"
    assert sheet["C2"].value == "填报日期：2020年6月30日"
    assert sheet["C2"].alignment.horizontal == "right"


def test_the_header_row_is_bold_bordered_and_centred(tmp_path):
    sheet = written(tmp_path)
    headers = [cell.value.replace("\n", "") for cell in sheet[sheet_format.HEADER_ROW]]
    assert headers == [column.header for column in COLUMNS]
    cell = sheet.cell(sheet_format.HEADER_ROW, 2)
    assert cell.font.b
    assert cell.alignment.horizontal == "center"
    assert cell.border.left.style == cell.border.bottom.style == "thin"


def test_a_header_wider_than_its_values_breaks_before_its_unit(tmp_path):
    sheet = written(tmp_path)
    assert sheet.cell(sheet_format.HEADER_ROW, 4).value == "占年度计划\n（%）"
    assert sheet.row_dimensions[sheet_format.HEADER_ROW].height >= 2 * 14


def test_amounts_are_numbers_of_wan_with_two_decimals_and_thousands_separators(tmp_path):
    sheet = written(tmp_path)
    cell = sheet.cell(sheet_format.FIRST_DATA_ROW, 3)
    assert cell.value == pytest.approx(123_456.78)
    assert round(cell.value * 100) == 12_345_678
    assert cell.number_format == "#,##0.00"
    assert sheet.cell(sheet_format.FIRST_DATA_ROW, 4).number_format == "0.0"


def test_unknown_values_stay_blank(tmp_path):
    sheet = written(tmp_path)
    assert sheet.cell(sheet_format.FIRST_DATA_ROW + 2, 3).value is None
    assert sheet.cell(sheet_format.FIRST_DATA_ROW + 1, 4).value is None


@pytest.mark.parametrize(
    "text", ["=1+2", "+86 0532", "-资金缺口", "@SUM(A1:A2)", '=HYPERLINK("x")']
)
def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, text):
    sheet = written(tmp_path, rows=[[1, text, None, None]])
    cell = sheet.cell(sheet_format.FIRST_DATA_ROW, 2)
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_control_characters_that_excel_refuses_are_dropped(tmp_path):
    sheet = written(tmp_path, rows=[[1, "主体\x0b封顶\x00", None, None]])
    assert sheet.cell(sheet_format.FIRST_DATA_ROW, 2).value == "主体封顶"


def test_columns_fit_their_longest_value_within_their_limit():
    widths = fitted_widths(COLUMNS, ROWS)
    name_column = COLUMNS[1]
    assert widths[1] == name_column.max_width + 2  # 22 units of text wrap instead
    assert widths[0] >= display_width("序号")
    assert widths[2] >= display_width("123,456.78")


def test_a_long_text_wraps_and_its_row_is_made_tall_enough(tmp_path):
    long_name = "即墨区" * 20
    sheet = written(tmp_path, rows=[[1, long_name, None, None]])
    cell = sheet.cell(sheet_format.FIRST_DATA_ROW, 2)
    assert cell.alignment.wrap_text
    lines = -(-display_width(long_name) // 20)
    assert sheet.row_dimensions[sheet_format.FIRST_DATA_ROW].height >= lines * 14


def test_the_totals_row_sums_every_amount_to_the_cent(tmp_path):
    totals = amount_totals(COLUMNS, ROWS)
    assert totals == ["合计", None, 12_345_688, None]
    sheet = written(tmp_path, totals=totals)
    row = sheet_format.FIRST_DATA_ROW + len(ROWS)
    assert sheet.cell(row, 1).value == "合计"
    assert sheet.cell(row, 3).value == f"=SUM(C4:C{row - 1})"
    assert round(evaluated(sheet, row, 3) * 100) == 12_345_688
    assert sheet.cell(row, 3).font.b
    assert f"A{row}:B{row}" in {str(merged) for merged in sheet.merged_cells.ranges}


def test_sheets_print_on_a4_landscape_one_page_wide(tmp_path):
    sheet = written(tmp_path)
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(sheet.page_setup.fitToWidth) == 1
    assert int(sheet.page_setup.fitToHeight) == 0


def wide_columns(count: int) -> list[SheetColumn]:
    return [SheetColumn(f"第{n}列数值说明", max_width=12) for n in range(count)]


@pytest.mark.parametrize("count", [8, 12, 16, 24, 40])
def test_a_sheet_prints_its_body_at_nine_points_or_more(tmp_path, count):
    columns = wide_columns(count)
    rows = [["很长的一段说明文字" for _ in columns]] * 3
    sheet = written(tmp_path, rows=rows, columns=columns, frozen_columns=2)
    assert sheet.page_setup.orientation == "landscape"
    assert printed_body_points(sheet) >= 9
    if not sheet.sheet_properties.pageSetUpPr.fitToPage:
        # Too wide for A3: its columns go over pages, the name columns on each.
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A3)
        assert sheet.print_title_cols == "$A:$B"
        # The title stands over the first page's columns rather than be cut across pages.
        title = next(area for area in sheet.merged_cells.ranges if area.min_row == 1)
        letters = [
            chr(ord("A") + n) if n < 26 else "A" + chr(ord("A") + n - 26)
            for n in range(title.max_col)
        ]
        first_page = sum((sheet.column_dimensions[x].width * 7 + 5) * 0.75 for x in letters)
        assert first_page <= 420 / 25.4 * 72 - 0.8 * 72


def test_a_narrow_sheet_stays_on_a4_and_a_wider_one_takes_a3(tmp_path):
    narrow = written(tmp_path, rows=[["说明"] * 8], columns=wide_columns(8))
    assert int(narrow.page_setup.paperSize) == int(narrow.PAPERSIZE_A4)
    assert narrow.sheet_properties.pageSetUpPr.fitToPage
    wider = written(tmp_path, rows=[["说明"] * 14], columns=wide_columns(14))
    assert int(wider.page_setup.paperSize) == int(wider.PAPERSIZE_A3)
    assert wider.sheet_properties.pageSetUpPr.fitToPage


def test_the_header_row_repeats_on_every_printed_page(tmp_path):
    assert written(tmp_path).print_title_rows == "$3:$3"


def test_the_footer_numbers_the_pages(tmp_path):
    assert written(tmp_path).oddFooter.center.text == "第 &P 页 共 &N 页"


def test_panes_freeze_below_the_header_and_right_of_the_named_columns(tmp_path):
    assert written(tmp_path).freeze_panes == "A4"
    assert written(tmp_path, frozen_columns=2).freeze_panes == "C4"


def test_an_empty_list_still_has_its_heading_and_header_row(tmp_path):
    sheet = written(tmp_path, rows=[])
    assert sheet["A1"].value == HEADING.title
    assert sheet.cell(sheet_format.HEADER_ROW, 1).value == "序号"
    assert sheet.max_row == sheet_format.HEADER_ROW


def test_a_sheet_name_loses_the_characters_excel_refuses():
    assert sheet_name("问题清单[2020/06]") == "问题清单202006"
    assert len(sheet_name("很长" * 30)) == 31
    assert sheet_name("//") == "清单"


def test_a_failed_save_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "list.xlsx"
    target.write_bytes(b"previous")
    workbook = new_workbook()
    workbook.create_sheet("清单")

    def broken_save(path):
        (tmp_path / path).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "save", broken_save)
    with pytest.raises(OSError):
        save_workbook(workbook, target)
    assert target.read_bytes() == b"previous"
    assert [path.name for path in tmp_path.iterdir()] == ["list.xlsx"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_saved_file_gets_the_usual_permissions_not_private_ones(tmp_path):
    workbook = new_workbook()
    workbook.create_sheet("清单")
    path = save_workbook(workbook, tmp_path / "list.xlsx")
    probe = tmp_path / "probe.txt"
    probe.write_text("")
    assert stat.S_IMODE(path.stat().st_mode) == stat.S_IMODE(probe.stat().st_mode)
