"""The hidden key of each row of a monthly 调度表 template: which project, which month, which
区位 the row was written for, so that the returned file is matched by the key and not by the
name (a unit may sort, hide or rename rows).

A key is text in a hidden column headed KEY_HEADER: "JMT1|2020-07|3|<project uuid>". This
module writes and reads keys and judges a sheet's keys against each other and against what
the sheet says (its month, its 区位); whether the project exists, is listed and belongs to
the 区位 is the database's question (excel/importing/keyed_rows.py).
"""

import re
from collections import Counter
from dataclasses import dataclass

from jimo_desktop.domain.progress import period_label
from jimo_desktop.excel.importing.plan import PlannedRow, Problem, Where
from jimo_desktop.excel.importing.values import text
from jimo_desktop.excel.reading.headers import Layout
from jimo_desktop.excel.reading.workbook import Grid

KEY_HEADER = "模板校验码（请勿修改）"
_KEY_CORE = "模板校验码"
_UUID = r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"
_KEY = re.compile(r"^JMT1\|(\d{4}-(?:0[1-9]|1[0-2]))\|(\d{1,9})\|(" + _UUID + r")$")


@dataclass(frozen=True)
class RowKey:
    period: str  # YYYY-MM
    unit_id: int
    project_uuid: str

    def text(self) -> str:
        return f"JMT1|{self.period}|{self.unit_id}|{self.project_uuid}"


@dataclass(frozen=True)
class KeyColumn:
    index: int
    header: str


KEY_FIELD = "template_key"  # where a row's columns hold the key column


def key_cell(row: PlannedRow) -> KeyColumn | None:
    return row.columns.get(KEY_FIELD)


def parse(value: object) -> RowKey | None:
    found = _KEY.match(text(value).strip())
    if found is None:
        return None
    return RowKey(found.group(1), int(found.group(2)), found.group(3))


def key_column(grid: Grid, layout: Layout) -> KeyColumn | None:
    """The hidden key column under the sheet's header, if the sheet is one of our templates."""
    for header_row in layout.header_rows:
        for index, value in enumerate(grid[header_row]):
            if text(value).replace(" ", "").startswith(_KEY_CORE):
                return KeyColumn(index, text(value))
    return None


def read_keys(
    grid: Grid,
    layout: Layout,
    rows: list[PlannedRow],
    unit_names: dict[int, str],
    given_unit: int | None = None,
) -> list[Problem]:
    """Give each project row its key; a row without one (added by the unit) keeps none and is
    matched by its name. Returns the problems of the whole sheet: a template written for
    another month or 区位 than the sheet is filed under (or than the officer's --unit) is
    refused as a whole."""
    column = key_column(grid, layout)
    if column is None or not rows:
        return []
    for row in rows:
        row.columns = {**row.columns, KEY_FIELD: column}
        cells = grid[row.ref.row - 1]
        value = cells[column.index] if column.index < len(cells) else None
        if text(value).strip() == "":
            continue
        row.key = parse(value)
        if row.key is None:
            message = "模板校验码已被改动，无法识别；请用本程序生成的模板填报"
            row.problems.append(row.problem_at(message, column))
    keyed = [row for row in rows if row.key is not None]
    if not keyed:
        return []
    template = Counter((row.key.period, row.key.unit_id) for row in keyed).most_common(1)[0][0]
    for row in keyed:
        if (row.key.period, row.key.unit_id) != template:
            unit = unit_names.get(row.key.unit_id, "未知区位")
            message = f"该行校验码属于{unit}{period_label(row.key.period)}的模板，不属于本表"
            row.problems.append(row.problem_at(message, column))
    return _template_against_sheet(template, keyed, unit_names, given_unit)


def _template_against_sheet(
    template: tuple[str, int],
    rows: list[PlannedRow],
    unit_names: dict[int, str],
    given_unit: int | None,
) -> list[Problem]:
    period, unit_id = template
    first = rows[0]
    where = Where(first.where.file, first.where.sheet)
    written_for = f"此表是{unit_names.get(unit_id, '未知区位')}{period_label(period)}的调度表模板"
    reasons = []
    filed = {row.period for row in rows if row.period}
    if filed and filed != {period}:
        shown = "、".join(period_label(other) for other in sorted(filed))
        reasons.append(f"{written_for}，不能作为{shown}的报表导入")
    sheet_units = {row.unit_id for row in rows if row.unit_id is not None}
    sheet_units |= {given_unit} if given_unit is not None else set()
    if sheet_units and sheet_units != {unit_id}:
        others = sorted(sheet_units - {unit_id})
        shown = "、".join(unit_names.get(other, "未知区位") for other in others)
        reasons.append(f"{written_for}，不能作为{shown}的报表导入")
    problems = [Problem(where, reason) for reason in reasons]
    for row in rows:
        row.problems.extend(problems)
    return problems
