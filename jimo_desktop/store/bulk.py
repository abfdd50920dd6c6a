"""Many rows in one statement: sqlite-utils' insert_all costs ten times one executemany."""

from collections.abc import Mapping, Sequence

from sqlite_utils import Database


def insert_rows(db: Database, table: str, rows: Sequence[Mapping[str, object]]) -> None:
    """Insert dict rows (any mix of keys; a missing key is NULL) in one executemany."""
    if not rows:
        return
    columns = list(dict.fromkeys(column for row in rows for column in row))
    placeholders = ", ".join("?" * len(columns))
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
        [tuple(row.get(column) for column in columns) for row in rows],
    )
