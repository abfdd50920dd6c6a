"""Where the officer's database file lives: the remembered location, moving it, network shares.

The default file is in the per-user data folder. When an officer moves it, the new place is
remembered in a small text file in that folder, which the program follows when started
without --db. SQLite's own guidance is that network file systems corrupt databases (their
locking is unreliable), so a database on a share is warned about.
"""

import os
import sqlite3
import sys
from pathlib import Path

from jimo_desktop import paths, safe_files
from jimo_desktop.store import engine
from jimo_desktop.store.safekeeping.backup import BackupError, copy_database
from jimo_desktop.store.safekeeping.integrity import full_check
from jimo_desktop.store.site_visits import photos

POINTER_FILE = "database-location.txt"
NETWORK_FILE_SYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "fuse.sshfs",
    "davfs",
    "fuse.davfs2",
}
_DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


class MoveError(Exception):
    """The database could not be moved; the old file is still the one in use."""


def _pointer() -> Path:
    return paths.user_data_dir() / POINTER_FILE


def remembered_database_path() -> Path:
    """The database to open when none is named: a moved one if remembered, else the default."""
    pointer = _pointer()
    if pointer.is_file():
        remembered = pointer.read_text(encoding="utf-8").strip()
        if remembered:
            return engine.database_argument(remembered)
    return paths.default_database_path()


def remember_database_path(path) -> None:
    """The database to open next time: a file, or the office database's address (which
    holds no password: libpq takes it from pgpass)."""
    text = engine.office_uri(path) if engine.is_office_address(path) else str(Path(path).resolve())
    safe_files.write_bytes(_pointer(), text.encode("utf-8"))


def move_database(source: Path, target: Path) -> Path:
    """Copy the database file at `source` to `target` and verify the copy, with the photo
    originals kept beside it; the caller then switches to it. It reads on a connection of
    its own, so that it may run off the GUI thread while the window waits.

    The old file is left in place: it is deleted only after the officer confirms.
    """
    source, target = Path(source), Path(target)
    if target.exists():
        raise MoveError(f"目标位置已有文件 {target}，请换一个文件夹")
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            copy_database(reader, target)
        except (BackupError, OSError) as error:
            raise MoveError(f"无法写入 {target}：{error}") from error
        problems = full_check(target) or _differences(reader, target)
    finally:
        reader.close()
    if problems:
        target.unlink(missing_ok=True)
        raise MoveError(f"复制后的数据库校验未通过：{problems[0]}")
    try:
        photos.copy_originals(source, target)
    except OSError as error:
        delete_database_files(target, originals_kept_beside=source)
        raise MoveError(f"无法复制照片原件到 {target.parent}：{error}") from error
    return target


def _differences(source: sqlite3.Connection, copy_path: Path) -> list[str]:
    copy = sqlite3.connect(f"file:{copy_path}?mode=ro", uri=True)
    tables = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    try:
        return [
            f"表 {table} 行数不一致"
            for (table,) in source.execute(tables).fetchall()
            if source.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()
            != copy.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()
        ]
    finally:
        copy.close()


def delete_database_files(path: Path, originals_kept_beside: Path) -> None:
    """Remove a database that has been moved away (or a copy not used), with its journal
    files and the photo originals that the database beside `originals_kept_beside` has too."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    photos.remove_copied_originals(path, originals_kept_beside)


def is_network_path(path: Path, mounts_text: str | None = None) -> bool:
    """A share named by its server (\\\\server\\share, //server/share), a mapped network drive,
    or a folder under a network mount (CIFS, NFS …)."""
    if is_share_name(path):
        return True
    if sys.platform == "win32":
        return _is_windows_network_path(Path(path))
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return mount_file_system(Path(path), mounts_text) in NETWORK_FILE_SYSTEMS


def mount_file_system(path: Path, mounts_text: str) -> str | None:
    """The file system type of the mount that holds `path`, from /proc/mounts' text."""
    resolved = os.path.realpath(path)
    best, best_type = "", None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts writes a space in a mount point as \040.
        mount_point = fields[1].replace("\\040", " ")
        inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def is_share_name(path: Path | str) -> bool:
    """Whether the path names a server's share. The text is looked at, not the file system:
    on Linux //server/share is the local folder /server/share, and \\\\server\\share a file
    name with backslashes in the current folder."""
    return str(path).startswith(("\\\\", "//"))


def is_unreachable_share(path: Path | str) -> bool:
    """A Windows share named on a system that cannot open it by name: writing there would
    make a local folder (or file) of that name instead."""
    return sys.platform != "win32" and is_share_name(path)


def unreachable_share_message(path: Path | str) -> str:
    return (
        f"{path} 是 Windows 网络共享的路径，本机不能直接使用，未创建任何文件；"
        "请先把共享挂载到本机文件夹，并最好把数据库放在本机硬盘上"
    )


def network_share_warning(path: Path | str) -> str:
    return (
        f"警告：数据库 {path} 在网络共享上；多人经网络同时使用时 SQLite 数据库容易损坏，"
        "建议放在本机硬盘上，再通过备份或外业包交换数据"
    )


def _is_windows_network_path(path: Path) -> bool:
    text = str(path)
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE
