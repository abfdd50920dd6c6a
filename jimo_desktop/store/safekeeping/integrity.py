"""Is a database file sound? A quick check for every start, a full one on request.

Both open the file read-only, so checking never changes it, and both report problems in
Chinese, one line each; an empty list means the file is sound.
"""

import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from jimo_desktop.safe_files import is_disk_refusal, writable_problem

# PRAGMA quick_check skips the index-content comparison of integrity_check: it reads every
# page once and costs milliseconds on the sizes officers keep, so every start can afford it.
_LIMIT = 20


RESTORE_HINT = "请用 jimo-desktop restore 从备份恢复"


class DamagedDatabase(Exception):
    """A damaged file that a writer refuses; the message is for the officer."""


def quick_check(path: Path) -> list[str]:
    return _check(Path(path), f"PRAGMA quick_check({_LIMIT})", foreign_keys=False)


def refuse_if_damaged(path: Path) -> None:
    """What every writer does first: a damaged file is never written to, nor backed up over
    good backups. Raises DamagedDatabase naming the first problem found."""
    path = Path(path)
    if not path.exists():
        return
    problems = quick_check(path)
    if problems:
        raise DamagedDatabase(f"数据库文件已损坏：{path}（{problems[0]}）")


def connect_read_only(path: Path, **options) -> sqlite3.Connection:
    """A connection that cannot write. A database in a folder that cannot be written (a CD, a
    read-only share) or on a full disk cannot make the index file that reading a
    write-ahead-log database needs; with no log waiting to be folded in, the file alone is
    the database, and it is read as an unchanging file."""
    path = Path(path)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, **options)
    try:
        connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.OperationalError as error:
        connection.close()
        if not _readable_as_it_is(path, error):
            raise
        return sqlite3.connect(f"file:{path}?immutable=1", uri=True, **options)
    except sqlite3.DatabaseError:
        pass  # a damaged file: the caller's reads say so
    return connection


def start_quick_check(path: Path) -> Future:
    """The start-up check in a thread of its own: SQLite releases the GIL while it reads, so
    started before Qt and the views are imported, the check costs the officer no time."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quick-check")
    checked = pool.submit(quick_check, Path(path))
    pool.shutdown(wait=False)
    return checked


# What a statement may do before the start-up check has answered: read. (PRAGMA counts as
# reading: the program writes with one only when migrating, which waits for the check.)
_READING = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
    sqlite3.SQLITE_TRANSACTION,
    sqlite3.SQLITE_SAVEPOINT,
    sqlite3.SQLITE_PRAGMA,
}


def hold_writes_until_checked(connection: sqlite3.Connection, checked: Future) -> None:
    """Let `connection` read at once but write only when `checked` (a quick check) has found
    the file sound: a statement that would write waits for the answer, and is refused when
    the file is damaged. So the window can open while a large file is still being read.
    SQLite asks the authorizer when it prepares a statement, and setting one expires the
    statements prepared before, so no write slips past it."""

    def authorize(action: int, *_details) -> int:
        if action in _READING or not checked.result():
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    connection.set_authorizer(authorize)


def release_writes(connection: sqlite3.Connection) -> None:
    """The check found the file sound: no more asking before each statement."""
    connection.set_authorizer(None)


def _readable_as_it_is(path: Path, error: sqlite3.Error) -> bool:
    log = Path(f"{path}-wal")
    if not path.is_file() or (log.exists() and log.stat().st_size > 0):
        return False
    return writable_problem(path.parent) is not None or is_disk_refusal(error, path)


def full_check(path: Path) -> list[str]:
    """integrity_check (indexes match their tables) and foreign_key_check."""
    return _check(Path(path), f"PRAGMA integrity_check({_LIMIT})", foreign_keys=True)


def _check(path: Path, pragma: str, foreign_keys: bool) -> list[str]:
    if not path.is_file():
        return [f"数据库文件不存在：{path}"]
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as error:
        return [f"无法打开数据库文件：{error}"]
    try:
        lines = [row[0] for row in connection.execute(pragma).fetchall()]
        problems = [] if lines == ["ok"] else [f"数据库损坏：{line}" for line in lines]
        if foreign_keys and not problems:
            problems = [
                f"表 {table} 第 {row_id} 行引用的 {parent} 不存在"
                for table, row_id, parent, _ in connection.execute("PRAGMA foreign_key_check")
            ]
    except sqlite3.DatabaseError as error:
        problems = [f"数据库损坏：{error}"]
    finally:
        connection.close()
    return problems
