"""The office database: a psycopg 3 connection offering what the store asks of sqlite-utils.

The store speaks to a sqlite-utils `Database`: `execute` with `?` or `:name` placeholders,
`conn.executemany`, `atomic()` (savepoints when nested), `db[table].insert/upsert/update/
get/delete/insert_all`. `OfficeDatabase` offers that subset over PostgreSQL, so no store
module forks per engine; `store/engine.py` turns each statement into PostgreSQL's words.

Values come back as SQLite gives them: integers as int (a SUM of integers is numeric on
PostgreSQL, an int on SQLite), a comparison as 0 or 1, bytea as bytes; a bool is written as
0/1 as SQLite stores it. Statements are bound on the client (psycopg's ClientCursor), as
SQLite binds them: `? IS NULL` needs no declared type. A constraint that refuses a row raises
a subclass of sqlite3.IntegrityError, which the store already handles.

A connection the server or the network dropped (a server restarted overnight, a laptop that
slept) is opened again at the next statement outside a transaction, and a read it broke is
read again; a transaction it broke has failed whole and says so (OfficeConnectionLost), so the
officer's save is refused, not half written, and works when tried again.
"""

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal

import psycopg
from psycopg import ClientCursor, pq
from psycopg.adapt import Loader
from psycopg.types.numeric import Int8Dumper

from jimo_desktop.store.engine import (
    POSTGRESQL,
    OfficeBusy,
    OfficeConnectionLost,
    postgresql_statement,
)

SCHEMA_VERSION_TABLE = "jimo_schema_version"
# How long a statement waits for rows a colleague's transaction holds (an import of a whole
# 区位's projects takes seconds) before it gives up and says so, instead of a window that hangs
# until the officer kills it and loses the typing; and how long a connection may sit inside a
# transaction doing nothing before the server ends it and frees what it holds.
LOCK_WAIT_SECONDS = 20
IDLE_IN_TRANSACTION = "10min"


class OfficeReadOnlyError(sqlite3.OperationalError):
    """A write the office database refused to this role (a leader's SELECT only): it reads as
    SQLite's own refusal to write a read-only file, so every caller that answers one answers
    both."""


class OfficeIntegrityError(sqlite3.IntegrityError):
    """A row the office database's constraints refuse (unique, foreign key, check)."""


class _BoolAsInteger(Int8Dumper):
    def dump(self, obj) -> bytes:
        return b"1" if obj else b"0"


class _NumericAsSqlite(Loader):
    """numeric (SUM, AVG of integers) as SQLite returns it: int when whole, else float."""

    def load(self, data) -> int | float:
        value = Decimal(bytes(data).decode())
        return int(value) if value == value.to_integral_value() else float(value)


class _BooleanAsInteger(Loader):
    def load(self, data) -> int:
        return 1 if bytes(data) == b"t" else 0


class _Cursor:
    """A query's rows as sqlite3's cursor gives them (an INSERT has none, not an error)."""

    def __init__(self, cursor: psycopg.Cursor):
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self):
        return self._cursor.description

    def fetchone(self):
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list:
        return self._cursor.fetchall() if self._cursor.description else []

    def fetchmany(self, size: int) -> list:
        return self._cursor.fetchmany(size) if self._cursor.description else []

    def __iter__(self) -> Iterator:
        return iter(self._cursor) if self._cursor.description else iter(())


def connect(address: str) -> psycopg.Connection:
    """A connection to the office database (password from ~/.pgpass or PGPASSWORD, as libpq
    finds it; the program never stores one)."""
    connection = psycopg.connect(
        address, autocommit=True, cursor_factory=ClientCursor, application_name="jimo-desktop"
    )
    connection.adapters.register_dumper(bool, _BoolAsInteger)
    connection.adapters.register_loader("numeric", _NumericAsSqlite)
    connection.adapters.register_loader("bool", _BooleanAsInteger)
    connection.execute("SET TIME ZONE 'Asia/Shanghai'")
    connection.execute(f"SET lock_timeout = '{LOCK_WAIT_SECONDS}s'")
    connection.execute(f"SET idle_in_transaction_session_timeout = '{IDLE_IN_TRANSACTION}'")
    return connection


