"""No lost update: a save that started from a record someone else has saved since is refused.

Every form that edits a kept record hands it as it opened it (the base). Inside the save's
transaction the stored row is locked (on the office database, where other officers write) and
compared with that base field by field through the package merge's three-way compare
(domain/field_merge.compare): if anyone changed it meanwhile, or deleted it, nothing is
written and the officer is told who did it and when, each field side by side (opened with,
theirs, mine), under a title naming the record as the lists do. A record with rows of its own
(an inspection's points and photos, a meeting's projects) is compared as one, its rows as
fields of it (`refuse_if_differs`).
"""

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain import audit_words
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.field_merge import Outcome, compare
from jimo_desktop.store import dictionaries, engine

# Columns the program keeps for itself: never an officer's edit, never compared.
BOOKKEEPING = frozenset({"id", "uuid", "created_at", "updated_at", "deleted_at"})


@dataclass(frozen=True)
class SideBySide:
    field: str  # the field's label
    base: str  # as the officer opened it
    theirs: str  # as the other officer saved it
    mine: str  # as this officer wants to save it
    conflict: bool  # both changed it, differently

    def words(self, officer: str) -> str:
        mark = "（双方都改了）" if self.conflict else ""
        base, theirs, mine = map(audit_words.in_a_line, (self.base, self.theirs, self.mine))
        sides = f"打开时「{base}」｜{officer}「{theirs}」｜您「{mine}」"
        return f"{self.field}{mark}：{sides}"


class EditedMeanwhile(Exception):
    """Someone saved (or deleted) the record after this officer opened it; nothing was written."""

    def __init__(
        self, title: str, officer: str, at: str, fields: list[SideBySide], deleted: bool = False
    ):
        self.title, self.officer, self.at, self.fields = title, officer, at, fields
        self.deleted = deleted
        when = at.replace("T", " ")
        if deleted:
            lines = [
                f"「{title}」在您打开后已由{officer}于{when}删除，您的修改未保存。"
                "如仍需修改，请先在“操作历史”中恢复该记录。"
            ]
        else:
            lines = [f"{self.headline()}请核对下列字段后重新打开再改："]
        lines += self.field_lines()
        super().__init__("\n".join(lines))

    def headline(self) -> str:
        when = self.at.replace("T", " ")
        return f"「{self.title}」在您打开后已由{self.officer}于{when}修改，您的修改未保存。"

    def field_lines(self) -> list[str]:
        return [field.words(self.officer) for field in self.fields]

    def words_after_taking_theirs(self) -> str:
        """What a form that took the colleague's save under this officer's changes says."""
        advice = f"表单已换成{self.officer}保存的内容，您改过的字段仍是您的值。请核对后再保存。"
        return "\n".join([self.headline(), *self.field_lines(), "", advice])


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
    names: audit_words.Names | None = None,
) -> None:
    """`theirs` and `mine`: field → (base, value) of what the other officer and this one
    changed since the base. Call inside the save's transaction, after lock_row. `names`:
    the names behind the ids, looked up (every project's, every inspection's) only when the
    save is refused, unless given."""
    if not theirs:
        return
    if names is None:
        names = value_names(db)
    officer, at = last_change(db, table, row_id)
    fields = []
    for name in dict.fromkeys([*theirs, *mine]):
        base = (theirs.get(name) or mine.get(name))[0]
        their_value = theirs[name][1] if name in theirs else base
        my_value = mine[name][1] if name in mine else base
        fields.append(
            SideBySide(
                audit_words.field_label(table, name),
                audit_words.value_text(name, base, names, table),
                audit_words.value_text(name, their_value, names, table),
                audit_words.value_text(name, my_value, names, table),
                compare(base, their_value, my_value) is Outcome.CONFLICT,
            )
        )
    fields.sort(key=lambda field: not field.conflict)
    raise EditedMeanwhile(title, officer, at, fields)


def refuse_if_saved_meanwhile(
    db: Database,
    table: str,
    row_id: int,
    opened: Mapping[str, object] | object | None,
    mine: Mapping[str, object],
) -> None:
    """Refuse the save of one row, `opened` as the form read it (field → value, or the record
    the store gave it) and `mine` the values about to be written, when anyone saved or deleted
    the row since. Call inside the save's transaction, before anything is written; the fields
    of `opened` that are the row's columns are compared. Without `opened` (a command, an
    import: nothing was shown to anyone) there is nothing to compare."""
    if opened is None:
        return
    if not isinstance(opened, Mapping):
        opened = fields_of(opened)
    title = record_title(db, table, opened)
    stored = locked_live_row(db, table, row_id, title)
    columns = [name for name in opened if name in stored and name not in BOOKKEEPING]
    refuse_if_differs(
        db,
        table,
        row_id,
        title,
        {name: opened[name] for name in columns},
        {name: stored[name] for name in columns},
        {name: value for name, value in mine.items() if name in columns},
    )


