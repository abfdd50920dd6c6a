"""Merging a package: first a plan of what would be added, updated and what conflicts.

Nothing is written while planning: the dry run and the import dialog show the plan, the
officer decides each conflict, and store/packages/package_apply.py writes it in one transaction.

A package belongs to the office database it came from (store/safekeeping/database_identity.py);
another database's package is refused, or, when the officer insists, its projects are matched by
项目代码 and name (store/packages/package_matching.py). A row's base is the one this database
recorded when it received the row (a laptop's sync_base), else the one the package carries (the
office receiving a field package). A row this database deleted while the field changed it or added
to it is a conflict too (store/packages/package_deletions.py). A conflict the officer settled for
the office's value is remembered (merge_decisions), so the same field value coming back is not
asked about again. The plan names every change field by field: base, office and field.
"""

from dataclasses import dataclass, field

from sqlite_utils import Database

from jimo_desktop.domain.field_merge import DELETED, Outcome, compare, field_label
from jimo_desktop.store.packages import package_deletions
from jimo_desktop.store.packages.field_package import OpenedPackage
from jimo_desktop.store.packages.package_matching import match_projects, remapped
from jimo_desktop.store.packages.package_plan import (
    BOTH_NEW,
    Conflict,
    FieldChange,
    Key,
    MergePlan,
    RowChange,
)
from jimo_desktop.store.packages.package_projects import check_projects
from jimo_desktop.store.packages.package_tables import (
    LINKED_PROJECTS,
    TABLES,
    PackageError,
    TableSpec,
    base_rows,
    local_id,
    portable_rows,
    to_json,
)
from jimo_desktop.store.packages.package_unpack import shown
from jimo_desktop.store.packages.package_words import RowWords
from jimo_desktop.store.safekeeping import database_identity

NO_BASE = ""  # merge_decisions.base_value of a row both sides created: not valid JSON


class ForeignPackage(PackageError):
    """A package made from another database; merged only when the officer insists."""


def plan_merge(db: Database, package: OpenedPackage, foreign: bool = False) -> MergePlan:
    """The plan; ForeignPackage for another database's package unless `foreign`."""
    _check_home(db, package, foreign)
    rows = {spec.name: portable_rows(package.data, spec) for spec in TABLES}
    matches, remap = match_projects(db, rows["projects"]) if foreign else ([], {})
    rows = remapped(rows, remap)
    plan = MergePlan(package.package_id, package.origin, package_rows=rows, foreign=foreign)
    plan.matches = matches
    visited = {uuid: row[LINKED_PROJECTS] for uuid, row in rows["inspections"].items()}
    planner = _Planner(db, package, plan, RowWords(db, package, visited), set(remap.values()))
    for spec in TABLES:
        planner.plan_table(spec, rows[spec.name])
    _hold_changes_to_deleted(db, plan, planner.owners, planner.deleted_here)
    check_projects(db, package, plan.additions, plan.updates)
    plan.new_files = len(photo_files_needed(db, [*plan.additions, *plan.updates]))
    return plan


def _hold_changes_to_deleted(db, plan: MergePlan, owners, deleted: dict) -> None:
    """A row deleted here that the field changed or added to becomes a conflict, unless the
    officer kept it deleted before: then what hangs only under it is left out."""
    roots = package_deletions.roots(owners, deleted)
    changes = [*plan.additions, *plan.updates, *plan.conflicts]
    for key, found in deleted.items():
        depending = [change for change in changes if key in roots.get(change.row_key, ())]
        if not depending:
            continue
        base = base_json(found.base_value, True)
        if settled(db, *key, DELETED, base, found.office_value, None):
            plan.kept_deleted.add(key)
            continue
        plan.conflicts.append(
            Conflict(
                table=key[0],
                row_uuid=key[1],
                title=found.title,
                field=DELETED,
                base=found.base_value,
                has_base=True,
                office=found.office_value,
                field_value=None,
                office_text="已删除",
                field_text=package_deletions.field_work(depending, key),
                base_text="未删除",
                project=found.project,
            )
        )
    plan.roots = {c.row_key: roots[c.row_key] for c in changes if c.row_key in roots}
    kept = plan.kept_deleted
    plan.additions = [c for c in plan.additions if not plan.left_out(c.row_key, kept)]
    plan.updates = [c for c in plan.updates if not plan.left_out(c.row_key, kept)]
    plan.conflicts = [c for c in plan.conflicts if not plan.left_out(c.row_key, kept)]


def _check_home(db: Database, package: OpenedPackage, foreign: bool) -> None:
    theirs = package.manifest.get(database_identity.HOME)
    if foreign or (theirs is not None and theirs == database_identity.home(db)):
        return
    if theirs is None:
        source = "它由旧版程序导出，没有来源数据库的标识"
    else:
        made_by = shown(package.manifest.get("created_by") or "")
        made_on = shown(str(package.manifest.get("created_at") or "")[:10])
        source = f"由{made_by}于 {made_on} 从另一个数据库导出"
    raise ForeignPackage(
        f"外业包 {shown(package.file_name)} 不是从本数据库导出的（{source}），直接合并会使项目重复"
    )


