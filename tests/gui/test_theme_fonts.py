"""The window starts whatever fonts the computer has: without a UI face it keeps Qt's own."""

from jimo_desktop import paths
from jimo_desktop.reports import fonts
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
