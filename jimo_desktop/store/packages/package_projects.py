"""A package's project rows as the office's Projects: what the plan checks and the merge saves.

A project the office would refuse to save (no name, no 区位, completed before it started) is
refused while the merge is planned, so the dry run says so, and again with the officer's
decisions before the merge takes its backup: a refused package leaves nothing behind.
"""

import dataclasses
from collections.abc import Mapping

from sqlite_utils import Database

from jimo_desktop.domain.project import Level, Nature, Project, Stage, YearListing
from jimo_desktop.domain.validation import validate_project
from jimo_desktop.store.packages.field_package import OpenedPackage
from jimo_desktop.store.packages.package_tables import TABLES, PackageError, portable_rows
from jimo_desktop.store.packages.package_unpack import shown
from jimo_desktop.store.project_library import projects

_PROJECTS = next(spec for spec in TABLES if spec.name == "projects")


def as_project(values: Mapping[str, object], project: Project) -> Project:
    """`project` with the fields `values` holds."""
    known = {name: value for name, value in values.items() if name in projects.FIELDS}
    if "stage" in known:
        known["stage"] = Stage(known["stage"])
    if "nature" in known:
        known["nature"] = Nature(known["nature"]) if known["nature"] else None
    for name in ("is_government", "in_statistics"):
        if name in known:
            known[name] = bool(known[name])
    return dataclasses.replace(project, **known)


def listings(package: OpenedPackage, row_uuid: str) -> list[YearListing]:
    """The yearly listings a package carries for one of its projects."""
    rows = package.data.execute(
        "SELECT y.year, y.level, y.annual_plan FROM project_years y"
        " JOIN projects p ON p.id = y.project_id WHERE p.uuid = ? ORDER BY y.year",
        [row_uuid],
    ).fetchall()
    return [YearListing(year, Level(level) if level else None, plan) for year, level, plan in rows]


def check_projects(db: Database, package: OpenedPackage, additions: list, updates: list) -> None:
    """PackageError for the first project the changes would leave unfit to save."""
    for change in additions:
        if change.table == "projects":
            project = as_project(change.values, Project(name="", uuid=change.row_uuid))
            project.years = listings(package, change.row_uuid)
            _refuse_if_invalid(project)
    changed = [change for change in updates if change.table == "projects"]
    office = portable_rows(db, _PROJECTS, [change.row_uuid for change in changed])
    for change in changed:
        _refuse_if_invalid(as_project(office[change.row_uuid] | change.values, Project(name="")))


def _refuse_if_invalid(project: Project) -> None:
    problems = validate_project(project)
    if problems:
        raise PackageError(
            f"外业包中的项目「{shown(project.name)}」不能保存：{'；'.join(problems.values())}；"
            "未合并任何内容"
        )
