"""Rows of a 申报表 decided: a new project, an update of a kept one (same 项目代码, or the
same name in the same unit), unchanged, a question, or a row with problems.

Blank cells are unknown: they never erase what a kept project already holds.
"""

import copy

from jimo_desktop.domain.as_of import batch_by_dates
from jimo_desktop.domain.project import Project, Stage, YearListing
from jimo_desktop.domain.validation import validate_project
from jimo_desktop.excel.importing.context import OTHER_INDUSTRY, ImportContext
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.matching import normalise_name
from jimo_desktop.excel.importing.plan import Action, NearMatch, PlannedRow
from jimo_desktop.store.project_library import projects

# Fields that fill the Project attribute of the same name as they are read.
_DIRECT = frozenset((
    Field.CODE, Field.BUILDER, Field.BUILDER_CONTACT, Field.BUILDER_PHONE, Field.SCALE,
    Field.NATURE, Field.GOVERNMENT, Field.TOTAL, Field.PLANNED_START, Field.PLANNED_END,
    Field.ACTUAL_START, Field.ACTUAL_END, Field.LOCATION, Field.RESPONSIBLE_UNIT,
    Field.RESPONSIBLE_PERSON, Field.RESPONSIBLE_PHONE, Field.LEADER, Field.STATISTICS_DATE,
    Field.LAND, Field.PLANNING, Field.DEMOLITION, Field.REMARKS,
))  # fmt: skip
_ATTRIBUTE = {field: str(field) for field in _DIRECT}
# Project field a validation message is about → the column to point at.
_COLUMN_OF = {
    "name": Field.NAME,
    "unit_id": Field.UNIT,
    "industry_id": Field.INDUSTRY,
    "total_investment": Field.TOTAL,
    "planned_end": Field.PLANNED_END,
    "actual_start": Field.ACTUAL_START,
    "actual_end": Field.ACTUAL_END,
    "builder_phone": Field.BUILDER_PHONE,
    "responsible_phone": Field.RESPONSIBLE_PHONE,
    "years": Field.ANNUAL_PLAN,
}


def decide(rows: list[PlannedRow], context: ImportContext) -> None:
    seen: dict[object, PlannedRow] = {}
    updates: list[tuple[PlannedRow, int]] = []
    for row in rows:
        if row.problems:
            continue
        normalised = normalise_name(row.name)
        code = row.values.get(Field.CODE, "")
        existing = context.projects.exact_normalised(normalised, row.unit_id, code)
        key = existing or (normalised, row.unit_id)
        if key in seen:
            first = seen[key].where
            row.add_problem(f"与 {first} 是同一项目，重复填报", row.columns.get(Field.NAME))
            continue
        seen[key] = row
        if existing is not None:
            updates.append((row, existing))
        else:
            _add_or_ask(row, context)
    kept = projects.get_many(context.db, [project_id for _, project_id in updates])
    for row, project_id in updates:
        _update(row, project_id, kept[project_id])
    for row in rows:
        if row.problems:
            row.action = Action.BAD


def _update(row: PlannedRow, project_id: int, kept: Project) -> None:
    row.project_id = project_id
    row.project = merged(kept, row, rename=True)
    row.action = Action.UNCHANGED if row.project == kept else Action.UPDATE
    validate(row, row.project)


def _add_or_ask(row: PlannedRow, context: ImportContext) -> None:
    row.project = new_project(row, context)
    validate(row, row.project)
    found = context.projects.near(row.name, row.unit_id)
    if found is None:
        row.action = Action.ADD
        return
    kept = projects.get(context.db, found.project_id)
    near = NearMatch(
        found.project_id, kept.name, context.unit_name(kept.unit_id), found.closeness.value
    )
    near.merged = merged(kept, row)
    near.unchanged = near.merged == kept
    near.problems = [
        row.problem_at(message, column) for message, column in _checked(row, near.merged)
    ]
    row.near = near
    row.action = Action.ASK


def new_project(row: PlannedRow, context: ImportContext) -> Project:
    """The project a row describes, on the list of the row's year."""
    changes = _changes(row)
    changes.setdefault("unit_id", row.unit_id)
    project = Project(name=row.name, **changes, years=[_listing(row)])
    _set_statistics(project, row)
    _set_batch(project, row)
    if project.industry_id is None and (other := context.other_industry()) is not None:
        project.industry_id = other
        row.notes.append(f"{row.where}：未填所属产业，记为“{OTHER_INDUSTRY}”")
    if Field.STAGE not in row.values and project.actual_start:
        project.stage = Stage.STARTED
    return project


