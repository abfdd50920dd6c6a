"""全程留痕 across the whole database: search the audit trail, and restore deleted records.

Each line comes back in the officers' words (domain/audit_words) with the record it is
about ("某项目 · 2020年6月"), so the history view shows old → new without knowing tables.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain import audit_words
from jimo_desktop.store import records
from jimo_desktop.store.edit_conflicts import value_names
from jimo_desktop.store.project_library import projects

DEFAULT_LIMIT = 2000
_DETAIL_LENGTH = 24
_WITH_PROJECT = ("problems", "policy_items", "service_items", "milestones", "work_logs",
                 "progress_reports")  # fmt: skip
# Per table: (row id, project id, a few words on the record) for the rows asked about.
_SUBJECTS = {
    "projects": "SELECT id, id, '' FROM projects",
    "problems": "SELECT id, project_id, description FROM problems",
    "policy_items": "SELECT id, project_id, policy FROM policy_items",
    "service_items": "SELECT id, project_id, promise FROM service_items",
    "milestones": "SELECT id, project_id, name FROM milestones",
    "work_logs": "SELECT id, project_id, content FROM work_logs",
    "progress_reports": "SELECT id, project_id, period FROM progress_reports",
    "dispatches": "SELECT id, NULL, COALESCE(NULLIF(title, ''), held_on) FROM dispatches",
    "supervision_orders": "SELECT s.id, p.project_id, s.demand FROM supervision_orders s"
    " JOIN problems p ON p.id = s.problem_id",
    "inspections": "SELECT id, NULL, place FROM inspections",
    "inspection_points": "SELECT id, NULL, point FROM inspection_points",
    "photos": "SELECT id, NULL, caption FROM photos",
}
_ALIAS = {"supervision_orders": "s."}


class HistoryError(ValueError):
    """A restore that cannot happen; the message is for the officer."""


@dataclass(frozen=True)
class HistoryFilter:
    date_from: str | None = None  # "2020-06" or "2020-06-15", inclusive
    date_to: str | None = None
    officer: str | None = None
    table: str | None = None
    action: str | None = None
    text: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    officer: str
    table: str
    row_id: int
    action: str
    field: str | None
    subject: str  # the record, in words
    what: str  # the field changed, or the action
    change: str  # old → new, or the values of a new record
    restorable: bool  # a delete whose record is still deleted


def search(
    db: Database, wanted: HistoryFilter, limit: int = DEFAULT_LIMIT
) -> tuple[list[HistoryEntry], bool]:
    """The newest audit lines that match, and whether more matched than `limit`."""
    where, params = _where(wanted)
    rows = db.execute(
        "SELECT id, at, officer, table_name, row_id, action, field, old_value, new_value"
        f" FROM audit_log WHERE {where} ORDER BY id DESC LIMIT {int(limit) + 1}",
        params,
    ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    names = value_names(db)
    subjects = _subjects(db, rows, names["project_id"])
    deleted = _still_deleted(db, rows)
    return [_entry(row, subjects, deleted, names) for row in rows], more


def _where(wanted: HistoryFilter) -> tuple[str, dict[str, object]]:
    clauses, params = ["1 = 1"], {}
    if wanted.date_from:
        clauses.append("substr(at, 1, length(:date_from)) >= :date_from")
        params["date_from"] = wanted.date_from
    if wanted.date_to:
        clauses.append("substr(at, 1, length(:date_to)) <= :date_to")
        params["date_to"] = wanted.date_to
    for column, value in (
        ("officer", wanted.officer),
        ("table_name", wanted.table),
        ("action", wanted.action),
    ):
        if value:
            clauses.append(f"{column} = :{column}")
            params[column] = value
    if wanted.text.strip():
        clauses.append(_text_clause())
        params["text"] = f"%{wanted.text.strip()}%"
    return " AND ".join(clauses), params


def _text_clause() -> str:
    """The text in a value, or in the name of the project the record belongs to."""
    named = "SELECT id FROM projects WHERE name LIKE :text"
    parts = [
        "field LIKE :text",
        "old_value LIKE :text",
        "new_value LIKE :text",
        f"(table_name = 'projects' AND row_id IN ({named}))",
        *(
            f"(table_name = '{table}' AND row_id IN"
            f" (SELECT id FROM {table} WHERE project_id IN ({named})))"
            for table in _WITH_PROJECT
        ),
    ]
    return f"({' OR '.join(parts)})"


def _by_table(rows: Iterable[tuple]) -> dict[str, set[int]]:
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row[3], set()).add(row[4])
    return wanted


def _subjects(db: Database, rows: list[tuple], names: dict[int, str]):
    """(table, row id) → the record in words, for every line shown."""
    found = {}
    for table, ids in _by_table(rows).items():
        if table not in _SUBJECTS:
            continue
        id_list = ", ".join(str(row_id) for row_id in ids)
        query = f"{_SUBJECTS[table]} WHERE {_ALIAS.get(table, '')}id IN ({id_list})"
        for row_id, project_id, detail in db.execute(query).fetchall():
            found[(table, row_id)] = _subject(table, names.get(project_id, ""), detail)
    return found


# The column a table's subject words come from, when it holds a code the officer reads in words.
_SUBJECT_CODES = {"progress_reports": "period", "inspection_points": "point"}


def _subject(table: str, project: str, detail: object) -> str:
    text = str(detail or "")
    if table in _SUBJECT_CODES and detail:
        text = audit_words.value_text(_SUBJECT_CODES[table], detail, {}, table)
    if len(text) > _DETAIL_LENGTH:
        text = text[:_DETAIL_LENGTH] + "…"
    return " · ".join(part for part in (project, text) if part)


def _still_deleted(db: Database, rows: list[tuple]) -> set[tuple[str, int]]:
    deleted = set()
    for table, ids in _by_table(row for row in rows if row[5] == "delete").items():
        if table in _SUBJECTS:
            id_list = ", ".join(str(row_id) for row_id in ids)
            query = f"SELECT id FROM {table} WHERE deleted_at IS NOT NULL AND id IN ({id_list})"
            deleted.update((table, row[0]) for row in db.execute(query).fetchall())
    return deleted


def _entry(row, subjects, deleted, names) -> HistoryEntry:
    line_id, at, officer, table, row_id, action, field, old, new = row
    if field is not None:
        what = audit_words.field_label(table, field)
        change = audit_words.change_text(field, old, new, names, table)
    else:
        what = audit_words.action_label(action)
        change = audit_words.inserted_text(table, new, names) if action == "insert" else ""
    return HistoryEntry(
        id=line_id,
        at=at,
        officer=officer,
        table=table,
        row_id=row_id,
        action=action,
        field=field,
        subject=subjects.get((table, row_id), f"#{row_id}"),
        what=what,
        change=change,
        restorable=action == "delete" and (table, row_id) in deleted,
    )


def officers(db: Database) -> list[str]:
    """Everyone who has changed something, for the officer filter."""
    return [row[0] for row in db.execute("SELECT DISTINCT officer FROM audit_log ORDER BY 1")]


def restore(db: Database, table: str, row_id: int) -> None:
    """Bring back a softly deleted record through its own store, which writes the audit line."""
    if table not in _SUBJECTS:
        raise HistoryError(f"“{audit_words.table_label(table)}”的记录不能恢复")
    row = db.execute(f"SELECT deleted_at FROM {table} WHERE id = ?", [row_id]).fetchone()
    if row is None:
        raise HistoryError("记录不存在")
    if row[0] is None:
        raise HistoryError("记录未被删除，无需恢复")
    if table == projects.TABLE:
        projects.restore(db, row_id)
    else:
        records.restore(db, table, row_id)
