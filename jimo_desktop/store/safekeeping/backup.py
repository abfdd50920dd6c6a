"""Backups of the officer's database: take, list, rotate, check and restore.

Copies go through SQLite's online backup API, so they are consistent even while the program
writes. A copy is written under a temporary name and renamed when complete (safe_files), so
a crash in the middle never leaves a half backup that looks whole; the partial file a killed
backup or restore leaves is removed at the next start and the next backup. A file is
restored only once it has been checked whole: this program's tables, a schema version this
program knows, sound. Backups use the wall clock (a demo database's business date says
nothing about when a file was written).
"""

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop import paths, safe_files
from jimo_desktop.store import engine
from jimo_desktop.store.safekeeping.integrity import connect_read_only, quick_check

STAMP_FORMAT = "%Y%m%d-%H%M%S"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# Everything younger than this is kept whatever its reason, so a backup taken before an
# import or a restore survives at least a day even when many are taken.
KEEP_ALL_WITHIN = timedelta(hours=24)
REASON_LABELS = {
    "manual": "手动备份",
    "daily": "每日自动",
    "close": "关闭程序时",
    "before-import": "导入前",
    "before-merge": "合并外业包前",
    "before-restore": "恢复前的原数据",
    "before-move": "移动位置前",
    "before-migration": "升级数据库前",
}
# The tables of the first schema: a file without them is not this program's database.
CORE_TABLES = ("settings", "units", "industries", "projects", "project_years", "audit_log")


class BackupError(Exception):
    """A backup or restore that could not be done; the message is for the officer."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str
    size: int

    @property
    def reason_label(self) -> str:
        # Reasons carry suffixes (the schema version left, "-2" for a second backup in the
        # same second): the longest known prefix names the kind.
        base = self.reason.split("-")
        for length in range(len(base), 0, -1):
            label = REASON_LABELS.get("-".join(base[:length]))
            if label:
                return label
        return self.reason


def backups_dir(database_path: Path) -> Path:
    return paths.backups_dir_for(Path(database_path))


def database_file(db: Database) -> Path | None:
    """The file behind a connection; None for an in-memory database or the office database
    (whose photo originals are therefore kept in it, store/site_visits/photos.originals_dir)."""
    if engine.is_postgresql(db):
        return None
    for _, name, file_name in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file_name) if file_name else None
    return None


def backup_copy(db: Database, database_path: Path, reason: str, now: datetime | None = None):
    """A consistent copy of the open database, named for when and why; returns its path."""
    remove_leftovers(Path(database_path))
    target = new_backup_path(Path(database_path), reason, now or datetime.now())
    copy_database(db.conn, target)
    return target


def backup_file(
    database_path: Path, reason: str, now: datetime | None = None, folder: Path | None = None
) -> Path:
    """Back up a database file through a connection of its own (usable from any thread),
    into its backup folder or into `folder` (a USB stick, a share for the archive)."""
    remove_leftovers(Path(database_path))
    source = connect_read_only(Path(database_path))
    try:
        target = new_backup_path(Path(database_path), reason, now or datetime.now(), folder)
        copy_database(source, target)
    finally:
        source.close()
    return target


def remove_leftovers(database_path: Path) -> list[Path]:
    """The partial files of backups and restores killed halfway, beside the database and in
    its backup folder (each as large as the database): deleted once their writer is gone."""
    database_path = Path(database_path)
    return [
        *safe_files.remove_abandoned_partials(database_path.parent),
        *safe_files.remove_abandoned_partials(backups_dir(database_path)),
    ]


def backup_before(db: Database, reason: str) -> Path | None:
    """What the importer and the package merge call first; None for an in-memory database.
    The office database's is its copy into an embedded file (store/safekeeping/database_copy.py)."""
    if engine.is_postgresql(db):
        from jimo_desktop.store.safekeeping.database_copy import backup_office

        return backup_office(db, reason)
    database_path = database_file(db)
    if database_path is None:
        return None
    target = backup_copy(db, database_path, reason)
    rotate(database_path)
    return target


def copy_database(
    source: sqlite3.Connection, target: Path, before_replace: Callable[[], None] | None = None
) -> None:
    """Write `source` to `target` through the online backup API, complete or not at all;
    `before_replace` runs once the copy is complete, just before it takes the target's place."""
    target = Path(target)
    try:
        safe_files.make_folder(target.parent)
        with safe_files.replacing(target) as partial:
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
                # A backup is one file: fold the copy's journal into it before it is renamed.
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
            if before_replace is not None:
                before_replace()
    except (sqlite3.Error, OSError) as error:
        if safe_files.is_disk_refusal(error, target):
            raise BackupError(safe_files.failure_message(error, target)) from error
        raise BackupError(f"备份失败：{error}") from error


def new_backup_path(
    database_path: Path, reason: str, now: datetime, folder: Path | None = None
) -> Path:
    folder = folder or backups_dir(database_path)
    base = f"{database_path.stem}-{now.strftime(STAMP_FORMAT)}-{reason}"
    target, number = folder / f"{base}.sqlite3", 1
    while target.exists():
        number += 1
        target = folder / f"{base}-{number}.sqlite3"
    return target


