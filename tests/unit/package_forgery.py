"""Forged field packages: a real package taken apart, changed as an attacker would, put back.

`forge` rewrites rows of the package's database (with SQLite's own checks switched off, as a
hand-made file would have them), adds or replaces entries and edits the manifest; by default
it then records the new checksums and sizes in the manifest, so the forgery passes the
checksum test and reaches whatever reads the package next.
"""

import hashlib
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from jimo_desktop.store.database import migrations

MANIFEST = "manifest.json"
DATA = "data.sqlite3"


def entries_of(package: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        entries = {name: archive.read(name) for name in archive.namelist() if name != MANIFEST}
    return manifest, entries


def changed_database(data: bytes, change: Callable[[sqlite3.Connection], None]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / DATA
        path.write_bytes(data)
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA ignore_check_constraints = ON")
        change(connection)
        connection.commit()
        connection.close()
        return path.read_bytes()


def facts(data: bytes) -> dict[str, object]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def forge(
    source: Path,
    target: Path,
    *,
    change_data: Callable[[sqlite3.Connection], None] | None = None,
    entries: dict[str, bytes] | None = None,
    change_manifest: Callable[[dict], None] | None = None,
    rehash: bool = True,
) -> Path:
    manifest, contents = entries_of(source)
    if change_data is not None:
        contents[DATA] = changed_database(contents[DATA], change_data)
    contents.update(entries or {})
    if rehash:
        manifest["files"] = {name: facts(data) for name, data in contents.items()}
    if change_manifest is not None:
        change_manifest(manifest)
    write_package(target, json.dumps(manifest, ensure_ascii=False).encode(), contents)
    return target


def write_package(target: Path, manifest: bytes, contents: dict[str, bytes]) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        for name, data in contents.items():
            archive.writestr(name, data)


def as_older_version(data: sqlite3.Connection, version: int) -> None:
    """The package's database as the program at schema `version` wrote it: the tables and
    columns of that version, whatever later migrations added, moved or dropped."""
    reference = sqlite3.connect(":memory:")
    for number, script in migrations():
        if number <= version:
            reference.executescript(script.read_text(encoding="utf-8"))
    wanted = {
        table: reference.execute(f"PRAGMA table_info({table})").fetchall()
        for (table,) in reference.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    reference.close()
    for (table,) in data.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if table not in wanted:
            data.execute(f"DROP TABLE {table}")
    for table, columns in wanted.items():
        present = {row[1] for row in data.execute(f"PRAGMA table_info({table})")}
        for _, column, declared, *_ in columns:
            if column not in present:
                data.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declared}")
    data.execute(f"PRAGMA user_version = {version}")


def photo_sha256(package: Path) -> str:
    """The one original a package carries."""
    _, contents = entries_of(package)
    (name,) = [name for name in contents if name.startswith("originals/")]
    return name.removeprefix("originals/").split(".")[0]
