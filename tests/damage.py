"""Damaging a database file on purpose, as a failing disk or a bad copy would."""

import sqlite3
from pathlib import Path

PAGE = 4096


def damage_table(path: Path, table: str = "projects") -> None:
    """Overwrite the first page of `table` past its header; SQLite's checks then fail."""
    connection = sqlite3.connect(path)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table])
    page_number = root.fetchone()[0]
    connection.close()
    with open(path, "r+b") as file:
        file.seek((page_number - 1) * PAGE + 16)
        file.write(b"\xa5" * (PAGE - 32))
