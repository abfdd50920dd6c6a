"""Merging a package: first a plan of what would be added, updated and what conflicts.

Nothing is written while planning: the dry run and the import dialog show the plan, the
officer decides each conflict, and store/package_apply.py writes it in one transaction.

A row's base is the one this database recorded when it received the row (a laptop's
sync_base), else the one the package carries (the office receiving a field package). A
conflict the officer settled for the office's value is remembered (merge_decisions), so the
same field value coming back is not asked about again.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.field_merge import Outcome, compare, field_label, table_label, value_text
from jimo_desktop.domain.inspections import POINT_LABELS
from jimo_desktop.store.field_package import OpenedPackage
from jimo_desktop.store.package_tables import (
    LINKED_PROJECTS,
    TABLES,
    TableSpec,
    base_rows,
    local_id,
    portable_rows,
    to_json,
)

_TITLE_LENGTH = 24
NO_BASE = ""  # merge_decisions.base_value of a row both sides created: not valid JSON


class Side(StrEnum):
    OFFICE = "office"
    FIELD = "field"

    @property
    def label(self) -> str:
        return "办公室" if self is Side.OFFICE else "外业"


@dataclass(frozen=True)
class RowChange:
    table: str
    row_uuid: str  # the package row's for an addition, this database's row's for an update
    title: str
    values: dict[str, object]  # portable values


@dataclass(frozen=True)
class Conflict:
    table: str
    row_uuid: str
    title: str
    field: str
    base: object
    has_base: bool
    office: object
    field_value: object
    office_text: str
    field_text: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.row_uuid, self.field)

    @property
    def field_name(self) -> str:
        return field_label(self.table, self.field)


@dataclass
class MergePlan:
    package_id: str
    origin: str
    additions: list[RowChange] = field(default_factory=list)
    updates: list[RowChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    new_files: int = 0
    package_rows: dict[str, dict[str, dict]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.additions or self.updates or self.conflicts or self.new_files)

    def lines(self) -> list[str]:
        """The plan in the officer's words, as the dry run prints it."""
        if self.is_empty:
            return ["没有需要合并的变化：外业包中的内容都已在本数据库中。"]
        found = [
            f"将新增：{_counted(self.additions) or '无'}",
            f"将更新：{_counted(self.updates) or '无'}",
        ]
        found.append(f"冲突：{len(self.conflicts)} 处" if self.conflicts else "冲突：无")
        found.extend(
            f"  {c.title} · {c.field_name}：办公室「{c.office_text}」｜外业「{c.field_text}」"
            for c in self.conflicts
        )
        return found


def _counted(changes: list[RowChange]) -> str:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.table] = counts.get(change.table, 0) + 1
    return "，".join(f"{table_label(table)} {count} 条" for table, count in counts.items())


def plan_merge(db: Database, package: OpenedPackage) -> MergePlan:
    plan = MergePlan(package.package_id, package.origin)
    names = _Names(db, package)
    for spec in TABLES:
        _plan_table(db, package, spec, plan, names)
    known = {row[0] for row in db.execute("SELECT sha256 FROM photo_files").fetchall()}
    shipped = package.data.execute("SELECT sha256 FROM photo_files").fetchall()
    plan.new_files = sum(1 for row in shipped if row[0] not in known)
    return plan


def _plan_table(db, package, spec: TableSpec, plan: MergePlan, names: "_Names") -> None:
    theirs = portable_rows(package.data, spec)
    plan.package_rows[spec.name] = theirs
    if not theirs:
        return
    bases = {**base_rows(package.data, spec.name), **base_rows(db, spec.name)}
    ours = portable_rows(db, spec, theirs)
    for row_uuid, field_row in theirs.items():
        title = names.title(spec, field_row)
        local_uuid = row_uuid if row_uuid in ours else _twin(db, spec, field_row)
        if local_uuid is None:
            plan.additions.append(RowChange(spec.name, row_uuid, title, field_row))
            continue
        office_row = ours.get(local_uuid) or portable_rows(db, spec, [local_uuid])[local_uuid]
        base = bases.get(row_uuid) if local_uuid == row_uuid else None
        taken = _judge(db, spec, local_uuid, title, base, office_row, field_row, plan, names)
        if taken:
            plan.updates.append(RowChange(spec.name, local_uuid, title, taken))


def _judge(db, spec, row_uuid, title, base, office_row, field_row, plan, names) -> dict:
    """The fields to take from the field; conflicts go on the plan."""
    taken = {}
    for name, value in field_row.items():
        if name not in office_row:
            continue
        has_base = base is not None and name in base
        old = base.get(name) if has_base else None
        outcome = compare(old, office_row[name], value, has_base)
        if outcome is Outcome.TAKE:
            taken[name] = value
        elif outcome is Outcome.CONFLICT and not _settled(
            db, spec.name, row_uuid, name, (old, has_base), office_row[name], value
        ):
            plan.conflicts.append(
                Conflict(
                    spec.name,
                    row_uuid,
                    title,
                    name,
                    old,
                    has_base,
                    office_row[name],
                    value,
                    names.text(spec, name, office_row[name]),
                    names.text(spec, name, value),
                )
            )
    return taken


def base_json(base: object, has_base: bool) -> str:
    return to_json(base) if has_base else NO_BASE


def _settled(db, table, row_uuid, name, base, office_value, field_value) -> bool:
    row = db.execute(
        "SELECT kept_value FROM merge_decisions WHERE table_name = ? AND row_uuid = ?"
        " AND field = ? AND base_value = ? AND field_value = ?",
        [table, row_uuid, name, base_json(*base), to_json(field_value)],
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


class _Names:
    """What the officer reads for a row and for a reference: names, not uuids."""

    _NAMED = (("projects", "name"), ("inspections", "place"))

    def __init__(self, db: Database, package: OpenedPackage):
        self._db = db
        self._by_uuid: dict[str, str] = {}
        for table, column in self._NAMED:
            self._by_uuid.update(package.data.execute(f"SELECT uuid, {column} FROM {table}"))

    def name(self, row_uuid: object) -> str:
        """A project's name or an inspection's place, from the package or else this database."""
        if not row_uuid:
            return ""
        if row_uuid not in self._by_uuid:
            for table, column in self._NAMED:
                found = self._db.execute(
                    f"SELECT {column} FROM {table} WHERE uuid = ?", [row_uuid]
                ).fetchone()
                if found:
                    self._by_uuid[row_uuid] = found[0]
                    break
        return self._by_uuid.get(row_uuid, str(row_uuid))

    def text(self, spec: TableSpec, column: str, value: object) -> str:
        ref = spec.refs.get(column)
        if ref is not None and ref.key == "uuid":
            value = self.name(value)
        elif column == LINKED_PROJECTS:
            value = [self.name(project) for project in value or []]
        return value_text(spec.name, column, value)

    def title(self, spec: TableSpec, row: dict) -> str:
        if spec.name == "inspection_points":
            words = f"{self.name(row['inspection_id'])} {POINT_LABELS.get(row['point'], '')}"
        elif spec.name == "inspections":
            words = f"{format_partial_date(row['inspected_on'])} {row['place']}"
        elif spec.name == "photos":
            words = row["caption"] or row["original_name"]
        elif spec.name == "progress_reports":
            words = f"{self.name(row['project_id'])} {row['period']}"
        else:
            words = str(row[spec.title])
        if len(words) > _TITLE_LENGTH:
            words = words[: _TITLE_LENGTH - 1] + "…"
        return f"{table_label(spec.name)}「{words}」"
