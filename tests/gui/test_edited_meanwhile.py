"""A form saved over a colleague's later save: the officer is told who and what, nothing is
written, and what they typed stays in the form, still unsaved, so closing it still asks."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from jimo_desktop.domain.inspections import Inspection, Point, PointState
from jimo_desktop.domain.problems import ProblemStatus
from jimo_desktop.domain.project import Project
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.monthly.dispatches import Meeting
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.store.site_visits import inspections
from jimo_desktop.store.site_visits.inspection_drafts import Draft
from jimo_desktop.store.tracking import milestones, problems, supervision, three_lists, work_logs
from jimo_desktop.views.inspections.inspection_form import InspectionForm
from jimo_desktop.views.progress.dispatch_dialog import DispatchDialog
from jimo_desktop.views.projects.milestones_panel import MilestonesPanel
from jimo_desktop.views.projects.project_lists_panel import ProjectListsPanel
from jimo_desktop.views.projects.work_log_panel import WorkLogPanel
from jimo_desktop.views.tracking.problem_dialog import RecordForm
from jimo_desktop.views.tracking.problems_view import ProblemsView
from jimo_desktop.views.tracking.supervision_view import SupervisionView
from tests.demo_parts import without_inspections
from tests.gui.keyboard import type_text

THEM, ME = "王晓燕", "李明"


@pytest.fixture
def project_id(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    settings.put(db, settings.OFFICER, ME)
    return projects.save(db, Project(name="海洋生物医药产业园", unit_id=1, industry_id=1)).id


@pytest.fixture
def colleague(tmp_path):
    """Another officer's window on the same database file."""
    other = open_database(tmp_path / "gui.sqlite3")
    yield other
    other.conn.close()


def as_officer(db, name: str):
    settings.put(db, settings.OFFICER, name)
    return db


def shown_widget(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def replace_text(qtbot, widget, text: str) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def press_ctrl_s(qtbot, form) -> None:
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_problem_form_refuses_a_save_over_a_colleagues_and_keeps_the_typing(
    qtbot, db, project_id, colleague, shown, boxes
):
    problem_id = problems.raise_problem(db, project_id, "电力增容未落实", deadline="2020-07-31")
    view = shown_widget(qtbot, ProblemsView(db))
    assert view.table.select(lambda row: row.id == problem_id)
    view.table.table.setFocus()
    qtbot.keyClick(view.table.table, Qt.Key.Key_Return)
    (form,) = [f for f in view.findChildren(RecordForm) if f.isVisible()]
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)

    theirs = problems.get(colleague, problem_id)
    as_officer(colleague, THEM)
    problems.save(colleague, dataclasses.replace(theirs, deadline="2020-08-15"))
    as_officer(db, ME)

    unit = form.widgets["responsible_unit"]
    unit.setFocus()
    replace_text(qtbot, unit, "区供电公司")
    press_ctrl_s(qtbot, form)

    [(kind, text)] = shown
    assert kind == "warning"
    assert text.startswith(
        "「项目“海洋生物医药产业园”的问题“电力增容未落实”」在您打开后已由王晓燕于"
    )
    assert "解决时限：打开时「2020年7月31日」｜王晓燕「2020年8月15日」｜您「2020年7月31日」" in text
    assert "责任单位：打开时「（空）」｜王晓燕「（空）」｜您「区供电公司」" in text
    kept = problems.get(db, problem_id)
    assert (kept.deadline, kept.responsible_unit) == ("2020-08-15", "")
    assert form.isVisible() and unit.text() == "区供电公司"

    assert "表单已换成王晓燕保存的内容，您改过的字段仍是您的值" in text
    assert form.widgets["deadline"].text() == "2020-08-15", "the colleague's deadline is shown"

    boxes.answer("取消")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Escape)
    assert form.isVisible() and "编辑问题" in boxes.said[0]
    assert unit.text() == "区供电公司"
    form.activateWindow()  # back from the question
    qtbot.waitUntil(form.isActiveWindow)
    press_ctrl_s(qtbot, form)
    saved = problems.get(db, problem_id)
    assert (saved.deadline, saved.responsible_unit) == ("2020-08-15", "区供电公司")
    assert not form.isVisible() and len(shown) == 1
    assert not form.isVisible() and len(shown) == 1


