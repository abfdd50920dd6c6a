"""Start the GUI: the application object, log, fonts and theme, the database, the main window.

Start-up imports only what the first page needs; matplotlib, ReportLab and openpyxl are
imported by the features that use them, when first used.
"""

import logging
import os
import sqlite3
import sys
import threading
from concurrent.futures import Future
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from jimo_desktop import logs, paths, safe_files
from jimo_desktop.domain import pinyin
from jimo_desktop.reports import fonts
from jimo_desktop.store.database import open_database
from jimo_desktop.store.engine import is_office_address
from jimo_desktop.store.safekeeping import location
from jimo_desktop.store.safekeeping.integrity import start_quick_check
from jimo_desktop.views import error_hook
from jimo_desktop.views.background import stop_background_work, wait_for_background_work
from jimo_desktop.views.common.window_layout import open_sized
from jimo_desktop.views.main_window import APP_TITLE, VIEW_NAMES, MainWindow
from jimo_desktop.views.session import Session, offer_restore, open_session
from jimo_desktop.views.theme import apply_theme

SCREENSHOT_SIZE = (1600, 900)
# Set by benchmarks/startup.py: the program writes this file once its window is usable, then
# quits, so start-up can be timed from outside, from source and from the built program alike.
READY_FILE_VARIABLE = "JIMO_DESKTOP_READY_FILE"
# The daily backup waits until the officer has started working, not to slow the first page.
FIRST_BACKUP_DELAY_MS = 10_000
logger = logging.getLogger("jimo_desktop")


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("即墨区发展和改革局")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "app.png")))
    _install_chinese_translation(app)
    return app


def _install_chinese_translation(app: QApplication) -> None:
    """Qt's own texts (standard buttons such as 保存/取消, context menus) in Chinese."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder
    ):
        app.installTranslator(translator)


class Desk(QObject):
    """The running program: one session on one database and the window that shows it."""

    stopped = Signal(int)  # nothing is left open: the program ends with this exit status

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.window: MainWindow | None = None
        self._take(session)

    def _take(self, session: Session) -> None:
        self.session = session
        session.damaged.connect(self._damaged)
        try:
            self.window = self._show_window()
        except sqlite3.DatabaseError:
            # Read before its check answered, a damaged file may fail to read: `damaged`
            # follows and offers the backup. A file found sound has failed for another reason.
            if not session.check_problems():
                raise

    def _damaged(self, problems: list[str]) -> None:
        """The check that ran while the window opened found the file damaged: close it
        unwritten, offer the latest good backup, and open that, or stop."""
        stop_background_work()
        self.session.close()
        if self.window is not None:
            # At once, not later: its pending timers would still read the closed database.
            shiboken6.delete(self.window)
            self.window = None
        if offer_restore(self.session.path, problems, None):
            restored = open_session(self.session.path)
            if restored is not None:
                self._take(restored)
                return
        self.stopped.emit(1)

    def _show_window(self) -> MainWindow:
        window = MainWindow(self.session.db, self.session.path)
        # What 设置 needs from the running program: whether it may write (备份与恢复), and
        # how to switch to a moved database (数据位置), which a read-only window may not.
        window.read_only = self.session.read_only
        window.switch_database = None if self.session.read_only else self.switch_database
        open_sized(window, "main", 1400, 860)
        window.show()
        # One timer for both: the demo question's modal loop would fire a second one under it.
        QTimer.singleShot(0, window, lambda: self._greet(window))
        QTimer.singleShot(FIRST_BACKUP_DELAY_MS, self.session.start_backups)
        # The officer reads the reminders first: time for the pinyin dictionary that the first
        # form's pick-lists and Alt+letters need, off the thread that paints.
        threading.Thread(target=pinyin.load_dictionary, name="pinyin", daemon=True).start()
        return window

    def _greet(self, window: MainWindow) -> None:
        """First the demo offer on an empty database, then what needs attention today."""
        if self.session.closed or window is not self.window:
            return  # closed before it greeted: a damaged file, a move, a quick quit
        if not self.session.read_only:
            window.offer_demo_if_empty()
        window.show_reminders(can_dismiss=not self.session.read_only)

    def close(self) -> None:
        stop_background_work()
        if self.window is not None:
            self.window.stop_news()
        self.session.close()

    def switch_database(self, new_path: Path) -> bool:
        """Open the database at its new place (after a move); the old file stays until confirmed."""
        new_session = open_session(new_path, self.window)
        if new_session is None:
            return False
        old_path, old_window = self.session.path, self.window
        stop_background_work()
        self.session.close()
        location.remember_database_path(new_path)
        self._take(new_session)
        # Hidden, not closed: its typed work was settled before the move began, and a close
        # would ask about it again, of a database closed by now.
        old_window.hide()
        old_window.deleteLater()
        logger.info("数据库已从 %s 移到 %s", old_path, new_path)
        self._offer_to_delete(old_path)
        return True

    def _offer_to_delete(self, old_path: Path) -> None:
        answer = QMessageBox.question(
            self.window,
            APP_TITLE,
            f"数据库已移到新位置并校验无误，程序正在使用：\n{self.session.path}\n\n"
            f"删除旧位置的文件吗？\n{old_path}\n（选“否”则保留，可以以后自己删除。）",
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            location.delete_database_files(old_path, originals_kept_beside=self.session.path)


def run(database_path: Path, checked: Future | None = None) -> int:
    """The GUI on `database_path`; `checked`: its quick check, if the caller started it early."""
    remembered = location.remembered_database_path()
    if database_path == paths.default_database_path() and remembered != database_path:
        database_path, checked = remembered, None
    if not is_office_address(database_path):
        checked = checked or start_quick_check(database_path)
    app = _application()
    log_file = logs.configure(paths.user_data_dir())
    logger.info("启动，数据库 %s", database_path)
    apply_theme(app)
    for substitution in fonts.substitutions():
        logger.info(substitution.message())
    session = open_session(database_path, checked=checked, check_later=True)
    if session is None:
        return 1
    desk = Desk(session)
    desk.stopped.connect(app.exit)
    error_hook.install(lambda: desk.session.db, log_file)
    app.aboutToQuit.connect(desk.close)
    _report_ready_if_asked(app)
    return app.exec()


def _report_ready_if_asked(app: QApplication) -> None:
    ready_file = os.environ.get(READY_FILE_VARIABLE)
    if ready_file:
        # Queued behind the window's first show and paint: the moment an officer could click.
        QTimer.singleShot(0, lambda: (Path(ready_file).write_text("ready"), app.quit()))


def screenshot(
    database_path: Path, out: Path, view: str, size: tuple[int, int] | None = None
) -> tuple[int, int]:
    """Render the real main window offscreen with `view` open, at `size` (a screen's) or
    the README's; returns the picture's size, larger than asked when the window needs it."""
    if view not in VIEW_NAMES:
        raise ValueError(view)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application()
    apply_theme(app)
    db = open_database(database_path)
    window = MainWindow(db, database_path)
    window.resize(*(size or SCREENSHOT_SIZE))
    window.open_view(view)
    window.show()
    app.processEvents()
    wait_for_background_work()  # the lights, judged off the GUI thread, belong in the picture
    app.processEvents()
    safe_files.make_folder(out.parent)
    picture = window.grab()
    kind = out.suffix.lstrip(".").upper() or "PNG"

    def save(partial: Path) -> None:
        if not picture.save(str(partial), kind):
            raise OSError(f"无法写入 {out}")

    safe_files.write_with(out, save)
    window.close()
    window.stop_news()
    db.conn.close()
    return picture.width(), picture.height()