def photo_files_needed(db: Database, changes: list[RowChange]) -> set[str]:
    """The photo files the changes' photos show that this database does not have yet."""
    wanted = {c.values.get("file_sha256") for c in changes if c.table == "photos"} - {None}
    known = {row[0] for row in db.execute("SELECT sha256 FROM photo_files").fetchall()}
    return wanted - known


class _Planner:
    def __init__(self, db, package, plan: MergePlan, words: RowWords, unbased: set[str]):
        self._db, self._package, self._plan, self._words = db, package, plan, words
        self._unbased = unbased  # rows matched by code or name: no common base
        self.owners: dict[Key, tuple[Key, ...]] = {}
        self.deleted_here: dict[Key, package_deletions.Deleted] = {}

    def plan_table(self, spec: TableSpec, theirs: dict[str, dict]) -> None:
        if not theirs:
            return
        db, words = self._db, self._words
        bases = {**base_rows(self._package.data, spec.name), **base_rows(db, spec.name)}
        ours = portable_rows(db, spec, theirs)
        for row_uuid, field_row in theirs.items():
            title, project = words.title(spec, field_row), words.project(spec, field_row)
            local_uuid = row_uuid if row_uuid in ours else _twin(db, spec, field_row)
            self.owners[(spec.name, local_uuid or row_uuid)] = _owners(spec, field_row)
            if local_uuid is None:
                self._plan.additions.append(
                    RowChange(spec.name, row_uuid, title, field_row, project)
                )
                continue
            office_row = ours.get(local_uuid) or portable_rows(db, spec, [local_uuid])[local_uuid]
            same_row = local_uuid == row_uuid and row_uuid not in self._unbased
            base = bases.get(row_uuid) if same_row else None
            judged = _Judged(spec, local_uuid, title, project, base)
            taken = self._judge(judged, office_row, field_row)
            if taken:
                changes = tuple(judged.changes)
                self._plan.updates.append(
                    RowChange(spec.name, local_uuid, title, taken, project, changes)
                )
            if package_deletions.deleted_here(base, office_row, field_row):
                self.deleted_here[(spec.name, local_uuid)] = package_deletions.Deleted(
                    title, project, office_row[DELETED], base.get(DELETED)
                )

    def _judge(self, judged: "_Judged", office_row: dict, field_row: dict) -> dict:
        """The fields to take from the field; conflicts go on the plan."""
        spec, base, taken = judged.spec, judged.base, {}
        for name, value in field_row.items():
            if name not in office_row:
                continue
            has_base = base is not None and name in base
            old = base.get(name) if has_base else None
            office = office_row[name]
            outcome = compare(old, office, value, has_base)
            if outcome is Outcome.SAME or outcome is Outcome.KEEP:
                continue
            texts = [self._words.text(spec, name, each) for each in (old, office, value)]
            if not has_base:
                texts[0] = BOTH_NEW
            if outcome is Outcome.TAKE:
                taken[name] = value
                judged.changes.append(FieldChange(field_label(spec.name, name), *texts))
            elif not settled(
                self._db, spec.name, judged.row_uuid, name, base_json(old, has_base), office, value
            ):
                self._plan.conflicts.append(
                    Conflict(
                        table=spec.name,
                        row_uuid=judged.row_uuid,
                        title=judged.title,
                        field=name,
                        base=old,
                        has_base=has_base,
                        office=office,
                        field_value=value,
                        office_text=texts[1],
                        field_text=texts[2],
                        base_text=texts[0],
                        project=judged.project,
                    )
                )
        return taken


@dataclass
class _Judged:
    spec: TableSpec
    row_uuid: str
    title: str
    project: str
    base: dict | None
    changes: list[FieldChange] = field(default_factory=list)


def _owners(spec: TableSpec, row: dict) -> tuple[Key, ...]:
    """The rows a row hangs under: its project or inspection, an inspection's projects."""
    found = [
        (ref.table, row[column])
        for column, ref in spec.refs.items()
        if ref.key == "uuid" and row.get(column)
    ]
    found.extend(("projects", project) for project in row.get(LINKED_PROJECTS) or [])
    return tuple(found)


def base_json(base: object, has_base: bool) -> str:
    return to_json(base) if has_base else NO_BASE


def settled(db, table, row_uuid, name, base_value: str, office_value, field_value) -> bool:
    """Whether the officer kept the office's value for this field value before."""
    row = db.execute(
        "SELECT kept_value FROM merge_decisions WHERE table_name = ? AND row_uuid = ?"
        " AND field = ? AND base_value = ? AND field_value = ?",
        [table, row_uuid, name, base_value, to_json(field_value)],
    ).fetchone()
    return row is not None and row[0] == to_json(office_value)


def _twin(db: Database, spec: TableSpec, row: dict) -> str | None:
    """The uuid of this database's row with the same natural key, when the table has one."""
    if not spec.natural_key:
        return None
    values = []
    for column in spec.natural_key:
        ref = spec.refs.get(column)
        value = local_id(db, ref, row[column]) if ref else row[column]
        if value is None:
            return None
        values.append(value)
    condition = " AND ".join(f"{column} = ?" for column in spec.natural_key)
    found = db.execute(f"SELECT uuid FROM {spec.name} WHERE {condition}", values).fetchone()
    return found[0] if found else None
