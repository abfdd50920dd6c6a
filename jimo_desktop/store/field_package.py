"""外业包: one file that carries projects to a laptop at a site and the field's work back.

A package is a zip file:
  manifest.json         format name and version, origin (office or field), who and when, and
                        the SHA-256 and size of every other entry
  data.sqlite3          a complete database of this program's schema holding the chosen
                        projects with their problems, milestones, work log, latest progress
                        report and inspections (photos downsized, no originals), and in table
                        sync_base every row's base: its state when it left the office
  originals/<sha><ext>  originals of the photos taken since the base (a field package's new
                        photos); an office package carries none, the laptop needs no originals

A package is checked whole (entries against the manifest, checksums, the zip's own CRCs, the
database's schema version) before anything is read from it. The laptop opens a package as its
database (`open_as_database`) or merges it; the office merges a field package back
(store/package_merge.py).
"""

import hashlib
import json
import sqlite3
import tempfile
import uuid as uuid_module
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlite_utils import Database

from jimo_desktop.safe_files import replacing
from jimo_desktop.store import audit, package_export, photos, settings
from jimo_desktop.store.backup import BackupError, copy_database
from jimo_desktop.store.database import DatabaseError, latest_version, open_database
from jimo_desktop.store.package_tables import PackageError, is_field_database

FORMAT = "jimo-field-package"
FORMAT_VERSION = 1
FIRST_SCHEMA_WITH_PACKAGES = 3
MANIFEST = "manifest.json"
DATA = "data.sqlite3"
ORIGINALS = "originals"
SUFFIX = ".jimopkg"
OFFICE, FIELD = "office", "field"
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
    """A checked package, unpacked into a temporary folder for the time of a `with` block."""

    manifest: dict
    folder: Path
    data: Database

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def origin(self) -> str:
        return self.manifest["origin"]

    def original(self, sha256: str) -> bytes | None:
        found = list((self.folder / ORIGINALS).glob(f"{sha256}.*"))
        return found[0].read_bytes() if found else None


def export_package(db: Database, out: Path, project_ids: list[int] | None = None) -> ExportSummary:
    """Write a package of the chosen projects (all when None) to `out`, replacing nothing half."""
    out = Path(out)
    chosen = package_export.chosen_projects(db, project_ids)
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
                entry = Path(folder) / f"{sha256}{extension}"
                entry.write_bytes(data)
                entries[f"{ORIGINALS}/{entry.name}"] = entry
        manifest = _manifest(db, origin, rows, entries)
        _write_zip(out, manifest, entries)
    return ExportSummary(out, origin, rows, len(entries) - 1, out.stat().st_size)


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
def opened_package(path: Path) -> Iterator[OpenedPackage]:
    """Check the package and unpack it; raises PackageError before anything is used."""
    with tempfile.TemporaryDirectory(prefix="jimo-package-") as folder:
        manifest = _checked_unpack(Path(path), Path(folder))
        data = _open_data(Path(folder) / DATA)
        try:
            yield OpenedPackage(manifest, Path(folder), data)
        finally:
            data.conn.close()


def _checked_unpack(path: Path, folder: Path) -> dict:
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise PackageError(f"找不到外业包 {path}") from error
    except (zipfile.BadZipFile, OSError) as error:
        raise PackageError(f"{path.name} 不是完整的外业包：文件已损坏或不完整") from error
    with archive:
        manifest = _checked_manifest(archive, path.name)
        listed = manifest["files"]
        if set(archive.namelist()) - {MANIFEST} != set(listed) or DATA not in listed:
            raise PackageError(f"{path.name} 的内容与清单不符，可能被改动过")
        for name, facts in listed.items():
            _unpack_entry(archive, name, facts, folder)
    return manifest


def _checked_manifest(archive: zipfile.ZipFile, file_name: str) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise PackageError(f"{file_name} 不是外业包：缺少可读的清单") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(f"{file_name} 不是本程序的外业包")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise PackageError(
            f"{file_name} 的格式版本为 {version}，本程序只能读取第 {FORMAT_VERSION} 版；"
            "请用相同版本的程序导出"
        )
    if manifest.get("origin") not in (OFFICE, FIELD) or not isinstance(manifest.get("files"), dict):
        raise PackageError(f"{file_name} 的清单不完整")
    return manifest


def _unpack_entry(archive: zipfile.ZipFile, name: str, facts: dict, folder: Path) -> None:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise PackageError(f"外业包含有不安全的文件名：{name}")
    target = folder.joinpath(*relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with archive.open(name) as source, target.open("wb") as copy:
            while block := source.read(_BLOCK):
                digest.update(block)
                copy.write(block)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise PackageError(f"外业包中的 {name} 已损坏或不完整") from error
    if digest.hexdigest() != facts.get("sha256") or target.stat().st_size != facts.get("size"):
        raise PackageError(f"外业包校验失败：{name} 与清单记录的校验值不符，可能被改动过")


def _open_data(path: Path) -> Database:
    try:
        with sqlite3.connect(path) as probe:
            version = probe.execute("PRAGMA user_version").fetchone()[0]
        probe.close()
        if version < FIRST_SCHEMA_WITH_PACKAGES:
            raise PackageError("外业包中的数据库不完整")
        return open_database(path)
    except (sqlite3.DatabaseError, DatabaseError) as error:
        raise PackageError(f"外业包中的数据库无法打开：{error}") from error


def open_as_database(package: Path, target: Path) -> ExportSummary:
    """Make the laptop's database from a package: its rows, their base, the photos it carries."""
    target = Path(target)
    if target.exists() and target.stat().st_size > 0:
        raise PackageError(f"{target} 已存在；外业包只能生成新的数据库文件")
    with opened_package(package) as opened:
        try:
            copy_database(opened.data.conn, target)
        except BackupError as error:
            raise PackageError(str(error)) from error
        db = open_database(target)
        try:
            for entry in (opened.folder / ORIGINALS).glob("*"):
                photos.keep_original(db, entry.stem, entry.suffix, entry.read_bytes())
            rows = opened.manifest["rows"]
            originals = len(opened.manifest["files"]) - 1
        finally:
            db.conn.close()
    return ExportSummary(target, opened.manifest["origin"], rows, originals, target.stat().st_size)


def default_name(db: Database, project_count: int) -> str:
    return f"外业包-{settings.today(db).strftime('%Y%m%d')}-{project_count}个项目{SUFFIX}"
