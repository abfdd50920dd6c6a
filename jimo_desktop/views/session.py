"""Opening the officer's database safely, keeping it backed up, and closing it.

Before the database is opened for writing: a warning when it lies on a network share, one
writer only (the lock file of store/safekeeping/writer_lock.py beside the database, which the
command line takes too; a second program window opens it read-only or stops), a file or folder that
cannot be written is said so and opened read-only if the officer wants, and a quick
integrity check (a damaged file is never written to; the latest good backup is offered
instead). What a killed backup or restore left behind is removed. While the program runs
and when it closes, backups are taken.
"""

import logging
import threading
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlite_utils import Database

from jimo_desktop import safe_files
from jimo_desktop.store.database import (
    DatabaseError,
    ReadOnlyDatabase,
    is_current,
    open_database,
    open_read_only,
)
from jimo_desktop.store.engine import OfficeAddress, is_office_address, office_uri
from jimo_desktop.store.packages import package_workdir
from jimo_desktop.store.safekeeping import backup, location
from jimo_desktop.store.safekeeping.integrity import (
    hold_writes_until_checked,
    quick_check,
    release_writes,
)
from jimo_desktop.store.safekeeping.writer_lock import (
    LockBusy,
    LockOwner,
    LockUnavailable,
    WriterLock,
)

logger = logging.getLogger("jimo_desktop.session")
TITLE = "即墨区重点项目调度台"
DAILY_CHECK_MS = 60 * 60 * 1000
READ_ONLY, STOP, RESTORE = "read-only", "stop", "restore"


def ask(parent: QWidget | None, text: str, choices: list[tuple[str, str]], warning=True) -> str:
    """A question with named answers (the first is the default); returns the chosen key."""
    box = QMessageBox(parent)
    box.setWindowTitle(TITLE)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
    box.setText(text)
    buttons = {
        box.addButton(label, QMessageBox.ButtonRole.AcceptRole): key for key, label in choices
    }
    box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton(), choices[-1][0])


class Session(QObject):
    """The open database of one program window: its connection, lock and backups.

    Opened while its quick check still runs (`pending_check`), it reads at once and writes
    once the check has found the file sound; `damaged` says when it has not.
    """

    damaged = Signal(list)
    _check_answered = Signal()

    def __init__(
        self,
        db: Database,
        path: Path,
        lock: WriterLock | None,
        pending_check: Future | None = None,
    ):
        super().__init__()
        self.db, self.path, self._lock = db, path, lock
        # The office database keeps order among its writers itself (no lock file); a role
        # without write rights reads only.
        self.office = is_office_address(path)
        self.read_only = db.read_only if self.office else lock is None
        self.closed = False
        self._check = pending_check
        self._backup_thread: threading.Thread | None = None
        self._daily = QTimer(self, interval=DAILY_CHECK_MS, timeout=self.backup_if_due)
        if pending_check is not None:
            hold_writes_until_checked(db.conn, pending_check)
            # Queued even when the check ends before the callback is added (then it is called
            # here and now): the answer is taken in the event loop, once `damaged` is heard.
            self._check_answered.connect(
                self._take_check_answer, Qt.ConnectionType.QueuedConnection
            )
            # Called on the checking thread; the signal carries it over to this one.
            pending_check.add_done_callback(lambda _done: self._check_answered.emit())

    def check_problems(self) -> list[str]:
        """What the start-up check found (waiting for it if it still runs); empty when sound."""
        return self._check.result() if self._check is not None else []

    def _take_check_answer(self) -> None:
        if self.closed:
            return
        problems = self.check_problems()
        if problems:
            self.damaged.emit(problems)
        else:
            release_writes(self.db.conn)

    def start_backups(self) -> None:
        """The daily backup, checked now and every hour while the program runs."""
        if self.read_only or self.office or self.closed or self.check_problems():
            return  # the office database is backed up by `backup` or on the server
        self.backup_if_due()
        self._daily.start()

    def backup_if_due(self) -> None:
        if self._backup_running() or not backup.daily_backup_due(self.path):
            return
        # Its own connection in its own thread: a backup of a large file never freezes a form.
        self._backup_thread = threading.Thread(target=self._daily_backup, name="daily-backup")
        self._backup_thread.start()

    def _backup_running(self) -> bool:
        return self._backup_thread is not None and self._backup_thread.is_alive()

    def _daily_backup(self) -> None:
        try:
            backup.backup_file(self.path, "daily")
            backup.rotate(self.path)
        except (backup.BackupError, OSError) as error:
            logger.warning("每日备份失败：%s", error)

    def close(self) -> None:
        """Back up what changed in this session, then release the database and its lock."""
        if self.closed:
            return
        self.closed = True
        self._daily.stop()
        if self._backup_thread is not None:
            self._backup_thread.join()
        sound = not self.check_problems()  # a damaged file is not worth a backup
        if (
            sound
            and not self.read_only
            and not self.office
            and (self.db.conn.total_changes or backup.daily_backup_due(self.path))
        ):
            try:
                backup.backup_copy(self.db, self.path, "close")
                backup.rotate(self.path)
            except (backup.BackupError, OSError) as error:
                logger.warning("关闭时备份失败：%s", error)
        self.db.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_session(
    path: Path,
    parent: QWidget | None = None,
    checked: Future | None = None,
    check_later: bool = False,
) -> Session | None:
    """Open `path` as safely as it can be; None when the officer chose to stop (or had to).

    `checked` is a quick check started earlier (integrity.start_quick_check); else it runs now.
    With `check_later`, a file that needs no migration opens before a running check answers:
    it writes only once the file is found sound, and the caller handles `Session.damaged`.
    """
    if is_office_address(path):
        return _open_office(OfficeAddress(office_uri(path)), parent)
    path = Path(path)
    if location.is_network_path(path):
        QMessageBox.warning(
            parent,
            TITLE,
            f"数据库文件在网络共享上：\n{path}\n\n多人经网络同时使用时 SQLite 数据库容易损坏。"
            "建议在“设置”中把它移到本机硬盘，再通过备份或外业包交换数据。",
        )
        if location.is_unreachable_share(path):
            QMessageBox.critical(parent, TITLE, location.unreachable_share_message(path))
            return None
    lock = WriterLock(path)
    try:
        safe_files.make_folder(path.parent)
        lock.acquire()
    except LockBusy as busy:
        return _open_read_only_instead(path, parent, _held_elsewhere(path, busy.owner))
    except (LockUnavailable, OSError) as error:
        code = error.code if isinstance(error, LockUnavailable) else error.errno
        if code in safe_files.READ_ONLY_CODES:
            reason = f"数据库所在的文件夹或磁盘是只读的：\n{path.parent}\n\n"
            return _open_read_only_instead(path, parent, reason + _READ_ONLY_CHOICE)
        QMessageBox.critical(parent, TITLE, f"无法打开数据库：\n{error}")
        return None
    backup.remove_leftovers(path)
    package_workdir.clean_beside(path)
    try:
        if check_later and checked is not None and not checked.done() and is_current(path):
            return Session(open_database(path), path, lock, pending_check=checked)
        problems = checked.result() if checked is not None else quick_check(path)
        if path.exists() and problems and not offer_restore(path, problems, parent):
            lock.release()
            return None
        return Session(open_database(path), path, lock)
    except ReadOnlyDatabase:
        lock.release()
        reason = f"数据库文件是只读的：\n{path}\n\n"
        return _open_read_only_instead(path, parent, reason + _READ_ONLY_CHOICE)
    except DatabaseError as error:
        lock.release()
        QMessageBox.critical(parent, TITLE, str(error))
        return None


