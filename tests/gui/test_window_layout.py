"""Windows fit the screen they open on (1366×768, the commonest office laptop, and smaller)
and come back with the size, position, splitters and column widths the officer left."""

from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QDialogButtonBox, QSplitter

from jimo_desktop.views.common.window_layout import FRAME_HEIGHT, fitted_size, open_sized
from jimo_desktop.views.exchange.import_dialog import ImportDialog
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.progress.dispatch_dialog import DispatchDialog


def test_a_window_is_cut_to_the_free_area_of_a_1366_by_768_screen():
    above_taskbar = QRect(0, 0, 1366, 728)
    assert fitted_size(QSize(980, 820), above_taskbar) == QSize(980, 688)
    assert fitted_size(QSize(1400, 860), above_taskbar) == QSize(1350, 688)
    assert fitted_size(QSize(760, 480), above_taskbar) == QSize(760, 480)


def test_the_weekly_dispatch_dialog_fits_its_screen_with_its_save_button(qtbot, demo_db):
    window = MainWindow(demo_db, demo_db_path(demo_db))
    qtbot.addWidget(window)
    dialog = DispatchDialog(demo_db, window.index, None, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    free = dialog.screen().availableGeometry()
    assert dialog.height() + FRAME_HEIGHT <= free.height()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.mapTo(dialog, buttons.rect().bottomLeft()).y() < dialog.height()


def demo_db_path(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def test_a_dialog_comes_back_at_the_size_and_place_it_was_left(qtbot, db):
    first = ImportDialog(db)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(640, 480)
    first.move(40, 30)
    first.close()
    second = ImportDialog(db)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == QSize(640, 480)
    assert second.pos() == first.pos()


def test_splitters_and_column_widths_come_back_when_the_window_opens_again(qtbot, demo_db):
    path = demo_db_path(demo_db)
    first = MainWindow(demo_db, path)
    qtbot.addWidget(first)
    open_sized(first, "main", 1400, 760)
    first.show()
    qtbot.waitExposed(first)
    first.project_list.table.setColumnWidth(1, 333)
    first.open_view("dispatch")
    dispatch_splitter = _splitters_of(first.current_page())[0]
    dispatch_splitter.setSizes([150, 450])
    left = dispatch_splitter.sizes()
    first.close()

    second = MainWindow(demo_db, path)
    qtbot.addWidget(second)
    open_sized(second, "main", 1400, 760)
    second.show()
    qtbot.waitExposed(second)
    assert second.project_list.table.columnWidth(1) == 333
    second.open_view("dispatch")
    assert _splitters_of(second.current_page())[0].sizes() == left


def _splitters_of(page):
    return page.findChildren(QSplitter)
