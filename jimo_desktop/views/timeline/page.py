"""时间表: the projects the filters choose, a line each, on a time axis drawn by Qt.

The filters are the project list's (year, 区位, 产业, 阶段, name or pinyin initials, through
the same ProjectIndex selection) with 四个一批 and "only projects with late nodes"; the lines
may be grouped under their 区位 or 挂钩领导. There is no cap on the number of projects:
the rows are read once (store/tracking/timeline_rows), again only when the data changed, and the
canvas paints only what is in view.
"""

from datetime import date
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.progress import BATCHES
from jimo_desktop.domain.project import Stage
from jimo_desktop.excel.record_lists import milestone_lines
from jimo_desktop.reports.fonts import FontMissingError
from jimo_desktop.safe_files import WriteFailed
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.project_library.project_index import ProjectFilter, ProjectIndex
from jimo_desktop.store.tracking import record_list_rows, timeline_rows
from jimo_desktop.views.common.export_actions import documents_folder, export_list, report_written
from jimo_desktop.views.common.keyboard import search_box
from jimo_desktop.views.projects.project_list import fill_project_filters, filter_combo
from jimo_desktop.views.timeline.arrangement import Arrangement, Grouping, arrange
from jimo_desktop.views.timeline.canvas import TimelineCanvas
from jimo_desktop.views.timeline.export import PAPERS, font_notes, write_pdf, write_png
from jimo_desktop.views.timeline.painter import MARK_LEGEND, SPAN_LEGEND

LATE_ONLY = "有逾期节点的项目"
HELP = "滚轮上下翻动，Shift+滚轮左右移动，Ctrl+滚轮或 +/− 缩放，拖动平移，Home 回到今天"


