"""The blank submission template (申报表) the units fill in: the bureau's standard sheet
with empty rows, drop-down lists for the dictionary columns, and a sheet of instructions.

The file in resources/templates/ is made by this module and committed; a test fails when
the two drift apart. Regenerate it with `python -m jimo_desktop.excel.template`.
"""

import dataclasses
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jimo_desktop import paths
from jimo_desktop.domain.dictionaries import DEFAULT_INDUSTRIES, DEFAULT_UNITS
from jimo_desktop.domain.project import LEVEL_LABELS, NATURE_LABELS, STAGE_LABELS
from jimo_desktop.excel.export import PROJECT_COLUMNS
from jimo_desktop.excel.sheet_format import (
    FIRST_DATA_ROW,
    Kind,
    SheetColumn,
    SheetHeading,
    new_workbook,
    save_workbook,
    write_sheet,
)

TEMPLATE_NAME = "重点项目申报表模板.xlsx"
BLANK_ROWS = 30
ENTRY_ROW_POINTS = 24  # room to write by hand on a printed form
HEADING = SheetHeading(
    "即墨区重点项目申报表", "填报单位（盖章）：", "填报日期：　　　年　　月　　日"
)
# Room to write in, since an empty column would otherwise be as narrow as its header.
_ENTRY_WIDTHS = {"项目名称": 30, "建设单位": 20, "区位": 12, "责任单位": 16, "项目代码": 22}
_DATE_WIDTH = 10
_AMOUNT_WIDTH = 12
_CHOICES = {
    "区位": tuple(unit.name for unit in DEFAULT_UNITS),
    "所属产业": DEFAULT_INDUSTRIES,
    "建设性质": tuple(NATURE_LABELS.values()),
    "阶段": tuple(STAGE_LABELS.values()),
    "项目级别": tuple(LEVEL_LABELS.values()),
}
_DATE_HEADERS = ("计划开工时间", "计划竣工时间")
INSTRUCTIONS = (
    "每个项目填一行；请勿修改、删除表头，可增加行。",
    "金额单位为万元，填数字，如 12500 或 12500.5；总投资1.5亿元填 15000。",
    "时间填年月，如 2020年3月；知道具体日期的可填 2020年3月15日。",
    f"区位从下拉列表选择：{'、'.join(_CHOICES['区位'])}。",
    f"所属产业从下拉列表选择：{'、'.join(DEFAULT_INDUSTRIES)}。",
    f"建设性质填 {'、'.join(_CHOICES['建设性质'])}；"
    f"阶段填 {'、'.join(_CHOICES['阶段'])}（四个一批及投产）；"
    f"项目级别填 {'、'.join(_CHOICES['项目级别'])}，尚未定级的不填。",
    "年度计划投资指本年度计划完成的投资；项目代码为投资项目在线审批监管平台赋予的代码，"
    "没有可不填。",
    "填好后以本表格式（.xlsx 或 .xls）报送区发展和改革局重点项目办。",
)


def template_path() -> Path:
    return paths.resources_dir() / "templates" / TEMPLATE_NAME


def template_columns() -> list[SheetColumn]:
    return [
        dataclasses.replace(column, min_width=_entry_width(column)) for column in PROJECT_COLUMNS
    ]


def _entry_width(column: SheetColumn) -> int:
    if column.kind is Kind.AMOUNT:
        return _AMOUNT_WIDTH
    if column.header in _DATE_HEADERS:
        return _DATE_WIDTH
    return _ENTRY_WIDTHS.get(column.header, column.min_width)


def write_template(path: Path | str) -> Path:
    workbook = new_workbook()
    form = workbook.create_sheet("申报表")
    columns = template_columns()
    write_sheet(form, HEADING, columns, [[None] * len(columns)] * BLANK_ROWS, frozen_columns=2)
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + BLANK_ROWS):
        form.row_dimensions[row].height = ENTRY_ROW_POINTS
    _add_validations(form, columns)
    notes = workbook.create_sheet("填表说明")
    note_columns = [SheetColumn("序号", Kind.CENTRED), SheetColumn("说明", max_width=70)]
    rows = [[number, text] for number, text in enumerate(INSTRUCTIONS, start=1)]
    write_sheet(notes, SheetHeading("填表说明"), note_columns, rows)
    return save_workbook(workbook, path)


def _add_validations(sheet: Worksheet, columns: list[SheetColumn]) -> None:
    """Drop-downs for the dictionary columns; other names only after a warning, since
    units also write short and former names the import understands."""
    last_row = FIRST_DATA_ROW + BLANK_ROWS - 1
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        rule = _rule_for(column)
        if rule is not None:
            rule.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
            sheet.add_data_validation(rule)


def _rule_for(column: SheetColumn) -> DataValidation | None:
    if column.header in _CHOICES:
        rule = DataValidation(type="list", formula1=f'"{",".join(_CHOICES[column.header])}"')
        rule.error = f"请从列表中选择{column.header}；确需填写其他名称的，可选“是”继续。"
    elif column.kind is Kind.AMOUNT:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        rule.error = "金额应为不小于0的数字，单位万元。"
    elif column.header in _DATE_HEADERS:
        rule = DataValidation(prompt="填年月，如 2020年3月；也可填到日，如 2020年3月15日")
    else:
        return None
    rule.allow_blank = True
    rule.errorStyle = "warning"
    rule.showErrorMessage = rule.error is not None
    rule.showInputMessage = rule.prompt is not None
    return rule


def main() -> None:
    print(f"已生成 {write_template(template_path())}")


if __name__ == "__main__":
    main()