def test_the_resolution_form_refuses_a_problem_a_colleague_resolved_meanwhile(
    qtbot, db, project_id, colleague, shown
):
    problem_id = problems.raise_problem(db, project_id, "电力增容未落实")
    view = shown_widget(qtbot, ProblemsView(db))
    assert view.table.select(lambda row: row.id == problem_id)
    form = view.actions.resolve()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    problems.close(as_officer(colleague, THEM), problem_id, "专线已送电", "2020-06-30")
    as_officer(db, ME)

    type_text(qtbot, form.widgets["resolution"], "已协调供电公司")
    press_ctrl_s(qtbot, form)

    [(kind, text)] = shown
    assert kind == "warning" and "已由王晓燕于" in text
    assert (
        "解决情况（双方都改了）：打开时「（空）」｜王晓燕「专线已送电」｜您「已协调供电公司」"
        in text
    )
    assert problems.get(db, problem_id).resolution == "专线已送电"
    assert problems.get(db, problem_id).status is ProblemStatus.RESOLVED
    assert form.isVisible() and form.is_dirty()
    form.done(QDialog.DialogCode.Rejected)


def test_a_milestone_a_colleague_moved_meanwhile_is_not_overwritten(
    qtbot, db, project_id, colleague, shown
):
    node_id = milestones.add_custom(db, project_id, {"name": "主体封顶", "planned_on": "2020-09"})
    panel = shown_widget(qtbot, MilestonesPanel(db, project_id))
    assert panel.table.select(lambda row: row.node.id == node_id)
    dialog = panel.edit_current()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    opened = milestones.get(colleague, node_id)
    values = {"name": "主体封顶", "planned_on": "2020-10"}
    milestones.update(as_officer(colleague, THEM), node_id, values, opened=opened)
    as_officer(db, ME)

    replace_text(qtbot, dialog.edits["planned_on"], "2020-11")
    press_ctrl_s(qtbot, dialog)

    [(kind, text)] = shown
    assert kind == "warning" and "「项目“海洋生物医药产业园”的时间节点“主体封顶”」" in text
    assert "｜王晓燕「2020年10月」｜您「2020年11月」" in text
    assert milestones.get(db, node_id).planned_on == "2020-10"
    assert dialog.isVisible() and dialog.edits["planned_on"].text() == "2020-11"
    assert dialog.has_unsaved_edits()

    press_ctrl_s(qtbot, dialog)  # the officer saw both months and keeps theirs
    assert milestones.get(db, node_id).planned_on == "2020-11"
    assert not dialog.isVisible() and len(shown) == 1


def test_a_log_line_changed_at_another_desk_is_not_overwritten(
    qtbot, db, project_id, colleague, shown
):
    entry_id = work_logs.write(db, project_id, "现场查看主体施工进度", "2020-06-01")
    panel = shown_widget(qtbot, WorkLogPanel(db, project_id))
    assert panel.table.select(lambda entry: entry.id == entry_id)
    panel.edit_current()
    work_logs.edit(colleague, entry_id, "现场查看主体施工进度，已至五层", "2020-06-02")

    type_text(qtbot, panel.content_edit, "，塔吊三台")
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    [(kind, text)] = shown
    assert kind == "warning" and "已由李明于" in text
    assert work_logs.get(db, entry_id).content == "现场查看主体施工进度，已至五层"
    assert panel.content_edit.toPlainText() == "现场查看主体施工进度，塔吊三台"
    assert panel.date_edit.text() == "2020-06-02", "the colleague's day is taken"
    assert panel.has_unsaved_edits()

    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = work_logs.get(db, entry_id)
    assert (saved.content, saved.logged_on) == ("现场查看主体施工进度，塔吊三台", "2020-06-02")
    assert len(shown) == 1


