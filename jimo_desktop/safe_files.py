"""Writing the program's files whole or not at all, and saying plainly why a disk refused.

Every file the program writes (a PDF, a workbook, a field package, a backup or database copy,
a chart, a photo original) is written under a temporary name in the target's own folder and
renamed over the target only once complete: a full disk, a read-only folder or a killed
program never leaves half a file where a good one was. The temporary name carries the
writer's process id, so the next start can tell an abandoned partial file from one that a
running program is still writing.
"""

import errno
import os
import secrets
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
PARTIAL_SUFFIX = ".partial"
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS}
_DENIED = {errno.EACCES, errno.EPERM}
# What a place that can be read but not written answers (a read-only disk, folder or file).
READ_ONLY_CODES = frozenset(_READ_ONLY | _DENIED)
# SQLite says "disk I/O error" for more than a full disk: below this much free space, that is
# what it was.
_NEARLY_FULL = 1 << 20


class WriteFailed(OSError):
    """A file that could not be written; str() is one line for the officer, in Chinese."""

    def __init__(self, code: int | None, message: str):
        super().__init__(code, message)

    def __str__(self) -> str:
        return self.strerror


def partial_path(target: Path) -> Path:
    """Where `target` is written until complete: beside it, named for this process."""
    target = Path(target)
    return target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


@contextmanager
def replacing(target: Path, held_by: str = "") -> Iterator[Path]:
    """Write `target` through the path this yields: once the block ends without an error, the
    file is flushed to disk and renamed over `target`; otherwise it is removed and `target` is
    as it was. An OSError comes out as WriteFailed with a clear message (`held_by` names the
    program that may hold the file open on Windows: 阅读器, Excel)."""
    target = Path(target)
    partial = partial_path(target)
    try:
        yield partial
        _flush_to_disk(partial)
        os.replace(partial, target)
    except BaseException as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, WriteFailed):
            raise WriteFailed(error.errno, failure_message(error, target, held_by)) from error
        raise


def write_bytes(target: Path, data: bytes, held_by: str = "") -> Path:
    with replacing(target, held_by) as partial:
        partial.write_bytes(data)
    return Path(target)


def write_with(target: Path, write: Callable[[Path], T], held_by: str = "") -> T:
    """`write(path)` fills a new file (a library's save), which becomes `target` once
    complete; returns what `write` returned."""
    with replacing(target, held_by) as partial:
        result = write(partial)
    return result


def copy_file(source: Path, target: Path) -> Path:
    write_with(target, lambda partial: shutil.copyfile(source, partial))
    return Path(target)


def make_folder(folder: Path) -> Path:
    """Create `folder` (and its parents) if needed; a refusal comes out as WriteFailed."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteFailed(error.errno, failure_message(error, folder)) from error
    return folder


def _flush_to_disk(path: Path) -> None:
    """A rename survives a power cut only if the data it names reached the disk first."""
    with open(path, "rb+") as written:
        os.fsync(written.fileno())


def failure_message(error: BaseException, target: Path, held_by: str = "") -> str:
    """One line saying why `target` could not be written: a full disk and a read-only place
    each in their own words, whatever reported it (the file system or SQLite)."""
    target = Path(target)
    code = _disk_refusal(error, target)
    if code in _FULL:
        return f"磁盘空间不足，无法写入 {target}：请腾出空间或换一个位置后重试"
    if code in _READ_ONLY:
        return f"{target.parent} 所在的磁盘是只读的，无法写入 {target}"
    if code in _DENIED:
        if held_by:
            return f"无法写入 {target}：文件可能正在{held_by}中打开，或文件夹不允许写入"
        return f"没有写入 {target} 的权限：文件夹或文件是只读的，或正被其他程序占用"
    detail = getattr(error, "strerror", None) or str(error)
    return f"无法写入 {target}：{detail}"


def is_disk_refusal(error: BaseException, target: Path) -> bool:
    """Whether `error` is a full disk or a read-only place, rather than the data's fault."""
    return _disk_refusal(error, Path(target)) in _FULL | _READ_ONLY | _DENIED


def _disk_refusal(error: BaseException, target: Path) -> int | None:
    if isinstance(error, OSError):
        return error.errno
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _nearly_full(target)):
            return errno.ENOSPC
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR):
            return writable_problem(target.parent)
    return None


def _nearly_full(target: Path) -> bool:
    folder = next((p for p in (target.parent, *target.parents) if p.is_dir()), None)
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def writable_problem(folder: Path) -> int | None:
    """Why files cannot be made in `folder` (errno: read-only, denied, full); None if they can.

    It tries, because permissions say nothing to an administrator or on a read-only mount."""
    folder = Path(folder)
    probe = folder / f".jimo-write-test-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        probe.write_bytes(b"")
    except OSError as error:
        return error.errno
    with suppress(OSError):
        probe.unlink()
    return None


def remove_abandoned_partials(folder: Path) -> list[Path]:
    """Delete the partial files in `folder` left by writers that are gone (a backup or restore
    killed halfway leaves a full-size one); returns what was deleted."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.glob(f"*{PARTIAL_SUFFIX}"):
        if _writer_running(path):
            continue
        try:
            path.unlink()
        except OSError:
            continue  # on Windows, still open in a writer: not abandoned
        removed.append(path)
    return removed


def _writer_running(partial: Path) -> bool:
    name = partial.name[: -len(PARTIAL_SUFFIX)]
    pid_text = name.rsplit(".", 1)[-1].split("-", 1)[0]
    if not pid_text.isdigit():
        return False  # an older program's partial file: its writer is long gone
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return False  # a file still being written cannot be deleted there; unlink will say
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
