"""Ways to spoil a field package, for the fuzzer: its zip, its manifest, the rows of its database.

Each mutation takes a random source and a `Parts` (the manifest and the entries' bytes) and
changes them; the zip mutations work on the finished file's bytes. The values are the classes
of trouble a package can bring: paths of every shape, hex that is almost a checksum, stages
and dates that are none, references to nothing, missing tables and columns, huge sizes.
"""

import contextlib
import json
import random
import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass

from tests.unit.package_forgery import DATA, changed_database, facts

TABLES = (
    "units", "industries", "problem_categories", "settings", "projects", "project_years",
    "problems", "milestones", "work_logs", "progress_reports", "inspections",
    "inspection_projects", "inspection_points", "photo_files", "photos", "sync_base",
)  # fmt: skip
PATHS = (
    "../../../../outside/pwned.sh", "..\\..\\..\\outside\\pwned.sh", "C:\\Windows\\pwned.dll",
    "C:pwned", "/etc/passwd", "//server/share/x", "originals/../../x.jpg", "originals\\..\\x.jpg",
    "originals/" + "a" * 64 + ".jpg/../../x", "\\\\?\\C:\\x", "CON", "aux.jpg", "x\x00.jpg",
    "originals/" + "a" * 63 + ".jpg", "originals/" + "A" * 64 + ".JPG", "originals/", "/",
    "originals/" + "a" * 64 + ".exe", "originals/" + "a" * 64, "data.sqlite3/../x",
)  # fmt: skip
# Out of the photos folder (as an extension) or the unpacked folder (as a checksum) to the
# sandbox's secret file, from where either version of the program puts them.
CLIMBS = (
    "/../../../../outside/pwned.sh", "/../../../../../outside/pwned.sh", "../../../secret",
    "../../../../secret", "../../../../../secret",
)  # fmt: skip
TEXTS = (
    "", " ", "bogus", "planning", "2020-13", "2020-02-30", "昨天", "9999-99-99", "0000-00-00",
    "a" * 64, "g" * 64, "../x", ".jpg", ".JPG", ".exe", "{}", "[1]", "null", "<b>加粗</b>",
    "'; DROP TABLE projects; --", "\u202e反转", "𠀀𠀁", "\n换行\n", "1e309", "NaN",
    "00000000-0000-0000-0000-000000000000", "not-a-uuid",
)  # fmt: skip
VALUES = (
    None, 0, -1, 1, 2**63 - 1, -(2**63), 1.5, float("inf"), b"", b"\x00\xff\xfe",
    b"\xff\xd8\xff" + bytes(64), b"MZ\x90\x00",
)  # fmt: skip
BASES = (
    "{not json", "[1, 2]", "null", "5", '{"stage": "bogus"}', '{"project_id": "../x"}',
    '{"projects": 5}', '{"name": 5}', '{"deleted_at": "昨天"}', '{"unknown_column": 1}',
    "[" * 5000 + "]" * 5000, '{"total_investment": "很多"}', '{"projects": ["../x"]}',
)  # fmt: skip
LIMITS = (-1, 0, 1, 2**31, 2**40, 10**18, 2**64)


@dataclass
class Parts:
    manifest: dict
    contents: dict[str, bytes]
    manifest_bytes: bytes | None = None  # when set, written instead of the manifest
    rehash: bool = True  # record the entries' new checksums, so a change reaches the reader


def hostile_value(rng: random.Random) -> object:
    pick = rng.random()
    if pick < 0.3:
        return rng.choice(PATHS)
    if pick < 0.6:
        return rng.choice(TEXTS)
    if pick < 0.95:
        return rng.choice(VALUES)
    return "长" * rng.choice((100_001, 2_000_000))


# --- rows of the package's database ---------------------------------------------------------


def _columns(data: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in data.execute(f"PRAGMA table_info({table})")]


def _some_row(data: sqlite3.Connection, table: str, rng: random.Random) -> int | None:
    rows = [row[0] for row in data.execute(f"SELECT rowid FROM {table}")]
    return rng.choice(rows) if rows else None


