"""Everything that differs between the embedded SQLite file and the office PostgreSQL database.

The store's SQL is written once, in SQLite's words (`?` and `:name` placeholders, the schema
of db/NNNN_*.sql). On the office database this module turns a statement into psycopg's
placeholders, and a migration into PostgreSQL's DDL; the few SQLite functions the store
calls (total, group_concat, json_group_array, instr) exist there as functions of the same
name (db/postgresql/0001_functions.sql), and so do the as-of rules the project list asks of
SQL (stage_now, listed_now, counted_now: Python functions on SQLite, plpgsql ones reading the
day from a session setting on PostgreSQL). What cannot be said the same way in both (a JSON
list of ids as a table, ids for a batch of new rows, a table's columns, reads in one
snapshot, the schema version) is a function here that store modules call.
"""

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
OFFICE_SCHEMES = ("postgresql://", "postgres://")

# The session setting the as-of functions read on PostgreSQL: the day the list is judged at.
AS_OF_SETTING = "jimo.as_of"


class OfficeConnectionLost(sqlite3.OperationalError):
    """The office database's connection broke under a statement (a server restarted, a network
    gone): what it was writing was not saved, and the next statement connects again."""


class OfficeBusy(sqlite3.OperationalError):
    """A save that waited too long for records a colleague's save or import holds: nothing
    of it was written, and it can be tried again."""


class OfficeAddress:
    """What --db holds when it names the office database. Commands ask a path whether it
    exists before opening it; the office database answers when connected to, so it does here.
    Printed, it is the shown address (user@host/dbname), never a password."""

    def __init__(self, uri: str):
        self.uri = uri

    def __str__(self) -> str:
        return shown_address(self.uri)

    def __repr__(self) -> str:
        return f"OfficeAddress({shown_address(self.uri)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OfficeAddress) and other.uri == self.uri

    def __hash__(self) -> int:
        return hash(self.uri)

    @property
    def name(self) -> str:
        return shown_address(self.uri)

    def exists(self) -> bool:
        return True

    is_file = exists


def database_argument(text: str):
    """--db: a file path, or the office database's libpq URI."""
    from pathlib import Path

    return OfficeAddress(text) if text.startswith(OFFICE_SCHEMES) else Path(text)


def office_address_of(host: str, port: int, dbname: str, user: str) -> str:
    """The libpq URI of an office database named by its parts (as 设置 asks for them)."""
    from urllib.parse import quote

    user, host, dbname = (quote(part, safe="") for part in (user, host, dbname))
    return f"postgresql://{user}@{host}:{port}/{dbname}"


def is_office_address(target: object) -> bool:
    """Whether --db names the office database (a libpq URI) rather than an embedded file."""
    if isinstance(target, OfficeAddress):
        return True
    return isinstance(target, str) and target.startswith(OFFICE_SCHEMES)


def office_uri(target: "OfficeAddress | str") -> str:
    return target.uri if isinstance(target, OfficeAddress) else target


def shown_address(uri: str) -> str:
    """The office database as messages name it: user@host:port/dbname, never a password."""
    parts = office_address_parts(uri)
    if parts is None:
        return "（地址无法解析）"
    user = f"{parts['user']}@" if parts["user"] else ""
    port = f":{parts['port']}" if parts["port"] else ""
    host = "localhost" if parts["host"].startswith("/") else parts["host"] or "localhost"
    return f"办公室数据库 {user}{host}{port}/{parts['dbname']}"


def office_address_parts(uri: str) -> dict[str, str] | None:
    """host, port, dbname and user of an office address (each '' when it names none; a
    host of a Unix socket is its folder), or None when it cannot be read."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(uri)
    except Exception:
        return None
    return {key: str(parts.get(key) or "") for key in ("host", "port", "dbname", "user")}


def engine_of(db) -> str:
    return getattr(db, "engine", SQLITE)


def is_postgresql(db) -> bool:
    return engine_of(db) == POSTGRESQL


def json_values(db, parameter: str = "?", kind: str = "bigint") -> str:
    """A subquery of the values of a JSON list passed as one parameter (SQLite limits a
    statement's parameters; an import names thousands of ids): `x IN {json_values(db)}`."""
    if is_postgresql(db):
        if kind == "bigint":
            # A list of integers as an array: the planner counts a constant array's elements
            # (statements are bound on the client), where it guesses 100 rows for a JSON
            # list and scans the whole table instead of its index (2 ms a read at 10,000
            # projects, three reads a save).
            return f"(SELECT unnest(CAST(translate({parameter}, '[]', '{{}}') AS bigint[])))"
        return f"(SELECT value::{kind} FROM json_array_elements_text(CAST({parameter} AS json)))"
    return f"(SELECT value FROM json_each({parameter}))"


def json_positions(db, parameter: str) -> str:
    """The rows (position from 0, id) of a JSON list of ids passed as one parameter."""
    if is_postgresql(db):
        return (
            "SELECT ordinality - 1, value::bigint"
            f" FROM json_array_elements_text(CAST({parameter} AS json)) WITH ORDINALITY"
        )
    return f"SELECT key, value FROM json_each({parameter})"


def json_records(db, table: str, fields: Sequence[str], parameter: str = "?") -> str:
    """A subquery of the rows of a JSON list of objects passed as one parameter, each with
    `fields` typed as `table`'s columns of those names, and `position` (their order): many
    rows written by one statement, where an executemany costs the office database one
    statement a row."""
    if is_postgresql(db):
        listed = ", ".join(f"r.{field}" for field in fields)
        return (
            f"(SELECT r.ordinality AS position, {listed} FROM json_populate_recordset("
            f"NULL::{table}, CAST({parameter} AS json)) WITH ORDINALITY AS r)"
        )
    listed = ", ".join(f"json_extract(value, '$.{field}') AS {field}" for field in fields)
    return f"(SELECT key AS position, {listed} FROM json_each({parameter}))"


def judge_as_of(db, day: date, functions: dict[str, tuple[int, object]]) -> None:
    """Let SQL call the as-of rules at `day`: on SQLite the given Python functions (name →
    (argument count, function)); on PostgreSQL the same rules in plpgsql read the day from
    the session (db/postgresql/0001_functions.sql; tests compare both on the same rows)."""
    if is_postgresql(db):
        db.execute("SELECT set_config(?, ?, false)", [AS_OF_SETTING, day.isoformat()])
        return
    for name, (arguments, function) in functions.items():
        db.conn.create_function(name, arguments, function)


def new_ids(db, table: str, count: int) -> range | list[int]:
    """Ids for `count` rows about to be inserted in one go, given before inserting (the audit
    lines name them). SQLite has one writer, so the next ones after the highest; the office
    database has many, so they come from the table's sequence, which no one else is given."""
    if is_postgresql(db):
        return [
            row[0]
            for row in db.execute(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
                [table, count],
            )
        ]
    first = db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]
    return range(first, first + count)