def test_an_inspection_draft_saved_after_a_colleagues_change_is_refused_and_kept(
    qtbot, demo_db, tmp_path, shown
):
    """A flat battery at the site: the draft comes back the next day, after a colleague has
    corrected the same inspection; saving it must not put back what they corrected."""
    without_inspections(demo_db)
    settings.put(demo_db, settings.OFFICER, ME)
    project_id = demo_db.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]
    visit = Inspection(inspected_on="2020-06-29", project_ids=[project_id], place="烟青路北侧")
    visit.point(Point.PROGRESS).state = PointState.NORMAL
    inspection_id = inspections.save(demo_db, visit, [])

    first = open_inspection(qtbot, demo_db, inspection_id)
    type_text(qtbot, first.points.notes[Point.PROGRESS], "主体封顶")
    first.autosave()  # the timer's save; then the battery goes flat
    first.hide()

    colleague = as_officer(open_database(tmp_path / "demo.sqlite3"), THEM)
    theirs = Draft(inspections.get(colleague, inspection_id), [])
    corrected = dataclasses.replace(theirs.inspection, place="烟青路南侧")
    inspections.save(colleague, corrected, [], opened=theirs)
    colleague.conn.close()

    again = open_inspection(qtbot, demo_db, inspection_id)
    assert again.banner.isVisible() and again.place.text() == "烟青路北侧"
    press_ctrl_s(qtbot, again)

    [(kind, text)] = shown
    assert (
        kind == "warning" and "「现场督查“2020年6月29日 烟青路北侧”」在您打开后已由王晓燕于" in text
    )
    assert "地点：打开时「烟青路北侧」｜王晓燕「烟青路南侧」｜您「烟青路北侧」" in text
    assert inspections.get(demo_db, inspection_id).place == "烟青路南侧"
    assert inspections.get(demo_db, inspection_id).point(Point.PROGRESS).note == ""
    assert again.isVisible() and again.points.notes[Point.PROGRESS].text() == "主体封顶"
    assert again.has_unsaved_edits()
    again.done(QDialog.DialogCode.Rejected)
    first.done(QDialog.DialogCode.Rejected)


def open_inspection(qtbot, db, inspection_id: int) -> InspectionForm:
    form = InspectionForm(db, inspection_id)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def test_a_meeting_a_colleague_changed_meanwhile_keeps_theirs_and_writes_no_follow_up(
    qtbot, db, project_id, colleague, shown
):
    dispatch_id = dispatches.save_meeting(db, Meeting("2020-06-29", project_ids=(project_id,)))
    dialog = DispatchDialog(db, ProjectIndex(db, 2020), dispatch_id, None)
    shown_widget(qtbot, dialog)
    opened = dispatches.get(colleague, dispatch_id)
    changed = dataclasses.replace(opened, attendees="区发改局、区住建局")
    dispatches.save_meeting(as_officer(colleague, THEM), changed, opened=opened)
    as_officer(db, ME)

    type_text(qtbot, dialog.decisions, "7月10日前完成电力增容")
    type_text(qtbot, dialog.follow_up_text, "电力增容")
    qtbot.keyClick(dialog.follow_up_text, Qt.Key.Key_Return)
    press_ctrl_s(qtbot, dialog)

    [(kind, text)] = shown
    assert kind == "warning" and "「调度会议“6月29日周调度会议”」在您打开后已由王晓燕于" in text
    assert "参会人员：打开时「（空）」｜王晓燕「区发改局、区住建局」｜您「（空）」" in text
    assert dispatches.get(db, dispatch_id).attendees == "区发改局、区住建局"
    assert dispatches.get(db, dispatch_id).decisions == ""
    assert dispatches.follow_ups(db, dispatch_id) == []
    assert dialog.isVisible() and dialog.decisions.toPlainText() == "7月10日前完成电力增容"
    assert [follow_up.text for follow_up in dialog.pending()] == ["电力增容"]
    assert dialog.has_unsaved_edits()
    dialog.done(QDialog.DialogCode.Rejected)


