"""Start the GUI: the application object, fonts and theme, the database, the main window."""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from jimo_desktop.reports.fonts import FontMissingError
from jimo_desktop.store.database import DatabaseError, open_database
from jimo_desktop.views.main_window import APP_TITLE, VIEW_NAMES, MainWindow
from jimo_desktop.views.theme import apply_theme

SCREENSHOT_SIZE = (1600, 900)


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("即墨区发展和改革局")
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


def run(database_path: Path) -> int:
    app = _application()
    try:
        apply_theme(app)
        db = open_database(database_path)
    except (FontMissingError, DatabaseError) as error:
        print(error, file=sys.stderr)
        QMessageBox.critical(None, APP_TITLE, str(error))
        return 1
    window = MainWindow(db, database_path)
    window.resize(1400, 860)
    window.show()
    QTimer.singleShot(0, window.offer_demo_if_empty)
    return app.exec()


def screenshot(database_path: Path, out: Path, view: str) -> None:
    """Render the real main window offscreen, at a fixed size, with `view` open."""
    if view not in VIEW_NAMES:
        raise ValueError(view)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application()
    apply_theme(app)
    db = open_database(database_path)
    window = MainWindow(db, database_path)
    window.resize(*SCREENSHOT_SIZE)
    window.open_view(view)
    window.show()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise OSError(f"无法写入 {out}")
    window.close()
    db.conn.close()
