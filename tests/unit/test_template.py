"""The blank submission template: the committed file is what the code makes, and it is the
bureau's standard sheet that the import reads back."""

from openpyxl import load_workbook

from jimo_desktop.domain.dictionaries import DEFAULT_INDUSTRIES, DEFAULT_UNITS
from jimo_desktop.excel.export import PROJECT_COLUMNS
from jimo_desktop.excel.sheet_format import FIRST_DATA_ROW, HEADER_ROW
from jimo_desktop.excel.template import BLANK_ROWS, TEMPLATE_NAME, template_path, write_template
from tests.unit.xlsx_cells import formula_elements, printed_body_points, unsafe_cells


def describe(path) -> dict:
    """Everything of a workbook an officer sees or prints; zip timestamps left out."""
    book = load_workbook(path)
    return {sheet.title: _describe_sheet(sheet) for sheet in book.worksheets}


def _describe_sheet(sheet) -> dict:
    # A cell's named style carries its font, borders, fill and alignment.
    cells = [
        (cell.coordinate, cell.value, cell.data_type, cell.style, cell.number_format)
        for row in sheet.iter_rows()
        for cell in row
    ]
    setup = sheet.page_setup
    return {
        "cells": cells,
        "merged": sorted(str(merged) for merged in sheet.merged_cells.ranges),
        "widths": {key: dim.width for key, dim in sheet.column_dimensions.items()},
        "heights": {key: dim.height for key, dim in sheet.row_dimensions.items()},
        "print": (
            setup.orientation,
            setup.paperSize,
            setup.fitToWidth,
            setup.fitToHeight,
            sheet.print_title_rows,
            sheet.freeze_panes,
            sheet.oddFooter.center.text,
        ),
        "validations": sorted(
            (str(rule.sqref), rule.type, rule.formula1, rule.prompt, rule.error, rule.errorStyle)
            for rule in sheet.data_validations.dataValidation
        ),
    }


def test_the_committed_template_is_what_the_code_makes(tmp_path):
    fresh = write_template(tmp_path / TEMPLATE_NAME)
    assert describe(template_path()) == describe(fresh), (
        "the template in resources/templates is out of date: "
        "run `python -m jimo_desktop.excel.template` and commit the file"
    )


def test_the_template_has_the_headers_of_the_exported_project_list():
    sheet = load_workbook(template_path())["申报表"]
    headers = [cell.value.replace("\n", "") for cell in sheet[HEADER_ROW]]
    assert headers == [column.header for column in PROJECT_COLUMNS]


def test_the_template_asks_for_the_submitting_unit_and_date():
    sheet = load_workbook(template_path())["申报表"]
    assert sheet["A1"].value == "即墨区重点项目申报表"
    line = [cell.value for cell in sheet[2] if cell.value]
    assert line[0] == "填报单位（盖章）："
    assert line[1].startswith("填报日期：")


def test_the_template_has_empty_bordered_rows_to_fill_in():
    sheet = load_workbook(template_path())["申报表"]
    rows = list(sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=FIRST_DATA_ROW + BLANK_ROWS - 1))
    assert len(rows) == BLANK_ROWS
    assert all(cell.value is None for row in rows for cell in row)
    assert all(cell.border.left.style == "thin" for row in rows for cell in row)


def test_unit_and_industry_columns_offer_the_default_dictionaries():
    sheet = load_workbook(template_path())["申报表"]
    lists = {
        rule.formula1.strip('"'): rule
        for rule in sheet.data_validations.dataValidation
        if rule.type == "list"
    }
    assert ",".join(unit.name for unit in DEFAULT_UNITS) in lists
    assert ",".join(DEFAULT_INDUSTRIES) in lists
    assert "新建,续建,扩建" in lists
    # Units also write short names the import understands: a warning, never a refusal.
    assert {rule.errorStyle for rule in lists.values()} == {"warning"}


def test_the_template_prints_like_every_other_sheet():
    sheet = load_workbook(template_path())["申报表"]
    assert sheet.page_setup.orientation == "landscape"
    assert printed_body_points(sheet) >= 9
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.freeze_panes == "C4"


def test_the_instructions_sheet_explains_amounts_dates_and_choices():
    sheet = load_workbook(template_path())["填表说明"]
    text = "".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    for words in ("万元", "2020年3月", "通济街道", "现代海洋", "新建"):
        assert words in text


def test_the_template_holds_no_formula_and_only_text_that_stays_text(tmp_path):
    for path in (template_path(), write_template(tmp_path / TEMPLATE_NAME)):
        assert formula_elements(path) == []
        assert unsafe_cells(path) == []
