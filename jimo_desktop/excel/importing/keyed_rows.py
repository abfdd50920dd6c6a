"""Rows of a returned 调度表 template found by their keys (excel/template_keys): the key, not
the name, decides the project, so a row the unit renamed still reports on its own project. A
key that names no project kept here, a project not on the year's list, or one of another
区位 than the key's, is refused at the key's cell.
"""

from jimo_desktop.excel.importing.context import ImportContext
from jimo_desktop.excel.importing.plan import PlannedRow
from jimo_desktop.excel.template_keys import key_cell
from jimo_desktop.store.monthly.template_rows import keyed_projects


def find_projects(rows: list[PlannedRow], context: ImportContext) -> None:
    """Set each keyed row's project, or its problem at the key's cell."""
    by_period: dict[str, list[PlannedRow]] = {}
    for row in rows:
        by_period.setdefault(row.key.period, []).append(row)
    for period, of_period in by_period.items():
        found = keyed_projects(context.db, (row.key.project_uuid for row in of_period), period)
        for row in of_period:
            _decide(row, found.get(row.key.project_uuid), context)


def _decide(row: PlannedRow, project, context: ImportContext) -> None:
    column = key_cell(row)
    year = row.key.period[:4]
    if project is None:
        row.problems.append(row.problem_at("校验码所指的项目不在项目库中（可能已删除）", column))
    elif not project.listed:
        message = f"校验码所指的项目“{project.name}”不在{year}年重点项目清单中"
        row.problems.append(row.problem_at(message, column))
    elif project.unit_id != row.key.unit_id:
        owner = context.unit_name(project.unit_id)
        written = context.unit_name(row.key.unit_id)
        message = f"校验码所指的项目“{project.name}”属于{owner}，不属于{written}"
        row.problems.append(row.problem_at(message, column))
    else:
        row.project_id = project.id
        if row.name and row.name != project.name:
            row.notes.append(
                f"{row.where}：表中名称“{row.name}”与项目库不同，按校验码计入“{project.name}”"
            )
