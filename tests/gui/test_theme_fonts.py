"""The window starts whatever fonts the computer has: without a UI face it keeps Qt's own,
without 黑体, 仿宋 and 楷体 it takes the bundled faces."""

from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase

from jimo_desktop import paths
from jimo_desktop.reports import fonts
from jimo_desktop.store.database import open_database
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.theme import apply_theme


def test_a_computer_without_any_chinese_face_still_gets_its_theme(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path / "Fonts"])
    monkeypatch.setattr(paths, "fonts_bundle_dir", lambda: tmp_path / "bundle")
    font, sheet, style = qapp.font(), qapp.styleSheet(), qapp.style().name()
    try:
        family = apply_theme(qapp)
        assert family == font.family()
        assert qapp.styleSheet()
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
        qapp.setFont(font)


def test_a_computer_with_only_songti_and_yahei_starts_with_the_bundled_faces(
    qapp, qtbot, tmp_path, monkeypatch
):
    fonts_folder = tmp_path / "Fonts"
    fonts_folder.mkdir()
    yahei_like = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    songti_like = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
    if not (yahei_like.is_file() and songti_like.is_file()):
        pytest.skip("needs fonts-wqy-microhei and fonts-arphic-gbsn00lp")
    (fonts_folder / "msyh.ttc").symlink_to(yahei_like)
    (fonts_folder / "simsun.ttc").symlink_to(songti_like)
    monkeypatch.setattr(fonts, "font_dirs", lambda: [fonts_folder])
    font, sheet, style = qapp.font(), qapp.styleSheet(), qapp.style().name()
    try:
        family = apply_theme(qapp)
        assert family == "WenQuanYi Micro Hei"
        assert {"FandolFang", "FandolKai"} <= set(QFontDatabase.families())
        db = open_database(tmp_path / "desk.sqlite3")
        window = MainWindow(db, tmp_path / "desk.sqlite3")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.isVisible()
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
        qapp.setFont(font)