class OfficeDatabase:
    """What the store uses of sqlite-utils' Database, on the office database."""

    engine = POSTGRESQL

    def __init__(self, connection: psycopg.Connection, address: str):
        self._connection = connection
        self.address = address
        self._session: list[str] = []  # settings a new connection is given again
        self._transactions = 0  # atomic blocks open: no reconnecting inside one
        self.signed_in = connection.info.user
        # A role given SELECT only (a leader's): the program shows 只读 and writes nothing.
        self.read_only = not self.execute(
            "SELECT to_regclass('projects') IS NULL"
            " OR has_table_privilege('projects', 'INSERT, UPDATE')"
        ).fetchone()[0]
        self.tables_with_id: dict[str, bool] = {}

    # sqlite-utils keeps the DB-API connection as .conn; the store calls executemany,
    # rollback and close on it, which this object answers itself.
    @property
    def conn(self) -> "OfficeDatabase":
        return self

    @property
    def in_transaction(self) -> bool:
        return self._connection.info.transaction_status != pq.TransactionStatus.IDLE

    @property
    def raw(self) -> psycopg.Connection:
        return self._connection

    def keep_setting(self, statement: str) -> None:
        """A session setting (SET …) that holds on every connection this object opens."""
        self.execute(statement)
        self._session.append(statement)

    def execute(self, sql: str, parameters: Sequence | Mapping = ()) -> _Cursor:
        rereadable = self._transactions == 0 and sql.lstrip()[:6].upper() in ("SELECT", "WITH")
        try:
            return self._execute(sql, parameters)
        except OfficeConnectionLost:
            if not rereadable:
                raise
            return self._execute(sql, parameters)

    def _execute(self, sql: str, parameters: Sequence | Mapping) -> _Cursor:
        cursor = self._usable().cursor()
        with _as_sqlite_errors():
            cursor.execute(postgresql_statement(sql), _bound(parameters))
        return _Cursor(cursor)

    def _usable(self) -> psycopg.Connection:
        """The connection, opened again if it was dropped while no transaction was open."""
        if self._connection.closed and self._transactions == 0:
            with _as_sqlite_errors():
                self._connection = connect(self.address)
            for statement in self._session:
                self._connection.execute(statement)
        return self._connection

    def executemany(self, sql: str, rows: Iterable[Sequence | Mapping]) -> None:
        rows = [_bound(row) for row in rows]
        if not rows:
            return
        insert = _PLAIN_INSERT.fullmatch(sql)
        if insert and len(rows) > 1 and all(map(_as_json_row, rows)):
            self._insert_as_json(insert.group(1), insert.group(2).split(", "), rows)
            return
        with _as_sqlite_errors(), self._usable().cursor() as cursor:
            if len(rows) == 1:  # a pipeline costs more than it saves for one row
                cursor.execute(postgresql_statement(sql), rows[0])
            else:
                cursor.executemany(postgresql_statement(sql), rows)

    def _insert_as_json(self, table: str, columns: list[str], rows: list[Sequence]) -> None:
        """Rows of a plain INSERT in one statement, as a JSON list: an executemany runs a
        statement a row on the server (an import's 500 projects were 500 statements)."""
        records = [dict(zip(columns, map(_json_value, row), strict=True)) for row in rows]
        listed = ", ".join(columns)
        self.execute(
            f"INSERT INTO {table} ({listed}) SELECT {listed} FROM json_populate_recordset("
            f"NULL::{table}, CAST(? AS json)) WITH ORDINALITY AS r ORDER BY r.ordinality",
            [json.dumps(records, ensure_ascii=False)],
        )

    def executescript(self, script: str) -> None:
        """Run statements as written (DDL, no placeholders)."""
        with _as_sqlite_errors():
            self._usable().execute(script.encode("utf-8"))

    @contextmanager
    def atomic(self) -> Iterator["OfficeDatabase"]:
        with _as_sqlite_errors(), self._usable().transaction():
            self._transactions += 1
            try:
                yield self
            finally:
                self._transactions -= 1

    def set_progress_handler(self, handler, steps: int) -> None:
        """SQLite's way to stop a long read; the office database's reads run to their end
        (the server does the work), so there is nothing to ask."""

    def rollback(self) -> None:
        if not self._connection.closed:
            self._connection.rollback()

    def close(self) -> None:
        self._connection.close()

    def schema_version(self) -> int:
        exists = self.execute("SELECT to_regclass(?) IS NOT NULL", [SCHEMA_VERSION_TABLE])
        if not exists.fetchone()[0]:
            return 0
        row = self.execute(f"SELECT MAX(version) FROM {SCHEMA_VERSION_TABLE}").fetchone()
        return row[0] or 0

    def __getitem__(self, table: str) -> "_Table":
        return _Table(self, table)


