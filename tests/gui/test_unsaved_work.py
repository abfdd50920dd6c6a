"""Work typed and never saved: closing the window, moving the database and restoring a backup
ask 保存 / 不保存 / 取消 about every page and dialog holding typed work, and Enter in a text
field never closes a dialog. The boxes are answered by clicking their real buttons."""

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QWidget

from jimo_desktop import paths
from jimo_desktop.domain.project import Project
from jimo_desktop.store import settings
from jimo_desktop.store.monthly import dispatches, progress
from jimo_desktop.store.project_library import lights, projects
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.store.site_visits import inspections
from jimo_desktop.store.tracking import milestones, problems, reminders, work_logs
from jimo_desktop.views.app import Desk
from jimo_desktop.views.briefings.briefings_view import BriefingsView
from jimo_desktop.views.inspections.inspection_form import InspectionForm
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.progress.dispatch_dialog import DispatchDialog
from jimo_desktop.views.progress.progress_grid import ProgressGridPage
from jimo_desktop.views.projects.milestone_dialog import MilestoneDialog
from jimo_desktop.views.projects.project_editor import ProjectEditor
from jimo_desktop.views.projects.work_log_panel import WorkLogPanel
from jimo_desktop.views.session import open_session
from jimo_desktop.views.settings.backup_dialog import BackupPanel
from jimo_desktop.views.settings.data_location import DataLocationWidget
from jimo_desktop.views.settings.settings_view import SettingsView
from jimo_desktop.views.tracking.problem_dialog import new_problem, problem_form
from tests.briefing_demo import fill_briefing_demo
from tests.gui.keyboard import type_text
from tests.unit.progress_data import listed_project

JUNE = "2020-06"


def database_path(db) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


