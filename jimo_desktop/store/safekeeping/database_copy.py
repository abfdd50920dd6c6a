"""A whole database copied between the engines (file → office database, office → file, or
file → file), photo originals included, and checked: every table's row count and the sum of
each of its integer columns, and every photo original's SHA-256, must agree.

The target must hold no projects yet (a new file, a new office database): its seeded
dictionaries are replaced by the source's, in one transaction, so a refused copy leaves it as
it was. Rows keep their ids (references stay true) and the database keeps its identity, as a
backup does. Photo originals kept beside a source file go into the target database: on the
office database that is where they live, and a file made from it then holds them too.
"""

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop import paths, safe_files
from jimo_desktop.store import engine
from jimo_desktop.store.safekeeping import backup
from jimo_desktop.store.site_visits import photos

_BATCH = 500


class CopyRefused(Exception):
    """The copy cannot be made or does not match its source; the message is for the officer."""


@dataclass(frozen=True)
class CopyReport:
    tables: int
    rows: int
    originals: int


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    numeric: tuple[str, ...]  # integer columns, summed to compare (exactly, unlike reals)


def copy_between(source: Database, target: Database) -> CopyReport:
    """Copy every row of `source` into `target` (which has no projects) and verify."""
    if engine.schema_version(source) != engine.schema_version(target):
        raise CopyRefused("两个数据库的版本不同，请先用本程序分别打开一次")
    if target.execute("SELECT COUNT(*) FROM projects").fetchone()[0]:
        raise CopyRefused("目标数据库已有项目，只能复制到新的数据库，未写入任何数据")
    tables = _tables()
    rows = 0
    with engine.one_snapshot(source), target.atomic():
        for table in reversed(tables):
            target.execute(f"DELETE FROM {table.name}")
        with _indexes_made_after(target):
            for table in tables:
                rows += _copy_table(source, target, table)
        originals = _copy_originals(source, target)
        if engine.is_postgresql(target):
            _continue_sequences(target, tables)
        _verify(source, target, tables)
    if engine.is_postgresql(target):
        # A server plans its queries on statistics a new database has none of until autovacuum
        # comes by: the 时间表's node query took 0.7-1 s at 2,000 projects before, 85 ms after.
        target.execute("ANALYZE")
    return CopyReport(len(tables), rows, originals)


@contextmanager
def _indexes_made_after(target: Database) -> Iterator[None]:
    """A file's own indexes (not those of its keys and unique columns) dropped while the rows
    go in and made again after, in the copy's transaction: an index made over all rows at
    once costs a fraction of one kept up row by row."""
    if engine.is_postgresql(target):
        yield
        return
    made = target.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in made:
        target.execute(f"DROP INDEX {name}")
    yield
    for _, sql in made:
        target.execute(sql)


def office_stand_in(db: Database) -> Path:
    """The name the office database's backups go by, as a file's backups go by the file's:
    a path per server and database in the user data folder (backups in office/backups/)."""
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(db.address)
    host = parts.get("host", "localhost")
    host = "localhost" if host.startswith("/") else host
    name = re.sub(r"[^\w.-]", "_", f"{host}-{parts.get('port', '5432')}-{parts.get('dbname', '')}")
    return paths.user_data_dir() / "office" / f"{name}.sqlite3"


def local_place(db: Database) -> Path:
    """The file beside which this machine keeps the database's backups and package work: the
    embedded file itself, or the office database's stand-in in the user data folder."""
    return backup.database_file(db) or office_stand_in(db)


