"""问题清单 as an officer uses it on the demo: raise, edit, coordinate, resolve, escalate,
supervise, delete and undo, filter — and the reminders shown at opening."""

import random
from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from jimo_desktop.demo import problems as demo_problems
from jimo_desktop.domain.problems import Attention, DeadlineState, ProblemStatus
from jimo_desktop.store import audit
from jimo_desktop.store.tracking import problems, reminders, supervision
from jimo_desktop.store.tracking.problems import ProblemFilter
from jimo_desktop.store.tracking.reminders import ReminderKind
from jimo_desktop.views.common.record_table import DEADLINE_COLOURS, RowRole
from jimo_desktop.views.tracking.problem_dialog import RecordForm
from jimo_desktop.views.tracking.problems_view import ProblemsView
from jimo_desktop.views.tracking.reminders_panel import RemindersDialog, show_at_start
from tests.gui.keyboard import type_text

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
RED = DEADLINE_COLOURS[DeadlineState.OVERDUE]


@pytest.fixture
def desk(demo_db):
    """The demo with its problems, whether or not the demo builder already adds them (only the
    problems demo writes policy items)."""
    if not demo_db.execute("SELECT COUNT(*) FROM policy_items").fetchone()[0]:
        demo_problems.fill(demo_db, random.Random(2020), date(2020, 6, 30))
    return demo_db


@pytest.fixture
def view(qtbot, desk) -> ProblemsView:
    widget = ProblemsView(desk)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def answer(monkeypatch):
    """Answers every question with `answer.value` and keeps what was asked."""
    answer = SimpleNamespace(value=Yes, asked=[])

    def question(parent, title, text, *args, **kwargs):
        answer.asked.append(text)
        return answer.value

    monkeypatch.setattr(QMessageBox, "question", question)
    return answer


def rows(view: ProblemsView) -> list:
    proxy = view.table.proxy
    return [proxy.index(row, 0).data(RowRole) for row in range(proxy.rowCount())]


def colour_of(view: ProblemsView, problem_id: int):
    proxy = view.table.proxy
    row = next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(RowRole).id == problem_id
    )
    return proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)


def cell(view: ProblemsView, problem_id: int, header: str) -> str:
    model = view.table.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    row = next(r for r in range(model.rowCount()) if model.row(r).id == problem_id)
    return model.index(row, column).data()


def choose(view: ProblemsView, problem_id: int) -> None:
    assert view.table.select(lambda row: row.id == problem_id)


def activate(qtbot, form: RecordForm) -> RecordForm:
    qtbot.waitUntil(form.isVisible)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def press_ctrl_s(qtbot, form: RecordForm) -> None:
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def retype(qtbot, widget, text: str) -> None:
    widget.clear()
    type_text(qtbot, widget, text)


def log_lines(db, project_id) -> list[str]:
    query = "SELECT content FROM work_logs WHERE project_id = ? ORDER BY id"
    return [row[0] for row in db.execute(query, [project_id])]


def test_the_list_opens_on_unsettled_problems_most_overdue_first_and_counts_them(view, desk):
    expected = problems.list_problems(desk, ProblemFilter(status=Attention.UNSETTLED))
    shown = rows(view)
    assert {row.id for row in shown} == {row.id for row in expected}
    overdue = [row for row in shown if row.deadline_state is DeadlineState.OVERDUE]
    assert overdue and shown[: len(overdue)] == overdue
    assert view.table.summary.text() == f"共{len(shown)}条，逾期{len(overdue)}条"
    assert colour_of(view, overdue[0].id) == RED


