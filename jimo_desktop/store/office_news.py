"""What other officers saved on the office database, as they commit it (LISTEN/NOTIFY).

Every change of officers' data writes audit lines, and on the office database each committed
transaction that wrote some announces the tables it changed (db/postgresql/0005_changes.sql).
A window listens on a connection of its own and asks, a few times a second, whether anything
came; what its own connection announced is left out. The embedded file has one writer: there
is nothing to hear.

A listening connection the server or the network dropped is opened again, at most every few
seconds; what was announced while it was down was not heard, so the first answer after it is
every table, and each open page reads its data again.
"""

import time

from sqlite_utils import Database

from jimo_desktop.store import engine

CHANNEL = "jimo_changes"
RETRY_SECONDS = 5.0


class OfficeNews:
    def __init__(self, db: Database):
        self._db = db
        self._connection = None
        self._next_try = 0.0
        self._listen()

    @property
    def connected(self) -> bool:
        return self._connection is not None

    def tables_changed(self) -> set[str]:
        """The tables others changed since the last call (never waits long): every table
        once the connection is back after a drop."""
        import psycopg

        if self._connection is None:
            return self._every_table() if self._listen() else set()
        own = self._own_pid()
        try:
            return {
                notice.payload
                for notice in self._connection.notifies(timeout=0)
                if notice.pid != own
            }
        except psycopg.OperationalError:
            self._drop()
            return set()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    def _listen(self) -> bool:
        import psycopg

        from jimo_desktop.store import postgresql

        if time.monotonic() < self._next_try:
            return False
        try:
            self._connection = postgresql.connect(self._db.address)
            self._connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.OperationalError:
            self._drop()
            return False
        return True

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._next_try = time.monotonic() + RETRY_SECONDS

    def _own_pid(self) -> int | None:
        """The window's own connection, which may itself have been opened again since."""
        raw = self._db.raw
        return None if raw.closed else raw.info.backend_pid

    def _every_table(self) -> set[str]:
        rows = self._db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
        return {row[0] for row in rows}


def listen(db: Database) -> OfficeNews | None:
    """News of `db`'s database, or None for an embedded file."""
    return OfficeNews(db) if engine.is_postgresql(db) else None
