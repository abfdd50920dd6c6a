"""The month grid's model: one row per listed project, the totals row last.

Cells show the saved report with the officer's edits over it (views/progress_edits): a
value that does not read is shown as typed, coloured and explained in its tooltip, and the
rates and the light follow every edit.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.money import format_wan
from jimo_desktop.store.monthly.progress import REPORT_FIELDS, GridRow, MonthReport
from jimo_desktop.views.common.lights import light_icon
from jimo_desktop.views.progress.progress_edits import MonthEdits, shown_text

(
    COL_NAME,
    COL_UNIT,
    COL_PLAN,
    COL_THIS_YEAR,
    COL_SINCE_START,
    COL_IMAGE,
    COL_STATISTICS,
    COL_PROBLEMS,
    COL_RATE,
    COL_AHEAD,
) = range(10)
EDITABLE = (COL_THIS_YEAR, COL_SINCE_START, COL_IMAGE, COL_STATISTICS, COL_PROBLEMS)
FIELDS = dict(zip(EDITABLE, REPORT_FIELDS, strict=True))
COLUMNS = {field: column for column, field in FIELDS.items()}
_NUMBERS = {COL_PLAN, COL_THIS_YEAR, COL_SINCE_START, COL_RATE, COL_AHEAD}
_FIXED_HEADERS = {
    COL_NAME: "项目名称",
    COL_UNIT: "区位",
    COL_PLAN: "年度计划\n（万元）",
    COL_SINCE_START: "开工至今累计\n（万元）",
    COL_IMAGE: "形象进度",
    COL_STATISTICS: "纳统",
    COL_PROBLEMS: "存在问题",
    COL_RATE: "占年度计划",
    COL_AHEAD: "超时序进度\n（百分点）",
}
ERROR_BACKGROUND = QColor("#f8d7d3")
EDITED_BACKGROUND = QColor("#fff4c2")
COMPUTED_BACKGROUND = QColor("#eef2f7")
_Index = QModelIndex | QPersistentModelIndex


class ProgressGridModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.edits = MonthEdits()
        self._rows: list[GridRow] = []

    @property
    def period(self) -> str:
        return self.edits.period

    def set_period(self, period: str) -> None:
        """A new month starts without edits."""
        self.edits.start(period)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_THIS_YEAR, COL_THIS_YEAR)

    def set_rows(self, rows: list[GridRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.edits.remember(rows)
        self.endResetModel()

    def grid_row(self, number: int) -> GridRow | None:
        return self._rows[number] if number < len(self._rows) else None

    def row_of(self, project_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.project_id == project_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows) + 1  # the totals row

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_FIXED_HEADERS) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_THIS_YEAR:
            return f"{rates.cumulative_label(self.period)}累计\n完成投资（万元）"
        return _FIXED_HEADERS[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE and index.row() < len(self._rows):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.row() == len(self._rows):
            return self._totals_data(index.column(), role)
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole and column in FIELDS:
            return self.edits.text(row, FIELDS[column])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_NAME:
            return light_icon(self.edits.light(row).colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        text = str(value or "").strip()
        self.edits.set_text(self._rows[index.row()], FIELDS[index.column()], text)
        self._rows_changed(index.row(), index.row())
        return True

    def paste(self, row: int, column: int, block: list[list[str]]) -> int:
        """Fill cells from a block copied in Excel, from (row, column) on, editable columns only.

        Returns how many cells took a value; what falls outside the grid is left out.
        """
        columns = [c for c in EDITABLE if c >= column] or list(EDITABLE)
        filled, last = 0, row
        for offset, cells in enumerate(block):
            if row + offset >= len(self._rows):
                break
            last = row + offset
            for target, text in zip(columns, cells, strict=False):
                self.edits.set_text(self._rows[last], FIELDS[target], text.strip())
                filled += 1
        if filled:
            self._rows_changed(row, last)
        return filled

    def discard_edits(self) -> None:
        self.beginResetModel()
        self.edits.discard()
        self.endResetModel()

    def _rows_changed(self, first: int, last: int) -> None:
        right = self.columnCount() - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, right))
        totals = len(self._rows)
        self.dataChanged.emit(self.index(totals, 0), self.index(totals, right))

    def _display(self, row: GridRow, column: int) -> str:
        report, problems = self.edits.report(row)
        if column in FIELDS:
            field = FIELDS[column]
            return self.edits.text(row, field) if field in problems else shown_text(report, field)
        rate, ahead = self.edits.completion(row)
        texts = {
            COL_NAME: row.name,
            COL_UNIT: row.unit,
            COL_PLAN: format_wan(row.annual_plan),
            COL_RATE: rates.format_percent(rate),
            COL_AHEAD: rates.format_points(ahead),
        }
        return texts[column]

    def _tooltip(self, row: GridRow, column: int) -> str | None:
        problems = self.edits.report(row)[1]
        if FIELDS.get(column) in problems:
            return problems[FIELDS[column]]
        if column == COL_NAME:
            return f"{row.name}\n{self.edits.light(row).tooltip()}"
        if column in (COL_IMAGE, COL_PROBLEMS):
            return self._display(row, column) or None
        return None

    def _background(self, row: GridRow, column: int) -> QColor | None:
        if FIELDS.get(column) in self.edits.report(row)[1]:
            return ERROR_BACKGROUND
        if column in FIELDS and self.edits.is_edited(row, FIELDS[column]):
            return EDITED_BACKGROUND
        if column in (COL_RATE, COL_AHEAD):
            return COMPUTED_BACKGROUND
        return None

    def _totals_data(self, column: int, role):
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return COMPUTED_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._totals_text(column)

    def _totals_text(self, column: int) -> str:
        if column == COL_NAME:
            return f"合计（{len(self._rows)}个项目）"
        reports: list[MonthReport] = [self.edits.report(row)[0] for row in self._rows]
        plan = sum(row.annual_plan or 0 for row in self._rows)
        done = sum(report.completed_this_year or 0 for report in reports)
        texts = {
            COL_PLAN: format_wan(plan),
            COL_THIS_YEAR: format_wan(done),
            COL_SINCE_START: format_wan(sum(r.completed_since_start or 0 for r in reports)),
            COL_STATISTICS: f"{sum(bool(r.in_statistics) for r in reports)}个已纳统",
            COL_RATE: rates.format_percent(rates.completion_rate(done, plan)),
            COL_AHEAD: rates.format_points(rates.ahead_of_time_progress(done, plan, self.period)),
        }
        return texts.get(column, "")
