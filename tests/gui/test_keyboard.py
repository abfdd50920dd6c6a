"""The keys an Excel user expects, pressed as an officer presses them: Ctrl+F from any page
reaches its search box, Ctrl+PgUp/PgDn switch tabs wherever the focus is, Delete then
Ctrl+Z brings the row back."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QTabWidget

from jimo_desktop.store.project_library import projects
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.projects.project_editor import ProjectEditor

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, demo_db) -> MainWindow:
    path = Path(demo_db.execute("PRAGMA database_list").fetchone()[2])
    shown = MainWindow(demo_db, path)
    qtbot.addWidget(shown)
    shown.resize(1400, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def focused() -> QLineEdit | None:
    return QApplication.focusWidget()


@pytest.mark.parametrize("view", ["projects", "problems", "supervision", "progress", "history"])
def test_ctrl_f_from_the_navigation_reaches_the_pages_search_box(qtbot, window, view):
    window.open_view(view)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_F, CTRL)
    box = focused()
    assert isinstance(box, QLineEdit) and box.objectName() == "search"
    assert window.current_page().isAncestorOf(box)


def test_ctrl_f_in_the_project_table_selects_what_the_search_box_holds(qtbot, window):
    window.project_list.search.setText("青岛")
    window.project_list.table.setFocus()
    qtbot.keyClick(window.project_list.table, Qt.Key.Key_F, CTRL)
    assert focused() is window.project_list.search
    assert window.project_list.search.selectedText() == "青岛"


def test_ctrl_page_keys_switch_tabs_even_from_inside_a_table(qtbot, window):
    window.open_view("progress")
    tabs = window.stack.currentWidget()
    assert isinstance(tabs, QTabWidget) and tabs.currentIndex() == 0
    grid = window.current_page().grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_PageDown, CTRL)
    assert tabs.currentIndex() == 1
    qtbot.keyClick(focused() or window, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(focused() or window, Qt.Key.Key_PageUp, CTRL)
    assert tabs.currentIndex() == tabs.count() - 1


def test_ctrl_page_keys_switch_the_project_editors_tabs(qtbot, demo_db, window):
    project_id = demo_db.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]
    editor = ProjectEditor(demo_db, projects.get(demo_db, project_id), window)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.ui.tabs.setCurrentIndex(0)
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert editor.ui.tabs.currentIndex() == 1
    editor.discard_edits()


def test_delete_then_ctrl_z_brings_the_project_back(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    listed = window.project_list
    listed.table.setFocus()
    listed.table.selectRow(0)
    chosen = listed.selected_project_id()
    qtbot.keyClick(listed.table, Qt.Key.Key_Delete)
    assert deleted(window.db, chosen)
    qtbot.keyClick(listed.table, Qt.Key.Key_Z, CTRL)
    assert not deleted(window.db, chosen)
    assert listed.selected_project_id() == chosen
    assert not listed.undo_button.isVisible()


def deleted(db, project_id: int) -> bool:
    row = db.execute("SELECT deleted_at FROM projects WHERE id = ?", [project_id]).fetchone()
    return row[0] is not None