class _Table:
    """sqlite-utils' table methods the store uses, by a single-column key `id` unless named."""

    def __init__(self, db: OfficeDatabase, name: str):
        self._db = db
        self.name = name
        self.last_pk = None

    def insert(self, row: Mapping[str, object]) -> "_Table":
        columns = list(row)
        returning = " RETURNING id" if self._has_id() else ""
        cursor = self._db.execute(
            f"INSERT INTO {self.name} ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))}){returning}",
            list(row.values()),
        )
        self.last_pk = cursor.fetchone()[0] if returning else None
        return self

    def insert_all(self, rows: Iterable[Mapping[str, object]]) -> "_Table":
        rows = list(rows)
        if rows:
            columns = list(rows[0])
            self._db.executemany(
                f"INSERT INTO {self.name} ({', '.join(columns)})"
                f" VALUES ({', '.join('?' * len(columns))})",
                [[row[column] for column in columns] for row in rows],
            )
        return self

    def upsert(self, row: Mapping[str, object], pk: str) -> "_Table":
        columns = list(row)
        others = [column for column in columns if column != pk]
        action = (
            "DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in others)
            if others
            else "DO NOTHING"
        )
        self._db.execute(
            f"INSERT INTO {self.name} ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))}) ON CONFLICT ({pk}) {action}",
            list(row.values()),
        )
        return self

    def update(self, key: object, values: Mapping[str, object]) -> "_Table":
        assignments = ", ".join(f"{column} = ?" for column in values)
        self._db.execute(
            f"UPDATE {self.name} SET {assignments} WHERE id = ?", [*values.values(), key]
        )
        return self

    def get(self, key: object) -> dict[str, object]:
        cursor = self._db.execute(f"SELECT * FROM {self.name} WHERE id = ?", [key])
        row = cursor.fetchone()
        if row is None:
            raise LookupError(f"{self.name} {key}")
        names = [column.name for column in cursor.description]
        return {name: value for name, value in zip(names, row, strict=True) if name != "rowid"}

    def delete(self, key: object) -> "_Table":
        self._db.execute(f"DELETE FROM {self.name} WHERE id = ?", [key])
        return self

    def _has_id(self) -> bool:
        known = self._db.tables_with_id
        if self.name not in known:
            known[self.name] = bool(
                self._db.execute(
                    "SELECT 1 FROM information_schema.columns WHERE table_schema ="
                    " current_schema() AND table_name = ? AND column_name = 'id'",
                    [self.name],
                ).fetchone()
            )
        return known[self.name]


# An INSERT of one row of placeholders, which executemany may send as one JSON statement.
_PLAIN_INSERT = re.compile(r"INSERT INTO (\w+) \((\w+(?:, \w+)*)\) VALUES \(\?(?:, \?)*\)")
_JSON_TYPES = (str, int, float, type(None))  # bool is an int


def _as_json_row(row: Sequence | Mapping) -> bool:
    """Whether a row's values say the same in JSON (bytes, dates and the like do not)."""
    return not isinstance(row, Mapping) and all(isinstance(v, _JSON_TYPES) for v in row)


def _json_value(value: object) -> object:
    return int(value) if isinstance(value, bool) else value  # stored as 0/1, as SQLite does


def _bound(parameters: Sequence | Mapping | None) -> Sequence | Mapping:
    if parameters is None:
        return ()
    if isinstance(parameters, Mapping):
        return parameters
    return tuple(parameters)


@contextmanager
def _as_sqlite_errors() -> Iterator[None]:
    try:
        yield
    except psycopg.errors.IntegrityError as error:
        raise OfficeIntegrityError(str(error)) from error
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction) as error:
        raise OfficeReadOnlyError(f"attempt to write a readonly database ({error})") from error
    except psycopg.errors.LockNotAvailable as error:
        raise OfficeBusy(
            "办公室数据库中的这些记录正由另一位同事保存或导入，"
            f"等了 {LOCK_WAIT_SECONDS} 秒仍未完成，这次修改没有保存"
        ) from error
    except psycopg.OperationalError as error:
        if not _is_connection_lost(error):
            raise
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise OfficeConnectionLost(f"与办公室数据库的连接中断了（{first}）") from error


# The connection itself failed (no SQLSTATE: the socket; class 08: connection exceptions;
# 57P01-57P03: the server shutting down or not yet up), as against a statement the server refused.
_CONNECTION_STATES = ("57P01", "57P02", "57P03")


def _is_connection_lost(error: psycopg.OperationalError) -> bool:
    state = error.sqlstate
    return state is None or state.startswith("08") or state in _CONNECTION_STATES