def set_value(rng: random.Random, data: sqlite3.Connection) -> None:
    table = rng.choice(TABLES)
    columns, row = _columns(data, table), _some_row(data, table, rng)
    if columns and row is not None:
        column = rng.choice(columns)
        data.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [hostile_value(rng), row])


def photo_names(rng: random.Random, data: sqlite3.Connection) -> None:
    column = rng.choice(("sha256", "extension"))
    value = rng.choice((*PATHS, *CLIMBS, "a" * 64, ".jpg/../../x", ".JPG"))
    data.execute(f"UPDATE photo_files SET {column} = ?", [value])
    if column == "sha256" and rng.random() < 0.7:
        data.execute("UPDATE photos SET file_sha256 = ?", [value])


def dangling(rng: random.Random, data: sqlite3.Connection) -> None:
    table, column = rng.choice(
        (("problems", "project_id"), ("milestones", "project_id"), ("photos", "inspection_id"),
         ("inspection_points", "inspection_id"), ("inspection_projects", "project_id"),
         ("projects", "unit_id"), ("problems", "category_id"), ("problems", "dispatch_id"),
         ("photos", "file_sha256"), ("project_years", "project_id"))
    )  # fmt: skip
    target = rng.choice((99_999, -1, 0, "../x", "c" * 64))
    data.execute(f"UPDATE {table} SET {column} = ?", [target])


def delete_rows(rng: random.Random, data: sqlite3.Connection) -> None:
    table = rng.choice(TABLES)
    row = _some_row(data, table, rng)
    data.execute(f"DELETE FROM {table} WHERE rowid = ?", [row])


def drop_table(rng: random.Random, data: sqlite3.Connection) -> None:
    data.execute(f"DROP TABLE {rng.choice(TABLES)}")


def drop_column(rng: random.Random, data: sqlite3.Connection) -> None:
    table = rng.choice(TABLES)
    column = rng.choice(_columns(data, table))
    try:
        data.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    except sqlite3.OperationalError:  # a key column: SQLite will not drop it
        data.execute(f"ALTER TABLE {table} RENAME COLUMN {column} TO renamed_{column}")


def view_instead(rng: random.Random, data: sqlite3.Connection) -> None:
    table = rng.choice(TABLES)
    data.execute(f"DROP TABLE {table}")
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"
    data.execute(f"CREATE VIEW {table} AS {rng.choice((endless, 'SELECT 1 AS id'))}")


def strip_checks(rng: random.Random, data: sqlite3.Connection) -> None:
    """The projects table rebuilt without its constraints, holding a stage that is none."""
    data.execute("CREATE TABLE loose AS SELECT * FROM projects")
    data.execute("DROP TABLE projects")
    data.execute("ALTER TABLE loose RENAME TO projects")
    data.execute("UPDATE projects SET stage = ?", [rng.choice(("bogus", "", None, 7))])


def schema_version(rng: random.Random, data: sqlite3.Connection) -> None:
    data.execute(f"PRAGMA user_version = {rng.choice((0, 1, 2, 3, 4, 5, 999, 2**31 - 1))}")


def bases(rng: random.Random, data: sqlite3.Connection) -> None:
    row = _some_row(data, "sync_base", rng)
    data.execute("UPDATE sync_base SET content = ? WHERE rowid = ?", [rng.choice(BASES), row])
    if rng.random() < 0.3:
        data.execute("UPDATE sync_base SET table_name = ? WHERE rowid = ?", ["audit_log", row])


def trigger(rng: random.Random, data: sqlite3.Connection) -> None:
    data.execute(
        "CREATE TRIGGER spoil AFTER INSERT ON units BEGIN DELETE FROM projects; END"
        if rng.random() < 0.5
        else "CREATE TABLE extra_table (x)"
    )


ROW_MUTATIONS = (
    set_value, set_value, set_value, photo_names, dangling, delete_rows, drop_table,
    drop_column, view_instead, strip_checks, schema_version, bases, trigger,
)  # fmt: skip


def rows(rng: random.Random, parts: Parts) -> None:
    mutation = rng.choice(ROW_MUTATIONS)

    def spoil(data: sqlite3.Connection) -> None:
        with contextlib.suppress(sqlite3.Error):  # a change SQLite itself refuses to make
            mutation(rng, data)

    parts.contents[DATA] = changed_database(parts.contents[DATA], spoil)
    parts.rehash = rng.random() < 0.85