@pytest.fixture
def listed_db(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-07-06")  # June is the last month over
    for number in range(3):
        listed_project(db, f"第{number}号重点项目")
    return db


def show(qtbot, widget: QWidget) -> QWidget:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.fixture
def window(qtbot, listed_db) -> MainWindow:
    main = MainWindow(listed_db, database_path(listed_db))
    qtbot.addWidget(main)
    main.resize(1400, 860)
    return show(qtbot, main)


def type_into_grid(qtbot, window: MainWindow, text: str, enter: bool = True) -> ProgressGridPage:
    """Type a figure into the first 1-6月累计 cell of 月推进; without `enter` it stays open."""
    window.open_view("progress")
    page = window.current_page()
    page.grid.start()
    type_text(qtbot, page.grid, text[0])
    qtbot.waitUntil(lambda: page.grid.state() == QAbstractItemView.State.EditingState)
    editor = QGuiApplication.focusObject()
    type_text(qtbot, editor, text[1:])
    if enter:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    return page


def saved_this_year(db, row: int = 0):
    return progress.month_rows(db, JUNE)[row].report.completed_this_year


def test_closing_the_window_asks_and_cancel_keeps_the_figure_typed_in_its_open_cell(
    qtbot, window, listed_db, boxes
):
    page = type_into_grid(qtbot, window, "5500", enter=False)
    boxes.answer("取消")
    window.close()

    assert window.isVisible()
    assert "月推进：2020年6月 1 个项目的填报" in boxes.said[0]
    assert "关闭程序前保存这些修改吗？" in boxes.said[0]
    assert page.model.edits.edited_count() == 1
    assert page.model.index(0, 3).data() == "5,500.00"
    assert saved_this_year(listed_db) is None

    boxes.answer("保存")
    window.close()
    assert not window.isVisible()
    assert saved_this_year(listed_db) == 5_500_00


def test_dont_save_drops_the_typed_figure_and_closes(qtbot, window, listed_db, boxes):
    type_into_grid(qtbot, window, "5500")
    boxes.answer("不保存")
    window.close()
    assert not window.isVisible()
    assert saved_this_year(listed_db) is None


def test_a_figure_that_cannot_be_saved_keeps_the_window_open_on_its_page(
    qtbot, window, listed_db, boxes
):
    page = type_into_grid(qtbot, window, "12x")
    window.open_view("projects")
    boxes.answer("保存")
    window.close()
    assert window.isVisible()
    assert window.current_page() is page
    assert "有 1 处需要修改，未保存" in page.message.text()
    assert saved_this_year(listed_db) is None
    page.discard_edits()


def test_a_window_without_typed_work_closes_without_a_question(qtbot, window):
    window.open_view("progress")
    window.open_view("settings")
    window.close()
    assert not window.isVisible()


def test_one_question_names_the_typed_work_of_every_built_page(qtbot, db, boxes):
    fill_briefing_demo(db, project_count=30)
    window = MainWindow(db, database_path(db))
    qtbot.addWidget(window)
    show(qtbot, window)
    window.open_view("briefings")
    briefing = window.current_page()
    assert isinstance(briefing, BriefingsView)
    box = briefing.editor.section_box("next_steps")
    box.setFocus()
    type_text(qtbot, box, "挂牌督办。")
    window.open_view("settings")
    page = window.current_page()
    assert isinstance(page, SettingsView)
    page.officer.clear()
    type_text(qtbot, page.officer, "王磊")
    page.light_rules.yellow.setValue(12)

    boxes.answer("保存")
    window.close()

    said = boxes.said[0]
    assert "简报导出：关于2020年1-6月全区重点项目建设情况的通报" in said
    assert "设置：经办人“王磊”" in said and "设置：红黄绿灯规则" in said
    assert not window.isVisible()
    assert settings.officer(db) == "王磊"
    assert lights.rules(db).yellow_behind == 12
    assert briefing.job.saved_id is not None


def test_choosing_another_briefing_asks_about_the_edited_one(qtbot, db, boxes):
    fill_briefing_demo(db, project_count=30)
    view = BriefingsView(db)
    qtbot.addWidget(view)
    show(qtbot, view)
    box = view.editor.section_box("next_steps")
    box.setFocus()
    type_text(qtbot, box, "挂牌督办。")
    boxes.answer("取消")
    view.period.setCurrentIndex(view.period.findData("2020-05"))
    assert view.period.currentData() == JUNE
    assert "挂牌督办。" in view.editor.section_box("next_steps").toPlainText()

    boxes.answer("不保存")
    view.period.setCurrentIndex(view.period.findData("2020-05"))
    assert view.period.currentData() == "2020-05"
    assert not view.has_unsaved_edits()


# --- the database changes under the window --------------------------------------------------


@pytest.fixture
def desk(tmp_path, monkeypatch, qtbot):
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data")
    (tmp_path / "data").mkdir()
    session = open_session(tmp_path / "old" / "jimo.sqlite3")
    settings.put(session.db, settings.BUSINESS_DATE, "2020-07-06")
    listed_project(session.db, "海洋生物医药产业园")
    reminders.dismiss_for_today(session.db)
    running = Desk(session)
    qtbot.addWidget(running.window)
    show(qtbot, running.window)
    yield running
    running.close()


def test_moving_the_database_settles_typed_work_before_copying(
    qtbot, desk, tmp_path, boxes, monkeypatch
):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.No)
    window = desk.window
    type_into_grid(qtbot, window, "5500")
    window.open_view("settings")
    mover = window.current_page().findChild(DataLocationWidget)

    boxes.answer("取消")
    with qtbot.waitSignal(mover.moved) as moved:
        mover.move_to(tmp_path / "D盘")
    assert moved.args == [False]
    assert "移动数据库前保存这些修改吗？" in boxes.said[0]
    assert not (tmp_path / "D盘" / "jimo.sqlite3").exists()

    boxes.answer("保存")
    with qtbot.waitSignal(mover.moved, timeout=10_000) as moved:
        mover.move_to(tmp_path / "D盘")
    assert moved.args == [True]
    assert desk.session.path == tmp_path / "D盘" / "jimo.sqlite3"
    assert saved_this_year(desk.session.db) == 5_500_00, "saved before the copy, so in it"


