"""The one filtered table every list of records uses (problems, lists, logs, dispatches …).

A view declares its columns and filters, fetches rows from the store whenever the filters
change, and hands them over with `set_rows`. Sorting happens in a proxy on raw sort values,
which is fine for lists of hundreds or a few thousand rows; the project list, which must
handle 100,000, has its own index instead.
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
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


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

    def __init__(
        self,
        columns: Sequence[Column],
        row_colour: Callable[[Any], QColor | None] | None = None,
        search_placeholder: str = "搜索",
        parent=None,
    ):
        super().__init__(parent)
        self.model = RecordTableModel(columns, row_colour, self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self._filters: dict[str, QComboBox] = {}
        self.filter_bar = QHBoxLayout()
        self.search = QLineEdit(clearButtonEnabled=True, placeholderText=search_placeholder)
        self.search.textChanged.connect(self.filters_changed)
        self.filter_bar.addStretch(1)
        self.filter_bar.addWidget(self.search, 1)
        self.table = self._build_table(columns)
        self.summary = QLabel(objectName="summary")
        self.actions = QHBoxLayout()
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

    def filter_values(self) -> dict[str, Any]:
        return {name: combo.currentData() for name, combo in self._filters.items()}

    def search_text(self) -> str:
        return self.search.text().strip()

    def add_action(self, label: str, slot: Callable[[], None], shortcut=None) -> QPushButton:
        button = QPushButton(label)
        button.clicked.connect(slot)
        if shortcut is not None:
            action = QShortcut(QKeySequence(shortcut), self)
            action.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.activated.connect(slot)
        self.actions.insertWidget(self.actions.count() - 2, button)
        return button

    def set_rows(self, rows: Sequence[Any], summary: str = "") -> None:
        chosen = self.current_record()
        self.model.set_rows(rows)
        self.summary.setText(summary)
        if chosen is not None:
            self.select(lambda record: record == chosen)

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

    def _emit_activated(self) -> None:
        record = self.current_record()
        if record is not None:
            self.activated.emit(record)
