"""The monthly 调度表 sent to a 区位: its listed projects with what the bureau already knows
filled in and locked, blank cells for the month's figures, and a hidden key per row.

The sheet is written in the print format of every export (excel/sheet_format) and reads back
through the ordinary import: the title states the months ("2020年1-7月"), the unit line the
区位, and the headers are the import's own words. Last month's figures are headed 上月…,
which the import knows and passes over. The sheet is protected without a password (a guard
against slips, not a lock: the key decides the project, excel/template_keys), leaving the
unit free to sort, filter, hide and insert rows; the month's cells are unlocked, tinted, and
take only numbers (amounts) or 是/否.
"""

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from openpyxl.styles import PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.progress import check_period, cumulative_label, period_label
from jimo_desktop.excel.sheet_format import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    Kind,
    SheetColumn,
    SheetHeading,
    new_workbook,
    save_workbook,
    write_sheet,
)
from jimo_desktop.excel.template_keys import KEY_HEADER, RowKey

SHEET_NAME = "调度表"
INPUT_FILL = PatternFill("solid", start_color="FFF8DC")
# Room under the listed projects for the ones a unit adds (matched by name, as today).
SPARE_ROWS = 5


class TemplateLine(Protocol):
    project_uuid: str
    code: str
    name: str
    annual_plan: int | None
    last_this_year: int | None
    last_since_start: int | None


class UnitTemplate(Protocol):
    unit_id: int
    unit: str
    period: str
    lines: Sequence[TemplateLine]


def file_name(unit: str, period: str) -> str:
    return f"{unit}{period_label(period)}重点项目调度表.xlsx"


def title(period: str) -> str:
    year = check_period(period)[0]
    return f"即墨区{year}年{cumulative_label(period)}重点项目推进情况调度表"


def due_line(due: str) -> str:
    return f"报送日期：{due}前" if due else ""


def columns(period: str) -> list[SheetColumn]:
    """The template's columns; the month's input columns are INPUT_COLUMNS, the key is last."""
    months = cumulative_label(period)
    return [
        SheetColumn("序号", Kind.CENTRED, max_width=6),
        SheetColumn("项目代码", max_width=22),
        SheetColumn("项目名称", max_width=30, min_width=16),
        SheetColumn("年度计划投资（万元）", Kind.AMOUNT),
        SheetColumn("上月累计完成投资（万元）", Kind.AMOUNT),
        SheetColumn("上月开工至今累计完成投资（万元）", Kind.AMOUNT),
        SheetColumn(f"{months}累计完成投资（万元）", Kind.AMOUNT, min_width=12),
        SheetColumn("开工至今累计完成投资（万元）", Kind.AMOUNT, min_width=12),
        SheetColumn("形象进度", max_width=24, min_width=20),
        SheetColumn("存在问题", max_width=24, min_width=20),
        SheetColumn("是否纳统", Kind.CENTRED, min_width=8),
        SheetColumn(KEY_HEADER, max_width=60),  # one line: a wrapped key would heighten rows
    ]


NAME_COLUMN = 3
AMOUNT_INPUTS = (7, 8)  # 1-N月累计, 开工至今累计
TEXT_INPUTS = (9, 10)  # 形象进度, 存在问题
FLAG_INPUT = 11  # 是否纳统
KEY_COLUMN = 12


def write_all(
    folder: Path, templates: Sequence[UnitTemplate], due: date | None = None
) -> list[tuple[Path, int]]:
    """Each 区位's template in `folder`, named for it and the month: (file, projects) each."""
    shown = format_date(due) if due else ""
    return [
        (write_template(folder / file_name(t.unit, t.period), t, shown), len(t.lines))
        for t in templates
    ]


def write_template(path: Path | str, template: UnitTemplate, due: str = "") -> Path:
    """One 区位's template for its month; `due` is the date shown as the day to send it by."""
    rows = [
        [
            number,
            line.code,
            line.name,
            line.annual_plan,
            line.last_this_year,
            line.last_since_start,
            None,
            None,
            "",
            "",
            "",
            RowKey(template.period, template.unit_id, line.project_uuid).text(),
        ]
        for number, line in enumerate(template.lines, start=1)
    ]
    spare = [[None] * KEY_COLUMN for _ in range(SPARE_ROWS)]
    workbook = new_workbook()
    sheet = workbook.create_sheet(SHEET_NAME)
    heading = SheetHeading(title(template.period), f"填报单位：{template.unit}", due_line(due))
    write_sheet(sheet, heading, columns(template.period), rows + spare, frozen_columns=3)
    last_row = FIRST_DATA_ROW + len(rows) + SPARE_ROWS - 1
    _open_inputs(sheet, len(rows), last_row)
    _validate(sheet, last_row)
    _hide_key(sheet, last_row)
    _protect(sheet)
    return save_workbook(workbook, path)


def _open_inputs(sheet, listed: int, last_row: int) -> None:
    """The month's cells are unlocked and tinted; rows added under the list are open whole."""
    unlocked = Protection(locked=False)
    for row in range(FIRST_DATA_ROW, last_row + 1):
        spare = row >= FIRST_DATA_ROW + listed
        for column in range(1, KEY_COLUMN):
            if spare or column in (*AMOUNT_INPUTS, *TEXT_INPUTS, FLAG_INPUT):
                cell = sheet.cell(row, column)
                cell.protection = unlocked
                cell.fill = INPUT_FILL


def _validate(sheet, last_row: int) -> None:
    amounts = _refusing(
        "请填写数字",
        "请填写以万元计的数字（不小于0），不要填写文字或单位",
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
    )
    flags = _refusing("请选择是或否", "是否纳统只能填“是”或“否”", type="list", formula1='"是,否"')
    for validation, numbers in ((amounts, AMOUNT_INPUTS), (flags, (FLAG_INPUT,))):
        for column in numbers:
            letter = get_column_letter(column)
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        sheet.add_data_validation(validation)


def _refusing(title: str, message: str, **rule) -> DataValidation:
    """A rule that refuses other input with `message` (a blank cell is allowed)."""
    return DataValidation(
        allow_blank=True, showErrorMessage=True, errorTitle=title, error=message, **rule
    )


def _hide_key(sheet, last_row: int) -> None:
    key = get_column_letter(KEY_COLUMN)
    sheet.column_dimensions[key].hidden = True
    visible = get_column_letter(KEY_COLUMN - 1)
    sheet.print_area = f"A1:{visible}{last_row}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{visible}{last_row}"


def _protect(sheet) -> None:
    protection = sheet.protection
    protection.sheet = True
    # False allows: the unit may sort, filter, hide and add rows and widen columns.
    protection.sort = protection.autoFilter = False
    protection.formatRows = protection.formatColumns = protection.insertRows = False