def locked_live_row(db: Database, table: str, row_id: int, title: str) -> dict[str, object]:
    """Lock the row for the save's transaction and read it; refused when deleted meanwhile."""
    lock_row(db, table, row_id)
    stored = db[table].get(row_id)
    refuse_if_deleted(db, table, row_id, title, stored)
    return stored


def refuse_if_deleted(
    db: Database, table: str, row_id: int, title: str, stored: Mapping[str, object]
) -> None:
    """A save never brings back a record someone deleted meanwhile: the officer restores it."""
    if stored.get("deleted_at"):
        officer, at = last_change(db, table, row_id)
        raise EditedMeanwhile(title, officer, at, [], deleted=True)


@dataclass(frozen=True)
class Words:
    """A record's own rows as one field of it: compared by `compared`, shown as `words`."""

    compared: object
    words: str = dataclasses.field(compare=False)

    def __str__(self) -> str:
        return self.words


def refuse_if_differs(
    db: Database,
    table: str,
    row_id: int,
    title: str,
    opened: Mapping[str, object],
    stored: Mapping[str, object],
    mine: Mapping[str, object],
) -> None:
    """field → value as opened, as stored now and as about to be saved: refused when stored
    differs from opened anywhere. A field may be a record's own rows said in words."""
    theirs = {
        name: (value, stored[name]) for name, value in opened.items() if stored[name] != value
    }
    if not theirs:
        return  # the common case: no names to look up
    changed = {name: (opened[name], value) for name, value in mine.items() if value != opened[name]}
    refuse_if_changed(db, table, row_id, title, theirs, changed)


def fields_of(record: object) -> dict[str, object]:
    """A record read by the store (a dataclass) as field → value, for `opened`."""
    return {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}


_TITLE_FIELDS = {
    "problems": ("问题", "description"),
    "policy_items": ("政策", "policy"),
    "service_items": ("服务事项", "promise"),
    "milestones": ("时间节点", "name"),
    "work_logs": ("工作日志", "content"),
    "dispatches": ("调度会议", "title"),
    "supervision_orders": ("督办单", "demand"),
    "inspections": ("现场督查", "place"),
}
_TITLE_LENGTH = 20


def record_title(db: Database, table: str, opened: Mapping[str, object]) -> str:
    """The record as officers know it: its project's name and what it is, in its own words
    (项目“…”的问题“电力增容未落实”)."""
    if table == "projects":
        return str(opened.get("name") or "")
    kind, field = _TITLE_FIELDS.get(table, (audit_words.table_label(table), ""))
    text = " ".join(str(opened.get(field) or "").split())
    if table == "inspections":
        text = _inspection_name(opened.get("inspected_on"), text)
    if len(text) > _TITLE_LENGTH:
        text = text[:_TITLE_LENGTH] + "…"
    named = f"{kind}“{text}”" if text else kind
    project = _project_name(db, opened.get("project_id"))
    return f"项目“{project}”的{named}" if project else named


def _project_name(db: Database, project_id: object) -> str:
    if not isinstance(project_id, int):
        return ""
    row = db.execute("SELECT name FROM projects WHERE id = ?", [project_id]).fetchone()
    return row[0] if row else ""


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
        row_id: _inspection_name(day, place)
        for row_id, day, place in db.execute("SELECT id, inspected_on, place FROM inspections")
    }


def _inspection_name(day: str | None, place: str) -> str:
    return " ".join(part for part in (format_partial_date(day or ""), place) if part)


# A record's own rows, audited under their tables: (table, column naming the record).
_OWN_ROWS = {"inspections": (("inspection_points", "inspection_id"), ("photos", "inspection_id"))}


def last_change(db: Database, table: str, row_id: int) -> tuple[str, str]:
    """Who changed the record last, and when: its own audit lines and its rows'."""
    clauses = ["(table_name = ? AND row_id = ?)"]
    params: list[object] = [table, row_id]
    for own_table, column in _OWN_ROWS.get(table, ()):
        clauses.append(
            f"(table_name = ? AND row_id IN (SELECT id FROM {own_table} WHERE {column} = ?))"
        )
        params += [own_table, row_id]
    row = db.execute(
        f"SELECT officer, at FROM audit_log WHERE {' OR '.join(clauses)} ORDER BY id DESC LIMIT 1",
        params,
    ).fetchone()
    return (row[0], row[1]) if row else ("另一位同事", "")
