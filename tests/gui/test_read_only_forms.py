"""A window opened read-only (another window holds the file, or a leader's SELECT-only role
on the office database) shows its forms as （只读） with no 保存, and a write that still reaches
the database is explained as read-only in Chinese, not as an unexpected error."""

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from jimo_desktop.store.engine import OfficeBusy, OfficeConnectionLost
from jimo_desktop.store.postgresql import OfficeReadOnlyError
from jimo_desktop.store.project_library import projects
from jimo_desktop.views import error_hook
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.projects.project_editor import ProjectEditor
from tests.gui.keyboard import type_text


def open_editor(qtbot, demo_db, read_only: bool) -> ProjectEditor:
    window = MainWindow(demo_db, Path(demo_db.execute("PRAGMA database_list").fetchone()[2]))
    window.read_only = read_only
    qtbot.addWidget(window)
    project_id = demo_db.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]
    editor = ProjectEditor(demo_db, projects.get(demo_db, project_id), window.project_list)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def save_buttons(editor) -> list[QPushButton]:
    return [b for b in editor.findChildren(QPushButton) if b.text().startswith("保存")]


def test_a_read_only_windows_form_says_so_and_offers_no_save(qtbot, demo_db):
    editor = open_editor(qtbot, demo_db, read_only=True)
    assert editor.windowTitle().endswith("（只读）")
    assert save_buttons(editor) and not any(b.isEnabled() for b in save_buttons(editor))
    editor.discard_edits()


def test_typing_in_a_read_only_windows_form_is_asked_about_without_offering_to_save(
    qtbot, demo_db, boxes
):
    editor = open_editor(qtbot, demo_db, read_only=True)
    name = editor.ui.nameEdit.text()
    type_text(qtbot, editor.ui.nameEdit, "（改）")

    boxes.answer("取消")
    qtbot.keyClick(editor.ui.nameEdit, Qt.Key.Key_Escape)
    assert editor.isVisible()
    boxes.answer("不保存")
    qtbot.keyClick(editor.ui.nameEdit, Qt.Key.Key_Escape)

    assert not editor.isVisible()
    assert [set(offered) for offered in boxes.offered] == [{"不保存", "取消"}] * 2
    assert all("只读" in said for said in boxes.said)
    project_id = demo_db.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]
    assert projects.get(demo_db, project_id).name == name


def test_a_writable_windows_form_saves_as_before(qtbot, demo_db):
    editor = open_editor(qtbot, demo_db, read_only=False)
    assert not editor.windowTitle().endswith("（只读）")
    assert all(b.isEnabled() for b in save_buttons(editor))
    editor.discard_edits()


def test_a_write_refused_by_either_engine_is_explained_as_read_only():
    for refusal in (
        sqlite3.OperationalError("attempt to write a readonly database"),
        OfficeReadOnlyError("attempt to write a readonly database (permission denied)"),
    ):
        said = error_hook.explain(refusal, None, None)
        assert "只读" in said and "意外错误" not in said


def test_a_dropped_office_connection_is_explained_as_such_not_as_an_unexpected_error():
    said = error_hook.explain(
        OfficeConnectionLost("与办公室数据库的连接中断了（server closed the connection）"),
        None,
        None,
    )
    assert said.startswith("与办公室数据库的连接中断了") and "意外错误" not in said
    assert "窗口里已输入的内容仍在" in said and "自动重新连接" in said


def test_a_save_kept_waiting_by_a_colleague_is_explained_as_such():
    busy = OfficeBusy("办公室数据库中的这些记录正由另一位同事保存或导入，等了 20 秒仍未完成")
    said = error_hook.explain(busy, None, None)
    assert said.startswith("办公室数据库中的这些记录正由另一位同事") and "意外错误" not in said
    assert "窗口里已输入的内容仍在，请稍后再保存一次" in said


def shown_texts(page) -> set[str]:
    return {b.text() for b in page.findChildren(QPushButton) if b.isVisibleTo(page)}


def test_a_read_only_window_hides_what_writes_and_keeps_what_shows(qtbot, demo_db):
    window = MainWindow(demo_db, Path(demo_db.execute("PRAGMA database_list").fetchone()[2]))
    qtbot.addWidget(window)
    window.read_only = True
    window.show()
    listed = shown_texts(window.project_list)
    assert {"编辑", "导出Excel", "下载申报模板"} <= listed
    assert not {"新建项目", "复制为新项目", "删除", "导入Excel"} & listed
    window.open_view("problems")
    problems = shown_texts(window.current_page())
    assert {"编辑", "打开项目", "导出Excel"} <= problems
    assert not {"新增问题", "删除", "生成督办单", "解决/销号"} & problems
    window.open_view("progress")
    assert "保存本月（Ctrl+S）" not in shown_texts(window.current_page())


def test_a_writable_window_shows_every_action(qtbot, demo_db):
    window = MainWindow(demo_db, Path(demo_db.execute("PRAGMA database_list").fetchone()[2]))
    qtbot.addWidget(window)
    window.show()
    assert {"新建项目", "删除", "导入Excel"} <= shown_texts(window.project_list)
    window.open_view("problems")
    assert {"新增问题", "删除"} <= shown_texts(window.current_page())
