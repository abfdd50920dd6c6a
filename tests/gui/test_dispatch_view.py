"""周调度: the meeting list, and recording a meeting with its projects and follow-ups."""

import random

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from jimo_desktop.demo import tracking
from jimo_desktop.domain.pinyin import name_initials
from jimo_desktop.store import settings
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.progress.dispatch_dialog import DispatchDialog
from jimo_desktop.views.progress.dispatch_view import DispatchView
from tests.gui.keyboard import type_text


@pytest.fixture
def tracked_db(demo_db):
    """The demo with its meetings, whether or not the demo builder adds them already."""
    if not demo_db.execute("SELECT COUNT(*) FROM dispatches").fetchone()[0]:
        tracking.fill(demo_db, random.Random(7), settings.today(demo_db))
    return demo_db


@pytest.fixture
def view(qtbot, tracked_db) -> DispatchView:
    widget = DispatchView(tracked_db, ProjectIndex(tracked_db, 2020))
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def open_dialog(qtbot):
    """Activate a dialog the view opened; at teardown close it without reject(), which would
    ask about what a test typed (a saved dialog is already gone)."""
    opened: list[DispatchDialog] = []

    def activate(dialog: DispatchDialog) -> DispatchDialog:
        opened.append(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    yield activate
    for dialog in opened:
        if shiboken6.isValid(dialog):
            dialog.done(0)


def shown(view: DispatchView, column: int = 0) -> list[str]:
    proxy = view.table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]


def test_meetings_are_listed_newest_first_with_their_counts(view, tracked_db):
    assert shown(view)[0] == "2020年6月29日"
    assert len(shown(view)) == count(tracked_db, "dispatches")
    newest = view.table.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert shown(view, 3)[0] == str(newest.project_count)
    assert view.table.summary.text().startswith(f"共 {len(shown(view))} 次会议")


def test_search_finds_meetings_by_a_project_they_discussed(qtbot, view, tracked_db):
    name = tracked_db.execute(
        "SELECT p.name FROM dispatch_projects dp JOIN projects p ON p.id = dp.project_id LIMIT 1"
    ).fetchone()[0]
    type_text(qtbot, view.table.search, name)
    assert shown(view)
    assert all(name in record.project_names for record in view.table.model.rows())


def test_selecting_a_meeting_shows_its_decisions_and_follow_ups(view, tracked_db):
    view.table.table.selectRow(0)
    meeting = view.table.current_record()
    details = view.details.toPlainText()
    assert meeting.title in details
    assert meeting.decisions.splitlines()[0] in details
    for item in dispatches.follow_ups(tracked_db, meeting.id):
        assert item.text in details


def test_a_meeting_is_recorded_from_the_keyboard_with_a_problem_to_follow(
    qtbot, view, tracked_db, open_dialog
):
    before = count(tracked_db, "problems")
    dialog = open_dialog(view.new_meeting())
    assert dialog.held_on.text() == "2020-06-30"
    type_text(qtbot, dialog.attendees, "区发改局、区自然资源局")
    project = dialog.picker.found.item(0).text()
    qtbot.keyClicks(dialog.picker.search, name_initials(project))
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert [name for _, name in dialog.picker.chosen_projects()] == [project]
    dialog.decisions.setFocus()
    type_text(qtbot, dialog.decisions, "月底前完成用地报批")
    assert dialog.follow_up_project.currentText() == project
    type_text(qtbot, dialog.follow_up_text, "用地指标不足")
    type_text(qtbot, dialog.follow_up_owner, "区自然资源局")
    qtbot.keyClicks(dialog.follow_up_deadline, "2020-07-15")
    qtbot.keyClick(dialog.follow_up_deadline, Qt.Key.Key_Return)
    assert dialog.follow_ups.rowCount() == 1
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert shown(view, 1)[0] == "6月30日周调度会议"
    assert view.table.current_record().problem_count == 1
    problem = tracked_db.execute(
        "SELECT description, deadline, responsible_unit, source FROM problems ORDER BY id DESC"
    ).fetchone()
    assert problem == ("用地指标不足", "2020-07-15", "区自然资源局", "dispatch")
    assert count(tracked_db, "problems") == before + 1


def test_a_follow_up_needs_a_discussed_project(qtbot, view, open_dialog):
    dialog = open_dialog(view.new_meeting())
    type_text(qtbot, dialog.follow_up_text, "协调供电")
    dialog.add_follow_up()
    assert "研究项目" in dialog.message.text()
    assert dialog.follow_ups.rowCount() == 0


def test_a_bad_deadline_keeps_the_dialog_open_and_writes_nothing(
    qtbot, view, tracked_db, open_dialog
):
    before = (count(tracked_db, "dispatches"), count(tracked_db, "service_items"))
    dialog = open_dialog(view.new_meeting())
    dialog.picker.add(dialog.picker.found.item(0))
    dialog.follow_up_kind.setCurrentIndex(dialog.follow_up_kind.findData("service"))
    type_text(qtbot, dialog.follow_up_text, "协调供电")
    qtbot.keyClicks(dialog.follow_up_deadline, "2020-06-01")
    dialog.add_follow_up()
    assert not dialog.save()
    assert "早于会议日期" in dialog.message.text()
    assert dialog.isVisible()
    assert (count(tracked_db, "dispatches"), count(tracked_db, "service_items")) == before


def test_cancelling_typed_work_asks_before_dropping_it(qtbot, view, open_dialog, boxes):
    dialog = open_dialog(view.new_meeting())
    dialog.decisions.setFocus()
    type_text(qtbot, dialog.decisions, "临时议题")
    boxes.answer("取消", "不保存")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.reject()
    assert not dialog.isVisible()
    assert len(boxes.said) == 2 and "新建调度会议" in boxes.said[0]


def test_an_unchanged_meeting_closes_without_asking(qtbot, view, open_dialog):
    view.table.table.selectRow(0)
    dialog = open_dialog(view.open_current())
    dialog.reject()
    assert not dialog.isVisible()


def test_a_follow_up_added_to_a_recorded_meeting_joins_its_list(
    qtbot, view, tracked_db, open_dialog
):
    view.table.table.selectRow(0)
    meeting = view.table.current_record()
    dialog = open_dialog(view.open_current())
    recorded = dispatches.follow_ups(tracked_db, meeting.id)
    assert dialog.follow_ups.rowCount() == len(recorded)
    dialog.follow_up_kind.setCurrentIndex(dialog.follow_up_kind.findData("service"))
    type_text(qtbot, dialog.follow_up_text, "协调银行贷款")
    dialog.add_follow_up()
    assert dialog.save()
    after = dispatches.follow_ups(tracked_db, meeting.id)
    assert [item.text for item in after if item.kind == "service"][-1] == "协调银行贷款"
    assert len(after) == len(recorded) + 1
    assert view.table.current_record().id == meeting.id


def test_deleting_a_meeting_asks_and_keeps_its_follow_ups(monkeypatch, view, tracked_db):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    problems = count(tracked_db, "problems")
    view.table.table.selectRow(0)
    doomed = view.table.current_record()
    view.delete_current()
    assert doomed.id not in [meeting.id for meeting in view.table.model.rows()]
    assert count(tracked_db, "problems") == problems
    view.table.undo_button.click()
    assert view.table.current_record().id == doomed.id


def test_the_table_model_passes_qts_model_tester(view):
    QAbstractItemModelTester(view.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    view.refresh()
