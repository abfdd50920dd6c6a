"""What other officers saved on the office database, as they commit it (LISTEN/NOTIFY).

Every change of officers' data writes audit lines, and on the office database each committed
transaction that wrote some announces the tables it changed (db/postgresql/0005_changes.sql).
A window listens on a connection of its own and asks, a few times a second, whether anything
came; what its own connection announced is left out. The embedded file has one writer: there
is nothing to hear.
"""

from sqlite_utils import Database

from jimo_desktop.store import engine

CHANNEL = "jimo_changes"


class OfficeNews:
    def __init__(self, db: Database):
        from jimo_desktop.store import postgresql

        self._own = db.raw.info.backend_pid
        self._connection = postgresql.connect(db.address)
        self._connection.execute(f"LISTEN {CHANNEL}")

    def tables_changed(self) -> set[str]:
        """The tables others changed since the last call (never waits)."""
        return {
            notice.payload
            for notice in self._connection.notifies(timeout=0)
            if notice.pid != self._own
        }

    def close(self) -> None:
        self._connection.close()


def listen(db: Database) -> OfficeNews | None:
    """News of `db`'s database, or None for an embedded file."""
    return OfficeNews(db) if engine.is_postgresql(db) else None