def _open_office(address, parent: QWidget | None) -> Session | None:
    """The office database: connected and migrated; a read-only role's window reads only."""
    try:
        return Session(open_database(address), address, None)
    except DatabaseError as error:
        QMessageBox.critical(parent, TITLE, str(error))
        return None


_READ_ONLY_CHOICE = "可以以只读方式打开（只能查看、打印，不能修改），或退出。"


def _held_elsewhere(path: Path, owner: LockOwner | None) -> str:
    if owner is not None and not owner.is_window:
        return (
            f"这个数据库正由{owner.describe()}写入：\n{path}\n\n"
            "可以以只读方式打开（只能查看、打印，不能修改），或等它完成后再打开。"
        )
    who = f"（进程 {owner.pid}，计算机 {owner.host}）" if owner else ""
    return (
        f"这个数据库已经在另一个程序窗口中打开{who}：\n{path}\n\n"
        "同时写入会造成数据冲突，所以同一时间只能有一个窗口修改数据。\n"
        "可以以只读方式打开（只能查看、打印，不能修改），或先关闭另一个窗口。"
    )


def _open_read_only_instead(path: Path, parent: QWidget | None, reason: str):
    """The database cannot be written here (another program writes it, or the place is
    read-only): open it read-only if the officer wants."""
    answer = ask(parent, reason, [(READ_ONLY, "只读打开"), (STOP, "退出")])
    if answer != READ_ONLY:
        return None
    try:
        return Session(open_read_only(path), path, None)
    except DatabaseError as error:
        QMessageBox.critical(parent, TITLE, str(error))
        return None


def offer_restore(path: Path, problems: list[str], parent: QWidget | None) -> bool:
    """A damaged file is never opened for writing: True when a good backup replaced it."""
    logger.error("数据库 %s 未通过完整性检查：%s", path, problems)
    good = backup.latest_good_backup(path)
    if good is None:
        QMessageBox.critical(
            parent,
            TITLE,
            f"数据库文件已损坏，且没有可用的备份：\n{path}\n\n{problems[0]}\n\n"
            "程序不会写入损坏的文件。请联系信息科，并保留该文件。",
        )
        return False
    answer = ask(
        parent,
        f"数据库文件已损坏：\n{path}\n{problems[0]}\n\n程序不会写入损坏的文件。\n"
        f"最近一份完好的备份是 {good.taken_at:%Y年%m月%d日 %H:%M}（{good.reason_label}）。\n"
        "恢复这份备份吗？损坏的文件会先另存一份。",
        [(RESTORE, "恢复备份"), (STOP, "退出")],
    )
    if answer != RESTORE:
        return False
    try:
        backup.restore(good.path, path)
    except (backup.BackupError, OSError) as error:
        QMessageBox.critical(parent, TITLE, f"恢复失败，数据库文件没有改变：\n{error}")
        return False
    logger.info("已从备份 %s 恢复数据库 %s", good.path, path)
    return True