class TimelinePage(QWidget):
    # The projects, their nodes and their listings (四个一批).
    NEWS_TABLES = frozenset({"projects", "milestones", "listing_changes"})
    project_requested = Signal(int)  # double-click or Enter: open the project at 时间节点

    def __init__(self, db: Database, index: ProjectIndex, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._index = index
        self._loaded_at: tuple | None = None
        self.data = self._read()
        self._build()
        self.reload_choices()
        self.refresh()

    def _read(self) -> timeline_rows.TimelineData:
        self._loaded_at = timeline_rows.version(self._db)
        return timeline_rows.load(self._db, settings.today(self._db))

    def _build(self) -> None:
        self.year = QComboBox(objectName="yearFilter")
        self.unit = QComboBox(objectName="unitFilter")
        self.industry = QComboBox(objectName="industryFilter")
        self.stage = filter_combo("stageFilter", "全部阶段", [(s.label, s) for s in Stage])
        self.batch = filter_combo(
            "batchFilter", "全部批次", [(f"{b.label}一批", b) for b in BATCHES]
        )
        self.late = filter_combo("lateFilter", "全部项目", [(LATE_ONLY, True)])
        self.grouping = QComboBox(objectName="grouping")
        for grouping in Grouping:
            self.grouping.addItem(grouping.value, grouping)
        self.search = search_box(placeholderText="搜索名称或拼音首字母")
        filters = QHBoxLayout()
        combos = (self.year, self.unit, self.industry, self.stage, self.batch, self.late)
        for widget in (*combos, self.grouping):
            filters.addWidget(widget)
            widget.currentIndexChanged.connect(self._filters_changed)
        filters.addWidget(self.search, 1)
        self.search.textChanged.connect(self._filters_changed)

        self.canvas = TimelineCanvas(
            Arrangement(self.data, np.zeros(0, dtype=np.int64)),
            lambda node_id: timeline_rows.node_details(self._db, node_id, self.data.today),
        )
        self.canvas.activated.connect(self.project_requested)
        self.canvas.zoom_changed.connect(self._show_zoom)
        self.canvas.node_clicked.connect(self._show_details)
        self.zoom_label = QLabel(objectName="zoomLabel")
        self.paper = QComboBox(objectName="paper")
        for paper in PAPERS:
            self.paper.addItem(f"{paper}横向", paper)
        tools = QHBoxLayout()
        # Through lambdas: a button's clicked(bool) would arrive as the zoom's anchor.
        self.zoom_out_button = QPushButton("缩小", clicked=lambda: self.canvas.zoom_out())
        self.zoom_in_button = QPushButton("放大", clicked=lambda: self.canvas.zoom_in())
        self.today_button = QPushButton("今天", clicked=lambda: self.canvas.show_today())
        for button in (self.zoom_out_button, self.zoom_in_button, self.today_button):
            tools.addWidget(button)
        tools.addWidget(self.zoom_label)
        tools.addStretch(1)
        tools.addWidget(QLabel("纸张"))
        tools.addWidget(self.paper)
        tools.addWidget(QPushButton("导出PDF", clicked=self.export_pdf))
        tools.addWidget(QPushButton("导出PNG", clicked=self.export_png))
        tools.addWidget(QPushButton("导出Excel", clicked=self.export_excel))

        self.summary = QLabel(objectName="summary")
        self.details = QLabel(objectName="nodeDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        legend = QLabel(legend_html(), textFormat=Qt.TextFormat.RichText)
        legend.setToolTip(HELP)
        below = QHBoxLayout()
        below.addWidget(legend)
        below.addStretch(1)
        below.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(tools)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(below)
        layout.addWidget(self.details)
        self._show_zoom()

    def _show_details(self, _node_id: int) -> None:
        """The clicked node's details on one line, so the view above keeps its height."""
        self.details.setText("；".join(self.canvas.details.splitlines()))

    def reload_choices(self) -> None:
        fill_project_filters(self._db, self._index, self.year, self.unit, self.industry)

    def current_filter(self) -> ProjectFilter:
        return ProjectFilter(
            year=self.year.currentData(),
            unit_id=self.unit.currentData(),
            industry_id=self.industry.currentData(),
            stage=self.stage.currentData(),
            text=self.search.text(),
        )

    def lines(self) -> Arrangement:
        return self.canvas.lines

    def _filters_changed(self, *_) -> None:
        self.refresh(from_the_top=True)

    def refresh(self, from_the_top: bool = False) -> None:
        """The lines the filters choose now, in the project list's order (by name); the
        current project stays in view, or other filters show their lines from the top."""
        selection = self._index.select(self.current_filter())
        data = self.data
        rows = data.rows_of(selection.project_ids())
        batch = self.batch.currentData()
        if batch is not None:
            chosen = timeline_rows.in_batch(self._db, data, selection.year, Stage(batch))
            rows = rows[chosen[rows]]
        if self.late.currentData():
            rows = rows[data.late_counts[rows] > 0]
        order = [entry.name for entry in dictionaries.entries(self._db, "units")]
        lines = arrange(data, rows, self.grouping.currentData(), order)
        self.canvas.set_lines(lines, from_the_top)
        late = int(data.late_counts[rows].sum())
        self.summary.setText(f"共 {len(rows)} 个项目，逾期未完成节点 {late} 个")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.catch_up()

    def changeEvent(self, event) -> None:
        """Back from a project opened here (its nodes are saved as they are edited): the
        window is active again, and what changed is shown."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.catch_up()

    def catch_up(self) -> None:
        """Read the rows again if anything was written since (projects, nodes, the business
        date), keeping the filters, the place and the project chosen."""
        if self.isVisible() and timeline_rows.version(self._db) != self._loaded_at:
            self.show_news()

    def show_news(self) -> None:
        """A colleague's save is not counted by this connection's version: read again."""
        self.data = self._read()
        self.reload_choices()
        self.refresh()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"刻度：{self.canvas.zoom.label}")

    def title(self) -> str:
        """The year, the filters chosen, the dates shown and the business day: what a printed
        page is of."""
        year = self.year.currentData()
        heading = f"{year}年重点项目时间表" if year else "重点项目时间表"
        combos = (self.unit, self.industry, self.stage, self.batch, self.late)
        chosen = [combo.currentText() for combo in combos if combo.currentData() is not None]
        if self.search.text().strip():
            chosen.append(f"名称含“{self.search.text().strip()}”")
        first, last = self.canvas.visible_days()
        span = f"{_day_text(first)}至{_day_text(last)}，截至{format_date(self.data.today)}"
        return f"{heading}（{'·'.join([*chosen, span])}）"

    def export_pdf(self) -> Path | None:
        paper = self.paper.currentData()
        path = ask_path(self, "导出PDF", f"{self.title()}.pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return None
        first, last = self.canvas.visible_days()
        try:
            pages = write_pdf(path, self.canvas.lines, first, last, paper, self.title())
        except (FontMissingError, WriteFailed) as error:
            QMessageBox.warning(self, "导出PDF", str(error))
            return None
        done = f"已导出时间表到 {path}（{paper}横向，{pages} 页）"
        report_written(self, path, "\n".join([done, *font_notes()]), "导出PDF")
        return path

    def export_excel(self) -> Path | None:
        """The nodes of the projects shown, in the order shown, as they stand today."""
        project_ids = [int(self.data.ids[row]) for row in self.lines().rows()]
        nodes = record_list_rows.nodes_of_projects(self._db, project_ids, self.data.today)
        return export_list(self, self._db, "milestones", milestone_lines(nodes))

    def export_png(self) -> Path | None:
        path = ask_path(self, "导出PNG", f"{self.title()}.png", "PNG 图片 (*.png)")
        if path is None:
            return None
        try:
            write_png(path, self.canvas)
        except (WriteFailed, OSError) as error:
            QMessageBox.warning(self, "导出PNG", str(error))
            return None
        report_written(self, path, f"已导出时间表图片到 {path}", "导出PNG")
        return path


def legend_html() -> str:
    """The legend under the view: each sign in its colour, its meaning in the text's."""
    marks = [(mark.colour, "●" if mark.filled else "◇", label) for mark, label in MARK_LEGEND]
    spans = [(colour, "▬", label) for colour, label in SPAN_LEGEND[:-1]]
    today = SPAN_LEGEND[-1]
    entries = [*marks, *spans, (today[0], "┆", today[1])]
    return "　".join(
        f'<span style="color:{colour.name()}">{sign}</span> {label}'
        for colour, sign, label in entries
    )


def ask_path(parent: QWidget, caption: str, name: str, files: str) -> Path | None:
    suffix = Path(name).suffix
    suggested = documents_folder() / name.replace("/", "")
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), files)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _day_text(day: int) -> str:
    return format_date(date.fromordinal(day))
