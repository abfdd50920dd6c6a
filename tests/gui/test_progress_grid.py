"""月推进 month grid, driven from the keyboard alone as an officer enters a month."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from jimo_desktop.domain.project import Stage
from jimo_desktop.store import audit, settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.safekeeping.backup import database_file
from jimo_desktop.views.progress.progress_grid import ProgressGridPage
from jimo_desktop.views.progress.progress_grid_model import (
    COL_AHEAD,
    COL_IMAGE,
    COL_NAME,
    COL_PROBLEMS,
    COL_RATE,
    COL_SINCE_START,
    COL_STATISTICS,
    COL_THIS_YEAR,
    ERROR_BACKGROUND,
)
from jimo_desktop.views.progress.progress_grid_view import parse_clipboard
from tests.gui.answer import answer_next_box
from tests.gui.keyboard import type_text
from tests.unit.progress_data import listed_project

JUNE = "2020-06"
Display = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def ten_projects(db) -> list[int]:
    settings.put(db, settings.BUSINESS_DATE, "2020-07-06")  # June is the last month over
    return [listed_project(db, f"第{n:02d}号重点项目", plan="10000") for n in range(10)]


def open_grid(qtbot, db) -> ProgressGridPage:
    page = ProgressGridPage(db)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.grid.start()
    return page


def cell(page, row, column, role=Display):
    return page.model.index(row, column).data(role)


def press(qtbot, page, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(page.grid.focusWidget() or page.grid, key, modifier)


def enter_cell(qtbot, page, text: str, key=Qt.Key.Key_Tab) -> None:
    """Type into the current cell (typing opens its editor) and press Tab (on to the right)
    or Enter (down)."""
    type_text(qtbot, page.grid, text[0])
    qtbot.waitUntil(lambda: page.grid.state() == QAbstractItemView.State.EditingState)
    editor = QGuiApplication.focusObject()
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: page.grid.state() != QAbstractItemView.State.EditingState)


def test_model_is_a_well_behaved_qt_model(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.model.setData(page.model.index(0, COL_THIS_YEAR), "5500")
    page.load_rows()


def test_grid_opens_on_the_last_full_month_with_the_cursor_on_the_first_figure(
    qtbot, db, ten_projects
):
    page = open_grid(qtbot, db)
    assert page.current_period() == JUNE
    assert page.period.currentText() == "2020年6月"
    assert page.time_progress.text() == "时序进度 50.0%"
    assert page.model.rowCount() == 11  # ten projects and the totals
    assert page.grid.currentIndex().column() == COL_THIS_YEAR
    assert "1-6月累计" in page.model.headerData(COL_THIS_YEAR, Qt.Orientation.Horizontal)


def test_ten_projects_june_figures_entered_from_the_keyboard_only_are_saved(
    qtbot, db, ten_projects
):
    page = open_grid(qtbot, db)
    for number in range(10):
        enter_cell(qtbot, page, str(5000 + number * 100))  # 1-6月累计
        enter_cell(qtbot, page, "20000")  # 开工至今累计
        enter_cell(qtbot, page, "主体施工")
        enter_cell(qtbot, page, "是")
        press(qtbot, page, Qt.Key.Key_Tab)  # 存在问题 left blank

    assert cell(page, 0, COL_RATE) == "50.0%"
    assert cell(page, 9, COL_AHEAD) == "+9.0"
    assert cell(page, 10, COL_THIS_YEAR) == "54,500.00"
    press(qtbot, page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = {row.project_id: row.report for row in progress.month_rows(db, JUNE)}
    assert saved[ten_projects[9]] == MonthReport(5_900_00, 20_000_00, "主体施工", True, "")
    assert all(report.completed_since_start == 20_000_00 for report in saved.values())
    assert page.message.text() == "已保存2020年6月：新增 10 条，修改 0 条，清除 0 条"
    assert not page.is_dirty()


def here(page) -> tuple[int, int]:
    return page.grid.currentIndex().row(), page.grid.currentIndex().column()


def test_tab_skips_to_the_next_editable_cell_and_shift_tab_goes_back(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    for expected in (COL_SINCE_START, COL_IMAGE, COL_STATISTICS, COL_PROBLEMS):
        press(qtbot, page, Qt.Key.Key_Tab)
        assert page.grid.currentIndex().column() == expected
    press(qtbot, page, Qt.Key.Key_Tab)
    assert here(page) == (1, COL_THIS_YEAR)
    press(qtbot, page, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert here(page) == (0, COL_PROBLEMS)


def test_enter_moves_down_the_column_as_in_excel_and_shift_enter_goes_up(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    enter_cell(qtbot, page, "3800", Qt.Key.Key_Return)
    assert here(page) == (1, COL_THIS_YEAR)
    assert cell(page, 0, COL_THIS_YEAR) == "3,800.00"
    press(qtbot, page, Qt.Key.Key_Return)
    assert here(page) == (2, COL_THIS_YEAR)
    press(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert here(page) == (1, COL_THIS_YEAR)
    last = page.model.rowCount() - 2  # the row above 合计
    page.grid.go_to(last, COL_IMAGE)
    press(qtbot, page, Qt.Key.Key_Return)
    assert here(page) == (last, COL_IMAGE)


def test_rates_follow_each_edit_before_saving(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    enter_cell(qtbot, page, "3800")
    assert cell(page, 0, COL_RATE) == "38.0%"
    assert cell(page, 0, COL_AHEAD) == "-12.0"
    assert "黄灯" in cell(page, 0, COL_NAME, Qt.ItemDataRole.ToolTipRole)
    assert page.is_dirty()
    assert progress.month_rows(db, JUNE)[0].report.is_blank()


def test_a_block_copied_from_excel_is_pasted_from_the_current_cell(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    page.grid.go_to(2, COL_THIS_YEAR)
    QGuiApplication.clipboard().setText(
        "6000\t21000\t主体封顶\t是\t\r\n4200.5\t9000\t基础施工\t否\t资金未到位\r\n"
    )
    press(qtbot, page, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    assert cell(page, 2, COL_RATE) == "60.0%"
    assert cell(page, 3, COL_THIS_YEAR) == "4,200.50"
    assert cell(page, 3, COL_STATISTICS) == "未纳统"
    assert cell(page, 3, COL_PROBLEMS) == "资金未到位"
    assert "已粘贴 10 个单元格" in page.message.text()
    assert page.save()
    assert progress.month_rows(db, JUNE)[3].report.problems_noted == "资金未到位"


def test_paste_beyond_the_last_row_or_column_is_left_out(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    filled = page.model.paste(9, COL_PROBLEMS, [["备注", "多余"], ["下一行"]])
    assert filled == 1
    assert cell(page, 9, COL_PROBLEMS) == "备注"


def test_bad_values_are_marked_explained_and_block_the_save(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    enter_cell(qtbot, page, "12x")
    enter_cell(qtbot, page, "100")
    page.grid.go_to(3, COL_STATISTICS)
    enter_cell(qtbot, page, "大概")

    assert cell(page, 0, COL_THIS_YEAR) == "12x"
    assert cell(page, 0, COL_THIS_YEAR, Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert "不是金额" in cell(page, 0, COL_THIS_YEAR, Qt.ItemDataRole.ToolTipRole)
    assert "应填“是”或“否”" in cell(page, 3, COL_STATISTICS, Qt.ItemDataRole.ToolTipRole)
    assert not page.save()
    assert page.grid.currentIndex().row() == 0
    assert page.grid.currentIndex().column() == COL_THIS_YEAR
    assert "有 2 处需要修改" in page.message.text()
    assert progress.month_rows(db, JUNE)[0].report.is_blank()


def test_since_start_below_this_year_is_marked_on_the_since_start_cell(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    enter_cell(qtbot, page, "5000")
    enter_cell(qtbot, page, "4000")
    tooltip = cell(page, 0, COL_SINCE_START, Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "开工至今累计不应小于本年累计完成投资"


def test_edits_survive_a_filter_and_are_saved_with_the_rest(qtbot, db, ten_projects):
    lanhu = listed_project(db, "蓝谷海洋科技园项目", unit="青岛蓝谷")
    page = open_grid(qtbot, db)
    enter_cell(qtbot, page, "4000")
    page.unit.setCurrentIndex(page.unit.findText("青岛蓝谷"))
    assert page.model.rowCount() == 2
    assert page.grid.currentIndex().column() == COL_SINCE_START  # the cursor keeps its column
    page.grid.go_to(0, COL_THIS_YEAR)
    enter_cell(qtbot, page, "7000")
    assert page.save()
    saved = {row.project_id: row.report for row in progress.month_rows(db, JUNE)}
    assert saved[lanhu].completed_this_year == 7_000_00
    assert saved[ten_projects[0]].completed_this_year == 4_000_00


def test_reopening_shows_the_saved_month_and_retyping_a_value_is_no_edit(qtbot, db, ten_projects):
    progress.save_month(db, JUNE, {ten_projects[0]: MonthReport(5_000_00, 8_000_00, "主体施工")})
    page = open_grid(qtbot, db)
    assert cell(page, 0, COL_THIS_YEAR) == "5,000.00"
    assert cell(page, 0, COL_IMAGE) == "主体施工"
    enter_cell(qtbot, page, "5000")
    assert not page.is_dirty()
    enter_cell(qtbot, page, "9000")
    assert page.save()
    entry = next(e for e in audit.history(db, "progress_reports", 1) if e.action == "update")
    assert (entry.field, entry.old_value, entry.new_value) == (
        "completed_since_start",
        "800000",
        "900000",
    )


def test_delete_clears_a_cell_and_a_cleared_report_is_removed_on_save(qtbot, db, ten_projects):
    progress.save_month(db, JUNE, {ten_projects[0]: MonthReport(5_000_00)})
    page = open_grid(qtbot, db)
    press(qtbot, page, Qt.Key.Key_Delete)
    assert cell(page, 0, COL_THIS_YEAR) == ""
    assert page.save()
    assert "清除 1 条" in page.message.text()
    assert not progress.month_rows(db, JUNE)[0].has_report


def test_changing_month_with_unsaved_edits_asks_first(qtbot, db, ten_projects, monkeypatch):
    page = open_grid(qtbot, db)
    enter_cell(qtbot, page, "4000")
    asked = []

    def keep_editing(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", keep_editing)
    page.period.setCurrentIndex(page.period.findData("2020-05"))
    assert asked and "尚未保存" in asked[0]
    assert page.current_period() == JUNE
    assert page.period.currentData() == JUNE
    assert page.is_dirty()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    page.period.setCurrentIndex(page.period.findData("2020-05"))
    assert page.current_period() == "2020-05"
    assert not page.is_dirty()
    assert "1-5月累计" in page.model.headerData(COL_THIS_YEAR, Qt.Orientation.Horizontal)


def test_unit_ranking_and_batches_show_the_saved_month(qtbot, db, ten_projects):
    listed_project(
        db,
        "储备项目",
        stage=Stage.RESERVE,
        actual_start=None,
        in_statistics=False,
        batch=Stage.RESERVE,
    )
    listed_project(db, "开工一批项目", actual_start="2020-03-15", batch=Stage.STARTED)
    progress.save_month(db, JUNE, {ten_projects[0]: MonthReport(5_500_00)})
    page = open_grid(qtbot, db)
    unit = page.figures.units.row(0)
    assert (unit.rank, unit.name, unit.listed, unit.started) == (1, "通济街道", 12, 11)
    # The year's targets: the ten continuing projects are in no batch.
    batches = {batch.stage: (batch.count, batch.achieved) for batch in page.figures.batches.rows()}
    assert batches == {
        Stage.COMPLETED: (0, 0),
        Stage.STARTED: (1, 1),
        Stage.RESERVE: (1, 0),
        Stage.PLANNING: (0, 0),
    }
    assert "开工率 91.7%" in page.figures.district.text()


def test_clipboard_text_from_excel_reads_as_rows_of_cells():
    assert parse_clipboard("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_clipboard("单格") == [["单格"]]
    assert parse_clipboard("") == []


def test_ctrl_s_in_an_open_cell_saves_what_it_holds(qtbot, db, ten_projects):
    page = open_grid(qtbot, db)
    type_text(qtbot, page.grid, "6")
    qtbot.waitUntil(lambda: page.grid.state() == QAbstractItemView.State.EditingState)
    editor = QGuiApplication.focusObject()
    type_text(qtbot, editor, "200")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert progress.month_rows(db, JUNE)[0].report.completed_this_year == 6_200_00


MAY = "2020-05"


def enter_cells(qtbot, page, cells: list[tuple[int, int, str]]) -> None:
    for row, column, text in cells:
        page.grid.go_to(row, column)
        enter_cell(qtbot, page, text)


@pytest.fixture
def april_saved(db, ten_projects) -> list[int]:
    """May is the month to enter; April is saved for the first and the third project."""
    settings.put(db, settings.BUSINESS_DATE, "2020-06-03")
    first, third = ten_projects[0], ten_projects[2]
    april = {first: MonthReport(7_088_00), third: MonthReport(3_000_00)}
    progress.save_month(db, "2020-04", april)
    return ten_projects


def test_cumulatives_below_april_are_asked_about_at_once_and_saved_when_confirmed(
    qtbot, db, april_saved
):
    page = open_grid(qtbot, db)
    assert page.current_period() == MAY
    # The second and fourth have no April figure to fall below.
    enter_cells(qtbot, page, [(0, COL_THIS_YEAR, "7000"), (1, COL_THIS_YEAR, "100")])
    enter_cells(qtbot, page, [(2, COL_THIS_YEAR, "2999.99"), (3, COL_THIS_YEAR, "1")])

    asked = answer_next_box(qtbot, "确认")
    press(qtbot, page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert asked == [
        "第00号重点项目：1-5月累计低于1-4月累计（7,088.00万元）；\n"
        "第02号重点项目：1-5月累计低于1-4月累计（3,000.00万元），确认？"
    ]
    saved = {row.project_id: row.report for row in progress.month_rows(db, MAY)}
    assert saved[april_saved[0]].completed_this_year == 7_000_00
    assert saved[april_saved[2]].completed_this_year == 2_999_99
    assert not page.is_dirty()


def test_a_cumulative_below_april_is_not_saved_when_cancelled(qtbot, db, april_saved):
    page = open_grid(qtbot, db)
    enter_cells(qtbot, page, [(1, COL_THIS_YEAR, "100"), (0, COL_IMAGE, "主体施工")])
    enter_cells(qtbot, page, [(0, COL_THIS_YEAR, "7000")])

    asked = answer_next_box(qtbot, "取消")
    press(qtbot, page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert asked == ["第00号重点项目：1-5月累计低于1-4月累计（7,088.00万元），确认？"]
    assert all(row.report.is_blank() for row in progress.month_rows(db, MAY))
    assert page.is_dirty()
    assert page.message.text() == "未保存：请核对累计完成投资"
    here = page.grid.currentIndex()
    assert (here.row(), here.column()) == (0, COL_THIS_YEAR)


def test_a_figure_a_colleague_saved_after_the_grid_opened_is_not_overwritten(
    qtbot, db, ten_projects, shown
):
    progress.save_month(db, JUNE, {ten_projects[0]: MonthReport(5_000_00)})
    page = open_grid(qtbot, db)
    enter_cell(qtbot, page, "6000")
    colleague = open_database(database_file(db))
    settings.put(colleague, settings.OFFICER, "王芳")
    progress.save_month(colleague, JUNE, {ten_projects[0]: MonthReport(5_200_00, None, "封顶")})
    colleague.close()

    press(qtbot, page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    [(kind, text)] = shown
    assert kind == "warning"
    assert "「第00号重点项目」由王芳于" in text
    assert "打开时「5,000.00万元」｜王芳「5,200.00万元」｜您「6,000.00万元」" in text
    assert progress.month_rows(db, JUNE)[0].report == MonthReport(5_200_00, None, "封顶", True)
    assert page.is_dirty()
    assert cell(page, 0, COL_THIS_YEAR) == "6,000.00"  # as typed
    assert cell(page, 0, COL_IMAGE) == "封顶"  # the colleague's, beneath the typing

    press(qtbot, page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # now knowingly

    assert progress.month_rows(db, JUNE)[0].report == MonthReport(6_000_00, None, "封顶", True)
    assert not page.is_dirty()