# --- the manifest -----------------------------------------------------------------------------


def manifest_value(rng: random.Random, parts: Parts) -> None:
    key = rng.choice((*parts.manifest, "database_id", "home_database_id"))
    if rng.random() < 0.3:
        parts.manifest.pop(key, None)
    else:
        parts.manifest[key] = rng.choice((hostile_value(rng), [], {}, {"x": 1}, *LIMITS))
    parts.rehash = False


def manifest_files(rng: random.Random, parts: Parts) -> None:
    files = parts.manifest.get("files")
    if not isinstance(files, dict) or not files:
        return
    name = rng.choice(list(files))
    entry = files[name] if isinstance(files[name], dict) else {}
    choice = rng.random()
    if choice < 0.4:
        files[name] = dict(entry, size=rng.choice(LIMITS))
    elif choice < 0.6:
        files[name] = dict(entry, sha256=rng.choice(TEXTS))
    elif choice < 0.8:
        files[rng.choice(PATHS)] = files.pop(name)
    else:
        files[name] = hostile_value(rng)
    parts.rehash = False


def manifest_bytes(rng: random.Random, parts: Parts) -> None:
    text = json.dumps(parts.manifest, ensure_ascii=False).encode()
    parts.manifest_bytes = rng.choice(
        (text[: rng.randrange(len(text))], b"[" * 200_000 + b"]" * 200_000, b"\xff\xfe\x00",
         text.replace(b'"files"', b'"files":{},"x"'), b"", b" " * (17 << 20))
    )  # fmt: skip


def identity(rng: random.Random, parts: Parts) -> None:
    key = rng.choice(("database_id", "home_database_id"))
    parts.manifest[key] = rng.choice(("11111111-2222-3333-4444-555555555555", None, "../../x", 5))
    parts.rehash = False


# --- entries ------------------------------------------------------------------------------------


def extra_entry(rng: random.Random, parts: Parts) -> None:
    name = rng.choice(PATHS)
    data = rng.choice((b"#!/bin/sh\necho pwned\n", bytes(1 << 20)))
    parts.contents[name] = data
    if rng.random() < 0.7 and isinstance(parts.manifest.get("files"), dict):
        parts.manifest["files"][name] = facts(data)
    parts.rehash = False


def original_bytes(rng: random.Random, parts: Parts) -> None:
    name = rng.choice(list(parts.contents))
    parts.contents[name] = rng.choice((b"", b"other bytes", parts.contents[name][:100]))
    parts.rehash = rng.random() < 0.5


def stray_original(rng: random.Random, parts: Parts) -> None:
    """An original with a perfect name and checksum that no photo row names."""
    data = b"\xff\xd8\xff" + rng.randbytes(200)
    name = f"originals/{facts(data)['sha256']}.jpg"
    parts.contents[name] = data
    parts.rehash = True


MANIFEST_MUTATIONS = (manifest_value, manifest_files, manifest_bytes, identity)
ENTRY_MUTATIONS = (extra_entry, original_bytes, stray_original)


# --- the finished zip's bytes -------------------------------------------------------------------


def cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def flip(rng: random.Random, data: bytes) -> bytes:
    spoiled = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        spoiled[rng.randrange(len(spoiled))] ^= 1 << rng.randrange(8)
    return bytes(spoiled)


def central_directory(rng: random.Random, data: bytes) -> bytes:
    """An entry's header made to lie: its size, its flags (encrypted), its compression."""
    found = [i for i in range(len(data) - 4) if data.startswith(b"PK\x01\x02", i)]
    if not found:
        return data
    at = rng.choice(found)
    field, value = rng.choice(
        ((24, struct.pack("<I", 0xFFFFFFF0)), (24, struct.pack("<I", 1)), (8, b"\x01\x00"),
         (10, b"\x63\x00"), (20, struct.pack("<I", 0xFFFFFFF0)))
    )  # fmt: skip
    return data[: at + field] + value + data[at + field + len(value) :]


BYTE_MUTATIONS = (cut, flip, central_directory)
Mutation = Callable[[random.Random, Parts], None]
