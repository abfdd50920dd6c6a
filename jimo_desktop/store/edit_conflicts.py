"""No lost update: a save that started from a record someone else has saved since is refused.

The editor hands the record as it opened it (the base). Inside the save's transaction the
stored row is locked (on the office database, where other officers write) and compared with
that base field by field through the package merge's three-way compare
(domain/field_merge.compare): if anyone changed it meanwhile, nothing is written and the
officer is told who changed it and when, each field side by side (opened with, theirs, mine).
"""

import json
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain import audit_words
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.field_merge import Outcome, compare
from jimo_desktop.store import dictionaries, engine


@dataclass(frozen=True)
class SideBySide:
    field: str  # the field's label
    base: str  # as the officer opened it
    theirs: str  # as the other officer saved it
    mine: str  # as this officer wants to save it
    conflict: bool  # both changed it, differently

    def words(self, officer: str) -> str:
        mark = "（双方都改了）" if self.conflict else ""
        sides = f"打开时「{self.base}」｜{officer}「{self.theirs}」｜您「{self.mine}」"
        return f"{self.field}{mark}：{sides}"


class EditedMeanwhile(Exception):
    """Someone saved the record after this officer opened it; nothing was written."""

    def __init__(self, title: str, officer: str, at: str, fields: list[SideBySide]):
        self.title, self.officer, self.at, self.fields = title, officer, at, fields
        lines = [
            f"「{title}」在您打开后已由{officer}于{at.replace('T', ' ')}修改，您的修改未保存。"
            "请核对下列字段后重新打开再改："
        ]
        lines += [field.words(officer) for field in fields]
        super().__init__("\n".join(lines))


def lock_row(db: Database, table: str, row_id: int) -> None:
    """Hold the row until the transaction ends, so no one saves it between check and write
    (SQLite has one writer at a time already)."""
    if engine.is_postgresql(db):
        db.execute(f"SELECT 1 FROM {table} WHERE id = ? FOR UPDATE", [row_id])


def lock_rows(db: Database, table: str, ids: list[int]) -> None:
    """`lock_row` for many rows in one statement, in the order of their ids (two savers of
    the same rows then wait for each other rather than deadlock)."""
    if engine.is_postgresql(db):
        db.execute(
            f"SELECT 1 FROM {table} WHERE id IN {engine.json_values(db)} ORDER BY id FOR UPDATE",
            [json.dumps(ids)],
        )


def refuse_if_changed(
    db: Database,
    table: str,
    row_id: int,
    title: str,
    theirs: dict[str, tuple[object, object]],
    mine: dict[str, tuple[object, object]],
    names: audit_words.Names,
) -> None:
    """`theirs` and `mine`: field → (base, value) of what the other officer and this one
    changed since the base. Call inside the save's transaction, after lock_row."""
    if not theirs:
        return
    officer, at = last_change(db, table, row_id)
    fields = []
    for name in dict.fromkeys([*theirs, *mine]):
        base = (theirs.get(name) or mine.get(name))[0]
        their_value = theirs[name][1] if name in theirs else base
        my_value = mine[name][1] if name in mine else base
        fields.append(
            SideBySide(
                audit_words.field_label(table, name),
                audit_words.value_text(name, base, names),
                audit_words.value_text(name, their_value, names),
                audit_words.value_text(name, my_value, names),
                compare(base, their_value, my_value) is Outcome.CONFLICT,
            )
        )
    fields.sort(key=lambda field: not field.conflict)
    raise EditedMeanwhile(title, officer, at, fields)


def value_names(db: Database) -> audit_words.Names:
    """The names behind the ids a record holds, for saying its values in words."""
    return {
        "unit_id": dictionaries.names_by_id(db, "units"),
        "industry_id": dictionaries.names_by_id(db, "industries"),
        "category_id": dictionaries.names_by_id(db, "problem_categories"),
        "project_id": dict(db.execute("SELECT id, name FROM projects").fetchall()),
        "inspection_id": _inspection_names(db),
    }


def _inspection_names(db: Database) -> dict[int, str]:
    """An inspection as officers name it: its day and place."""
    return {
        row_id: " ".join(part for part in (format_partial_date(day or ""), place) if part)
        for row_id, day, place in db.execute("SELECT id, inspected_on, place FROM inspections")
    }


def last_change(db: Database, table: str, row_id: int) -> tuple[str, str]:
    row = db.execute(
        "SELECT officer, at FROM audit_log WHERE table_name = ? AND row_id = ?"
        " ORDER BY id DESC LIMIT 1",
        [table, row_id],
    ).fetchone()
    return (row[0], row[1]) if row else ("另一位同事", "")