def backup_office(
    db: Database, reason: str, now: datetime | None = None, folder: Path | None = None
) -> Path:
    """A backup of the office database: its copy into an embedded file (openable anywhere),
    in its backup folder with the usual rotation, or into `folder`."""
    stand_in = office_stand_in(db)
    backup.remove_leftovers(stand_in)
    target = backup.new_backup_path(stand_in, reason, now or datetime.now(), folder)
    try:
        safe_files.make_folder(target.parent)
        with safe_files.replacing(target) as partial:
            from jimo_desktop.store.database import open_database

            copy = open_database(partial)
            try:
                # A partial file nobody else opens, flushed to disk before it is renamed:
                # its journal kept in memory while it fills.
                copy.execute("PRAGMA journal_mode = MEMORY")
                copy.execute("PRAGMA synchronous = OFF")
                copy_between(db, copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one file, as every backup
            finally:
                copy.close()
    except (sqlite3.Error, OSError) as error:
        if safe_files.is_disk_refusal(error, target):
            raise backup.BackupError(safe_files.failure_message(error, target)) from error
        raise backup.BackupError(f"备份失败：{error}") from error
    if folder is None:
        backup.rotate(stand_in)
    return target


def check_office(address: str) -> list[str]:
    """What `check` can say of the office database (the server keeps its pages and
    constraints): reachable, at this program's version, every table of ours there and read
    whole."""
    from jimo_desktop.store.database import DatabaseError, open_read_only

    try:
        db = open_read_only(address)
    except DatabaseError as error:
        return [str(error)]
    problems = []
    try:
        for table in _tables():
            try:
                with db.atomic():
                    db.execute(f"SELECT {', '.join(table.columns)} FROM {table.name}").fetchall()
            except Exception as error:  # the server's own words name what is wrong
                problems.append(f"表 {table.name} 无法读取：{str(error).splitlines()[0]}")
    finally:
        db.close()
    return problems


@lru_cache(maxsize=1)
def _tables() -> tuple[_Table, ...]:
    """The tables of this program's schema, each after those it refers to, with their columns,
    read from a fresh schema (so a copy names only this program's tables and columns); read
    once, as the schema is the program's."""
    with closing(sqlite3.connect(":memory:")) as schema:
        for _, script in _migrations():
            schema.executescript(script.read_text(encoding="utf-8"))
        names = [
            row[0]
            for row in schema.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite%' ORDER BY name"
            )
        ]
        refers = {
            name: {row[2] for row in schema.execute(f"PRAGMA foreign_key_list({name})")} - {name}
            for name in names
        }
        columns = {name: list(schema.execute(f"PRAGMA table_info({name})")) for name in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ordered += [n for n in names if n not in ordered and refers[n] <= set(ordered)]
    return tuple(
        _Table(
            name,
            tuple(column[1] for column in columns[name]),
            tuple(column[1] for column in columns[name] if column[2] == "INTEGER"),
        )
        for name in ordered
    )


def _migrations():
    from jimo_desktop.store.database import migrations

    return migrations()


def _copy_table(source: Database, target: Database, table: _Table) -> int:
    listed = ", ".join(table.columns)
    insert = f"INSERT INTO {table.name} ({listed}) VALUES ({', '.join('?' * len(table.columns))})"
    count = 0
    for batch in _batches(
        source.execute(f"SELECT {listed} FROM {table.name}{_order(source, table)}")
    ):
        target.conn.executemany(insert, batch)
        count += len(batch)
    return count


def _order(db: Database, table: _Table) -> str:
    """Rows in the order they were written (link rows are listed in that order)."""
    if "id" in table.columns:
        return " ORDER BY id"
    return " ORDER BY rowid"


def _batches(cursor) -> Iterator[list]:
    while batch := cursor.fetchmany(_BATCH):
        yield batch


def _copy_originals(source: Database, target: Database) -> int:
    """Originals the source keeps beside its file go into the target's photo_files rows."""
    if photos.originals_dir(source) is None:
        return 0
    copied = 0
    missing = source.execute("SELECT sha256 FROM photo_files WHERE original IS NULL").fetchall()
    for (sha256,) in missing:
        data = photos.original_bytes(source, sha256)
        if data is not None:
            target.execute("UPDATE photo_files SET original = ? WHERE sha256 = ?", [data, sha256])
            copied += 1
    return copied


def _continue_sequences(target: Database, tables: tuple[_Table, ...]) -> None:
    """New rows on the office database take ids after the copied ones."""
    for table in tables:
        if "id" in table.columns:
            target.execute(
                f"SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(id), 0) + 1, false)"
                f" FROM {table.name}",
                [table.name],
            )


def _verify(source: Database, target: Database, tables: tuple[_Table, ...]) -> None:
    for table in tables:
        sums = "".join(f", COALESCE(SUM({column}), 0)" for column in table.numeric)
        query = f"SELECT COUNT(*){sums} FROM {table.name}"
        expected, found = source.execute(query).fetchone(), target.execute(query).fetchone()
        if tuple(expected) != tuple(found):
            raise CopyRefused(
                f"复制后 {table.name} 的行数或合计与原数据库不一致（{tuple(expected)} ≠ "
                f"{tuple(found)}），未写入任何数据"
            )
    for (sha256,) in source.execute("SELECT sha256 FROM photo_files").fetchall():
        kept = photos.original_bytes(source, sha256)
        if kept is None:
            continue
        copied = target.execute(
            "SELECT original FROM photo_files WHERE sha256 = ?", [sha256]
        ).fetchone()
        if copied is None or copied[0] is None or hashlib.sha256(copied[0]).hexdigest() != sha256:
            raise CopyRefused(f"照片原件 {sha256[:12]}… 复制后与原件不一致，未写入任何数据")
