"""区位 and 产业: editable dictionaries, seeded with the defaults of the work plan."""

from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.dictionaries import ALIAS_SEPARATOR, DEFAULT_INDUSTRIES, DEFAULT_UNITS

# Each dictionary and the column that uses it: an entry in use cannot be removed.
USED_BY = {
    "units": ("projects", "unit_id"),
    "industries": ("projects", "industry_id"),
    "problem_categories": ("problems", "category_id"),
}
TABLES = tuple(USED_BY)


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    aliases: tuple[str, ...]
    sort_order: int


class DictionaryError(ValueError):
    """A dictionary change that would lose or confuse data; the message is for the officer."""


def seed_defaults(db: Database) -> None:
    with db.atomic():
        for order, unit in enumerate(DEFAULT_UNITS):
            db["units"].insert(
                {
                    "name": unit.name,
                    "kind": unit.kind,
                    "aliases": ALIAS_SEPARATOR.join(unit.aliases),
                    "sort_order": order,
                }
            )
        for order, name in enumerate(DEFAULT_INDUSTRIES):
            db["industries"].insert({"name": name, "sort_order": order})


def entries(db: Database, table: str) -> list[Entry]:
    _check_table(table)
    rows = db.execute(
        f"SELECT id, name, aliases, sort_order FROM {table} ORDER BY sort_order, id"
    ).fetchall()
    return [Entry(row[0], row[1], _split(row[2]), row[3]) for row in rows]


def names_by_id(db: Database, table: str) -> dict[int, str]:
    return {entry.id: entry.name for entry in entries(db, table)}


def add(db: Database, table: str, name: str, aliases: tuple[str, ...] = ()) -> int:
    _check_table(table)
    name = _checked_name(db, table, name, None)
    next_order = db.execute(f"SELECT COALESCE(MAX(sort_order), -1) + 1 FROM {table}").fetchone()[0]
    with db.atomic():
        row = {"name": name, "aliases": ALIAS_SEPARATOR.join(aliases), "sort_order": next_order}
        return db[table].insert(row).last_pk


def update(db: Database, table: str, entry_id: int, name: str, aliases: tuple[str, ...]) -> None:
    _check_table(table)
    name = _checked_name(db, table, name, entry_id)
    with db.atomic():
        db[table].update(entry_id, {"name": name, "aliases": ALIAS_SEPARATOR.join(aliases)})


def remove(db: Database, table: str, entry_id: int) -> None:
    """Delete an entry nothing uses; one in use would orphan those rows."""
    _check_table(table)
    user, column = USED_BY[table]
    used = db.execute(f"SELECT COUNT(*) FROM {user} WHERE {column} = ?", [entry_id]).fetchone()[0]
    if used:
        what = "个项目" if user == "projects" else "条问题"
        raise DictionaryError(f"有 {used} {what}使用此项，不能删除；可改名或先调整它们")
    with db.atomic():
        db[table].delete(entry_id)


def _checked_name(db: Database, table: str, name: str, entry_id: int | None) -> str:
    name = name.strip()
    if not name:
        raise DictionaryError("名称不能为空")
    clash = db.execute(
        f"SELECT id FROM {table} WHERE name = ? AND id IS NOT ?", [name, entry_id]
    ).fetchone()
    if clash:
        raise DictionaryError(f"“{name}”已存在")
    return name


def _split(aliases: str) -> tuple[str, ...]:
    return tuple(alias for alias in aliases.split(ALIAS_SEPARATOR) if alias)


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise ValueError(f"not a dictionary table: {table}")
