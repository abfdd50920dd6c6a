"""The one filtered table every list of records uses (problems, lists, logs, dispatches …).

A view declares its columns and filters, fetches rows from the store whenever the filters
change, and hands them over with `set_rows`; rows keep the store's order until a header is
clicked. Sorting happens in a proxy on raw sort values, which is fine for lists of hundreds
or a few thousand rows; the project list, which must handle 100,000, has its own index.
The selection follows a record across refreshes by its `row_key`, and a delete can be
offered for undo below the table. Records with a `deadline_state` share one colouring.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jimo_desktop.domain.problems import DeadlineState
from jimo_desktop.views.common.keyboard import add_undo_key, search_box
from jimo_desktop.views.common.live_news import place_kept
from jimo_desktop.views.common.read_only import mark_writing

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
UNDO_SECONDS = 15
UNDO_NOTE_LENGTH = 16  # characters of the deleted record's text in the undo note
DEADLINE_COLOURS = {
    DeadlineState.OVERDUE: QColor("#c0392b"),
    DeadlineState.NEAR: QColor("#b9770e"),
    DeadlineState.SETTLED: QColor("#7f8c8d"),
}
_PRESSURE = (
    DeadlineState.OVERDUE,
    DeadlineState.NEAR,
    DeadlineState.ON_TIME,
    DeadlineState.NONE,
    DeadlineState.SETTLED,
)


def deadline_colour(record) -> QColor | None:
    """Rows of records with a `deadline_state`: overdue red, near amber, settled grey."""
    return DEADLINE_COLOURS.get(record.deadline_state)


def deadline_pressure(state: DeadlineState, deadline: str | None) -> tuple[int, str]:
    """Sort key: overdue first (the oldest deadline first), then near, on time, none, settled."""
    return (_PRESSURE.index(state), deadline or "9999")


@dataclass(frozen=True)
class Column:
    header: str
    display: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None  # raw value to sort by; the text if None
    align: Qt.AlignmentFlag | None = None
    width: int | None = None


class RecordTableModel(QAbstractTableModel):
    """Rows of any record type, shown through `Column`s; reads no database."""

    def __init__(
        self,
        columns: Sequence[Column],
        row_colour: Callable[[Any], QColor | None] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._row_colour = row_colour
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, number: int) -> Any:
        return self._rows[number]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.display(record)
        if role == SortRole:
            return (column.sort_key or column.display)(record)
        if role == RowRole:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align)
        if role == Qt.ItemDataRole.ForegroundRole and self._row_colour is not None:
            return self._row_colour(record)
        return None


class _SortProxy(QSortFilterProxyModel):
    def lessThan(self, left, right) -> bool:
        a, b = left.data(SortRole), right.data(SortRole)
        # Unknown values (None) sort first instead of raising on comparison.
        if a is None or b is None:
            return a is None and b is not None
        return a < b


class FilteredTable(QWidget):
    """Filter combos and a search box over a sortable table, with action buttons below."""

    filters_changed = Signal()
    activated = Signal(object)  # the record double-clicked or entered
    current_changed = Signal(object)  # the selected record, or None

    def __init__(
        self,
        columns: Sequence[Column],
        row_colour: Callable[[Any], QColor | None] | None = None,
        search_placeholder: str = "搜索",
        parent=None,
        row_key: Callable[[Any], Any] | None = None,
    ):
        super().__init__(parent)
        # What identifies a record across refreshes: after an edit the record is a new,
        # unequal object, and the selection must still follow it.
        self._row_key = row_key or (lambda record: record)
        self._undo: Callable[[], None] | None = None
        self._buttons: list[QPushButton] = []
        self.model = RecordTableModel(columns, row_colour, self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self._filters: dict[str, QComboBox] = {}
        self.filter_bar = QHBoxLayout()
        self.search = search_box(placeholderText=search_placeholder)
        self.search.textChanged.connect(self.filters_changed)
        self.filter_bar.addStretch(1)
        self.filter_bar.addWidget(self.search, 1)
        self.table = self._build_table(columns)
        self.summary = QLabel(objectName="summary")
        self.actions = QHBoxLayout()
        self._build_undo()
        self.actions.addStretch(1)
        self.actions.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions)

    def _build_table(self, columns: Sequence[Column]) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        # Rows keep the store's order until the officer clicks a header; without this the
        # header's default indicator (column 0, descending) would reverse them at once.
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(28)
        table.horizontalHeader().setStretchLastSection(True)
        for number, column in enumerate(columns):
            if column.width:
                table.setColumnWidth(number, column.width)
        table.doubleClicked.connect(self._emit_activated)
        table.selectionModel().selectionChanged.connect(self._emit_current)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._emit_activated)
        return table

    def add_filter(self, name: str, everything: str, choices: Sequence[tuple[str, Any]]):
        combo = QComboBox(objectName=f"{name}Filter")
        combo.addItem(everything, None)
        for label, value in choices:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self.filters_changed)
        self.filter_bar.insertWidget(len(self._filters), combo)
        self._filters[name] = combo
        return combo

    def set_filter_choices(self, name: str, choices: Sequence[tuple[str, Any]]) -> None:
        """Refill a filter (after a dictionary edit), keeping the choice while it still exists."""
        combo = self._filters[name]
        kept = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in choices:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(kept)) if kept is not None else 0)
        combo.blockSignals(False)
        if combo.currentData() != kept:
            self.filters_changed.emit()

    def filter_values(self) -> dict[str, Any]:
        return {name: combo.currentData() for name, combo in self._filters.items()}

    def search_text(self) -> str:
        return self.search.text().strip()

    def add_action(
        self, label: str, slot: Callable[[], None], shortcut=None, writes: bool = True
    ) -> QPushButton:
        """A button under the table; `writes` unless it only shows, prints or exports, so a
        read-only window hides it."""
        button = QPushButton(label)
        button.clicked.connect(slot)
        if writes:
            mark_writing(button)
        if shortcut is not None:
            action = QShortcut(QKeySequence(shortcut), self)
            action.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.activated.connect(slot)
        self._buttons.append(button)
        self.actions.insertWidget(len(self._buttons) - 1, button)
        return button

    def set_rows(self, rows: Sequence[Any], summary: str = "") -> None:
        chosen = self.current_record()
        self.model.set_rows(rows)
        self.summary.setText(summary)
        if chosen is not None:
            key = self._row_key(chosen)
            self.select(lambda record: self._row_key(record) == key)
        self._emit_current()

    def place_kept(self):
        """Around a refresh the officer did not ask for (a colleague's save): the table stays
        where it was scrolled (views/common/live_news)."""
        return place_kept(self.table, lambda number: self._row_key(self._record_at(number)))

    def _record_at(self, number: int) -> Any:
        return self.proxy.index(number, 0).data(RowRole)

    def delete_with_undo(
        self, noun: str, what: str, delete: Callable[[], None], restore: Callable[[], None]
    ) -> bool:
        """The way every record list deletes: ask first, then offer 撤销删除 for a while."""
        answer = QMessageBox.question(
            self,
            f"删除{noun}",
            f"删除{noun}“{what}”？\n删除后可立即撤销；历史记录会保留。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        delete()
        shown = what if len(what) <= UNDO_NOTE_LENGTH else what[:UNDO_NOTE_LENGTH] + "…"
        self.offer_undo(f"已删除{noun}“{shown}”", restore)
        return True

    def offer_undo(self, message: str, undo: Callable[[], None]) -> None:
        """After a delete: "已删除…" with an 撤销 button for a while; a later delete replaces it."""
        self._undo = undo
        self.undo_note.setText(message)
        self.undo_note.show()
        self.undo_button.show()
        self._undo_timer.start()

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self._hide_undo()
        if undo is not None:
            undo()

    def _build_undo(self) -> None:
        self.undo_note = QLabel(objectName="undoNote")
        self.undo_button = QPushButton("撤销删除", objectName="undoButton", clicked=self.undo)
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._hide_undo)
        self.actions.addSpacing(16)
        self.actions.addWidget(self.undo_note)
        self.actions.addWidget(self.undo_button)
        add_undo_key(self, self.undo)
        self._hide_undo()

    def _hide_undo(self) -> None:
        self._undo = None
        self._undo_timer.stop()
        self.undo_note.hide()
        self.undo_button.hide()

    def current_record(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole) if rows else None

    def select(self, wanted: Callable[[Any], bool]) -> bool:
        for number in range(self.proxy.rowCount()):
            index = self.proxy.index(number, 0)
            if wanted(index.data(RowRole)):
                self.table.selectRow(number)
                self.table.scrollTo(index)
                return True
        return False

    def _emit_current(self) -> None:
        self.current_changed.emit(self.current_record())

    def _emit_activated(self) -> None:
        record = self.current_record()
        if record is not None:
            self.activated.emit(record)
