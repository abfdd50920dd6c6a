"""Open the database file, apply pending migrations from db/, seed a new one.

WAL and foreign keys are switched on for every connection. Each migration runs in one
transaction under PRAGMA user_version, after a backup copy (store/backup.py) of an existing
database. A database another program window writes to is opened read-only.
"""

import re
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop import paths
from jimo_desktop.store import dictionaries
from jimo_desktop.store.backup import backup_copy

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


class DatabaseError(Exception):
    """A database the program cannot open; the message is for the officer."""


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in paths.migrations_dir().iterdir():
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def latest_version() -> int:
    return migrations()[-1][0]


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate; a new database gets the default dictionaries."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, check_same_thread=True)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")
    db = Database(connection)
    version = _user_version(db)
    if version > latest_version():
        connection.close()
        raise DatabaseError(f"数据库 {path} 的版本（{version}）比本程序新，请升级程序后再打开")
    if version < latest_version():
        try:
            if version > 0:
                backup_copy(db, path, f"before-migration-{version}")
            _migrate(db, version)
        except BaseException:
            connection.close()
            raise
    if version == 0:
        dictionaries.seed_defaults(db)
    return db


def open_read_only(path: Path | str) -> Database:
    """Open for reading only (another program writes to it); nothing is migrated or seeded."""
    path = Path(path)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=True)
    connection.execute("PRAGMA busy_timeout = 5000")
    db = Database(connection)
    version = _user_version(db)
    if version != latest_version():
        connection.close()
        raise DatabaseError(
            f"数据库 {path} 的版本（{version}）与本程序（{latest_version()}）不同，不能只读打开"
        )
    return db


def is_current(path: Path | str) -> bool:
    """Whether the file is a database at this program's version: opening it changes nothing."""
    if not Path(path).is_file():
        return False
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def _user_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _migrate(db: Database, from_version: int) -> None:
    for number, script in migrations():
        if number <= from_version:
            continue
        sql = script.read_text(encoding="utf-8")
        try:
            db.conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error as error:
            db.conn.rollback()
            raise DatabaseError(f"数据库升级到第 {number} 版失败：{error}") from error


def is_empty(db: Database) -> bool:
    return db.execute("SELECT NOT EXISTS (SELECT 1 FROM projects)").fetchone()[0] == 1
