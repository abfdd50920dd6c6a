"""The project editor, driven as an officer would: typing, Ctrl+S, Esc, the years table."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
)

from jimo_desktop.domain.project import Level, Project, YearListing
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.views.projects.project_editor import ProjectEditor
from jimo_desktop.views.projects.year_listings import COL_LEVEL, COL_PLAN, YearListingsModel
from tests.gui.answer import answer_next_box
from tests.gui.keyboard import type_text


@pytest.fixture
def saved_project(db) -> Project:
    unit = dictionaries.entries(db, "units")[0]
    industry = dictionaries.entries(db, "industries")[0]
    project = Project(name="蓝谷海洋科技创新中心项目", unit_id=unit.id, industry_id=industry.id)
    project.years = [YearListing(2020, Level.DISTRICT, 500_000)]
    return projects.save(db, project)


def open_editor(qtbot, db, project: Project) -> ProjectEditor:
    editor = ProjectEditor(db, project)
    # Closed at teardown without reject(), which would ask about the edits a test left.
    qtbot.addWidget(
        editor, before_close_func=lambda dialog: dialog.done(QDialog.DialogCode.Rejected)
    )
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def press_ctrl_s(qtbot, editor: ProjectEditor) -> None:
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def press_enter_in_cell(qtbot, view, cell_editor) -> None:
    """Enter commits a cell; the delegate closes its editor on the next event loop pass."""
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.NoState)


def choose_first(combo: QComboBox) -> None:
    combo.setCurrentIndex(0)


def test_new_project_typed_in_is_saved_with_ctrl_s_exactly(qtbot, db):
    editor = open_editor(qtbot, db, Project(name=""))
    assert editor.windowTitle().startswith("新建项目")
    assert editor.focusWidget() is editor.ui.nameEdit
    type_text(qtbot, editor.ui.nameEdit, "即墨区人民医院新院区项目")
    choose_first(editor.ui.unitCombo)
    choose_first(editor.ui.industryCombo)
    type_text(qtbot, editor.ui.totalInvestmentEdit, "12345.67")
    type_text(qtbot, editor.ui.plannedStartEdit, "2020年6月")
    type_text(qtbot, editor.ui.plannedEndEdit, "2022.6")
    type_text(qtbot, editor.ui.builderPhoneEdit, "0532-88512345")
    type_text(qtbot, editor.ui.leaderEdit, "王建国")
    editor.ui.isGovernmentCheck.setChecked(True)

    answer_next_box(qtbot, "不列入")  # the 年度清单 question (test_project_editor_questions)
    with qtbot.waitSignal(editor.saved) as saved:
        press_ctrl_s(qtbot, editor)

    stored = projects.get(db, saved.args[0])
    assert stored.name == "即墨区人民医院新院区项目"
    assert stored.total_investment == 1_234_567
    assert (stored.planned_start, stored.planned_end) == ("2020-06", "2022-06")
    assert (stored.builder_phone, stored.leader, stored.is_government) == (
        "0532-88512345",
        "王建国",
        True,
    )
    assert editor.isVisible()
    assert editor.windowTitle() == "编辑项目 — 即墨区人民医院新院区项目[*]"
    assert editor.ui.plannedStartEdit.text() == "2020-06"
    assert not editor.is_dirty()


def test_bad_amount_is_explained_beside_the_field_and_nothing_is_saved(qtbot, db):
    editor = open_editor(qtbot, db, Project(name=""))
    type_text(qtbot, editor.ui.nameEdit, "测试项目")
    choose_first(editor.ui.unitCombo)
    choose_first(editor.ui.industryCombo)
    type_text(qtbot, editor.ui.totalInvestmentEdit, "12万3")

    press_ctrl_s(qtbot, editor)

    assert projects.count(db) == 0
    assert not editor.ui.totalInvestmentError.isHidden()
    assert "不是金额" in editor.ui.totalInvestmentError.text()
    assert editor.ui.totalInvestmentEdit.property("invalid") is True
    assert editor.ui.tabs.currentWidget() is editor.ui.scheduleTab
    assert editor.focusWidget() is editor.ui.totalInvestmentEdit
    assert editor.ui.nameError.isHidden()


def test_missing_name_blocks_saving_until_typed(qtbot, db):
    editor = open_editor(qtbot, db, Project(name=""))
    choose_first(editor.ui.unitCombo)
    choose_first(editor.ui.industryCombo)

    press_ctrl_s(qtbot, editor)

    assert projects.count(db) == 0
    assert editor.ui.nameError.text() == "请填写项目名称"
    assert editor.focusWidget() is editor.ui.nameEdit
    assert "项目名称" in editor.ui.problemSummary.text()

    type_text(qtbot, editor.ui.nameEdit, "补上名称")
    assert editor.ui.nameError.isHidden()
    assert editor.ui.nameEdit.property("invalid") is False
    answer_next_box(qtbot, "不列入")
    press_ctrl_s(qtbot, editor)
    assert projects.count(db) == 1


def test_added_year_listing_is_saved(qtbot, db, saved_project):
    editor = open_editor(qtbot, db, projects.get(db, saved_project.id))
    view, model = editor.ui.yearsView, editor.ui.yearsView.model()
    editor.ui.tabs.setCurrentWidget(editor.ui.yearsTab)

    qtbot.mouseClick(editor.ui.addYearButton, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 2
    year_editor = QApplication.focusWidget()
    assert year_editor.value() == 2021  # the year after the last one listed
    press_enter_in_cell(qtbot, view, year_editor)
    view.edit(model.index(1, COL_LEVEL))
    level_editor = QApplication.focusWidget()
    assert isinstance(level_editor, QComboBox)
    qtbot.keyClick(level_editor, Qt.Key.Key_Down)
    press_enter_in_cell(qtbot, view, level_editor)
    view.edit(model.index(1, COL_PLAN))
    plan_editor = QApplication.focusWidget()
    assert isinstance(plan_editor, QLineEdit)
    type_text(qtbot, plan_editor, "3000.5")
    press_ctrl_s(qtbot, editor)  # straight from the open cell, without Enter

    added = YearListing(2021, Level.PROVINCE, 300_050)
    assert projects.get(db, saved_project.id).years == [saved_project.years[0], added]
    assert "2021年（省重点）" in editor.ui.listedYearsLabel.text()


def test_removed_year_listing_is_saved(qtbot, db, saved_project):
    editor = open_editor(qtbot, db, projects.get(db, saved_project.id))
    editor.ui.yearsView.selectRow(0)
    qtbot.mouseClick(editor.ui.removeYearButton, Qt.MouseButton.LeftButton)
    press_ctrl_s(qtbot, editor)
    assert projects.get(db, saved_project.id).years == []
    assert editor.ui.listedYearsLabel.text() == "尚未列入重点项目年度清单。"


def test_first_year_added_to_a_new_project_is_the_current_year(qtbot, db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    editor = open_editor(qtbot, db, Project(name=""))
    qtbot.mouseClick(editor.ui.addYearButton, Qt.MouseButton.LeftButton)
    assert editor.ui.yearsView.model().index(0, 0).data() == "2020"


def test_escape_with_edits_asks_and_stays_open_when_officer_keeps_editing(
    qtbot, db, saved_project, boxes
):
    editor = open_editor(qtbot, db, projects.get(db, saved_project.id))
    type_text(qtbot, editor.ui.remarksEdit, "待补充")
    boxes.answer("取消")
    qtbot.keyClick(editor.ui.nameEdit, Qt.Key.Key_Escape)
    assert f"项目“{saved_project.name}”" in boxes.said[0]
    assert editor.isVisible()

    boxes.answer("不保存")
    qtbot.keyClick(editor.ui.nameEdit, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert projects.get(db, saved_project.id).remarks == ""


def test_escape_without_edits_closes_without_asking(qtbot, db, saved_project):
    editor = open_editor(qtbot, db, projects.get(db, saved_project.id))
    assert not editor.is_dirty()
    qtbot.keyClick(editor.ui.nameEdit, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_duplicate_saves_as_a_new_project(qtbot, db, saved_project):
    editor = open_editor(qtbot, db, projects.duplicate(db, saved_project.id))
    assert editor.windowTitle().startswith("新建项目")
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.mouseClick(editor.ui.saveCloseButton, Qt.MouseButton.LeftButton)

    copy = projects.get(db, saved.args[0])
    assert copy.id != saved_project.id
    assert copy.name == "蓝谷海洋科技创新中心项目（副本）"
    assert copy.years == saved_project.years
    assert projects.count(db) == 2
    assert editor.result() == QDialog.DialogCode.Accepted


def test_history_lists_each_saved_change_in_plain_words(qtbot, db, saved_project):
    editor = open_editor(qtbot, db, projects.get(db, saved_project.id))
    assert editor.ui.tabs.isTabEnabled(editor.ui.tabs.indexOf(editor.ui.historyTab))
    editor.ui.totalInvestmentEdit.setText("8000")
    editor.ui.stageCombo.setCurrentIndex(editor.ui.stageCombo.findText("开工"))
    type_text(qtbot, editor.ui.actualStartEdit, "2020-05")
    press_ctrl_s(qtbot, editor)

    tree = editor.ui.historyTree
    rows = [
        [tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())
    ]
    changes = {row[2]: row[3] for row in rows}
    assert changes["总投资（万元）"] == "（空） → 8,000.00万元"
    assert changes["阶段"] == "谋划 → 开工"
    assert changes["实际开工"] == "（空） → 2020年5月"
    assert rows[-1][2] == "新建项目"


def test_history_is_unavailable_before_the_first_save(qtbot, db):
    editor = open_editor(qtbot, db, Project(name=""))
    assert not editor.ui.tabs.isTabEnabled(editor.ui.tabs.indexOf(editor.ui.historyTab))


def test_year_listings_model_passes_the_model_tester(qtbot):
    model = YearListingsModel()
    model.set_listings([YearListing(2019, None, None), YearListing(2020, Level.QINGDAO, 123)])
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.add_year(2021)
    model.setData(model.index(2, COL_PLAN), "abc")
    assert model.problem().startswith("2021 年计划投资：")
    model.remove_year(0)
    assert [listing.year for listing in model.listings()] == [2020, 2021]


def test_saving_over_a_colleagues_later_save_is_refused_naming_them_and_keeps_theirs(
    qtbot, db, saved_project, shown
):
    editor = open_editor(qtbot, db, projects.get(db, saved_project.id))
    settings.put(db, settings.OFFICER, "王晓燕")
    theirs = projects.get(db, saved_project.id)
    projects.save(db, dataclasses.replace(theirs, remarks="已约谈建设单位"), theirs)
    settings.put(db, settings.OFFICER, "李明")
    type_text(qtbot, editor.ui.remarksEdit, "待补充")
    press_ctrl_s(qtbot, editor)
    [(kind, text)] = shown
    assert kind == "warning" and "已由王晓燕于" in text
    assert "打开时「（空）」｜王晓燕「已约谈建设单位」｜您「待补充」" in text
    assert projects.get(db, saved_project.id).remarks == "已约谈建设单位"
    assert editor.isVisible()
