"""A private folder to unpack a field package in, removed afterwards and after a crash.

The folders live in package-work/ beside the database (`paths.package_work_dir_for`), each
made by mkdtemp, so only the officer's account can read it. Each holds a lock file that its
process keeps locked while it works; the operating system lets go of the lock when the process
ends, however it ends. So before a folder is made, every folder whose lock can be taken is the
leftover of a merge that was killed or lost its power, and is removed. A folder without a lock
file is removed once it is a minute old: its process ended between making it and locking it.
"""

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from jimo_desktop import paths
from jimo_desktop.store.packages.package_tables import PackageError

LOCK = "owner.lock"
_UNLOCKED_GRACE = 60  # seconds

if os.name == "nt":
    import msvcrt

    def _try_lock(handle: BinaryIO) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle: BinaryIO) -> bool:
        # flock, not lockf: its lock belongs to the open file, so a second merge in the same
        # process cannot take the lock of the first.
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


@contextmanager
def work_folder(database: Path) -> Iterator[Path]:
    """A new private folder beside `database`, removed when the block ends."""
    root = paths.package_work_dir_for(Path(database))
    try:
        root.mkdir(parents=True, exist_ok=True)
        remove_leftovers(root)
        folder = Path(tempfile.mkdtemp(prefix="unpack-", dir=root))
        lock = (folder / LOCK).open("a+b")
    except OSError as error:
        raise PackageError(f"无法在 {root} 建立临时文件夹：{error.strerror or error}") from error
    try:
        _try_lock(lock)
        yield folder
    finally:
        lock.close()
        shutil.rmtree(folder, ignore_errors=True)


def clean_beside(database: Path) -> None:
    """At opening: remove what merges killed halfway left beside `database`."""
    root = paths.package_work_dir_for(Path(database))
    if root.is_dir():
        remove_leftovers(root)


def remove_leftovers(root: Path) -> None:
    """Remove the folders of merges that ended without removing their own."""
    for folder in root.iterdir():
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _abandoned(folder: Path) -> bool:
    lock_path = folder / LOCK
    if not lock_path.exists():
        with suppress(OSError):
            return time.time() - folder.stat().st_mtime > _UNLOCKED_GRACE
        return False
    try:
        handle = lock_path.open("a+b")
    except OSError:
        return False
    with handle:
        return _try_lock(handle)
