"""`screenshot` draws the real window with Chinese text, not an empty frame or boxes of tofu.

The PNGs come from the command line in a subprocess, as acceptance checks make them; their
pixels are read with QImage. That the characters are real glyphs, not the font's .notdef
box, is proved in-process on the font the theme installs: OCR would be slower and flakier.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QRawFont

from jimo_desktop.demo.builder import create_demo
from jimo_desktop.store.database import open_database
from jimo_desktop.views.main_window import AREAS
from jimo_desktop.views.projects.project_table_model import ProjectTableModel
from jimo_desktop.views.theme import apply_theme

NAV_WIDTH = 150  # MainWindow fixes the navigation's width
NAV_BACKGROUND = QColor("#1f3a5f")
BADGE = QColor("#f0b429")
STATUS_BAR = -40  # the bottom rows: the status bar runs below the navigation


def screenshot(tmp_path: Path, db: Path, view: str) -> np.ndarray:
    out = tmp_path / f"{db.stem}-{view}.png"
    result = subprocess.run(
        [sys.executable, "-m", "jimo_desktop", "screenshot", out, "--db", db, "--view", view],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return pixels(QImage(str(out)))


def pixels(image: QImage) -> np.ndarray:
    """Height × width × (b, g, r) array of the image."""
    assert not image.isNull()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[:, :, :3].copy()


def distinct_colours(image: np.ndarray) -> int:
    packed = image.astype(np.uint32)
    return len(np.unique(packed[:, :, 0] | packed[:, :, 1] << 8 | packed[:, :, 2] << 16))


def near(image: np.ndarray, colour: QColor, tolerance: int = 12) -> np.ndarray:
    wanted = np.array([colour.blue(), colour.green(), colour.red()], dtype=np.int16)
    return (np.abs(image.astype(np.int16) - wanted) <= tolerance).all(axis=2)


def bands(rows_with_ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive True rows, as (first, last)."""
    found, start = [], None
    for number, ink in enumerate([*rows_with_ink.tolist(), False]):
        if ink and start is None:
            start = number
        elif not ink and start is not None:
            found.append((start, number - 1))
            start = None
    return found


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> dict[str, np.ndarray]:
    folder = tmp_path_factory.mktemp("screenshots")
    demo = folder / "demo.sqlite3"
    create_demo(demo, 40).conn.close()
    real = folder / "real.sqlite3"
    open_database(real).conn.close()
    return {
        "projects": screenshot(folder, demo, "projects"),
        "settings": screenshot(folder, demo, "settings"),
        "real": screenshot(folder, real, "projects"),
    }


def test_screenshot_is_the_fixed_window_size(shots):
    for image in shots.values():
        assert image.shape[:2] == (900, 1600)


def test_screenshot_is_not_blank(shots):
    # A full list of anti-aliased text has thousands of shades; an empty frame a handful.
    assert distinct_colours(shots["projects"]) > 200
    assert distinct_colours(shots["settings"]) > 100


def test_navigation_draws_a_label_on_each_of_its_entries(shots):
    nav = shots["projects"][:STATUS_BAR, 12 : NAV_WIDTH - 4]
    assert near(nav, NAV_BACKGROUND).mean() > 0.5, "the navigation bar is drawn in its colour"
    brightness = nav.astype(np.int16).mean(axis=2)
    text_rows = (brightness > 170).any(axis=1)
    labels = [band for band in bands(text_rows) if band[1] - band[0] >= 8]
    assert len(labels) == len(AREAS)


def test_the_view_option_opens_another_page(shots):
    content = np.s_[60:800, NAV_WIDTH + 10 :]
    differing = (shots["projects"][content] != shots["settings"][content]).any(axis=2)
    assert differing.mean() > 0.05
    assert (shots["projects"][:, :NAV_WIDTH] != shots["settings"][:, :NAV_WIDTH]).any()


def test_demo_badge_is_drawn_only_for_a_demo_database(shots):
    status_bar = np.s_[STATUS_BAR:, NAV_WIDTH:]
    assert near(shots["projects"][status_bar], BADGE).sum() > 100
    assert near(shots["real"][status_bar], BADGE).sum() == 0


@pytest.fixture
def themed_app(qapp):
    """The theme as the program applies it, undone afterwards for the other tests."""
    font, sheet, style = qapp.font(), qapp.styleSheet(), qapp.style().name()
    family = apply_theme(qapp)
    yield qapp, family
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setFont(font)


def interface_text() -> str:
    model = ProjectTableModel()
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    return "".join({*"".join(area.label for area in AREAS), *"".join(headers), *"演示数据经办人"})


def test_theme_font_has_a_glyph_for_every_character_of_the_interface(themed_app):
    app, family = themed_app
    assert app.font().family() == family
    metrics = QFontMetrics(app.font())
    raw = QRawFont.fromFont(app.font())
    assert raw.isValid()
    for character in interface_text():
        if character.isspace() or character.isascii():
            continue
        assert metrics.inFontUcs4(ord(character)), character
        # The ucs4 overload: PySide's str → QChar conversion misreads some characters.
        assert raw.supportsCharacter(ord(character)), character


def test_theme_font_draws_chinese_as_glyphs_not_the_missing_glyph_box(themed_app):
    app, _ = themed_app
    raw = QRawFont.fromFont(app.font())
    glyphs = raw.glyphIndexesForString("项目库")
    assert len(glyphs) == 3
    assert 0 not in glyphs, "glyph 0 is .notdef, drawn as an empty box"
    assert len(set(glyphs)) == 3
    shapes = [raw.alphaMapForGlyph(glyph) for glyph in glyphs]
    assert all(pixels(shape.convertToFormat(QImage.Format.Format_RGB32)).any() for shape in shapes)
    notdef = pixels(raw.alphaMapForGlyph(0).convertToFormat(QImage.Format.Format_RGB32))
    first = pixels(shapes[0].convertToFormat(QImage.Format.Format_RGB32))
    assert first.shape != notdef.shape or (first != notdef).any()


def test_window_grab_with_the_theme_draws_navigation_text(qtbot, themed_app, demo_db, tmp_path):
    from jimo_desktop.views.main_window import MainWindow

    window = MainWindow(demo_db, tmp_path / "demo.sqlite3")
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    nav = pixels(window.navigation.grab().toImage())
    assert near(nav, NAV_BACKGROUND).mean() > 0.5
    assert (nav.astype(np.int16).mean(axis=2) > 170).sum() > 200
