"""The years a project is listed in, as a small editable table: 年度, 级别, 四个一批, 年度计划投资.

A listing's batch is chosen when the listing is made; once saved, it changes only by a dated
调整 with its reason (views/projects/listing_change_dialog.py), so past months keep their figures.
"""

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QTableView

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.money import MoneyError, format_wan, parse_wan
from jimo_desktop.domain.progress import BATCHES
from jimo_desktop.domain.project import Level, Stage, YearListing

COL_YEAR, COL_LEVEL, COL_BATCH, COL_PLAN = range(4)
_HEADERS = ("年度", "级别", "四个一批", "年度计划投资（万元）")
UNRATED = "未定级"
CONTINUING = "续建（不列入）"

_Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Row:
    year: int
    level: Level | None
    plan: int | None
    batch: Stage | None = None
    added_on: str | None = None
    withdrawn_on: str | None = None
    saved: bool = False  # kept in the database: its batch changes only by a dated 调整
    # An amount that did not parse is kept as typed, so the officer sees and fixes it.
    bad_plan: str | None = None
    plan_error: str | None = None


class YearListingsModel(QAbstractTableModel):
    """Edits a copy of the project's listings; `listings()` hands the result back."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[_Row] = []

    def set_listings(self, listings: list[YearListing]) -> None:
        self.beginResetModel()
        self._rows = [
            _Row(
                item.year,
                item.level,
                item.annual_plan,
                item.batch,
                item.added_on,
                item.withdrawn_on,
                saved=True,
            )
            for item in listings
        ]
        self.endResetModel()

    def listings(self) -> list[YearListing]:
        return [
            YearListing(row.year, row.level, row.plan, row.batch, row.added_on, row.withdrawn_on)
            for row in self._rows
        ]

    def listing_at(self, row: int) -> YearListing | None:
        """The saved listing of a row, or None for one made in this editing."""
        found = self._rows[row]
        return self.listings()[row] if found.saved else None

    def changed(self, row: int, listing: YearListing) -> None:
        """A 调整、增补 or 退出 saved for the row's listing: show it."""
        kept = self._rows[row]
        self._rows[row] = replace(
            kept, batch=listing.batch, added_on=listing.added_on, withdrawn_on=listing.withdrawn_on
        )
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))

    def problem(self) -> str | None:
        """The first amount that could not be read, named with its year."""
        bad = next((row for row in self._rows if row.plan_error), None)
        return f"{bad.year} 年计划投资：{bad.plan_error}" if bad else None

    def add_year(self, year: int) -> QModelIndex:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(_Row(year, None, None))
        self.endInsertRows()
        return self.index(row, COL_YEAR)

    def remove_year(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == COL_BATCH and self._rows[index.row()].saved:
            return super().flags(index)
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PLAN:
            return row.plan_error
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_BATCH and row.saved:
            return "已保存的清单，四个一批请用“调整、增补、退出”注明日期和原因"
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (COL_LEVEL, COL_BATCH):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = self._rows[index.row()], index.column()
        if column == COL_YEAR:
            try:
                row.year = int(value)
            except (TypeError, ValueError):
                return False
        elif column == COL_LEVEL:
            row.level = Level(value) if value else None
        elif column == COL_BATCH:
            if row.saved:
                return False
            row.batch = Stage(value) if value else None
        else:
            _set_plan(row, str(value or ""))
        self.dataChanged.emit(index, index)
        return True


def _display(row: _Row, column: int) -> str:
    if column == COL_YEAR:
        return str(row.year)
    if column == COL_LEVEL:
        return row.level.label if row.level else UNRATED
    if column == COL_BATCH:
        return batch_text(row.batch, row.added_on, row.withdrawn_on)
    return row.bad_plan if row.plan_error else format_wan(row.plan)


def _edit_value(row: _Row, column: int) -> int | str:
    if column == COL_YEAR:
        return row.year
    if column == COL_LEVEL:
        return row.level.value if row.level else ""
    if column == COL_BATCH:
        return row.batch.value if row.batch else ""
    return row.bad_plan if row.plan_error else format_wan(row.plan, grouping=False)


def _set_plan(row: _Row, text: str) -> None:
    try:
        row.plan, row.bad_plan, row.plan_error = parse_wan(text), None, None
    except MoneyError as error:
        row.plan, row.bad_plan, row.plan_error = None, text, str(error)


def batch_text(batch: Stage | None, added_on: str | None, withdrawn_on: str | None) -> str:
    """ "开工一批", "储备一批（2020年3月10日增补）", "续建（不列入）（2020年5月15日退出）"."""
    text = f"{batch.label}一批" if batch else CONTINUING
    if added_on:
        text += f"（{format_partial_date(added_on)}增补）"
    if withdrawn_on:
        text += f"（{format_partial_date(withdrawn_on)}退出）"
    return text


def batch_choices() -> list[tuple[str, str]]:
    """(label, value) of every batch a listing can take, 续建 (none) last."""
    return [(f"{batch.label}一批", batch.value) for batch in BATCHES] + [(CONTINUING, "")]


def level_choices() -> list[tuple[str, str]]:
    """(label, value) of every level, 未定级 (none) first."""
    return [(UNRATED, "")] + [(level.label, level.value) for level in Level]


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of (label, value) choices for one column: 级别, 四个一批."""

    def __init__(self, choices: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for label, value in self._choices:
            combo.addItem(label, value)
        # Commit on choice, not on focus loss, so the row and the dirty flag update at once.
        combo.activated.connect(lambda: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def show_year_listings(view: QTableView, model: YearListingsModel) -> None:
    view.setModel(model)
    view.setItemDelegateForColumn(COL_LEVEL, ChoiceDelegate(level_choices(), view))
    view.setItemDelegateForColumn(COL_BATCH, ChoiceDelegate(batch_choices(), view))
    view.setColumnWidth(COL_YEAR, 80)
    view.setColumnWidth(COL_LEVEL, 120)
    view.setColumnWidth(COL_BATCH, 220)


def listed_years_text(listings: list[YearListing]) -> str:
    """One line naming each year and level, for a glance at where the project is listed."""
    if not listings:
        return "尚未列入重点项目年度清单。"
    listed = sorted(listings, key=lambda listing: listing.year)
    parts = [f"{item.year}年（{item.level.label if item.level else UNRATED}）" for item in listed]
    return "列入年度：" + "、".join(parts)
