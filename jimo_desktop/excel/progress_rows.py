"""Rows of a monthly 调度表 decided: each is the month's report of a project already kept,
found by its name; a 存在问题 text other than 无/暂无 becomes an open problem once.
"""

import re

from jimo_desktop.excel.context import ImportContext
from jimo_desktop.excel.fields import Field
from jimo_desktop.excel.plan import Action, NearMatch, PlannedRow
from jimo_desktop.store import project_lookup

_REPORTED = (
    Field.COMPLETED_THIS_YEAR,
    Field.COMPLETED_SINCE_START,
    Field.IMAGE_PROGRESS,
    Field.IN_STATISTICS,
    Field.PROBLEMS,
)
_NO_PROBLEM = re.compile(r"^(?:无|暂无|没有|无问题|暂无问题|无困难|暂无困难|正常|否)?[。.；;，,]?$")


def decide(rows: list[PlannedRow], context: ImportContext) -> None:
    live = [row for row in rows if not row.problems]
    for row in live:
        _find_project(row, context)
    _mark_repeats([row for row in live if row.project_id is not None])
    months = {row.period for row in live if row.period}
    kept = {period: project_lookup.month_reports(context.db, period) for period in months}
    open_problems = project_lookup.unsettled_problems(context.db, map(_target, live))
    flags = project_lookup.statistics_flags(context.db)
    for row in live:
        if not row.problems:
            # A month without a report counts the project as its own 纳统 says (so the export
            # writes it): a row saying only that reports nothing new.
            implied = {Field.IN_STATISTICS.value: flags.get(_target(row))}
            _report(row, kept[row.period].get(_target(row)), implied, open_problems)
    for row in rows:
        if row.problems:
            row.action = Action.BAD


def _find_project(row: PlannedRow, context: ImportContext) -> None:
    row.project_id = context.projects.exact(row.name, row.unit_id)
    if row.project_id is not None:
        return
    found = context.projects.near(row.name, row.unit_id)
    if found is None:
        row.add_problem(
            f"项目库中没有“{row.name}”：月报只记已有项目，请先导入申报表或新建该项目",
            row.columns.get(Field.NAME),
            row.name,
        )
        return
    name = context.project_names[found.project_id]
    unit = context.unit_name(context.projects.unit_of(found.project_id))
    row.near = NearMatch(found.project_id, name, unit, found.closeness.value)


def _target(row: PlannedRow) -> int | None:
    """The project the row reports on: its match, or the near one if the officer confirms."""
    return row.near.project_id if row.near is not None else row.project_id


def _mark_repeats(rows: list[PlannedRow]) -> None:
    seen: dict[tuple[int, str | None], PlannedRow] = {}
    for row in rows:
        key = (row.project_id, row.period)
        if key in seen:
            row.add_problem(f"与 {seen[key].where} 是同一项目同一月份，重复填报")
        else:
            seen[key] = row


def _report(
    row: PlannedRow, kept: dict[str, object] | None, implied: dict[str, object], open_problems
) -> None:
    found = {f.value: row.values[f] for f in _REPORTED if f in row.values}
    if Field.IN_STATISTICS.value in found:
        found[Field.IN_STATISTICS.value] = int(found[Field.IN_STATISTICS.value])
    for field in (Field.COMPLETED_THIS_YEAR, Field.COMPLETED_SINCE_START):
        if (found.get(field.value) or 0) < 0:
            row.add_problem("完成投资不能为负数", row.columns.get(field))
    row.report = found
    text = str(found.get(Field.PROBLEMS.value, "")).strip()
    # The same text imported again (the same report, re-imported) is not a new problem.
    already = (_target(row), text) in open_problems or (kept or {}).get("problems_noted") == text
    if text and not _NO_PROBLEM.match(text) and not already:
        row.raises = text
    if row.near is not None:
        row.action = Action.ASK
    elif not found:
        row.notes.append(f"{row.where}：没有填写本月数据")
        row.action = Action.UNCHANGED
    else:
        same = all((kept or implied).get(name) == value for name, value in found.items())
        if same and not row.raises:
            row.action = Action.UNCHANGED
        else:
            row.action = Action.ADD if kept is None else Action.UPDATE
