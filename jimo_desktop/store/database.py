"""Open the database file or the office database, apply pending migrations from db/, seed a
new one.

WAL and foreign keys are switched on for every connection. Each migration runs in one
transaction under PRAGMA user_version, after a backup copy (store/safekeeping/backup.py) of an
existing database. A database another program window writes to is opened read-only, and so is one on
a read-only disk or in a read-only file, when the officer asks. A command that writes opens
the database through `open_for_writing`: one writer at a time (store/safekeeping/writer_lock.py),
never a damaged file.

The office database (`postgresql://user@host/dbname`, store/postgresql.py) runs the same
migrations, in PostgreSQL's words (store/engine.py), all pending ones and the seeding of a new
database in one transaction under a version row, which a second program opening it at the
same time waits for.
"""

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop import paths, safe_files
from jimo_desktop.store import dictionaries, engine
from jimo_desktop.store.safekeeping.backup import backup_copy
from jimo_desktop.store.safekeeping.integrity import (
    RESTORE_HINT,
    DamagedDatabase,
    connect_read_only,
    refuse_if_damaged,
)
from jimo_desktop.store.safekeeping.writer_lock import (
    LockBusy,
    LockOwner,
    LockUnavailable,
    WriterLock,
)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
# PostgreSQL-only statements run after the migration of the same number (db/postgresql/).
_OFFICE_FOLDER = "postgresql"


# How long a command waits for another command writing the same database (a large import).
COMMAND_WAIT_SECONDS = 600


class DatabaseError(Exception):
    """A database the program cannot open; the message is for the officer."""


class ReadOnlyDatabase(DatabaseError):
    """The file, or the folder or disk it is on, cannot be written; it can be read."""


class DatabaseBusy(DatabaseError):
    """Another program writes to the database."""


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
    if engine.is_office_address(path):
        return open_office_database(engine.office_uri(path))
    path = Path(path)
    try:
        safe_files.make_folder(path.parent)
    except OSError as error:
        raise _cannot_write(path, error) from error
    refuse_read_only_file(path)
    connection = sqlite3.connect(path, check_same_thread=True)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.OperationalError as error:
        connection.close()
        if safe_files.is_disk_refusal(error, path):
            raise _cannot_write(path, error) from error
        raise
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
    if engine.is_office_address(path):
        return _office_reader(engine.office_uri(path))
    path = Path(path)
    try:
        connection = connect_read_only(path, check_same_thread=True)
        connection.execute("PRAGMA busy_timeout = 5000")
        db = Database(connection)
        version = _user_version(db)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"无法打开数据库 {path}：{error}") from error
    if version != latest_version():
        connection.close()
        raise DatabaseError(
            f"数据库 {path} 的版本（{version}）与本程序（{latest_version()}）不同，不能只读打开"
        )
    return db


def reader_source(db) -> "Path | engine.OfficeAddress | None":
    """What open_read_only takes to open a second connection to `db`'s database (on another
    thread): its file, or the office database's address."""
    if engine.is_postgresql(db):
        return engine.OfficeAddress(db.address)
    from jimo_desktop.store.safekeeping.backup import database_file

    return database_file(db)


@contextmanager
def open_for_writing(
    path: Path | str,
    holder: str,
    waiting: Callable[[LockOwner], None] | None = None,
    wait_seconds: float = COMMAND_WAIT_SECONDS,
) -> Iterator[Database]:
    """The database as a command that writes opens it: its one-writer lock held, the file
    found sound, then opened; closed and unlocked at the end of the block."""
    if engine.is_office_address(path):
        # The office database keeps its own order among many writers (transactions, and the
        # row versions saves compare); there is no file to lock or check.
        db = open_database(path)
        if db.read_only:
            db.close()
            raise ReadOnlyDatabase(
                f"{engine.shown_address(engine.office_uri(path))} 对您的账号是只读的，"
                "未写入任何数据；可以查看和打印"
            )
        try:
            yield db
        finally:
            db.close()
        return
    path = Path(path)
    with holding_writer_lock(path, holder, waiting, wait_seconds):
        try:
            refuse_if_damaged(path)
        except DamagedDatabase as error:
            raise DatabaseError(f"{error}，未写入任何数据；{RESTORE_HINT}") from error
        db = open_database(path)
        try:
            yield db
        finally:
            db.conn.close()


@contextmanager
def holding_writer_lock(
    path: Path | str,
    holder: str,
    waiting: Callable[[LockOwner], None] | None = None,
    wait_seconds: float = COMMAND_WAIT_SECONDS,
) -> Iterator[None]:
    """The one-writer lock of a command: it waits behind another command (telling `waiting`
    once), never behind a program window, which would go on showing what it read before."""
    path = Path(path)
    lock = WriterLock(path, holder)
    try:
        safe_files.make_folder(path.parent)
        lock.acquire_waiting(wait_seconds, waiting)
    except OSError as error:
        raise _cannot_write(path, error) from error
    except LockBusy as busy:
        raise DatabaseBusy(busy_message(path, busy.owner, wait_seconds)) from None
    except LockUnavailable as error:
        raise _cannot_write(path, error, str(error)) from error
    try:
        yield
    finally:
        lock.release()


def busy_message(path: Path, owner: LockOwner | None, waited: float) -> str:
    if owner is None or owner.is_window:
        who = owner.describe() if owner else "另一个程序"
        return (
            f"数据库正在{who}中打开，未写入任何数据：{path}\n"
            "程序窗口不会显示命令行写入的内容；请关闭程序窗口后再运行，或在程序中操作"
        )
    return (
        f"数据库正由{owner.describe()}写入，等待 {waited:.0f} 秒后仍未完成，未写入任何数据：{path}"
    )