def test_a_service_item_a_colleague_changed_meanwhile_is_not_overwritten(
    qtbot, db, project_id, colleague, shown
):
    item_id = three_lists.add_service(db, project_id, "协调办理施工许可证", "区行政审批服务局")
    panel = shown_widget(qtbot, ProjectListsPanel(db, project_id))
    assert panel.services.table.select(lambda item: item.id == item_id)
    form = panel.services.edit()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    three_lists.update_service(as_officer(colleague, THEM), item_id, {"provider": "区住建局"})
    as_officer(db, ME)

    replace_text(qtbot, form.widgets["due_on"], "2020-08-31")
    press_ctrl_s(qtbot, form)

    [(kind, text)] = shown
    assert kind == "warning" and "的服务事项“协调办理施工许可证”」在您打开后已由王晓燕于" in text
    assert (
        "服务责任方：打开时「区行政审批服务局」｜王晓燕「区住建局」｜您「区行政审批服务局」" in text
    )
    kept = three_lists.services(db, project_id)[0]
    assert (kept.provider, kept.due_on) == ("区住建局", None)
    assert form.isVisible() and form.widgets["due_on"].text() == "2020-08-31"
    assert form.widgets["provider"].text() == "区住建局", "the colleague's change is taken"

    press_ctrl_s(qtbot, form)
    saved = three_lists.services(db, project_id)[0]
    assert (saved.provider, saved.due_on) == ("区住建局", "2020-08-31")
    assert not form.isVisible() and len(shown) == 1


def test_signing_off_an_order_a_colleague_signed_off_meanwhile_names_them(
    qtbot, db, project_id, colleague, shown
):
    problem_id = problems.raise_problem(db, project_id, "电力增容未落实")
    order_id = supervision.issue(db, problem_id, "区供电公司", "请于7月10日前报送增容方案")
    view = shown_widget(qtbot, SupervisionView(db))
    assert view.table.select(lambda order: order.id == order_id)
    form = view.sign_off()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    supervision.sign_off(as_officer(colleague, THEM), order_id, "整改方案已报送", "2020-06-30")
    as_officer(db, ME)

    type_text(qtbot, form.widgets["closing_note"], "已约谈")
    press_ctrl_s(qtbot, form)

    [(kind, text)] = shown
    assert (
        kind == "warning" and "的督办单“请于7月10日前报送增容方案”」在您打开后已由王晓燕于" in text
    )
    assert (
        "销号说明（双方都改了）：打开时「（空）」｜王晓燕「整改方案已报送」｜您「已约谈」" in text
    )
    assert form.isVisible() and form.widgets["closing_note"].toPlainText() == "已约谈"
    form.done(QDialog.DialogCode.Rejected)


def test_the_project_editor_takes_a_colleagues_save_and_keeps_the_officers_fields(
    qtbot, db, project_id, colleague, shown
):
    """Refused, the editor holds what the colleague saved with this officer's own changes on
    top, still unsaved: a second Ctrl+S saves both, and no one's work is typed again."""
    from jimo_desktop.views.projects.project_editor import ProjectEditor

    editor = ProjectEditor(db, projects.get(db, project_id))
    qtbot.addWidget(editor, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    shown_widget(qtbot, editor)
    theirs = projects.get(colleague, project_id)
    projects.save(
        as_officer(colleague, THEM), dataclasses.replace(theirs, builder="即墨城投集团"), theirs
    )
    as_officer(db, ME)

    contact = editor.ui.builderContactEdit
    contact.setFocus()
    replace_text(qtbot, contact, "王小明")
    press_ctrl_s(qtbot, editor)

    [(kind, text)] = shown
    assert kind == "warning" and "已由王晓燕于" in text
    assert "表单已换成王晓燕保存的内容，您改过的字段仍是您的值" in text
    assert projects.get(db, project_id).builder_contact == ""
    assert editor.ui.builderEdit.text() == "即墨城投集团"
    assert contact.text() == "王小明" and editor.is_dirty()

    press_ctrl_s(qtbot, editor)
    saved = projects.get(db, project_id)
    assert (saved.builder, saved.builder_contact) == ("即墨城投集团", "王小明")
    assert not editor.is_dirty() and len(shown) == 1
