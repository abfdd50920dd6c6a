"""时间表: the milestones of a filtered set of projects, as a list and as a Gantt-like chart.

The list filters like the project list (year, unit, industry, stage, name or pinyin
initials) and counts each project's late nodes; the chart below draws the projects listed,
or one project node by node after Enter on it. matplotlib is imported when the first chart
is drawn, never at start-up.
"""

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QSplitter, QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.milestones import ProjectSchedule, Status, tally
from jimo_desktop.domain.project import Stage
from jimo_desktop.store import dictionaries, milestones, settings
from jimo_desktop.store.project_index import ProjectFilter, ProjectIndex, ProjectRow
from jimo_desktop.views.figure_area import FigureArea
from jimo_desktop.views.record_table import RIGHT, Column, FilteredTable, RowRole

MAX_CHART_PROJECTS = 300  # beyond this a chart is a wall of rows; the list still counts all
REDRAW_DELAY_MS = 200  # typing in the search box redraws once, after the last key
LATE_COLOUR = QColor("#c0392b")


@dataclass(frozen=True)
class ScheduleRow:
    project: ProjectRow
    schedule: ProjectSchedule
    counts: Counter

    @property
    def late(self) -> int:
        return self.counts[Status.LATE]

    @property
    def done(self) -> int:
        return self.counts[Status.DONE] + self.counts[Status.DONE_LATE]


def _count(header: str, value) -> Column:
    return Column(header, lambda r: str(value(r)), value, RIGHT, 80)


COLUMNS = (
    Column("项目名称", lambda r: r.project.name, width=320),
    Column("区位", lambda r: r.project.unit, width=120),
    Column(
        "阶段",
        lambda r: r.project.stage.label,
        lambda r: list(Stage).index(r.project.stage),
        width=60,
    ),
    _count("节点", lambda r: len(r.schedule.milestones)),
    _count("已完成", lambda r: r.done),
    _count("逾期未完成", lambda r: r.late),
    _count("滞后完成", lambda r: r.counts[Status.DONE_LATE]),
)


class TimelineView(QWidget):
    def __init__(self, db: Database, index: ProjectIndex, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._index = index
        self._rows: list[ScheduleRow] = []
        self._single: ScheduleRow | None = None
        self._chart_stale = True
        self.table = FilteredTable(
            COLUMNS,
            lambda r: LATE_COLOUR if r.late else None,
            "搜索项目名称或拼音首字母",
            row_key=lambda r: r.project.id,
        )
        self._add_filters()
        self.table.filters_changed.connect(self.refresh)
        self.table.activated.connect(self.show_project)
        self.table.add_action("查看所选项目路线图", self.show_current)
        self.all_button = self.table.add_action("显示全部项目", self.show_all)
        self.all_button.setEnabled(False)
        self.export_button = self.table.add_action("导出Excel", self.export_excel)
        header = self.table.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes the room
        self.chart = FigureArea("正在绘制时间表……")
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_DELAY_MS)
        self._redraw.timeout.connect(self.draw_chart)
        self.table.proxy.layoutChanged.connect(self._chart_changed)  # re-sorted: rows move
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()

    def export_excel(self) -> None:
        """The nodes of the projects listed, in the list's order, judged today."""
        from jimo_desktop.excel.record_lists import MilestoneLine
        from jimo_desktop.views.export_actions import export_list, shown_records

        today = settings.today(self._db)
        nodes = [
            MilestoneLine(row.project.name, row.project.unit, node, today)
            for row in shown_records(self.table)
            for node in row.schedule.milestones
        ]
        export_list(self, self._db, "milestones", nodes)

    def _add_filters(self) -> None:
        year = self.table.add_filter("year", "全部年度", self._years())
        year.setCurrentIndex(max(0, year.findData(self._index.current_year)))
        for name, everything, table in (
            ("unit", "全部区位", "units"),
            ("industry", "全部产业", "industries"),
        ):
            entries = dictionaries.entries(self._db, table)
            self.table.add_filter(name, everything, [(entry.name, entry.id) for entry in entries])
        self.table.add_filter("stage", "全部阶段", [(stage.label, stage) for stage in Stage])
        self.table.add_filter("late", "全部项目", [("有逾期节点", True)])

    def _years(self) -> list[tuple[str, int]]:
        return [(f"{year}年", year) for year in sorted(self._index.years(), reverse=True)]

    def current_filter(self) -> ProjectFilter:
        chosen = self.table.filter_values()
        return ProjectFilter(
            year=chosen["year"],
            unit_id=chosen["unit"],
            industry_id=chosen["industry"],
            stage=chosen["stage"],
            text=self.table.search_text(),
        )

    def refresh(self) -> None:
        """List the projects the filters let through; the chart follows a moment later."""
        selection = self._index.select(self.current_filter())
        shown = [selection.row(number) for number in range(len(selection))]
        schedules = milestones.schedules(self._db, [project.id for project in shown])
        today = settings.today(self._db)
        rows = [
            ScheduleRow(project, schedule, tally(schedule.milestones, today))
            for project, schedule in zip(shown, schedules, strict=True)
        ]
        if self.table.filter_values()["late"]:
            rows = [row for row in rows if row.late]
        late_nodes = sum(row.late for row in rows)
        self.table.set_rows(rows, f"共 {len(rows)} 个项目，逾期未完成节点 {late_nodes} 个")
        if rows == self._rows:
            return  # the same projects and nodes: the chart is still right
        self._rows = rows
        if self._single is not None:
            key = self._single.project.id
            self._single = next((row for row in rows if row.project.id == key), None)
        self._chart_changed()

    def _chart_changed(self) -> None:
        """Redraw soon if on screen; a hidden view redraws when it is shown again."""
        self._chart_stale = True
        if self.isVisible():
            self._redraw.start()

    def showEvent(self, event) -> None:
        """Catch up with edits made elsewhere (projects, nodes) and draw at once when the page
        is opened; only typing waits for the officer to pause."""
        super().showEvent(event)
        self.table.set_filter_choices("year", self._years())
        self.refresh()
        if self._chart_stale:
            self.draw_chart()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._redraw.stop()

    def shown_rows(self) -> list[ScheduleRow]:
        """The rows in the order the list shows them, which is the chart's order too."""
        proxy = self.table.proxy
        return [proxy.index(number, 0).data(RowRole) for number in range(proxy.rowCount())]

    def show_current(self) -> None:
        row = self.table.current_record()
        if row is not None:
            self.show_project(row)

    def show_project(self, row: ScheduleRow) -> None:
        """One project's 路线图, node by node, until 显示全部项目 or the filters change."""
        self._single = row
        self.draw_chart()

    def show_all(self) -> None:
        self._single = None
        self.draw_chart()

    def draw_chart(self) -> None:
        from jimo_desktop.reports.timeline import project_figure, projects_figure

        self._redraw.stop()
        self._chart_stale = False
        today = settings.today(self._db)
        self.all_button.setEnabled(self._single is not None)
        if self._single is not None:
            schedule = self._single.schedule
            figure = project_figure(schedule.name, schedule.milestones, today)
        else:
            schedules = [row.schedule for row in self.shown_rows()[:MAX_CHART_PROJECTS]]
            figure = projects_figure(schedules, today, self._chart_title())
        self.chart.show_figure(figure)

    def _chart_title(self) -> str:
        year = self.table.filter_values()["year"]
        heading = f"{year}年项目时间表" if year else "项目时间表"
        if len(self._rows) > MAX_CHART_PROJECTS:
            heading += f"（前{MAX_CHART_PROJECTS}个，共{len(self._rows)}个，请缩小筛选范围）"
        return heading
