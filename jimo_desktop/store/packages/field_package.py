"""外业包: one file that carries projects to a laptop at a site and the field's work back.

A package is a zip file:
  manifest.json         format name and version, origin (office or field), who and when, the
                        identity of the database that made it and of the office database it
                        belongs to (store/safekeeping/database_identity.py), and the SHA-256 and
                        size of every other entry
  data.sqlite3          a complete database of this program's schema holding the chosen
                        projects with their problems, milestones, work log, latest progress
                        report and inspections (photos downsized, no originals), and in table
                        sync_base every row's base: its state when it left the office
  originals/<sha><ext>  originals of the photos taken since the base (a field package's new
                        photos); an office package carries none, the laptop needs no originals

Everything in a package is hostile until checked. A package is checked whole before anything
is used: its zip and manifest, every entry's name, size and checksum
(store/packages/package_unpack.py), unpacked into a private folder beside the database that is
removed afterwards, or at the next package after a crash (store/packages/package_workdir.py); its
database's rows against this program's schema, copied into a fresh database
(store/packages/package_database.py). The laptop opens a package as its database
(`open_as_database`) or merges it; the office merges a field package back
(store/packages/package_merge.py).
"""

import hashlib
import json
import sqlite3
import tempfile
import uuid as uuid_module
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop.safe_files import replacing
from jimo_desktop.store import audit, engine, settings
from jimo_desktop.store.database import latest_version, open_database
from jimo_desktop.store.packages import package_export
from jimo_desktop.store.packages.package_database import checked_copy
from jimo_desktop.store.packages.package_tables import TABLES, PackageError, is_field_database
from jimo_desktop.store.packages.package_unpack import (
    DATA,
    FIELD,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    OFFICE,
    ORIGINALS,
    entry_path,
    original_name,
    shown,
    unpack,
)
from jimo_desktop.store.packages.package_workdir import work_folder
from jimo_desktop.store.safekeeping import database_identity
from jimo_desktop.store.safekeeping.backup import BackupError, copy_database
from jimo_desktop.store.site_visits import photos

SUFFIX = ".jimopkg"
CHECKED = "checked.sqlite3"  # the package's rows, copied after their checks
_BLOCK = 1 << 20


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    origin: str
    rows: dict[str, int]
    originals: int
    size: int


@dataclass
class OpenedPackage:
    """A checked package, unpacked into a private folder for the time of a `with` block."""

    manifest: dict
    folder: Path
    data: Database  # the checked copy of the package's rows
    originals: dict[str, Path]  # sha256 → the unpacked original
    file_name: str

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def origin(self) -> str:
        return self.manifest["origin"]

    def keep_original(self, db: Database, sha256: str, extension: str) -> bool:
        """Keep the original the package carries for this photo file in `db`, if it carries one."""
        original_name(sha256, extension)
        path = self.originals.get(sha256)
        if path is None:
            return False
        photos.keep_original(db, sha256, extension, path.read_bytes())
        return True


def export_package(db: Database, out: Path, project_ids: list[int] | None = None) -> ExportSummary:
    """Write a package of the chosen projects (all when None) to `out`, replacing nothing half.

    From the office database, the package is made from its embedded copy taken in one
    snapshot (store/safekeeping/database_copy.py): a package is an SQLite file, filled by SQLite's
    own copying between attached databases."""
    if engine.is_postgresql(db):
        return _export_from_office(db, out, project_ids)
    out = Path(out)
    chosen = package_export.chosen_projects(db, project_ids)
    identity = _identity(db)
    with tempfile.TemporaryDirectory(prefix="jimo-package-") as folder:
        data_path = Path(folder) / DATA
        _new_database(data_path)
        package_export.copy_rows(db, data_path, chosen)
        origin = FIELD if is_field_database(db) else OFFICE
        package = open_database(data_path)
        try:
            rows, new_photos = package_export.record_bases(db, package, origin == FIELD)
        finally:
            package.conn.close()
        entries = {DATA: data_path}
        for sha256, extension in new_photos:
            data = photos.original_bytes(db, sha256)
            if data is not None:
                entry = Path(folder) / original_name(sha256, extension)
                entry.write_bytes(data)
                entries[f"{ORIGINALS}/{entry.name}"] = entry
        manifest = _manifest(db, origin, rows, entries) | identity
        _write_zip(out, manifest, entries)
    return ExportSummary(out, origin, rows, len(entries) - 1, out.stat().st_size)