def test_restoring_a_backup_settles_typed_work_first(qtbot, window, listed_db, boxes, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.Yes)
    window.open_view("backups")
    panel = window.current_page()
    assert isinstance(panel, BackupPanel)
    panel.back_up_now()
    page = type_into_grid(qtbot, window, "5500")
    window.open_view("backups")
    panel.table.select(lambda _backup: True)

    boxes.answer("取消")
    with qtbot.assertNotEmitted(panel.restored):
        panel.restore_selected()
    assert "恢复备份前保存这些修改吗？" in boxes.said[0]
    assert page.is_dirty()

    boxes.answer("不保存")
    with qtbot.waitSignal(panel.restored):
        panel.restore_selected()
    assert not page.is_dirty()


# --- dialogs ------------------------------------------------------------------------------


@pytest.fixture
def project_id(demo_db) -> int:
    return demo_db.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]


def problem_dialog(db, project_id):
    form = problem_form(db, new_problem(db, project_id))
    return form, form.widgets["responsible_unit"], lambda: problems.counts(db).total


def milestone_dialog(db, project_id):
    dialog = MilestoneDialog(db, project_id, None, None)
    count = len(milestones.for_project(db, project_id))
    return dialog, dialog.edits["name"], lambda: len(milestones.for_project(db, project_id)) - count


def dispatch_dialog(db, project_id):
    dialog = DispatchDialog(db, ProjectIndex(db, 2020), None, None)
    return dialog, dialog.title, lambda: len(dispatches.meetings(db, None, ""))


def inspection_form(db, project_id):
    form = InspectionForm(db, None, project_id)
    return form, form.place, lambda: len(inspections.list_inspections(db))


def project_editor(db, project_id):
    editor = ProjectEditor(db, Project(name=""))
    return editor, editor.ui.nameEdit, lambda: projects.count(db)


DIALOGS = [problem_dialog, milestone_dialog, dispatch_dialog, inspection_form, project_editor]


@pytest.mark.parametrize("make", DIALOGS, ids=lambda make: make.__name__)
def test_enter_in_a_text_field_never_closes_a_dialog_and_closing_asks(
    qtbot, demo_db, project_id, boxes, make
):
    dialog, field, saved_count = make(demo_db, project_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: shiboken6.isValid(d) and d.done(0))
    show(qtbot, dialog)
    before = saved_count()
    field.setFocus()
    type_text(qtbot, field, "新建")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert saved_count() == before

    boxes.answer("取消")
    dialog.close()  # the title bar's × and Alt+F4 send this close event
    assert dialog.isVisible()
    assert field.text().endswith("新建")

    boxes.answer("不保存")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert saved_count() == before
    assert len(boxes.said) == 2


def test_closing_the_project_editor_asks_about_a_work_log_line_typed_in_its_tab(
    qtbot, demo_db, project_id, boxes
):
    editor = ProjectEditor(demo_db, projects.get(demo_db, project_id))
    qtbot.addWidget(editor, before_close_func=lambda d: shiboken6.isValid(d) and d.done(0))
    show(qtbot, editor)
    log = editor.findChild(WorkLogPanel)
    type_text(qtbot, log.content_edit, "现场协调供电")
    lines = len(work_logs.for_project(demo_db, project_id))

    boxes.answer("保存")
    qtbot.keyClick(editor.ui.nameEdit, Qt.Key.Key_Escape)

    assert "工作日志“现场协调供电”" in boxes.said[0]
    assert not editor.isVisible()
    logged = work_logs.for_project(demo_db, project_id)
    assert len(logged) == lines + 1
    assert "现场协调供电" in {entry.content for entry in logged}


def test_closing_the_window_asks_about_an_open_dialog_too(qtbot, demo_db, project_id, boxes):
    window = MainWindow(demo_db, database_path(demo_db))
    qtbot.addWidget(window)
    show(qtbot, window)
    window.open_project(project_id)
    editor = window.findChild(ProjectEditor)
    qtbot.waitUntil(editor.isVisible)
    editor.ui.remarksEdit.setPlainText("待补充用地手续")

    boxes.answer("不保存")
    window.close()
    assert "项目“" in boxes.said[0]
    assert not window.isVisible()
    assert projects.get(demo_db, project_id).remarks != "待补充用地手续"