def merged(kept: Project, row: PlannedRow, rename: bool = False) -> Project:
    """The kept project with every value the row states; the row's blanks change nothing.

    `rename` when the row was matched by its 项目代码: a new name is then the project's
    new name. A near match the officer confirms keeps the name it was kept under.
    """
    changes = _changes(row)
    if rename and normalise_name(kept.name) != normalise_name(row.name):
        changes["name"] = row.name
    # Project(**…) rather than dataclasses.replace, which costs twice as much: a re-import
    # merges every row of the file.
    project = Project(**{**vars(kept), **changes, "years": _years(kept.years, row)})
    _set_statistics(project, row)
    if kept.listing_for(row.year) is None:
        _set_batch(project, row)
    return project


def _changes(row: PlannedRow) -> dict[str, object]:
    """Project attribute → value, for every value the row states."""
    found = row.values
    changes = {_ATTRIBUTE[field]: value for field, value in found.items() if field in _ATTRIBUTE}
    if found.get(Field.UNIT) is not None:
        changes["unit_id"] = found[Field.UNIT]
    if Field.INDUSTRY in found:
        changes["industry_id"] = found[Field.INDUSTRY]
    if Field.STAGE in found:
        stage, implied_nature = found[Field.STAGE]
        changes["stage"] = stage
        if implied_nature is not None and Field.NATURE not in found:
            changes["nature"] = implied_nature
    return changes


def _years(kept: list[YearListing], row: PlannedRow) -> list[YearListing]:
    """The submission puts the project on the list of its year, with the plan and level given."""
    years = [copy.copy(listing) for listing in kept]
    listing = next((item for item in years if item.year == row.year), None)
    if listing is None:
        years.append(_listing(row))
        years.sort(key=lambda item: item.year)
        return years
    if Field.ANNUAL_PLAN in row.values:
        listing.annual_plan = row.values[Field.ANNUAL_PLAN]
    if Field.LEVEL in row.values:
        listing.level = row.values[Field.LEVEL]
    return years


def _listing(row: PlannedRow) -> YearListing:
    """A new project's place on the list of the row's year (row values are never None)."""
    return YearListing(row.year, row.values.get(Field.LEVEL), row.values.get(Field.ANNUAL_PLAN))


def _set_batch(project: Project, row: PlannedRow) -> None:
    """四个一批 of a listing the row makes: the 类别 (or the batch's sheet) when it names one,
    else the project's dates for that year. A kept listing's batch changes only by a dated
    调整 with its reason (store/project_library/listings.py), never by a re-submitted sheet."""
    listing = project.listing_for(row.year)
    if Field.STAGE in row.values:
        stage = row.values[Field.STAGE][0]
        listing.batch = Stage.COMPLETED if stage is Stage.PRODUCING else stage
    else:
        listing.batch = batch_by_dates(
            row.year,
            project.stage,
            project.planned_start,
            project.planned_end,
            project.actual_start,
            project.actual_end,
        )


def _set_statistics(project: Project, row: PlannedRow) -> None:
    """是否纳统 counts only for a project that has started (the statistics rule)."""
    if Field.IN_STATISTICS not in row.values:
        return
    wanted = row.values[Field.IN_STATISTICS]
    if wanted and not project.actual_start:
        row.notes.append(f"{row.where}：填了“已纳统”但没有实际开工时间，未记为纳统")
        return
    project.in_statistics = wanted


def validate(row: PlannedRow, project: Project) -> None:
    """Everything the project's validation finds wrong, as problems of the row's cells."""
    for message, column in _checked(row, project):
        row.add_problem(message, column)


def _checked(row: PlannedRow, project: Project) -> list[tuple[str, object]]:
    """(message, column or None) for everything validation finds wrong with the project."""
    found = []
    for field_name, message in validate_project(project).items():
        if field_name == "unit_id":
            message = "无法确定区位：请填写“区位”列，或指定区位"
        elif field_name == "industry_id":
            message = "缺少所属产业"
        found.append((message, row.columns.get(_COLUMN_OF.get(field_name))))
    return found