def _export_from_office(db: Database, out: Path, project_ids: list[int] | None) -> ExportSummary:
    from jimo_desktop.store.safekeeping.database_copy import copy_between

    package_export.chosen_projects(db, project_ids)  # refused before anything is copied
    database_identity.own(db)  # made here, not in the copy, the first time it is asked for
    with tempfile.TemporaryDirectory(prefix="jimo-office-") as folder:
        snapshot = open_database(Path(folder) / "office.sqlite3")
        try:
            copy_between(db, snapshot)
            return export_package(snapshot, out, project_ids)
        finally:
            snapshot.close()


def _new_database(path: Path) -> None:
    """An empty database of the current schema, in one file (no write-ahead log beside it)."""
    db = open_database(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()


def _manifest(db: Database, origin: str, rows: dict[str, int], entries: dict[str, Path]) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "package_id": str(uuid_module.uuid4()),
        "origin": origin,
        "created_at": audit.now_stamp(),
        "created_by": settings.officer(db),
        "business_date": settings.today(db).isoformat(),
        "schema_version": latest_version(),
        "rows": rows,
        "files": {name: _facts(path) for name, path in entries.items()},
    }


def _identity(db: Database) -> dict[str, str | None]:
    try:
        return database_identity.carried(db)
    except sqlite3.OperationalError as error:
        raise PackageError(
            "数据库以只读方式打开，无法记下本数据库的标识；请在可写的窗口中导出外业包"
        ) from error


def _facts(path: Path) -> dict[str, object]:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while block := source.read(_BLOCK):
            digest.update(block)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _write_zip(out: Path, manifest: dict, entries: dict[str, Path]) -> None:
    """Written whole or not at all (safe_files): no half package is left."""
    try:
        with replacing(out) as partial, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, path in entries.items():
                zf.write(path, name)
    except OSError as error:
        raise PackageError(f"无法写入外业包：{error}") from error


@contextmanager
def opened_package(path: Path, database: Path) -> Iterator[OpenedPackage]:
    """Check the package and unpack it beside `database` (the file it is merged into or made
    into); raises PackageError before anything is used."""
    path = Path(path)
    with work_folder(database) as folder:
        manifest = unpack(path, folder)
        data = checked_copy(folder / DATA, folder / CHECKED)
        try:
            originals = _originals(data, folder, manifest)
            yield OpenedPackage(manifest, folder, data, originals, path.name)
        finally:
            data.conn.close()


def _originals(data: Database, folder: Path, manifest: dict) -> dict[str, Path]:
    """Each unpacked original, which must be the original of a photo file the package holds."""
    files = dict(data.execute("SELECT sha256, extension FROM photo_files").fetchall())
    found = {}
    for name in manifest["files"]:
        if name == DATA:
            continue
        path = entry_path(folder, name)
        sha256 = path.name.partition(".")[0]
        if sha256 not in files:
            raise PackageError(f"外业包中的照片原件 {shown(name)} 没有对应的照片，可能被改动过")
        found[sha256] = path
    return found


def open_as_database(package: Path, target: Path) -> ExportSummary:
    """Make the laptop's database from a package: its rows, their base, the photos it carries."""
    target = Path(target)
    if target.exists() and target.stat().st_size > 0:
        raise PackageError(f"{target} 已存在；外业包只能生成新的数据库文件")
    with opened_package(package, target) as opened:
        try:
            copy_database(opened.data.conn, target)
        except BackupError as error:
            raise PackageError(str(error)) from error
        db = open_database(target)
        try:
            database_identity.settle_from(db, opened.manifest)
            rows = row_counts(db)
            files = db.execute("SELECT sha256, extension FROM photo_files").fetchall()
            originals = sum(opened.keep_original(db, *file) for file in files)
        finally:
            db.conn.close()
    return ExportSummary(target, opened.origin, rows, originals, target.stat().st_size)


def row_counts(db: Database) -> dict[str, int]:
    return {
        spec.name: db.execute(f"SELECT COUNT(*) FROM {spec.name}").fetchone()[0] for spec in TABLES
    }


def default_name(db: Database, project_count: int) -> str:
    return f"外业包-{settings.today(db).strftime('%Y%m%d')}-{project_count}个项目{SUFFIX}"
