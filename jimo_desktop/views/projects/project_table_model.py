"""Rows of the project list; the model reads no database, the list view hands it a selection."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.lights import Light
from jimo_desktop.domain.money import format_wan
from jimo_desktop.store.project_library.project_index import ProjectRow, ProjectSelection, SortKey
from jimo_desktop.views.common.lights import light_icon, light_sort_value

(
    COL_NAME,
    COL_UNIT,
    COL_INDUSTRY,
    COL_STAGE,
    COL_TOTAL,
    COL_ANNUAL_PLAN,
    COL_PLANNED_START,
    COL_PLANNED_END,
    COL_RESPONSIBLE_UNIT,
    COL_IN_STATISTICS,
    COL_YEARS,
    COL_LIGHT,
) = range(12)

_HEADERS = (
    "项目名称",
    "区位",
    "所属产业",
    "阶段",
    "总投资（万元）",
    "年度计划投资（万元）",
    "计划开工",
    "计划竣工",
    "责任单位",
    "纳统",
    "列入年度",
    "灯",
)

SORT_KEYS = {
    COL_NAME: SortKey.NAME,
    COL_UNIT: SortKey.UNIT,
    COL_INDUSTRY: SortKey.INDUSTRY,
    COL_STAGE: SortKey.STAGE,
    COL_TOTAL: SortKey.TOTAL,
    COL_ANNUAL_PLAN: SortKey.ANNUAL_PLAN,
    COL_PLANNED_START: SortKey.PLANNED_START,
    COL_PLANNED_END: SortKey.PLANNED_END,
    COL_RESPONSIBLE_UNIT: SortKey.RESPONSIBLE_UNIT,
    COL_IN_STATISTICS: SortKey.IN_STATISTICS,
}

_NUMERIC = {COL_TOTAL, COL_ANNUAL_PLAN}
_CENTRED = {COL_STAGE, COL_PLANNED_START, COL_PLANNED_END, COL_IN_STATISTICS}

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2


class ProjectTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: ProjectSelection | None = None
        self._cached: tuple[int, ProjectRow] | None = None
        self._lights: dict[int, Light] = {}

    def set_lights(self, lights: dict[int, Light]) -> None:
        self._lights = lights
        if self.rowCount():
            last = self.rowCount() - 1
            self.dataChanged.emit(self.index(0, COL_LIGHT), self.index(last, COL_LIGHT))

    def set_rows(self, selection: ProjectSelection) -> None:
        self.beginResetModel()
        self._rows = selection
        self._cached = None
        self.endResetModel()

    def selection(self) -> ProjectSelection | None:
        return self._rows

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self._rows is None:
            return 0
        return len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._rows is None:
            return None
        row = self._row(index.row())
        column = index.column()
        if column == COL_LIGHT:
            return self._light_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return row.name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column in _CENTRED:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == SortRole:
            return _SORT_VALUE[column](row)
        if role == RowRole:
            return row
        return None

    def _light_data(self, row: ProjectRow, role):
        light = self._lights.get(row.id)
        if light is None:
            return None
        return {
            Qt.ItemDataRole.DecorationRole: light_icon(light.colour),
            Qt.ItemDataRole.DisplayRole: light.colour.label,
            Qt.ItemDataRole.ToolTipRole: light.tooltip(),
            SortRole: light_sort_value(light),
            RowRole: row,
        }.get(role)

    def _row(self, number: int) -> ProjectRow:
        # The view asks for every column and role of a row in turn; build the row once.
        if self._cached is None or self._cached[0] != number:
            self._cached = (number, self._rows.row(number))
        return self._cached[1]


_DISPLAY = {
    COL_NAME: lambda row: row.name,
    COL_UNIT: lambda row: row.unit,
    COL_INDUSTRY: lambda row: row.industry,
    COL_STAGE: lambda row: row.stage.label,
    COL_TOTAL: lambda row: format_wan(row.total_investment),
    COL_ANNUAL_PLAN: lambda row: format_wan(row.annual_plan),
    COL_PLANNED_START: lambda row: format_partial_date(row.planned_start),
    COL_PLANNED_END: lambda row: format_partial_date(row.planned_end),
    COL_RESPONSIBLE_UNIT: lambda row: row.responsible_unit,
    COL_IN_STATISTICS: lambda row: "已纳统" if row.in_statistics else "未纳统",
    COL_YEARS: lambda row: "、".join(str(year) for year in row.years),
}

_SORT_VALUE = {
    **_DISPLAY,
    COL_STAGE: lambda row: row.stage.value,
    COL_TOTAL: lambda row: -1 if row.total_investment is None else row.total_investment,
    COL_ANNUAL_PLAN: lambda row: -1 if row.annual_plan is None else row.annual_plan,
    COL_PLANNED_START: lambda row: row.planned_start or "",
    COL_PLANNED_END: lambda row: row.planned_end or "",
    COL_IN_STATISTICS: lambda row: int(row.in_statistics),
}
