"""The one place that applies fonts, palette and stylesheet to the application."""

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from jimo_desktop import paths
from jimo_desktop.reports import fonts

UI_POINT_SIZE = 10


def apply_theme(app: QApplication) -> str:
    """Register the resolved Chinese fonts with Qt and use the UI face; returns its family.

    Raises fonts.FontMissingError when no Chinese font exists, so that nothing is shown
    as boxes.
    """
    families: dict[str, str] = {}
    for role, choice in fonts.resolve_all().items():
        font_id = QFontDatabase.addApplicationFont(str(choice.path))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if loaded:
            families[role] = loaded[0]
    ui_family = families.get("ui")
    if ui_family is None:
        raise fonts.FontMissingError(f"无法载入界面字体 {fonts.resolve('ui').path}")
    app.setFont(QFont(ui_family, UI_POINT_SIZE))
    app.setStyle("Fusion")
    app.setStyleSheet((paths.resources_dir() / "style.qss").read_text(encoding="utf-8"))
    return ui_family
