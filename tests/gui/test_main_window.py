"""The main window: navigation, the status bar, the first-launch demo offer, and 设置's effects."""

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.dates import format_date
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import projects
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.projects.project_table_model import COL_NAME, COL_UNIT
from jimo_desktop.views.settings.dictionary_editor import DictionaryEditor
from jimo_desktop.views.settings.settings_view import SettingsView

AREAS = [
    "项目库",
    "问题清单",
    "督办单",
    "进度调度",
    "现场督查",
    "统计图表",
    "简报导出",
    "操作历史",
    "设置",
]


def database_path(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


@pytest.fixture
def open_window(qtbot):
    def open_on(db) -> MainWindow:
        window = MainWindow(db, database_path(db))
        qtbot.addWidget(window)
        window.resize(1400, 860)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_on


@pytest.fixture
def asked(monkeypatch):
    """Every question the window asks, answered with `asked.answer` (Yes unless changed)."""

    class Questions(list):
        answer = QMessageBox.StandardButton.Yes

    questions = Questions()

    def question(parent, title, text, *args, **kwargs):
        questions.append(text)
        return questions.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


def shown_names(window: MainWindow) -> list[str]:
    model = window.project_list.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def open_settings(window: MainWindow) -> SettingsView:
    window.open_view("settings")
    page = window.current_page()
    assert isinstance(page, SettingsView)
    assert window.page_title.text() == "设置"
    return page


def unit_editor(settings_view: SettingsView) -> DictionaryEditor:
    (editor,) = [
        editor
        for editor in settings_view.findChildren(DictionaryEditor)
        if editor.entries.objectName() == "unitsList"
    ]
    return editor


def combo_texts(combo) -> list[str]:
    return [combo.itemText(number) for number in range(combo.count())]


def unit_names(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM units ORDER BY id")]


# --- navigation ----------------------------------------------------------------------------


def test_navigation_has_the_areas_in_order(open_window, demo_db):
    window = open_window(demo_db)
    navigation = window.navigation
    assert [navigation.item(row).text() for row in range(navigation.count())] == AREAS


def test_window_opens_on_the_project_list(open_window, demo_db):
    window = open_window(demo_db)
    assert window.navigation.currentRow() == 0
    assert window.page_title.text() == "项目库"
    assert window.current_page() is window.project_list
    assert window.project_list.model.rowCount() > 0


def test_every_area_opens_with_its_title(open_window, demo_db):
    window = open_window(demo_db)
    for row, label in enumerate(AREAS):
        window.navigation.setCurrentRow(row)
        assert window.page_title.text() == label
        assert window.stack.currentIndex() == row
        assert window.current_page().isVisibleTo(window)


def test_a_page_is_built_once_and_kept(open_window, demo_db):
    window = open_window(demo_db)
    settings_page = open_settings(window)
    window.navigation.setCurrentRow(0)
    assert open_settings(window) is settings_page
    assert window.stack.count() == len(AREAS)


def test_window_title_names_the_database_file(open_window, demo_db):
    window = open_window(demo_db)
    assert "demo.sqlite3" in window.windowTitle()


# --- status bar ----------------------------------------------------------------------------


def test_status_bar_of_a_demo_database(open_window, demo_db):
    window = open_window(demo_db)
    assert str(database_path(demo_db)) in window.database_label.text()
    assert window.officer_label.text() == "经办人：李明"
    assert window.date_label.text() == "业务日期：2020年6月30日"
    assert window.demo_badge.isVisible()
    assert window.demo_badge.text() == "演示数据"
    status_widgets = window.statusBar().findChildren(type(window.date_label))
    assert window.demo_badge in status_widgets


def test_status_bar_of_a_real_database_shows_todays_date_and_no_badge(open_window, db):
    settings.put(db, settings.OFFICER, "王芳")
    window = open_window(db)
    assert str(database_path(db)) in window.database_label.text()
    assert window.officer_label.text() == "经办人：王芳"
    assert window.date_label.text() == f"业务日期：{format_date(date.today())}"
    assert not window.demo_badge.isVisible()


def test_changing_the_officer_in_settings_updates_the_status_bar(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = open_settings(window)
    page.officer.setText("  张伟  ")
    (save,) = [b for b in page.findChildren(QPushButton) if b.text() == "保存"]
    save.click()
    assert window.officer_label.text() == "经办人：张伟"
    assert settings.officer(demo_db) == "张伟"


def test_a_blank_officer_name_is_not_saved(open_window, demo_db):
    window = open_window(demo_db)
    page = open_settings(window)
    page.officer.setText("   ")
    page.save_officer()
    assert window.officer_label.text() == "经办人：李明"
    assert settings.officer(demo_db) == "李明"


# --- first launch: the demo offer ----------------------------------------------------------


def test_empty_database_offers_the_demo_and_yes_fills_it(open_window, db, asked):
    window = open_window(db)
    assert window.project_list.model.rowCount() == 0
    window.offer_demo_if_empty()
    assert len(asked) == 1
    assert "演示数据" in asked[0]
    assert window.project_list.model.rowCount() > 0
    assert projects.count(db) > 0
    assert window.demo_badge.isVisible()
    assert window.date_label.text() == "业务日期：2020年6月30日"
    assert window.project_list.year.currentData() == 2020


def test_demo_is_offered_only_once_after_yes(open_window, db, asked):
    window = open_window(db)
    window.offer_demo_if_empty()
    count = projects.count(db)
    window.offer_demo_if_empty()
    assert len(asked) == 1
    assert projects.count(db) == count


def test_no_keeps_the_database_empty_and_is_not_asked_again(open_window, db, asked):
    asked.answer = QMessageBox.StandardButton.No
    window = open_window(db)
    window.offer_demo_if_empty()
    assert len(asked) == 1
    assert projects.count(db) == 0
    assert window.project_list.model.rowCount() == 0
    assert not window.demo_badge.isVisible()
    window.offer_demo_if_empty()
    open_window(db).offer_demo_if_empty()  # the next start of the program
    assert len(asked) == 1
    assert projects.count(db) == 0


def test_database_with_projects_is_not_offered_the_demo(open_window, demo_db):
    window = open_window(demo_db)
    window.offer_demo_if_empty()  # the autouse fixture fails the test on any question


# --- dictionaries edited in 设置 -----------------------------------------------------------


def test_adding_a_unit_offers_it_in_the_project_lists_unit_filter(open_window, demo_db):
    window = open_window(demo_db)
    editor = unit_editor(open_settings(window))
    editor.name.setText("即墨临空经济区")
    editor.aliases.setText("临空区，空港")
    editor.add_button.click()
    assert editor.message.text() == ""
    assert "即墨临空经济区" in [
        editor.entries.item(n).text() for n in range(editor.entries.count())
    ]
    assert "即墨临空经济区" in unit_names(demo_db)
    assert "即墨临空经济区" in combo_texts(window.project_list.unit)
    assert editor.entries.currentItem().text() == "即墨临空经济区"


def test_a_duplicate_unit_name_is_refused_with_a_message(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    editor = unit_editor(open_settings(window))
    before_units = unit_names(demo_db)
    before_filter = combo_texts(window.project_list.unit)
    editor.name.setText("通济街道")
    with qtbot.assertNotEmitted(editor.changed):
        editor.add_button.click()
    assert "通济街道" in editor.message.text()
    assert "已存在" in editor.message.text()
    assert unit_names(demo_db) == before_units
    assert combo_texts(window.project_list.unit) == before_filter
    assert editor.entries.count() == len(before_units)
    editor.name.clear()  # the refused name, not kept: closing the window has nothing to ask


def test_renaming_a_unit_renames_it_in_the_project_list(open_window, demo_db):
    window = open_window(demo_db)
    window.project_list.year.setCurrentIndex(0)
    editor = unit_editor(open_settings(window))
    (item,) = editor.entries.findItems("青岛蓝谷", Qt.MatchFlag.MatchExactly)
    editor.entries.setCurrentItem(item)
    editor.name.setText("青岛蓝谷核心区")
    editor.save_button.click()
    model = window.project_list.model
    units = {model.index(row, COL_UNIT).data() for row in range(model.rowCount())}
    assert "青岛蓝谷核心区" in units
    assert "青岛蓝谷" not in units
    assert "青岛蓝谷核心区" in combo_texts(window.project_list.unit)


# --- data survives a restart ---------------------------------------------------------------


def test_an_edited_project_survives_a_restart(qtbot, open_window, tmp_path):
    path = tmp_path / "restart.sqlite3"
    db = open_database(path)
    fill_demo(db, project_count=12)
    window = open_window(db)
    project_id = window.project_list.model.selection().project_id(0)
    project = projects.get(db, project_id)
    projects.save(db, dataclasses.replace(project, name="重启之后仍在的项目"))
    window.close()
    db.conn.close()

    reopened = open_database(path)
    try:
        window = open_window(reopened)
        assert "重启之后仍在的项目" in shown_names(window)
        assert project.name not in shown_names(window)
    finally:
        reopened.conn.close()


def test_the_reminders_open_beside_the_window_once_judged(qtbot, open_window, demo_db):
    from jimo_desktop.store.tracking import reminders
    from jimo_desktop.views.common.record_table import RowRole
    from jimo_desktop.views.tracking.reminders_panel import RemindersDialog

    window = open_window(demo_db)
    window.show_reminders()
    qtbot.waitUntil(lambda: window.findChild(RemindersDialog) is not None)
    dialog = window.findChild(RemindersDialog)
    shown = [
        dialog.table.proxy.index(r, 0).data(RowRole) for r in range(dialog.table.proxy.rowCount())
    ]
    assert shown == reminders.reminders(demo_db)
    dialog.quiet_today.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: window.findChild(RemindersDialog) is None)  # deleted on close
    window.show_reminders()
    qtbot.wait(200)
    assert window.findChild(RemindersDialog) is None  # dismissed for today