@contextmanager
def one_snapshot(db) -> Iterator[None]:
    """Reads that all see the database as of one moment (a copy while others write): a
    transaction, on PostgreSQL a repeatable-read one; inside one already, that one."""
    if db.conn.in_transaction:
        yield
        return
    with db.atomic():
        if is_postgresql(db):
            db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def columns(db, table: str) -> list[str]:
    """A table's columns in their order (on PostgreSQL without the `rowid` its translation
    gives a table without an integer key)."""
    if is_postgresql(db):
        return [
            row[0]
            for row in db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                " current_schema() AND table_name = ? AND column_name <> 'rowid'"
                " ORDER BY ordinal_position",
                [table],
            )
        ]
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]


def schema_version(db) -> int:
    if is_postgresql(db):
        return db.schema_version()
    return db.execute("PRAGMA user_version").fetchone()[0]


# --- PostgreSQL's words for a statement ------------------------------------------------------

_TOKENS = re.compile(
    r"""
    (?P<literal>'(?:[^']|'')*')
    | (?P<quoted>"(?:[^"]|"")*")
    | (?P<comment>--[^\n]*)
    | (?P<distinct>\bIS\s+NOT\s+(?=[?:]))
    | (?P<same>\bIS\s+(?=[?:]))
    | (?P<cast>::)
    | (?P<named>:[A-Za-z_]\w*)
    | (?P<positional>\?)
    | (?P<percent>%)
    """,
    re.VERBOSE,
)


@lru_cache(maxsize=2048)
def postgresql_statement(sql: str) -> str:
    """A statement in psycopg's placeholders: `?` → %s, `:name` → %(name)s, and every `%`
    doubled (psycopg reads them inside literals too); text in quotes and comments is kept.
    SQLite's null-safe `IS ?` / `IS NOT ?` is PostgreSQL's IS [NOT] DISTINCT FROM."""

    def replace(match: re.Match) -> str:
        kind = match.lastgroup
        text = match.group()
        if kind == "named":
            return f"%({text[1:]})s"
        if kind == "positional":
            return "%s"
        if kind == "distinct":
            return "IS DISTINCT FROM "
        if kind == "same":
            return "IS NOT DISTINCT FROM "
        if kind == "percent" or kind == "literal":
            return text.replace("%", "%%")
        return text

    return _TOKENS.sub(replace, sql)


# --- PostgreSQL's words for a migration ------------------------------------------------------

_ROW_ID = re.compile(r"\b(\w+)\s+INTEGER\s+PRIMARY\s+KEY\b", re.IGNORECASE)
_TABLE = re.compile(r"CREATE TABLE (\w+) \((.*?)\n\);", re.DOTALL)
_TEXT_COLUMN = re.compile(r"(?m)^(\s+\w+\s+|ADD COLUMN \w+ )TEXT\b")


def postgresql_schema(sql: str) -> str:
    """A migration of db/ as PostgreSQL runs it.

    The files stay SQLite's (released files are never edited, and the embedded file is the
    default); their DDL is portable but for the types: an `INTEGER PRIMARY KEY` is SQLite's
    row id, so an identity column; integers are 64-bit as in SQLite (amounts in hundredths of
    万元 pass 2^31); BLOB is bytea, REAL double precision; text compares and sorts by code
    point as in SQLite (COLLATE "C"), whatever the server's locale, so both engines list and
    rank in the same order. A table without an integer key gets a `rowid` column, which its
    link rows are ordered by as on SQLite.
    """
    sql = _TABLE.sub(_with_row_id, sql)
    sql = _ROW_ID.sub(r"\1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql)
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    return _TEXT_COLUMN.sub(r'\1TEXT COLLATE "C"', sql)


def _with_row_id(match: re.Match) -> str:
    name, body = match.group(1), match.group(2)
    if _ROW_ID.search(body):
        return match.group()
    return f"CREATE TABLE {name} (\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY,{body}\n);"
