"""What a field package carries, table by table, and each row in a form both databases share.

Row ids differ between the office's database and a laptop's, so a row travels in its
"portable" form: references to projects and inspections by uuid, to 区位, 产业 and 问题类别
by name, an inspection's visited projects as a sorted list of project uuids. Rows are matched
by uuid; a few tables also match on a natural key (one progress report per project and
month), so a row both sides created separately meets its twin instead of breaking a unique
constraint.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from jimo_desktop.store import engine

BOOKKEEPING = ("id", "uuid", "created_at", "updated_at")
LINKED_PROJECTS = "projects"  # the inspections' pseudo-field: uuids of the projects visited
_CHUNK = 500  # SQLite's limit on host parameters is 999 in older builds


class PackageError(Exception):
    """A package that cannot be made or used; the message is for the officer; nothing is written."""


@dataclass(frozen=True)
class Ref:
    table: str
    key: str  # "uuid" or "name"


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str  # the column that names a row for the officer
    refs: dict[str, Ref] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()  # columns that stay in their own database
    natural_key: tuple[str, ...] = ()


PROJECT = Ref("projects", "uuid")
INSPECTION = Ref("inspections", "uuid")
# In the order rows are written: a row's references are written before it.
TABLES = (
    TableSpec(
        "projects",
        "name",
        {"unit_id": Ref("units", "name"), "industry_id": Ref("industries", "name")},
        skipped=("name_initials",),  # derived from the name when the project is saved
    ),
    TableSpec(
        "problems",
        "description",
        {"project_id": PROJECT, "category_id": Ref("problem_categories", "name")},
        skipped=("dispatch_id",),  # weekly dispatch meetings stay in the office
    ),
    TableSpec("milestones", "name", {"project_id": PROJECT}),
    TableSpec("work_logs", "content", {"project_id": PROJECT}),
    TableSpec(
        "progress_reports", "period", {"project_id": PROJECT}, natural_key=("project_id", "period")
    ),
    TableSpec("inspections", "place"),
    TableSpec(
        "inspection_points",
        "point",
        {"inspection_id": INSPECTION},
        natural_key=("inspection_id", "point"),
    ),
    TableSpec("photos", "caption", {"inspection_id": INSPECTION}),
)


def carried_columns(db: Database, spec: TableSpec) -> list[str]:
    columns = engine.columns(db, spec.name)
    return [column for column in columns if column not in (*BOOKKEEPING, *spec.skipped)]


def portable_rows(
    db: Database, spec: TableSpec, uuids: Iterable[str] | None = None
) -> dict[str, dict[str, object]]:
    """uuid → portable row, for the given uuids or the whole table."""
    columns = ["id", "uuid", *carried_columns(db, spec)]
    select = f"SELECT {', '.join(columns)} FROM {spec.name}"
    if uuids is None:
        raw = db.execute(select).fetchall()
    else:
        raw = [
            row
            for chunk in _chunks(list(uuids))
            for row in db.execute(f"{select} WHERE uuid IN ({_marks(chunk)})", chunk).fetchall()
        ]
    rows = [dict(zip(columns, row, strict=True)) for row in raw]
    for column, ref in spec.refs.items():
        keys = _keys_by_id(db, ref, {row[column] for row in rows if row[column] is not None})
        for row in rows:
            row[column] = keys.get(row[column])
    if spec.name == "inspections":
        linked = _linked_projects(db, [row["id"] for row in rows])
        for row in rows:
            row[LINKED_PROJECTS] = linked.get(row["id"], [])
    return {row.pop("uuid"): _without_id(row) for row in rows}


def _without_id(row: dict[str, object]) -> dict[str, object]:
    row.pop("id")
    return row


def _keys_by_id(db: Database, ref: Ref, ids: set[int]) -> dict[int, object]:
    found: dict[int, object] = {}
    for chunk in _chunks(list(ids)):
        found.update(
            db.execute(
                f"SELECT id, {ref.key} FROM {ref.table} WHERE id IN ({_marks(chunk)})", chunk
            ).fetchall()
        )
    return found


def _linked_projects(db: Database, inspection_ids: list[int]) -> dict[int, list[str]]:
    linked: dict[int, list[str]] = {}
    for chunk in _chunks(inspection_ids):
        for inspection_id, project_uuid in db.execute(
            "SELECT ip.inspection_id, p.uuid FROM inspection_projects ip"
            f" JOIN projects p ON p.id = ip.project_id WHERE ip.inspection_id IN ({_marks(chunk)})",
            chunk,
        ).fetchall():
            linked.setdefault(inspection_id, []).append(project_uuid)
    return {inspection_id: sorted(uuids) for inspection_id, uuids in linked.items()}


def local_id(db: Database, ref: Ref, key: object) -> int | None:
    row = db.execute(f"SELECT id FROM {ref.table} WHERE {ref.key} = ?", [key]).fetchone()
    return row[0] if row else None


def base_rows(db: Database, table: str) -> dict[str, dict[str, object]]:
    """The rows of `table` as they left the office, for a database made from a package."""
    rows = db.execute(
        "SELECT row_uuid, content FROM sync_base WHERE table_name = ?", [table]
    ).fetchall()
    return {row_uuid: json.loads(content) for row_uuid, content in rows}


def write_base(db: Database, table: str, rows: dict[str, dict[str, object]]) -> None:
    db.conn.executemany(
        "INSERT INTO sync_base (table_name, row_uuid, content) VALUES (?, ?, ?)"
        " ON CONFLICT (table_name, row_uuid) DO UPDATE SET content = excluded.content",
        [(table, row_uuid, to_json(row)) for row_uuid, row in rows.items()],
    )


def is_field_database(db: Database) -> bool:
    """A database made from or refreshed by an office package keeps the rows' base state."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM sync_base)").fetchone()[0] == 1


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _chunks(values: list) -> Iterable[list]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))
