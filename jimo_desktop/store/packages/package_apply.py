"""Writing a merge plan: one transaction, after a backup copy, every row through its audited path.

Projects go through store/project_library/projects.py (validation, one audit line per field), every
other table through store/records.py.
References arrive by uuid or name and are turned into this database's ids; a 区位, 产业 or
问题类别 the office does not know yet is added to its dictionary.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop.domain.field_merge import DELETED
from jimo_desktop.domain.project import Project
from jimo_desktop.store import audit, dictionaries, engine, records, settings
from jimo_desktop.store.packages.field_package import OFFICE, OpenedPackage
from jimo_desktop.store.packages.package_merge import base_json, photo_files_needed
from jimo_desktop.store.packages.package_plan import MergePlan, RowChange, Side
from jimo_desktop.store.packages.package_projects import as_project, check_projects, listings
from jimo_desktop.store.packages.package_tables import (
    LINKED_PROJECTS,
    PROJECT,
    TABLES,
    PackageError,
    Ref,
    TableSpec,
    local_id,
    to_json,
    write_base,
)
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping.backup import backup_before
from jimo_desktop.store.site_visits import inspections

_FILE_COLUMNS = "sha256, extension, original_size, width, height, thumbnail, image"


@dataclass(frozen=True)
class MergeResult:
    added: int
    updated: int
    decided: int
    files: int
    backup: Path | None
    changed: bool  # whether any of the officers' data changed; else no backup was taken


def apply_merge(
    db: Database,
    package: OpenedPackage,
    plan: MergePlan,
    choices: Mapping[tuple[str, str, str], Side],
) -> MergeResult:
    """Write the plan with a decision for every conflict; all or nothing. A plan whose
    decisions leave nothing to write takes no backup and writes only the decisions."""
    undecided = [c for c in plan.conflicts if c.key not in choices]
    if undecided:
        raise PackageError(f"还有 {len(undecided)} 处冲突没有决定，未合并任何内容")
    kept_deleted = plan.kept_deleted | {
        c.row_key for c in plan.conflicts if c.field == DELETED and choices[c.key] is Side.OFFICE
    }
    additions = [c for c in plan.additions if not plan.left_out(c.row_key, kept_deleted)]
    updates = [
        change
        for change in _updates_with_choices(plan, choices)
        if not plan.left_out(change.row_key, kept_deleted)
    ]
    check_projects(db, package, additions, updates)
    files = photo_files_needed(db, [*additions, *updates])
    changed = bool(additions or updates or files)
    backup = backup_before(db, "before-merge") if changed else None
    writer = _Writer(db, package)
    try:
        with db.atomic():
            _copy_photo_files(db, package, files)
            for spec in TABLES:
                for change in additions:
                    if change.table == spec.name:
                        writer.add(spec, change)
                for change in updates:
                    if change.table == spec.name:
                        writer.update(spec, change)
            _remember_office_choices(db, plan, choices)
            if plan.origin == OFFICE:
                for table, rows in plan.package_rows.items():
                    write_base(db, table, rows)
    except projects.ValidationError as error:
        raise PackageError(f"外业包中的项目数据不完整，未合并任何内容：{error}") from error
    _keep_originals(db, package, files)
    return MergeResult(
        len(additions), len(updates), len(plan.conflicts), len(files), backup, changed
    )


def _updates_with_choices(plan: MergePlan, choices) -> list[RowChange]:
    """The plan's updates, with the field's value added where the officer chose the field."""
    values: dict[tuple[str, str], dict[str, object]] = {}
    titles: dict[tuple[str, str], str] = {}
    for change in plan.updates:
        values[(change.table, change.row_uuid)] = dict(change.values)
        titles[(change.table, change.row_uuid)] = change.title
    for conflict in plan.conflicts:
        if choices[conflict.key] is Side.FIELD:
            row = (conflict.table, conflict.row_uuid)
            values.setdefault(row, {})[conflict.field] = conflict.field_value
            titles[row] = conflict.title
    return [RowChange(table, uuid, titles[(table, uuid)], v) for (table, uuid), v in values.items()]


def _remember_office_choices(db: Database, plan: MergePlan, choices) -> None:
    stamp, officer = audit.now_stamp(), settings.officer(db)
    db.conn.executemany(
        "INSERT INTO merge_decisions (table_name, row_uuid, field, base_value,"
        " field_value, kept_value, decided_at, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (table_name, row_uuid, field, base_value, field_value) DO UPDATE SET"
        " kept_value = excluded.kept_value, decided_at = excluded.decided_at,"
        " officer = excluded.officer",
        [
            (
                c.table,
                c.row_uuid,
                c.field,
                base_json(c.base, c.has_base),
                to_json(c.field_value),
                to_json(c.office),
                stamp,
                officer,
            )
            for c in plan.conflicts
            if choices[c.key] is Side.OFFICE
        ],
    )


def _copy_photo_files(db: Database, package: OpenedPackage, needed: set[str]) -> None:
    """The photo files the merged photos show."""
    shipped = package.data.execute(f"SELECT {_FILE_COLUMNS} FROM photo_files").fetchall()
    db.conn.executemany(
        f"INSERT INTO photo_files ({_FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [row for row in shipped if row[0] in needed],
    )


def _keep_originals(db: Database, package: OpenedPackage, needed: set[str]) -> None:
    """The originals the package carries for them, once the merge is written: a merge refused
    halfway leaves no file behind."""
    with db.atomic():
        for sha256, extension in db.execute(
            "SELECT sha256, extension FROM photo_files WHERE sha256 IN"
            f" {engine.json_values(db, kind='text')}",
            [json.dumps(sorted(needed))],
        ).fetchall():
            package.keep_original(db, sha256, extension)


class _Writer:
    def __init__(self, db: Database, package: OpenedPackage):
        self._db = db
        self._package = package

    def add(self, spec: TableSpec, change: RowChange) -> None:
        values = self._local(spec, change.values)
        linked = values.pop(LINKED_PROJECTS, None)
        if spec.name == "projects":
            self._add_project(change.row_uuid, values)
            return
        row_id = records.insert(self._db, spec.name, values | {"uuid": change.row_uuid})
        if linked is not None:
            inspections.set_projects(self._db, row_id, linked)

    def update(self, spec: TableSpec, change: RowChange) -> None:
        row_id = local_id(self._db, Ref(spec.name, "uuid"), change.row_uuid)
        values = self._local(spec, change.values)
        linked = values.pop(LINKED_PROJECTS, None)
        deletion_changes = DELETED in values
        deleted = values.pop(DELETED, None)
        if deletion_changes and not deleted:
            _set_deleted(self._db, spec.name, row_id, False)
        if spec.name == "projects":
            _update_project(self._db, row_id, values)
        elif values:
            records.update(self._db, spec.name, row_id, values)
        if linked is not None:
            inspections.set_projects(self._db, row_id, linked)
        if deleted:
            _set_deleted(self._db, spec.name, row_id, True)

    def _local(self, spec: TableSpec, values: Mapping[str, object]) -> dict[str, object]:
        """Portable values with references turned into this database's ids."""
        local = dict(values)
        for column, ref in spec.refs.items():
            if column in local and local[column] is not None:
                local[column] = self._id(ref, local[column])
        if LINKED_PROJECTS in local:
            local[LINKED_PROJECTS] = [self._id(PROJECT, key) for key in local[LINKED_PROJECTS]]
        return local

    def _id(self, ref: Ref, key: object) -> int:
        found = local_id(self._db, ref, key)
        if found is not None:
            return found
        if ref.key == "name":
            return dictionaries.add(self._db, ref.table, str(key))
        raise PackageError(f"外业包引用了本数据库中没有的记录（{ref.table} {key}）")

    def _add_project(self, row_uuid: str, values: dict[str, object]) -> None:
        deleted = values.pop(DELETED, None)
        project = as_project(values, Project(name="", uuid=row_uuid))
        project.years = listings(self._package, row_uuid)
        (project_id,) = projects.insert_many(self._db, [project])
        if deleted:
            _set_deleted(self._db, "projects", project_id, True)


def _update_project(db: Database, project_id: int, values: dict[str, object]) -> None:
    """A project the office deleted (and the officer kept deleted) takes no field edits."""
    try:
        project = projects.get(db, project_id)
    except projects.NotFoundError:
        return
    projects.save(db, as_project(values, project))


def _set_deleted(db: Database, table: str, row_id: int, deleted: bool) -> None:
    if table == "projects":
        (projects.delete if deleted else projects.restore)(db, row_id)
    else:
        (records.delete if deleted else records.restore)(db, table, row_id)
