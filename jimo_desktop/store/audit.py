"""The audit trail (全程留痕): who changed which field of which row, when, from what to what."""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from jimo_desktop.store import engine, settings


@dataclass(frozen=True)
class AuditEntry:
    at: str
    officer: str
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None


def now_stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


def record(
    db: Database,
    table: str,
    row_id: int,
    row_uuid: str | None,
    action: str,
    changes: dict[str, tuple[object, object]] | None = None,
) -> None:
    """Write one line per changed field (or one line for the action); call inside a transaction."""
    if changes:
        record_changes(db, table, [(row_id, row_uuid, changes)], action)
    else:
        record_many(db, table, [(row_id, row_uuid)], action)


def record_changes(
    db: Database,
    table: str,
    rows: list[tuple[int, str | None, dict[str, tuple[object, object]]]],
    action: str = "update",
) -> None:
    """One line per changed field of each (row id, row uuid, field → (old, new)), in one
    statement: an import updates thousands of projects. Call inside a transaction."""
    changes = [
        (row_id, row_uuid, field, _text(old), _text(new))
        for row_id, row_uuid, fields in rows
        for field, (old, new) in fields.items()
    ]
    _insert_lines(db, table, action, changes)


def record_many(
    db: Database,
    table: str,
    rows: list[tuple[int, str]],
    action: str,
    new_values: list[str | None] | None = None,
) -> None:
    """One line per row for a bulk action (demo data, imports); call inside a transaction."""
    values = new_values or [None] * len(rows)
    lines = [
        (row_id, row_uuid, None, None, value)
        for (row_id, row_uuid), value in zip(rows, values, strict=True)
    ]
    _insert_lines(db, table, action, lines)


_LINE_FIELDS = ("row_id", "row_uuid", "field", "old_value", "new_value")


def _insert_lines(db: Database, table: str, action: str, lines: list[tuple]) -> None:
    """(row id, row uuid, field, old, new) lines in one statement however many: the office
    database runs each statement of an executemany on its own."""
    if not lines:
        return
    rows = json.dumps([dict(zip(_LINE_FIELDS, line, strict=True)) for line in lines])
    db.execute(
        "INSERT INTO audit_log"
        " (at, officer, table_name, row_id, row_uuid, action, field, old_value, new_value)"
        " SELECT ?, ?, ?, j.row_id, j.row_uuid, ?, j.field, j.old_value, j.new_value"
        f" FROM {engine.json_records(db, 'audit_log', _LINE_FIELDS)} j ORDER BY j.position",
        [now_stamp(), settings.officer(db), table, action, rows],
    )


def record_inserted(
    db: Database, table: str, ids: range | list[int], action: str = "insert"
) -> None:
    """One line per row of `table` with one of `ids` (store/engine.new_ids: a range on SQLite),
    composed by the database in one statement: an import of 20,000 projects spends a quarter
    of record_many's time. Call inside the transaction that inserted them."""
    if isinstance(ids, range):
        which, parameters = "id BETWEEN ? AND ?", [ids.start, ids.stop - 1]
    else:
        which, parameters = f"id IN {engine.json_values(db)}", [json.dumps(ids)]
    db.execute(
        "INSERT INTO audit_log (at, officer, table_name, row_id, row_uuid, action)"
        f" SELECT ?, ?, ?, id, uuid, ? FROM {table} WHERE {which} ORDER BY id",
        [now_stamp(), settings.officer(db), table, action, *parameters],
    )


def history(db: Database, table: str, row_id: int) -> list[AuditEntry]:
    rows = db.execute(
        "SELECT at, officer, action, field, old_value, new_value FROM audit_log"
        " WHERE table_name = ? AND row_id = ? ORDER BY id DESC",
        [table, row_id],
    ).fetchall()
    return [AuditEntry(*row) for row in rows]


def _text(value: object) -> str | None:
    return None if value is None else str(value)