def refuse_read_only_file(path: Path) -> None:
    """SQLite opens a file it may not write read-only without a word, and every later save
    fails; say so before opening instead."""
    if not path.is_file():
        return
    try:
        with open(path, "rb+"):
            pass
    except OSError as error:
        if error.errno in safe_files.READ_ONLY_CODES:
            raise _cannot_write(path, error) from error
        raise DatabaseError(f"无法打开数据库 {path}：{error.strerror or error}") from error


def _cannot_write(path: Path, error: BaseException, said: str = "") -> DatabaseError:
    """A database that cannot be written: a read-only place (which can be read) apart from a
    full disk."""
    code = getattr(error, "errno", None) or getattr(error, "code", None)
    if code in safe_files.READ_ONLY_CODES or (
        isinstance(error, sqlite3.Error) and safe_files.writable_problem(path.parent)
    ):
        return ReadOnlyDatabase(
            f"数据库文件或其所在的文件夹是只读的，不能写入：{path}\n可以只读打开查看和打印"
        )
    return DatabaseError(said or safe_files.failure_message(error, path))


def is_current(path: Path | str) -> bool:
    """Whether the file is a database at this program's version: opening it changes nothing."""
    if not Path(path).is_file():
        return False
    try:
        connection = connect_read_only(Path(path))
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


def open_office_database(address: str):
    """Connect to the office database, migrate it and seed it when new."""
    db = _office_connection(address)
    try:
        if db.read_only:
            _refuse_older_schema(db)
        else:
            _migrate_office(db)
    except BaseException:
        db.close()
        raise
    return db


def try_office(address: str) -> str:
    """设置's 测试连接: whether the office database answers, in one line; DatabaseError when
    it does not."""
    reader = _office_connection(address)
    try:
        version, read_only = reader.schema_version(), reader.read_only
    finally:
        reader.close()
    shown = engine.shown_address(address)
    if version == 0:
        return f"已连接{shown}：数据库是空的，第一次打开时建立本程序的表"
    if version != latest_version():
        return f"已连接{shown}，但它的版本（{version}）与本程序（{latest_version()}）不同"
    return f"已连接{shown}" + ("：您的账号只读" if read_only else "：可以读写")


def _office_connection(address: str):
    try:
        import psycopg

        from jimo_desktop.store import postgresql
    except ImportError as error:
        # A program folder missing part of the driver (psycopg and the libpq it carries).
        raise DatabaseError(
            f"本程序的办公室数据库组件不完整，无法连接{engine.shown_address(address)}："
            f"{_first_line(error)}；请重新安装本程序"
        ) from error

    try:
        return postgresql.OfficeDatabase(postgresql.connect(address), address)
    except psycopg.Error as error:
        raise DatabaseError(
            f"无法连接{engine.shown_address(address)}：{_first_line(error)}"
        ) from error


def _office_reader(address: str):
    reader = _office_connection(address)
    reader.keep_setting("SET default_transaction_read_only = on")
    _refuse_older_schema(reader)
    return reader


def _refuse_older_schema(db) -> None:
    """A read-only role cannot migrate: it reads a database at this program's version only."""
    version = db.schema_version()
    if version != latest_version():
        raise DatabaseError(
            f"{engine.shown_address(db.address)} 的版本（{version}）与本程序（{latest_version()}）"
            "不同，只读账号不能升级它；请由有写权限的同事先用本程序打开一次"
        )


def _migrate_office(db) -> None:
    import psycopg

    from jimo_desktop.store.postgresql import SCHEMA_VERSION_TABLE

    if db.schema_version() == latest_version():
        return
    try:
        with db.atomic():
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {SCHEMA_VERSION_TABLE} (version BIGINT NOT NULL)"
            )
            # A colleague's window may be upgrading the same database: wait for it to finish.
            db.execute("SET LOCAL lock_timeout = '5min'")
            db.execute(f"LOCK TABLE {SCHEMA_VERSION_TABLE} IN EXCLUSIVE MODE")
            version = db.schema_version()
            if version > latest_version():
                raise DatabaseError(
                    f"{engine.shown_address(db.address)} 的版本（{version}）比本程序新，"
                    "请升级程序后再打开"
                )
            for number, script in migrations():
                if number > version:
                    db.executescript(office_migration(number, script))
                    db.execute(f"INSERT INTO {SCHEMA_VERSION_TABLE} (version) VALUES (?)", [number])
            if version == 0:
                dictionaries.seed_defaults(db)
    except (psycopg.Error, sqlite3.Error) as error:
        raise DatabaseError(
            f"{engine.shown_address(db.address)} 升级失败：{_first_line(error)}"
        ) from error


def office_migration(number: int, script: Path) -> str:
    """Migration `number` as the office database runs it: db/NNNN in PostgreSQL's words, then
    what db/postgresql/ adds under the same number."""
    parts = [engine.postgresql_schema(script.read_text(encoding="utf-8"))]
    for extra in sorted((paths.migrations_dir() / _OFFICE_FOLDER).glob(f"{number:04d}_*.sql")):
        parts.append(extra.read_text(encoding="utf-8"))
    return "\n".join(parts)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def is_empty(db: Database) -> bool:
    return db.execute("SELECT NOT EXISTS (SELECT 1 FROM projects)").fetchone()[0] == 1
