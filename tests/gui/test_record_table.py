"""The shared filtered table: a well-behaved model, store order kept, selection that follows."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from jimo_desktop.views.common.record_table import (
    RIGHT,
    Column,
    FilteredTable,
    RecordTableModel,
    RowRole,
    SortRole,
)


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    amount: int | None


RED = QColor("#c0392b")
COLUMNS = (
    Column("名称", lambda r: r.name),
    Column("金额", lambda r: "" if r.amount is None else str(r.amount), lambda r: r.amount, RIGHT),
)
ITEMS = [Item(1, "乙", 30), Item(2, "甲", None), Item(3, "丙", 5)]


def red_when_large(item: Item) -> QColor | None:
    return RED if (item.amount or 0) > 10 else None


@pytest.fixture
def table(qtbot) -> FilteredTable:
    widget = FilteredTable(COLUMNS, red_when_large, row_key=lambda item: item.id)
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(table: FilteredTable) -> list[int]:
    proxy = table.proxy
    return [proxy.index(row, 0).data(RowRole).id for row in range(proxy.rowCount())]


def double_click(qtbot, table: FilteredTable, row: int) -> None:
    """As a mouse does it: a press that selects, then the double click."""
    centre = table.table.visualRect(table.proxy.index(row, 0)).center()
    qtbot.mouseClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_model_passes_qts_model_tester_through_resets(qtbot):
    model = RecordTableModel(COLUMNS, red_when_large)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    for rows in (ITEMS, [], ITEMS[:1], ITEMS):
        model.set_rows(rows)
    assert model.rowCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_the_sorting_proxy_passes_qts_model_tester_while_sorting(table):
    QAbstractItemModelTester(table.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    table.set_rows(ITEMS)
    table.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    table.set_rows(ITEMS[1:])
    table.set_rows([])
    assert table.proxy.rowCount() == 0


def test_the_model_serves_display_sort_row_alignment_and_colour(qtbot):
    model = RecordTableModel(COLUMNS, red_when_large)
    model.set_rows(ITEMS)
    first, amount = model.index(0, 0), model.index(0, 1)
    assert (first.data(), amount.data(), amount.data(SortRole)) == ("乙", "30", 30)
    assert amount.data(Qt.ItemDataRole.ToolTipRole) == "30"
    assert first.data(RowRole) == ITEMS[0]
    assert amount.data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert first.data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert first.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "金额"
    assert model.data(QModelIndex()) is None


def test_rows_keep_the_stores_order_until_a_header_is_clicked(table):
    table.set_rows(ITEMS)
    assert shown(table) == [1, 2, 3]
    table.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert shown(table) == [2, 3, 1]  # unknown amounts first, then by value, not by text


def test_sorting_by_text_when_no_sort_key_is_given(table):
    table.set_rows(ITEMS)
    table.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [table.proxy.index(r, 0).data() for r in range(3)] == sorted(["甲", "乙", "丙"])[::-1]


def test_the_selection_follows_a_record_that_changed_in_a_refresh(table):
    table.set_rows(ITEMS)
    table.select(lambda item: item.id == 3)
    table.set_rows([Item(3, "丙（已改）", 6), *ITEMS[:2]])
    assert table.current_record() == Item(3, "丙（已改）", 6)


def test_without_a_key_the_selection_follows_equal_records(qtbot):
    widget = FilteredTable(COLUMNS)
    qtbot.addWidget(widget)
    widget.set_rows(ITEMS)
    widget.select(lambda item: item.id == 1)
    widget.set_rows(list(reversed(ITEMS)))
    assert widget.current_record() == ITEMS[0]


def test_current_changed_reports_the_selection_and_its_loss(table):
    seen = []
    table.current_changed.connect(seen.append)
    table.set_rows(ITEMS)
    table.select(lambda item: item.id == 2)
    table.set_rows(ITEMS[:1])
    assert seen == [None, ITEMS[1], None]


def test_enter_and_double_click_activate_the_current_record(qtbot, table):
    activated = []
    table.activated.connect(activated.append)
    table.set_rows(ITEMS)
    table.select(lambda item: item.id == 3)
    table.table.setFocus()
    qtbot.keyClick(table.table, Qt.Key.Key_Return)
    double_click(qtbot, table, 0)
    assert activated == [ITEMS[2], ITEMS[0]]


def test_filters_report_their_values_and_changes(qtbot, table):
    changes = []
    table.filters_changed.connect(lambda: changes.append(table.filter_values()))
    combo = table.add_filter("kind", "全部类型", [("甲类", 1), ("乙类", 2)])
    assert table.filter_values() == {"kind": None}
    combo.setCurrentIndex(2)
    table.search.setText("  乙 ")
    assert changes == [{"kind": 2}, {"kind": 2}]
    assert table.search_text() == "乙"


def test_refilling_a_filter_keeps_a_choice_that_still_exists(table):
    changes = []
    combo = table.add_filter("kind", "全部类型", [("甲类", 1), ("乙类", 2)])
    combo.setCurrentIndex(2)
    table.filters_changed.connect(lambda: changes.append(table.filter_values()))
    table.set_filter_choices("kind", [("乙类（改名）", 2), ("丙类", 3)])
    assert (combo.currentText(), changes) == ("乙类（改名）", [])
    table.set_filter_choices("kind", [("丙类", 3)])
    assert combo.currentData() is None
    assert changes == [{"kind": None}]


def test_actions_line_up_in_order_and_answer_their_shortcut(qtbot, table):
    pressed = []
    first = table.add_action("新增", lambda: pressed.append("新增"), "Ctrl+N")
    second = table.add_action("删除", lambda: pressed.append("删除"))
    assert table.actions.indexOf(first) < table.actions.indexOf(second)
    assert table.actions.indexOf(second) < table.actions.indexOf(table.summary)
    table.activateWindow()
    table.table.setFocus()
    qtbot.waitUntil(table.table.hasFocus)
    qtbot.keyClick(table.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    second.click()
    assert pressed == ["新增", "删除"]


def test_undo_is_offered_after_a_delete_and_runs_once(table):
    undone = []
    table.offer_undo("已删除“乙”", lambda: undone.append(1))
    assert table.undo_button.isVisible() and table.undo_note.text() == "已删除“乙”"
    table.undo_button.click()
    table.undo()
    assert undone == [1]
    assert not table.undo_button.isVisible()


def test_the_undo_offer_expires(qtbot, table, monkeypatch):
    table._undo_timer.setInterval(10)
    table.offer_undo("已删除“乙”", lambda: None)
    qtbot.waitUntil(lambda: not table.undo_button.isVisible())
    assert table._undo is None


def test_a_delete_is_asked_first_then_offered_for_undo(table, monkeypatch):
    answers, done = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes], []

    def question(parent, title, text, *args):
        done.append(("asked", title, text.splitlines()[0]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    delete, restore = (lambda: done.append("deleted")), (lambda: done.append("restored"))
    assert (
        table.delete_with_undo("服务事项", "协调办理施工许可证并联审批手续", delete, restore)
        is False
    )
    assert table.delete_with_undo("服务事项", "协调办理施工许可证并联审批手续", delete, restore)
    assert table.undo_note.text() == "已删除服务事项“协调办理施工许可证并联审批手续”"
    table.undo_button.click()
    assert done == [
        ("asked", "删除服务事项", "删除服务事项“协调办理施工许可证并联审批手续”？"),
        ("asked", "删除服务事项", "删除服务事项“协调办理施工许可证并联审批手续”？"),
        "deleted",
        "restored",
    ]
