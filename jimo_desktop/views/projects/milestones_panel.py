"""A project's 时间节点 tab: its nodes in order, late ones red, and its 路线图 below.

The 路线图 is the 时间表's own widget over the project's construction period and a line per
node, so it opens at once and scrolls and zooms as the 时间表 does; a double-click or
Enter on a node's line edits the node.
"""

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QMessageBox, QSplitter, QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.milestones import Lateness, Milestone, Status, milestone_lateness
from jimo_desktop.store import settings
from jimo_desktop.store.tracking import milestones, timeline_rows
from jimo_desktop.views.common.record_table import CENTRE, Column, FilteredTable
from jimo_desktop.views.projects.milestone_dialog import MilestoneDialog
from jimo_desktop.views.timeline.arrangement import Arrangement
from jimo_desktop.views.timeline.canvas import TimelineCanvas

LATE_COLOUR = QColor("#c0392b")
_STATUS_ORDER = {status: number for number, status in enumerate(Status)}


@dataclass(frozen=True)
class NodeRow:
    number: int
    node: Milestone
    state: Lateness

    def holds(self, text: str) -> bool:
        return any(
            text in value for value in (self.node.name, self.node.responsible_unit, self.node.note)
        )


COLUMNS = (
    Column("序号", lambda r: str(r.number), lambda r: r.number, CENTRE, 50),
    Column("节点", lambda r: r.node.name, width=130),
    Column(
        "计划时间",
        lambda r: format_partial_date(r.node.planned_on),
        lambda r: r.node.planned_on,
        width=120,
    ),
    Column(
        "实际时间",
        lambda r: format_partial_date(r.node.actual_on),
        lambda r: r.node.actual_on,
        width=120,
    ),
    Column(
        "状态",
        lambda r: r.state.describe(),
        lambda r: (_STATUS_ORDER[r.state.status], r.state.delay.rough_days),
        width=140,
    ),
    Column("责任单位", lambda r: r.node.responsible_unit, width=160),
    Column("备注", lambda r: r.node.note),
)


class MilestonesPanel(QWidget):
    NEWS_TABLES = frozenset({"milestones"})

    def __init__(self, db: Database, project_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._project_id = project_id
        self._rows: list[NodeRow] = []
        self.table = FilteredTable(
            COLUMNS, _row_colour, "搜索节点、责任单位或备注", row_key=lambda row: row.node.id
        )
        self.table.add_filter("status", "全部状态", [(status.label, status) for status in Status])
        self.table.filters_changed.connect(self.refresh)
        self.table.activated.connect(self.edit)
        self._add_actions()
        self.chart = TimelineCanvas(self._roadmap(), self._describe, "时间节点")
        self.chart.activated.connect(self._edit_charted)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()

    def _add_actions(self) -> None:
        add = self.table.add_action
        add("添加标准节点", self.add_standard_set)
        add("添加节点", self.add_node, QKeySequence.StandardKey.New)
        add("编辑", self.edit_current)
        add("上移", lambda: self.move_current(-1), "Ctrl+Up")
        add("下移", lambda: self.move_current(+1), "Ctrl+Down")
        add("删除", self.delete_current, QKeySequence.StandardKey.Delete)

    def reload(self, select_id: int | None = None) -> None:
        """Read the nodes again after a change; the 路线图 follows, showing them all."""
        self._read_nodes()
        if select_id is not None:
            self.table.select(lambda row: row.node.id == select_id)
        self.chart.show_days(*self.chart.lines.data.days_spanned())

    def show_news(self) -> None:
        """A colleague's change: the list and the 路线图 read again where they are."""
        with self.table.place_kept():
            self._read_nodes()

    def _read_nodes(self) -> None:
        today = settings.today(self._db)
        nodes = milestones.for_project(self._db, self._project_id)
        self._rows = [
            NodeRow(number, node, milestone_lateness(node, today))
            for number, node in enumerate(nodes, start=1)
        ]
        self.refresh()
        self.chart.set_lines(self._roadmap())

    def refresh(self) -> None:
        wanted = self.table.filter_values()["status"]
        text = self.table.search_text()
        shown = [
            row
            for row in self._rows
            if (wanted is None or row.state.status == wanted) and (not text or row.holds(text))
        ]
        late = sum(row.state.is_late for row in self._rows)
        self.table.set_rows(shown, f"共 {len(self._rows)} 个节点，滞后 {late} 个")

    def rows(self) -> list[NodeRow]:
        return list(self._rows)

    def _roadmap(self) -> Arrangement:
        data = timeline_rows.project_nodes(self._db, self._project_id, settings.today(self._db))
        return Arrangement(data, np.arange(len(data), dtype=np.int64))

    def _describe(self, node_id: int) -> list[str]:
        return timeline_rows.node_details(self._db, node_id, settings.today(self._db))

    def _edit_charted(self, _row_id: int) -> None:
        """A node's line opened on the 路线图 (its first line is the project's own period)."""
        row = self.chart.lines.row_at(self.chart.current_line)
        if row:
            self.edit(self._rows[row - 1])

    def add_standard_set(self) -> None:
        added = milestones.add_standard_set(self._db, self._project_id)
        self.reload(added[0] if added else None)
        if not added:
            self.table.summary.setText("标准节点已齐全")

    def add_node(self) -> MilestoneDialog:
        return self._open(None)

    def edit_current(self) -> MilestoneDialog | None:
        row = self.table.current_record()
        return self.edit(row) if row is not None else None

    def edit(self, row: NodeRow) -> MilestoneDialog:
        return self._open(row.node)

    def _open(self, node: Milestone | None) -> MilestoneDialog:
        dialog = MilestoneDialog(self._db, self._project_id, node, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.reload)
        dialog.open()
        return dialog

    def move_current(self, step: int) -> None:
        row = self.table.current_record()
        if row is not None and milestones.move(self._db, row.node.id, step):
            self.reload(row.node.id)

    def delete_current(self) -> None:
        row = self.table.current_record()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "删除时间节点",
            f"删除节点“{row.node.name}”？\n删除后可立即撤销；节点的历史记录会保留。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            milestones.delete(self._db, row.node.id)
            self.reload()
            self.table.offer_undo(
                f"已删除节点“{row.node.name}”", lambda: self._restore(row.node.id)
            )

    def _restore(self, milestone_id: int) -> None:
        milestones.restore(self._db, milestone_id)
        self.reload(milestone_id)


def _row_colour(row: NodeRow) -> QColor | None:
    return LATE_COLOUR if row.state.is_late else None
