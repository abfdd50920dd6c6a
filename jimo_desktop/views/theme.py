"""The one place that applies fonts, palette and stylesheet to the application."""

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from jimo_desktop import paths
from jimo_desktop.reports import fonts

UI_POINT_SIZE = 10


def apply_theme(app: QApplication) -> str:
    """Register the Chinese faces present with Qt and use the UI face; returns its family.

    A computer without the UI face (or without any Chinese face) keeps Qt's own font: the
    program starts all the same, and a PDF export says what is missing.
    """
    families: dict[str, str] = {}
    for role, choice in fonts.resolve_present().items():
        font_id = QFontDatabase.addApplicationFont(str(choice.path))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if loaded:
            families[role] = loaded[0]
    ui_family = families.get("ui") or app.font().family()
    app.setFont(QFont(ui_family, UI_POINT_SIZE))
    app.setStyle("Fusion")
    app.setStyleSheet((paths.resources_dir() / "style.qss").read_text(encoding="utf-8"))
    return ui_family
