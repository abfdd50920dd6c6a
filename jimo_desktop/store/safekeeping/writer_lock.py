"""One writer per database: a lock file beside it, shared by the program window and the
command line.

The file is QLockFile's (`<database>.lock`, created exclusively, holding the owner's process
id, program name, computer, machine id and boot id, one a line), so a window of an earlier
version that locks with Qt and this code exclude each other. A sixth line, which Qt ignores,
says who holds it: a window, or the command that writes. A lock whose owner has died (same
computer, process gone, or the computer restarted since) is stale and taken over, as Qt does;
the owner is never judged by the file's age, since a window keeps it for hours.
"""

import os
import socket
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from jimo_desktop.safe_files import failure_message

WINDOW = "window"  # the holder line of a program window
_POLL_SECONDS = 0.2
# Binary on Windows too: the lines end in \n as Qt writes them.
_CREATE_NEW = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class LockBusy(Exception):
    """Another program holds the database; `owner` says who."""

    def __init__(self, owner: "LockOwner | None"):
        super().__init__("locked")
        self.owner = owner


class LockUnavailable(Exception):
    """The lock file cannot be made (a read-only folder, a full disk); the message says why."""

    def __init__(self, message: str, code: int | None):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class LockOwner:
    pid: int
    program: str
    host: str
    machine_id: str
    boot_id: str
    holder: str  # WINDOW, a command's name, or "" for a window of an earlier version

    @property
    def is_window(self) -> bool:
        return self.holder in (WINDOW, "")

    def describe(self) -> str:
        where = f"，计算机 {self.host}" if self.host and self.host != _host_name() else ""
        if self.is_window:
            return f"程序窗口（进程 {self.pid}{where}）"
        return f"命令 {self.holder}（进程 {self.pid}{where}）"


def lock_path(database: Path) -> Path:
    return Path(f"{database}.lock")


class WriterLock:
    """The lock of one database; `acquire` takes it or says why not, `release` gives it up."""

    def __init__(self, database: Path, holder: str = WINDOW):
        self.path = lock_path(Path(database))
        self.holder = holder
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now; LockBusy when a live program holds it, LockUnavailable when the
        file cannot be made."""
        while True:
            try:
                self._create()
                return
            except FileExistsError:
                owner = read_owner(self.path)
                if owner is not None and _is_stale(owner) and _remove_stale(self.path):
                    continue
                if owner is None and not self.path.exists():
                    continue  # released between the two looks
                raise LockBusy(owner) from None

    def acquire_waiting(self, seconds: float, waiting=None) -> None:
        """Take the lock, waiting up to `seconds` while another command holds it; a window is
        not waited for (it holds the database for hours). `waiting(owner)` is told once."""
        deadline = time.monotonic() + seconds
        told = False
        while True:
            try:
                self.acquire()
                return
            except LockBusy as busy:
                if busy.owner is None or busy.owner.is_window or time.monotonic() > deadline:
                    raise
                if not told and waiting is not None:
                    waiting(busy.owner)
                    told = True
            time.sleep(_POLL_SECONDS)

    def release(self) -> None:
        if self._fd is None:
            return
        if sys.platform == "win32":
            os.close(self._fd)  # Windows deletes no file that is open
            with suppress(OSError):
                self.path.unlink()
        else:
            with suppress(OSError):
                self.path.unlink()
            os.close(self._fd)
        self._fd = None

    def _create(self) -> None:
        try:
            fd = os.open(self.path, _CREATE_NEW, 0o666)
        except FileExistsError:
            raise
        except OSError as error:
            held_open = isinstance(error, PermissionError) and self.path.exists()
            if sys.platform == "win32" and held_open:
                raise FileExistsError(self.path) from error  # its owner has it open
            raise LockUnavailable(failure_message(error, self.path), error.errno) from error
        _native_lock(fd)
        try:
            os.write(fd, _contents(self.holder))
            os.fsync(fd)
        except OSError as error:
            os.close(fd)
            with suppress(OSError):
                self.path.unlink()
            raise LockUnavailable(failure_message(error, self.path), error.errno) from error
        self._fd = fd

    def __enter__(self) -> "WriterLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def read_owner(path: Path) -> LockOwner | None:
    try:
        lines = Path(path).read_bytes().decode("utf-8", errors="replace").split("\n")
    except OSError:
        return None
    lines = [line.strip() for line in lines] + [""] * (6 - len(lines))
    if not lines[0].strip().isdigit() or int(lines[0]) <= 0:
        return None
    return LockOwner(int(lines[0]), *lines[1:6])


def _contents(holder: str) -> bytes:
    lines = [str(os.getpid()), _program_name(os.getpid()), _host_name()]
    lines += [_machine_id(), _boot_id(), holder]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _is_stale(owner: LockOwner) -> bool:
    same_host = not owner.host or owner.host == _host_name()
    if owner.machine_id and _machine_id():
        same_host = owner.machine_id == _machine_id()
    if not same_host:
        return False
    if owner.boot_id and owner.boot_id != _boot_id():
        return True  # the computer has restarted since
    return not _process_running(owner.pid, owner.program)


def _remove_stale(path: Path) -> bool:
    """Remove a stale lock file, unless another program took it over in the meantime."""
    if sys.platform == "win32":
        try:
            path.unlink()  # refused while its owner still has it open
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if not _native_lock(fd):
            return False
        # Still the same file at that name: no one took it over between the two looks.
        if os.fstat(fd).st_ino != os.stat(path).st_ino:
            return False
        path.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _native_lock(fd: int) -> bool:
    """flock, as QLockFile takes it: a live owner's file cannot be removed as stale."""
    if sys.platform == "win32":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _process_running(pid: int, program: str) -> bool:
    if sys.platform == "win32":
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    name = _program_name(pid)
    # A process id reused by another program does not hold the lock.
    return not name or not program or name == Path(program).name


def _windows_process_running(pid: int) -> bool:
    import ctypes

    query_limited_information, still_active = 0x1000, 259
    kernel = ctypes.windll.kernel32
    handle = kernel.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    code = ctypes.c_ulong()
    try:
        return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and (
            code.value == still_active
        )
    finally:
        kernel.CloseHandle(handle)


def _program_name(pid: int) -> str:
    """The running program's file name, as QLockFile records and compares it."""
    if sys.platform.startswith("linux"):
        try:
            target = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            return "/ERROR/" if pid != os.getpid() else Path(sys.executable).name
        return Path(target.removesuffix(" (deleted)")).name
    if pid == os.getpid():
        executable = Path(sys.executable)
        return executable.stem if sys.platform == "win32" else executable.name
    return ""


def _host_name() -> str:
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return socket.gethostname()


def _machine_id() -> str:
    return _first_line(Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def _boot_id() -> str:
    return _first_line(Path("/proc/sys/kernel/random/boot_id"))


def _first_line(*candidates: Path) -> str:
    for candidate in candidates:
        with suppress(OSError):
            text = candidate.read_text(encoding="ascii", errors="replace").strip()
            if text:
                return text
    return ""
