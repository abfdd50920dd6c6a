"""Beside the month grid: the unit ranking with 开工率, 开工率 by industry and 四个一批.

Read-only tables on the shared RecordTableModel, filled from the store's saved figures.
"""

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QTabWidget
from sqlite_utils import Database

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.money import format_wan, format_yi
from jimo_desktop.domain.progress import BatchFigures, GroupFigures, format_percent
from jimo_desktop.domain.project import Stage
from jimo_desktop.store.monthly import progress
from jimo_desktop.views.common.record_table import CENTRE, RIGHT, Column, RecordTableModel

_GROUP_COLUMNS = (
    Column("列入项目", lambda g: str(g.listed), align=RIGHT, width=70),
    Column("已开工", lambda g: str(g.started), align=RIGHT, width=60),
    Column("开工率", lambda g: rates.format_percent(g.start_rate), align=RIGHT, width=70),
    Column("年度计划（万元）", lambda g: format_wan(g.annual_plan), align=RIGHT, width=130),
    Column("累计完成（万元）", lambda g: format_wan(g.completed), align=RIGHT, width=130),
    Column("占年度计划", lambda g: rates.format_percent(g.completion_rate), align=RIGHT, width=90),
    Column("超时序进度", lambda g: rates.format_points(g.ahead), align=RIGHT, width=90),
)
UNIT_COLUMNS = (
    Column("排名", lambda g: "" if g.rank is None else str(g.rank), align=CENTRE, width=50),
    Column("区位", lambda g: g.name, width=140),
    *_GROUP_COLUMNS,
)
INDUSTRY_COLUMNS = (Column("产业", lambda g: g.name, width=120), *_GROUP_COLUMNS)
BATCH_NAMES = {
    Stage.PLANNING: "谋划一批",
    Stage.RESERVE: "储备一批",
    Stage.STARTED: "开工一批",
    Stage.COMPLETED: "竣工一批",
    Stage.PRODUCING: "投产",
}
BATCH_COLUMNS = (
    Column("类别", lambda b: BATCH_NAMES[b.stage], width=100),
    Column("目标项目数", lambda b: str(b.count), align=RIGHT, width=80),
    Column("已实现", lambda b: str(b.achieved), align=RIGHT, width=70),
    Column("实现率", lambda b: format_percent(b.rate), align=RIGHT, width=70),
    Column("总投资（亿元）", lambda b: format_yi(b.total_investment), align=RIGHT, width=120),
    Column("年度计划（亿元）", lambda b: format_yi(b.annual_plan), align=RIGHT, width=120),
)


def _table(model: RecordTableModel, columns) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setStretchLastSection(True)
    for number, column in enumerate(columns):
        table.setColumnWidth(number, column.width)
    return table


class ProgressFigures(QTabWidget):
    """Three tabs of the month's figures; `show_period` reads them again after a save."""

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.setObjectName("progressFigures")
        self._db = db
        self.units = RecordTableModel(UNIT_COLUMNS, parent=self)
        self.industries = RecordTableModel(INDUSTRY_COLUMNS, parent=self)
        self.batches = RecordTableModel(BATCH_COLUMNS, parent=self)
        self.district = QLabel(objectName="summary")
        self.addTab(_table(self.units, UNIT_COLUMNS), "区位排名与开工率")
        self.addTab(_table(self.industries, INDUSTRY_COLUMNS), "产业开工率")
        self.addTab(_table(self.batches, BATCH_COLUMNS), "四个一批")
        self.setCornerWidget(self.district)

    def show_period(self, period: str) -> None:
        figures = progress.period_figures(self._db, period)
        units: list[GroupFigures] = rates.by_unit(figures, period)
        self.units.set_rows(units)
        self.industries.set_rows(rates.by_industry(figures, period))
        batches: list[BatchFigures] = rates.four_batches(figures)
        self.batches.set_rows(batches)
        district = rates.group_total(rates.DISTRICT, figures, period)
        self.district.setText(
            f"已保存数据 · 全区{rates.cumulative_label(period)}完成 "
            f"{format_yi(district.completed)} 亿元，占年度计划 "
            f"{rates.format_percent(district.completion_rate)}，超时序进度 "
            f"{rates.format_points(district.ahead)} 个百分点，开工率 "
            f"{rates.format_percent(district.start_rate)}  "
        )