def list_backups(database_path: Path) -> list[Backup]:
    """The complete backups of one database, newest first."""
    database_path = Path(database_path)
    folder = backups_dir(database_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^{re.escape(database_path.stem)}-(\d{{8}}-\d{{6}})-(.+)\.sqlite3$")
    found = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match:
            taken_at = datetime.strptime(match.group(1), STAMP_FORMAT)
            found.append(Backup(path, taken_at, match.group(2), path.stat().st_size))
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def backups_to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """Grandfather-father-son: the newest of each of the last 7 days, 4 weeks and 12 months."""
    keep = {b.path for b in backups if now - b.taken_at < KEEP_ALL_WITHIN}
    periods = (
        (KEEP_DAILY, lambda moment: moment.date()),
        (KEEP_WEEKLY, lambda moment: moment.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda moment: (moment.year, moment.month)),
    )
    for count, period_of in periods:
        newest_per_period: dict[object, Path] = {}
        for backup in sorted(backups, key=lambda b: b.taken_at, reverse=True):
            newest_per_period.setdefault(period_of(backup.taken_at), backup.path)
        keep.update(list(newest_per_period.values())[:count])
    return keep


def rotate(database_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted."""
    backups = list_backups(database_path)
    keep = backups_to_keep(backups, now or datetime.now())
    removed = [backup.path for backup in backups if backup.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def latest_good_backup(database_path: Path) -> Backup | None:
    """The newest backup that passes the quick integrity check."""
    return next((b for b in list_backups(database_path) if not quick_check(b.path)), None)


def daily_backup_due(database_path: Path, now: datetime | None = None) -> bool:
    backups = list_backups(database_path)
    return not backups or backups[0].taken_at.date() != (now or datetime.now()).date()


def restore(backup_path: Path, database_path: Path) -> Path | None:
    """Replace the database with a backup, after backing up what is there now.

    The caller closes its connections first. The backup is copied to a new file beside the
    database, which then takes the database's place, so a damaged file is replaced whole.
    Returns the backup of the replaced state.
    """
    backup_path, database_path = Path(backup_path), Path(database_path)
    check_restorable(backup_path)
    remove_leftovers(database_path)
    saved = _save_current_state(database_path)

    def forget_old_log() -> None:
        # The old file's write-ahead log belongs to it; left behind it would be replayed
        # into the restored copy. Its content is already in the backup of the current state.
        for suffix in ("-wal", "-shm"):
            database_path.with_name(database_path.name + suffix).unlink(missing_ok=True)

    source = connect_read_only(backup_path)
    try:
        copy_database(source, database_path, before_replace=forget_old_log)
    except BackupError as error:
        kept = f"；原数据库没有改变，并已备份在 {saved}" if saved else "；原数据库没有改变"
        raise BackupError(f"恢复失败：{error}{kept}") from error
    finally:
        source.close()
    return saved


def check_restorable(candidate: Path) -> int:
    """Check a file whole before it may replace a database: readable, sound, this program's
    tables, a schema version this program knows (an older one is migrated after). Returns
    its schema version; raises BackupError saying what is wrong."""
    from jimo_desktop.store.database import latest_version

    candidate = Path(candidate)
    problems = quick_check(candidate)
    if problems:
        raise BackupError(f"备份 {candidate.name} 已损坏，不能用来恢复：{problems[0]}")
    connection = connect_read_only(candidate)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    if version > latest_version():
        raise BackupError(
            f"{candidate.name} 来自更新版本的程序（数据库第 {version} 版，本程序为第 "
            f"{latest_version()} 版），不能用来恢复；请升级程序后再恢复。原数据库没有改变"
        )
    if version == 0 or not set(CORE_TABLES) <= tables:
        raise BackupError(
            f"{candidate.name} 不是本程序的数据库备份，不能用来恢复。原数据库没有改变"
        )
    return version


def restore_into(db: Database, backup_path: Path) -> Path:
    """Replace the content of an open database with a backup, keeping the connection.

    What is there now is backed up first; returns that backup. The officer's window then
    only reloads what it shows.
    """
    backup_path = Path(backup_path)
    version = check_restorable(backup_path)
    database_path = database_file(db)
    if database_path is None:
        raise BackupError("内存中的数据库没有文件可以恢复")
    if version != db.execute("PRAGMA user_version").fetchone()[0]:
        raise BackupError(
            f"备份 {backup_path.name} 来自另一版本的程序（升级前），不能在程序运行时恢复；"
            "请关闭程序后在命令行运行 jimo-desktop restore"
        )
    saved = backup_copy(db, database_path, "before-restore")
    source = connect_read_only(backup_path)
    try:
        source.backup(db.conn)
    except sqlite3.Error as error:
        raise BackupError(f"恢复失败：{error}；当前数据已备份在 {saved}") from error
    finally:
        source.close()
    return saved


def _save_current_state(database_path: Path) -> Path | None:
    """A copy of the database about to be replaced; a file SQLite cannot read is copied raw."""
    if not database_path.exists():
        return None
    try:
        return backup_file(database_path, "before-restore")
    except (sqlite3.Error, BackupError) as error:
        if safe_files.is_disk_refusal(error.__cause__ or error, backups_dir(database_path)):
            raise BackupError(f"无法先备份当前数据库，未恢复：{error}") from error
    target = new_backup_path(database_path, "before-restore", datetime.now())
    target = target.with_name(target.stem + "-damaged.sqlite3")
    try:
        safe_files.make_folder(target.parent)
        return safe_files.copy_file(database_path, target)
    except OSError as error:
        raise BackupError(f"无法先备份当前数据库，未恢复：{error}") from error