def test_raising_a_problem_asks_for_the_project_and_writes_log_and_audit(qtbot, view, desk):
    project_id, name = desk.execute("SELECT id, name FROM projects ORDER BY id LIMIT 1").fetchone()
    form = activate(qtbot, view.actions.add())
    assert form.focusWidget() is form.widgets["project_id"]
    type_text(qtbot, form.widgets["project_id"], name)
    type_text(qtbot, form.widgets["description"], "电力增容未落实")
    retype(qtbot, form.widgets["deadline"], "2020-08-15")
    type_text(qtbot, form.widgets["responsible_unit"], "国网青岛市即墨区供电公司")
    press_ctrl_s(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    chosen = view.table.current_record()
    assert (chosen.project_id, chosen.description, chosen.deadline) == (
        project_id,
        "电力增容未落实",
        "2020-08-15",
    )
    assert log_lines(desk, project_id)[-1] == "提出问题：电力增容未落实"
    assert [e.action for e in audit.history(desk, "problems", chosen.id)] == ["insert"]


def test_enter_on_a_problem_opens_it_for_editing(qtbot, view):
    row = rows(view)[0]
    choose(view, row.id)
    view.table.table.setFocus()
    qtbot.keyClick(view.table.table, Qt.Key.Key_Return)
    (form,) = [f for f in view.findChildren(RecordForm) if f.isVisible()]
    assert form.windowTitle() == f"编辑问题（{row.status.label}）"
    assert form.widgets["description"].toPlainText() == row.description
    form.done(QDialog.DialogCode.Rejected)


def test_the_form_shows_each_reason_beside_its_field_and_saves_nothing(qtbot, view, desk):
    before = desk.execute("SELECT COUNT(*) FROM problems").fetchone()[0]
    form = activate(qtbot, view.actions.add())
    type_text(qtbot, form.widgets["project_id"], "不存在的项目")
    retype(qtbot, form.widgets["deadline"], "2020年13月")
    assert form.save() is False

    assert form.errors["project_id"].text().startswith("没有“不存在的项目”")
    assert form.errors["deadline"].text() == "“2020年13月”不是有效的年月"
    assert form.errors["project_id"].isVisible() and form.errors["deadline"].isVisible()
    assert form.widgets["project_id"].property("invalid") is True
    assert desk.execute("SELECT COUNT(*) FROM problems").fetchone()[0] == before

    form.widgets["project_id"].clear()
    retype(qtbot, form.widgets["deadline"], "2020-07-31")
    form.save()
    assert form.errors["project_id"].text() == "请选择问题所属的项目"
    assert form.errors["description"].text() == "请填写问题描述"
    assert not form.errors["deadline"].isVisible()
    form.done(QDialog.DialogCode.Rejected)


def test_moving_a_deadline_into_the_past_turns_the_row_red_and_counts_it(qtbot, view, desk):
    project_id = desk.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]
    problem_id = problems.raise_problem(desk, project_id, "规划方案未批复", deadline="2020-09-30")
    view.refresh()
    overdue_before = problems.counts(desk, view.current_filter()).overdue
    assert colour_of(view, problem_id) is None

    choose(view, problem_id)
    form = activate(qtbot, view.actions.edit())
    retype(qtbot, form.widgets["raised_on"], "2020-05-01")
    retype(qtbot, form.widgets["deadline"], "2020-06-15")
    press_ctrl_s(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    assert colour_of(view, problem_id) == RED
    assert view.table.current_record().deadline_note == "逾期15天"
    assert f"逾期{overdue_before + 1}条" in view.table.summary.text()
    changes = {e.field: e.new_value for e in audit.history(desk, "problems", problem_id)}
    assert changes["deadline"] == "2020-06-15"


def test_resolving_asks_for_the_resolution_and_logs_it(qtbot, view, desk):
    row = rows(view)[0]
    choose(view, row.id)
    form = activate(qtbot, view.actions.resolve())
    assert form.widgets["status"].currentData() == ProblemStatus.RESOLVED
    assert form.save() is False
    assert form.errors["resolution"].text() == "请填写解决情况"

    type_text(qtbot, form.widgets["resolution"], "已协调供电公司，专线已送电")
    press_ctrl_s(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    problem = problems.get(desk, row.id)
    assert (problem.status, problem.resolution, problem.resolved_on) == (
        ProblemStatus.RESOLVED,
        "已协调供电公司，专线已送电",
        "2020-06-30",
    )
    assert log_lines(desk, row.project_id)[-1] == f"解决问题：{row.description}"
    assert row.id not in {r.id for r in rows(view)}  # the list shows what is still unsettled


def test_resolving_a_supervised_problem_offers_to_sign_its_order_off_in_the_same_step(
    qtbot, view, desk
):
    row = next(r for r in rows(view) if not r.open_orders)
    supervision.issue(desk, row.id, row.responsible_unit or "区发展改革局", "报送整改方案")
    view.refresh()
    choose(view, row.id)
    form = activate(qtbot, view.actions.resolve())
    offer = form.widgets["sign_off_orders"]
    assert (offer.currentText(), offer.currentData()) == ("同时销号（1件未销号）", True)
    type_text(qtbot, form.widgets["resolution"], "已协调供电公司，专线已送电")
    press_ctrl_s(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    assert problems.get(desk, row.id).status is ProblemStatus.RESOLVED
    assert supervision.orders(desk, problem_id=row.id) == []
    signed_off = supervision.orders(desk, signed_off=True, problem_id=row.id)
    assert signed_off[0].closing_note == "问题已解决：已协调供电公司，专线已送电"
    assert log_lines(desk, row.project_id)[-1].startswith("督办单销号")


def test_a_resolved_problem_can_only_be_closed_and_is_then_grey(qtbot, view, desk):
    view.status.setCurrentIndex(view.status.findData(ProblemStatus.RESOLVED))
    row = rows(view)[0]
    choose(view, row.id)
    assert view.actions.resolve_button.text() == "销号"
    assert not view.actions.coordinate_button.isEnabled()
    form = activate(qtbot, view.actions.resolve())
    assert [form.widgets["status"].itemData(i) for i in range(form.widgets["status"].count())] == [
        ProblemStatus.CLOSED
    ]
    press_ctrl_s(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    view.status.setCurrentIndex(0)
    assert colour_of(view, row.id) == DEADLINE_COLOURS[DeadlineState.SETTLED]
    choose(view, row.id)
    assert not view.actions.resolve_button.isEnabled()
    assert not view.actions.supervise_button.isEnabled()


def test_coordinating_and_escalating_follow_the_buttons(view, desk):
    row = next(r for r in rows(view) if r.status is ProblemStatus.OPEN and not r.escalated)
    choose(view, row.id)
    view.actions.coordinate_button.click()
    assert view.table.current_record().status is ProblemStatus.COORDINATING
    assert not view.actions.coordinate_button.isEnabled()

    assert view.actions.escalate_button.text() == "提交联席会议"
    view.actions.escalate_button.click()
    assert view.table.current_record().escalated
    assert view.actions.escalate_button.text() == "撤回联席会议"
    assert cell(view, row.id, "督办") == "联席会议"
    assert log_lines(desk, row.project_id)[-2:] == [
        f"问题转入协调：{row.description}",
        f"提交区重点项目联席会议：{row.description}",
    ]


def test_a_supervision_order_is_generated_from_a_problem(qtbot, view, desk):
    row = next(r for r in rows(view) if not r.open_orders)
    choose(view, row.id)
    form = activate(qtbot, view.actions.supervise())
    assert form.widgets["addressee"].text() == row.responsible_unit
    assert form.widgets["demand"].toPlainText() == "请于方案时限前报送整改方案，明确解决时限"
    assert form.widgets["plan_deadline"].text() == "2020-07-10"
    press_ctrl_s(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    assert [o.problem_id for o in supervision.open_orders(desk)].count(row.id) == 1
    assert view.table.current_record().id == row.id
    assert "督办中" in cell(view, row.id, "督办")


def test_deleting_asks_first_and_can_be_undone(view, desk, answer):
    row = rows(view)[0]
    choose(view, row.id)
    answer.value = No
    view.actions.delete_button.click()
    assert row.id in {r.id for r in rows(view)}

    answer.value = Yes
    view.actions.delete_button.click()
    assert row.description in answer.asked[-1]
    assert row.id not in {r.id for r in rows(view)}
    assert view.table.undo_button.isVisible()

    view.table.undo_button.click()
    assert view.table.current_record().id == row.id
    actions = [e.action for e in audit.history(desk, "problems", row.id)]
    assert actions[:2] == ["restore", "delete"]


@pytest.mark.parametrize(
    ("combo", "field"),
    [("category", "category_id"), ("unit", "unit_id"), ("leader", "leader")],
)
def test_each_filter_shows_what_the_store_finds(view, desk, combo, field):
    widget = getattr(view, combo)
    view.status.setCurrentIndex(0)
    for index in range(1, widget.count()):
        widget.setCurrentIndex(index)
        expected = problems.list_problems(desk, ProblemFilter(**{field: widget.itemData(index)}))
        assert [r.id for r in sorted(rows(view), key=lambda r: r.id)] == sorted(
            r.id for r in expected
        )
    assert any(widget.itemData(i) for i in range(1, widget.count()))


def test_status_choices_and_search_narrow_the_list(qtbot, view, desk):
    view.status.setCurrentIndex(view.status.findData(Attention.OVERDUE))
    assert rows(view) and all(r.deadline_state is DeadlineState.OVERDUE for r in rows(view))
    assert view.table.summary.text() == f"共{len(rows(view))}条，逾期{len(rows(view))}条"
    view.status.setCurrentIndex(view.status.findData(ProblemStatus.COORDINATING))
    assert rows(view) and all(r.status is ProblemStatus.COORDINATING for r in rows(view))
    view.status.setCurrentIndex(0)
    type_text(qtbot, view.table.search, "电力")
    assert rows(view) and all("电力" in r.description for r in rows(view))


def test_escape_on_an_edited_form_asks_before_dropping_the_edits(qtbot, view, boxes):
    form = activate(qtbot, view.actions.add())
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Escape)
    assert not form.isVisible() and boxes.said == []

    form = activate(qtbot, view.actions.add())
    type_text(qtbot, form.widgets["description"], "拆迁")
    boxes.answer("取消")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Escape)
    assert form.isVisible() and "· 新增问题" in boxes.said[0]
    boxes.answer("不保存")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_buttons_wait_for_a_selection_and_open_project_asks_for_its_page(qtbot, view):
    view.table.set_rows(rows(view))
    assert not view.actions.edit_button.isEnabled()
    assert not view.open_button.isEnabled()
    row = rows(view)[0]
    choose(view, row.id)
    assert view.actions.edit_button.isEnabled()
    with qtbot.waitSignal(view.project_requested) as requested:
        view.open_button.click()
    assert requested.args == [row.project_id]


@pytest.fixture
def reminders_dialog(qtbot, desk) -> RemindersDialog:
    dialog = RemindersDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_reminders_list_what_needs_attention_most_pressing_first(reminders_dialog, desk):
    shown = [
        reminders_dialog.table.proxy.index(r, 0).data(RowRole)
        for r in range(reminders_dialog.table.proxy.rowCount())
    ]
    assert shown == reminders.reminders(desk)
    assert shown[0].kind is ReminderKind.PROBLEM_OVERDUE
    assert "问题逾期" in reminders_dialog.table.summary.text()


def test_double_clicking_a_problem_reminder_opens_the_problem(qtbot, reminders_dialog, desk):
    first = reminders_dialog.table.proxy.index(0, 0).data(RowRole)
    form = reminders_dialog.open_item(first)
    assert (
        form.widgets["description"].toPlainText() == problems.get(desk, first.record_id).description
    )
    form.done(QDialog.DialogCode.Rejected)


def test_a_problem_saved_from_the_reminders_shows_as_saved(qtbot, reminders_dialog, desk):
    first = reminders_dialog.table.proxy.index(0, 0).data(RowRole)
    form = reminders_dialog.open_item(first)
    form.widgets["description"].setPlainText("围挡审批待补材料")
    assert form.save()
    texts = [
        reminders_dialog.table.proxy.index(r, 0).data(RowRole).text
        for r in range(reminders_dialog.table.proxy.rowCount())
    ]
    assert any(text.startswith("围挡审批待补材料") for text in texts)
    assert reminders_dialog.table.proxy.rowCount() == len(reminders.reminders(desk))


def test_a_project_reminder_asks_for_the_projects_page(qtbot, reminders_dialog):
    kind = reminders_dialog.kind
    kind.setCurrentIndex(kind.findData(ReminderKind.PROGRESS_MISSING))
    first = reminders_dialog.table.proxy.index(0, 0).data(RowRole)
    assert first.kind is ReminderKind.PROGRESS_MISSING
    with qtbot.waitSignal(reminders_dialog.project_requested) as requested:
        reminders_dialog.open_item(first)
    assert requested.args == [first.project_id]


def test_a_long_list_shows_the_most_pressing_of_each_kind_and_counts_them_all(
    qtbot, desk, monkeypatch
):
    from jimo_desktop.views.tracking import reminders_panel

    monkeypatch.setattr(reminders_panel, "SHOWN_PER_KIND", 1)
    dialog = RemindersDialog(desk)
    qtbot.addWidget(dialog)
    every = reminders.reminders(desk)
    shown = [
        dialog.table.proxy.index(r, 0).data(RowRole) for r in range(dialog.table.proxy.rowCount())
    ]
    assert shown == [next(r for r in every if r.kind is kind) for kind in ReminderKind]
    overdue = sum(r.kind is ReminderKind.PROBLEM_OVERDUE for r in every)
    assert f"问题逾期{overdue}项" in dialog.table.summary.text()
    assert "每类列出最紧迫的1项" in dialog.table.summary.text()


def test_quiet_for_today_keeps_the_reminders_away_until_tomorrow(qtbot, desk):
    dialog = show_at_start(desk)
    assert dialog is not None
    dialog.quiet_today.setChecked(True)
    dialog.accept()
    assert reminders.dismissed_today(desk)
    assert show_at_start(desk) is None
