"""Key-project tables laid out as district and city offices publish them: a title, a line
with the 填报单位 and the amounts' unit, a header of two rows under merged group headings,
rows, a 合计 row, notes and signature lines under the table (issue 17)."""

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jimo_desktop.store import dictionaries
from jimo_desktop.store.project_library import projects

TITLE = "即墨区2022年重点项目计划表"
SIGNATURES = ["填表人：张三", None, None, "审核人：李四", None, "联系电话：88512345"]


def office_table(
    path: Path,
    header: Sequence[str | None],
    rows: Sequence[Sequence[object]],
    *,
    groups: Sequence[tuple[str, int, int]] = (),
    statement: Sequence[object] = ("填报单位（盖章）：", None, None, None, "金额单位：万元"),
    title: str = TITLE,
    under_header: Sequence[Sequence[object]] = (),
    below: Sequence[Sequence[object]] = (),
    sheet: str = "Sheet1",
) -> Path:
    """The table written to `path`. `groups` are merged headings (text, first and last column
    from 1) above `header`, whose other cells are merged down over both header rows;
    `under_header` rows come between the header and the projects (units, column numbers);
    `below` after the projects (合计, notes), then the signatures."""
    workbook = Workbook()
    table = workbook.active
    table.title = sheet
    width = len(header)
    table.append([title])
    table.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    table.append(list(statement))
    top = 3
    if groups:
        grouped = {column for _, first, last in groups for column in range(first, last + 1)}
        table.append([None if column in grouped else header[column - 1]
                      for column in range(1, width + 1)])  # fmt: skip
        table.append([header[column - 1] if column in grouped else None
                      for column in range(1, width + 1)])  # fmt: skip
        for text, first, last in groups:
            table.cell(top, first, text)
            table.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        for column in range(1, width + 1):
            if column not in grouped:
                letter = get_column_letter(column)
                table.merge_cells(f"{letter}{top}:{letter}{top + 1}")
    else:
        table.append(list(header))
    for row in [*under_header, *rows, *below, SIGNATURES]:
        table.append(list(row))
    workbook.save(path)
    return path


REPORT_HEADER = ("序号", "项目名称", "建设地点", "总投资", "1-6月累计完成投资", "形象进度")


def report_table(path: Path, rows, *, year: int, statement: Sequence[object]) -> Path:
    """A 1-6月 推进情况表 of `year` under REPORT_HEADER."""
    title = f"即墨区{year}年1-6月重点项目推进情况表"
    return office_table(path, REPORT_HEADER, rows, title=title, statement=statement)


def kept(db) -> dict[str, projects.Project]:
    """The projects kept, by name."""
    rows = db.execute("SELECT id FROM projects WHERE deleted_at IS NULL").fetchall()
    return {found.name: found for found in (projects.get(db, row[0]) for row in rows)}


def unit_id(db, name: str) -> int:
    return next(entry.id for entry in dictionaries.entries(db, "units") if entry.name == name)


def problem_lines(plan) -> list[str]:
    return [str(problem) for problem in plan.all_problems()]
