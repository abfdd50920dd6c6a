"""操作历史: find a change by officer, kind, date and text; restore what was deleted."""

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from jimo_desktop.store import settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.project_library import projects
from jimo_desktop.views.tracking.history_view import HistoryView
from tests.gui.keyboard import type_text
from tests.unit.progress_data import listed_project

JUNE = "2020-06"


@pytest.fixture
def worked_on(db) -> int:
    settings.put(db, settings.OFFICER, "李明")
    project = listed_project(db, "蓝谷海洋科技园项目")
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00, None, "主体施工")})
    settings.put(db, settings.OFFICER, "王晓燕")
    progress.save_month(db, JUNE, {project: MonthReport(5_500_00, None, "主体施工")})
    return project


def open_history(qtbot, db) -> HistoryView:
    view = HistoryView(db)
    qtbot.addWidget(view)
    view.show()
    return view


def shown(view) -> list:
    return view.table.model.rows()


def choose(combo, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def test_model_is_a_well_behaved_qt_model(qtbot, db, worked_on):
    view = open_history(qtbot, db)
    QAbstractItemModelTester(view.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    view.refresh()


def test_every_change_is_listed_newest_first_with_old_and_new_in_words(qtbot, db, worked_on):
    view = open_history(qtbot, db)
    newest = shown(view)[0]
    assert (newest.officer, newest.what) == ("王晓燕", "本年累计完成投资")
    assert newest.change == "5,000.00万元 → 5,500.00万元"
    model = view.table.model
    texts = [model.index(0, column).data() for column in range(model.columnCount())]
    assert texts[1:] == [
        "王晓燕",
        "月推进",
        "蓝谷海洋科技园项目 · 2020年6月",
        "本年累计完成投资",
        "5,000.00万元 → 5,500.00万元",
    ]
    assert view.table.summary.text() == f"共 {len(shown(view))} 条"


def test_filters_by_officer_kind_and_action(qtbot, db, worked_on):
    view = open_history(qtbot, db)
    assert [view.officer.itemText(n) for n in range(view.officer.count())] == [
        "全部经办人",
        "李明",
        "王晓燕",
    ]
    choose(view.officer, "李明")
    assert {entry.officer for entry in shown(view)} == {"李明"}
    choose(view.kind, "项目")
    assert [entry.what for entry in shown(view)] == ["新增"]
    choose(view.kind, "全部类别")
    choose(view.action, "修改")
    assert shown(view) == []


def test_typing_a_project_name_or_a_value_finds_its_changes(qtbot, db, worked_on):
    listed_project(db, "通济新材料产业园项目")
    view = open_history(qtbot, db)
    type_text(qtbot, view.table.search, "海洋科技")
    assert {entry.subject.split(" · ")[0] for entry in shown(view)} == {"蓝谷海洋科技园项目"}


def test_date_range_takes_a_month_and_marks_an_unreadable_date(qtbot, db, worked_on):
    view = open_history(qtbot, db)
    everything = len(shown(view))
    month = shown(view)[0].at[:7]
    type_text(qtbot, view.date_from, month)
    type_text(qtbot, view.date_to, month)
    assert len(shown(view)) == everything
    view.date_to.setText("2000-01")
    assert shown(view) == []
    view.date_to.setText("明年")
    assert view.date_to.property("invalid") is True
    assert "不是日期" in view.date_to.toolTip()
    assert len(shown(view)) == everything


def test_a_deleted_report_is_restored_from_its_history_line(qtbot, db, worked_on):
    progress.save_month(db, JUNE, {worked_on: MonthReport()})
    view = open_history(qtbot, db)
    assert view.table.select(lambda entry: entry.action == "delete")
    assert view.restore_button.isEnabled()

    with qtbot.waitSignal(view.restored) as restored:
        view.restore_button.click()

    assert restored.args == ["progress_reports", 1]
    assert progress.month_rows(db, JUNE)[0].report.completed_this_year == 5_500_00
    assert view.table.summary.text() == "已恢复：蓝谷海洋科技园项目 · 2020年6月"
    assert shown(view)[0].what == "恢复"
    assert view.table.select(lambda entry: entry.action == "delete")
    assert not view.restore_button.isEnabled()


def test_a_deleted_project_comes_back_and_other_lines_cannot_be_restored(qtbot, db, worked_on):
    projects.delete(db, worked_on)
    view = open_history(qtbot, db)
    view.table.select(lambda entry: entry.action == "update")
    assert not view.restore_button.isEnabled()
    view.table.select(lambda entry: entry.table == "projects" and entry.action == "delete")
    view.restore_current()
    assert projects.get(db, worked_on).name == "蓝谷海洋科技园项目"
