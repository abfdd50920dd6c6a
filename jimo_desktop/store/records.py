"""The single audited write path for the tracking tables (problems, lists, logs, progress …).

Every insert, update, soft delete and restore of officers' data goes through here, so the
audit trail holds imports and batch edits as well as what a view saves. An update from a form
carries the row as the form opened it, and is refused whole when anyone saved or deleted the
row since (store/edit_conflicts.py).
"""

import json
import uuid as uuid_module
from collections.abc import Iterable, Mapping

from sqlite_utils import Database

from jimo_desktop.store import audit, bulk, edit_conflicts, engine

AUDITED_TABLES = (
    "problems",
    "policy_items",
    "service_items",
    "milestones",
    "work_logs",
    "dispatches",
    "progress_reports",
    "supervision_orders",
    "inspections",
    "inspection_points",
    "photos",
    "listing_changes",
    "submissions",
)
_BOOKKEEPING = edit_conflicts.BOOKKEEPING


def insert(db: Database, table: str, values: Mapping[str, object]) -> int:
    """Insert one row with a new uuid and its audit line; joins the caller's transaction."""
    return insert_many(db, table, [values])[0]


def insert_many(db: Database, table: str, rows: Iterable[Mapping[str, object]]) -> list[int]:
    """Insert rows in one statement and one transaction, each with a new uuid and audit line.

    The audit line of an insert holds the row's filled-in fields as JSON, so the history can
    show what was created without a line per field (imports write thousands of rows).
    """
    _check(table)
    stamp = audit.now_stamp()
    prepared = [
        {"uuid": str(uuid_module.uuid4()), **values, "created_at": stamp, "updated_at": stamp}
        for values in rows
    ]
    if not prepared:
        return []
    with db.atomic():
        ids = list(engine.new_ids(db, table, len(prepared)))
        for row_id, row in zip(ids, prepared, strict=True):
            row["id"] = row_id
        bulk.insert_rows(db, table, prepared)
        audit.record_many(
            db,
            table,
            [(row_id, row["uuid"]) for row_id, row in zip(ids, prepared, strict=True)],
            "insert",
            [_summary(row) for row in prepared],
        )
    return ids


def update(
    db: Database,
    table: str,
    row_id: int,
    values: Mapping[str, object],
    *,
    opened: Mapping[str, object] | object | None = None,
) -> bool:
    """Change the given fields; writes one audit line per field that really changed.

    `opened`: the row as the officer's form read it (field → value, or the store's record of
    it); when anyone saved or
    deleted it since, edit_conflicts.EditedMeanwhile is raised and nothing is written (the
    caller's whole transaction rolls back with it)."""
    _check(table)
    if opened is None:
        return _write_changes(db, table, row_id, values)
    with db.atomic():
        edit_conflicts.refuse_if_saved_meanwhile(db, table, row_id, opened, values)
        return _write_changes(db, table, row_id, values)


def _write_changes(db: Database, table: str, row_id: int, values: Mapping[str, object]) -> bool:
    old = get(db, table, row_id)
    changes = {
        field: (old[field], new)
        for field, new in values.items()
        if field not in _BOOKKEEPING and old[field] != new
    }
    if not changes:
        return False
    with db.atomic():
        db[table].update(row_id, {**{f: new for f, (_, new) in changes.items()}} | _touched())
        audit.record(db, table, row_id, old["uuid"], "update", changes)
    return True


def update_many(db: Database, table: str, values: Mapping[int, Mapping[str, object]]) -> list[int]:
    """`update` for many rows (row id → fields) in one read and one statement per set of
    fields given, the audit lines in one more; returns the ids of the rows that changed."""
    _check(table)
    if not values:
        return []
    given = {row_id: _fields(new) for row_id, new in values.items()}
    read = ["id", "uuid", *dict.fromkeys(field for fields in given.values() for field in fields)]
    kept = db.execute(
        f"SELECT {', '.join(read)} FROM {table} WHERE id IN {engine.json_values(db)}",
        [json.dumps(list(values))],
    )
    old = {row[0]: dict(zip(read, row, strict=True)) for row in kept}
    missing = set(values) - set(old)
    if missing:
        raise LookupError(f"{table} {sorted(missing)}")
    changed = {}
    for row_id, fields in given.items():
        changes = {
            field: (old[row_id][field], values[row_id][field])
            for field in fields
            if old[row_id][field] != values[row_id][field]
        }
        if changes:
            changed[row_id] = changes
    statements: dict[tuple[str, ...], list[dict]] = {}  # the fields given → their rows
    for row_id in changed:
        fields = given[row_id]
        row = {"id": row_id, **{field: values[row_id][field] for field in fields}}
        statements.setdefault(fields, []).append(row)
    with db.atomic():
        for fields, rows in statements.items():
            assignments = "".join(f"{field} = j.{field}, " for field in fields)
            db.execute(
                f"UPDATE {table} SET {assignments}updated_at = ?"
                f" FROM {engine.json_records(db, table, ('id', *fields))} j"
                f" WHERE {table}.id = j.id",
                [audit.now_stamp(), json.dumps(rows)],
            )
        uuids = {row_id: old[row_id]["uuid"] for row_id in changed}
        audit.record_changes(db, table, [(i, uuids[i], changes) for i, changes in changed.items()])
    return list(changed)


def delete_many(db: Database, table: str, ids: list[int]) -> None:
    """`delete` for many rows, in one statement and one for the audit lines."""
    _set_many_deleted(db, table, ids, audit.now_stamp(), "delete")


def restore_many(db: Database, table: str, ids: list[int]) -> None:
    _set_many_deleted(db, table, ids, None, "restore")


def _set_many_deleted(
    db: Database, table: str, ids: list[int], stamp: str | None, action: str
) -> None:
    _check(table)
    if not ids:
        return
    with db.atomic():
        db.execute(
            f"UPDATE {table} SET deleted_at = ?, updated_at = ?"
            f" WHERE id IN {engine.json_values(db)}",
            [stamp, audit.now_stamp(), json.dumps(ids)],
        )
        audit.record_inserted(db, table, ids, action)


def delete(db: Database, table: str, row_id: int) -> None:
    """Soft delete: hidden from every list, kept for the history and for restoring.

    A row a colleague changed after the officer's list showed it is deleted all the same:
    the row keeps their values, the history shows both, and 撤销 or 操作历史 brings it back.
    A row someone deleted meanwhile stays as it is, with its one line in the history."""
    _set_deleted(db, table, row_id, audit.now_stamp(), "delete")


def restore(db: Database, table: str, row_id: int) -> None:
    _set_deleted(db, table, row_id, None, "restore")


def get(db: Database, table: str, row_id: int) -> dict[str, object]:
    _check(table)
    return db[table].get(row_id)


def _set_deleted(db: Database, table: str, row_id: int, stamp: str | None, action: str) -> None:
    old = get(db, table, row_id)
    if (old["deleted_at"] is None) == (stamp is None):
        return  # already deleted, or already restored, by someone else
    with db.atomic():
        db[table].update(row_id, {"deleted_at": stamp} | _touched())
        audit.record(db, table, row_id, old["uuid"], action)


def _fields(values: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(field for field in values if field not in _BOOKKEEPING)


def _touched() -> dict[str, str]:
    return {"updated_at": audit.now_stamp()}


def _summary(row: Mapping[str, object]) -> str:
    filled = {f: v for f, v in row.items() if f not in _BOOKKEEPING and v not in (None, "")}
    return json.dumps(filled, ensure_ascii=False)


def _check(table: str) -> None:
    if table not in AUDITED_TABLES:
        raise ValueError(f"not an audited tracking table: {table}")
