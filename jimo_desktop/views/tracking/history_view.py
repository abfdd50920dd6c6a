"""操作历史: every change of officers' data, filtered by date, officer, kind and text, with
old → new in words, and 恢复 for a record that was deleted.
"""

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.audit_words import ACTION_LABELS, TABLE_LABELS
from jimo_desktop.domain.dates import DateError, parse_partial_date
from jimo_desktop.store import history
from jimo_desktop.store.history import HistoryEntry, HistoryError, HistoryFilter
from jimo_desktop.views.common.live_news import EVERY_TABLE, ListNews
from jimo_desktop.views.common.record_table import Column, FilteredTable

COLUMNS = (
    Column("时间", lambda e: e.at.replace("T", " "), lambda e: e.id, width=150),
    Column("经办人", lambda e: e.officer, width=70),
    Column("类别", lambda e: TABLE_LABELS.get(e.table, e.table), width=80),
    Column("对象", lambda e: e.subject, width=340),
    Column("操作或字段", lambda e: e.what, width=130),
    Column("修改内容（原值 → 新值）", lambda e: e.change),
)
_ACTION_COLOURS = {"delete": QColor("#c0392b"), "restore": QColor("#2e7d32")}


class HistoryView(ListNews, QWidget):
    NEWS_TABLES = EVERY_TABLE  # every change writes its line here
    restored = Signal(str, int)  # table and id of a record brought back

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.table = FilteredTable(COLUMNS, _row_colour, "搜索项目名称或修改内容")
        self.kind = self.table.add_filter("kind", "全部类别", _swapped(TABLE_LABELS))
        self.action = self.table.add_filter("action", "全部操作", _swapped(ACTION_LABELS))
        self.officer = self.table.add_filter("officer", "全部经办人", [])
        self.date_from = _date_edit("dateFrom", "自 2020-06-01")
        self.date_to = _date_edit("dateTo", "至 2020-06-30")
        for offset, edit in enumerate((self.date_from, self.date_to)):
            self.table.filter_bar.insertWidget(3 + offset, edit)
            edit.textChanged.connect(self.refresh)
        self.restore_button = self.table.add_action("恢复所选记录", self.restore_current)
        self.table.filters_changed.connect(self.refresh)
        self.table.table.selectionModel().selectionChanged.connect(self._update_restore)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def showEvent(self, event) -> None:
        """The history grows while other pages work: read it each time it comes into view."""
        super().showEvent(event)
        self.refresh()

    def current_filter(self) -> HistoryFilter:
        values = self.table.filter_values()
        return HistoryFilter(
            date_from=_read_date(self.date_from),
            date_to=_read_date(self.date_to),
            officer=values["officer"],
            table=values["kind"],
            action=values["action"],
            text=self.table.search_text(),
        )

    def refresh(self) -> None:
        _refill(self.officer, history.officers(self._db))
        entries, more = history.search(self._db, self.current_filter())
        summary = f"共 {len(entries)} 条"
        if more:
            summary = f"仅显示最新 {len(entries)} 条，请用日期或类别缩小范围"
        self.table.set_rows(entries, summary)
        self._update_restore()

    def restore_current(self) -> None:
        entry: HistoryEntry | None = self.table.current_record()
        if entry is None or not entry.restorable:
            return
        try:
            history.restore(self._db, entry.table, entry.row_id)
        except HistoryError as error:
            self.table.summary.setText(str(error))
            return
        self.refresh()
        self.table.summary.setText(f"已恢复：{entry.subject}")
        self.restored.emit(entry.table, entry.row_id)

    def _update_restore(self) -> None:
        entry = self.table.current_record()
        self.restore_button.setEnabled(entry is not None and entry.restorable)


def _row_colour(entry: HistoryEntry) -> QColor | None:
    return _ACTION_COLOURS.get(entry.action)


def _swapped(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(label, key) for key, label in labels.items()]


def _date_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit(objectName=name, clearButtonEnabled=True, placeholderText=placeholder)
    edit.setToolTip("年月或年月日，如 2020-06 或 2020-06-15")
    edit.setFixedWidth(150)
    return edit


def _read_date(edit: QLineEdit) -> str | None:
    """The date typed, or None while it is blank or unreadable (then marked, with the reason)."""
    try:
        value, problem = parse_partial_date(edit.text()), ""
    except DateError as error:
        value, problem = None, str(error)
    edit.setToolTip(problem)
    if edit.property("invalid") != bool(problem):
        edit.setProperty("invalid", bool(problem))
        edit.style().unpolish(edit)
        edit.style().polish(edit)
    return value


def _refill(combo: QComboBox, officers: list[str]) -> None:
    """New officers appear in the filter without losing the one chosen."""
    if [combo.itemData(n) for n in range(1, combo.count())] == officers:
        return
    chosen = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for name in officers:
        combo.addItem(name, name)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
