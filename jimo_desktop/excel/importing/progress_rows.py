"""Rows of a monthly 调度表 decided: each is the month's report of a project already kept,
found by its name; a 存在问题 text other than 无/暂无 becomes an open problem once.

Figures that cannot be right (negative, 开工至今 below 本年累计) are problems of the row, as the
month grid refuses them (domain/progress.check_report). A 1-N月累计 below the month before
(or above a later month), saved or in the same import, may still be a correction, so it is a
question like a near name (Action.ASK with `doubt`): the dialog asks it, the command lists
it and imports it only with --confirm-cumulative.
"""

import re
from collections import defaultdict

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.progress import SavedCumulative
from jimo_desktop.excel.importing import keyed_rows
from jimo_desktop.excel.importing.context import ImportContext
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.matching import normalise_name
from jimo_desktop.excel.importing.plan import Action, NearMatch, PlannedRow
from jimo_desktop.excel.importing.project_rows import new_project, validate
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.project_library import project_lookup

_REPORTED = (
    Field.COMPLETED_THIS_YEAR,
    Field.COMPLETED_SINCE_START,
    Field.IMAGE_PROGRESS,
    Field.IN_STATISTICS,
    Field.PROBLEMS,
)
THIS_YEAR, SINCE_START = Field.COMPLETED_THIS_YEAR.value, Field.COMPLETED_SINCE_START.value
_NO_PROBLEM = re.compile(r"^(?:无|暂无|没有|无问题|暂无问题|无困难|暂无困难|正常|否)?[。.；;，,]?$")


def decide(rows: list[PlannedRow], context: ImportContext) -> None:
    live = [row for row in rows if not row.problems]
    keyed_rows.find_projects([row for row in live if row.key is not None], context)
    for row in live:
        if row.key is None:
            _find_project(row, context)
    _mark_repeats([row for row in live if row.project_id is not None])
    _mark_repeated_creations([row for row in live if row.creates is not None])
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
    _ask_about_falling_cumulatives([row for row in live if not row.problems], context)
    for row in rows:
        if row.problems:
            row.action = Action.BAD


def _find_project(row: PlannedRow, context: ImportContext) -> None:
    row.project_id = context.projects.exact(row.name, row.unit_id)
    if row.project_id is not None:
        return
    found = context.projects.near(row.name, row.unit_id)
    if found is None and _describes_project(row):
        row.creates = new_project(row, context)
        validate(row, row.creates)
        return
    if found is None:
        row.add_problem(
            f"项目库中没有“{row.name}”：月报只记已有项目，请先导入申报表或新建该项目"
            "（本行同时写明总投资和区位时，可在导入时一并新建）",
            row.columns.get(Field.NAME),
            row.name,
        )
        return
    name = context.project_names[found.project_id]
    unit = context.unit_name(context.projects.unit_of(found.project_id))
    row.near = NearMatch(found.project_id, name, unit, found.closeness.value)


def _describes_project(row: PlannedRow) -> bool:
    """A row that names the project's total and place may make the project itself."""
    return row.unit_id is not None and row.values.get(Field.TOTAL) is not None


def _mark_repeated_creations(rows: list[PlannedRow]) -> None:
    seen: dict[tuple[str, int | None, str | None], PlannedRow] = {}
    for row in rows:
        key = (normalise_name(row.name), row.unit_id, row.period)
        if key in seen:
            row.add_problem(f"与 {seen[key].where} 是同一项目同一月份，重复填报")
        else:
            seen[key] = row


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
    # A figure the row leaves out keeps its saved value, so the check sees the two together.
    saved = {**(kept or {}), **found}
    refused = rates.check_report(saved.get(THIS_YEAR), saved.get(SINCE_START))
    for field, message in refused.items():
        row.add_problem(message, row.columns.get(Field(field)))
    row.report = found
    text = str(found.get(Field.PROBLEMS.value, "")).strip()
    # The same text imported again (the same report, re-imported) is not a new problem.
    already = (_target(row), text) in open_problems or (kept or {}).get("problems_noted") == text
    if text and not _NO_PROBLEM.match(text) and not already:
        row.raises = text
    if row.near is not None or row.creates is not None:
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


def _ask_about_falling_cumulatives(rows: list[PlannedRow], context: ImportContext) -> None:
    """Make a question of every row whose 1-N月累计 falls against the months around it."""
    asked = [
        r
        for r in rows
        if r.action is not Action.UNCHANGED and THIS_YEAR in r.report and r.creates is None
    ]
    importing: dict[int, dict[str, int]] = defaultdict(dict)  # project → month → 1-N月累计
    for row in asked:
        importing[_target(row)][row.period] = row.report[THIS_YEAR]
    for period in {row.period for row in asked}:
        of_month = [row for row in asked if row.period == period]
        saved = progress.saved_cumulatives_around(context.db, period, map(_target, of_month))
        for row in of_month:
            around = _nearest(period, saved.get(_target(row)), importing[_target(row)])
            doubt = rates.cumulative_doubt(period, row.report[THIS_YEAR], *around)
            if doubt:
                column = row.columns.get(Field.COMPLETED_THIS_YEAR)
                row.doubt = row.problem_at(f"“{row.name}”{doubt}", column)
                row.action = Action.ASK


def _nearest(period: str, saved: progress.Around | None, importing: dict[str, int]):
    """The nearest months saved before and after `period` in its year, and a nearer earlier
    month of the same import (two months imported together that disagree are asked once,
    at the later)."""
    before, after = saved or (None, None)
    earlier = [month for month in importing if month[:4] == period[:4] and month < period]
    if earlier and (before is None or max(earlier) > before.period):
        before = SavedCumulative(max(earlier), importing[max(earlier)])
    return before, after
