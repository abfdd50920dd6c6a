"""The 时间节点 tab: standard nodes, the node form, late nodes red, order, delete, the 路线图."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from jimo_desktop.domain.milestones import STANDARD_NODES, Status
from jimo_desktop.domain.project import Project, Stage
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import milestones, work_logs
from jimo_desktop.store.tracking.milestones import NodePlan
from jimo_desktop.views.projects.milestone_dialog import MilestoneDialog
from jimo_desktop.views.projects.milestones_panel import LATE_COLOUR, MilestonesPanel
from jimo_desktop.views.timeline.scales import Zoom
from tests.gui.keyboard import type_text

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def project_id(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    settings.put(db, settings.OFFICER, "李明")
    project = Project(
        name="鳌山湾未来城综合管廊工程",
        unit_id=1,
        industry_id=7,
        stage=Stage.STARTED,
        planned_start="2020-03",
        planned_end="2021-12",
    )
    return projects.save(db, project).id


@pytest.fixture
def panel(qtbot, db, project_id) -> MilestonesPanel:
    widget = MilestonesPanel(db, project_id)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(panel: MilestonesPanel, column: int = 1) -> list[str]:
    proxy = panel.table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def row_of(panel: MilestonesPanel, name: str) -> int:
    return shown(panel).index(name)


def activate(qtbot, dialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def open_dialogs(panel: MilestonesPanel) -> list[MilestoneDialog]:
    return [dialog for dialog in panel.findChildren(MilestoneDialog) if dialog.isVisible()]


def answer(monkeypatch, reply) -> list[str]:
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_standard_nodes_are_added_in_order_with_the_projects_start(panel):
    panel.add_standard_set()
    assert shown(panel) == [node.name for node in STANDARD_NODES]
    start = row_of(panel, "开工")
    assert panel.table.proxy.index(start, 2).data() == "2020年3月"
    assert panel.table.proxy.index(start, 4).data() == "逾期未完成 3 个月"


def test_adding_the_standard_nodes_again_says_they_are_complete(panel):
    panel.add_standard_set()
    panel.add_standard_set()
    assert len(shown(panel)) == 10
    assert panel.table.summary.text() == "标准节点已齐全"


def test_late_nodes_are_red_and_counted(panel):
    panel.add_standard_set()
    model = panel.table.proxy
    colours = {
        model.index(row, 1).data(): model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole)
        for row in range(model.rowCount())
    }
    assert colours["开工"] == LATE_COLOUR
    assert colours["竣工验收"] is None
    assert "滞后 1 个" in panel.table.summary.text()


def test_a_custom_node_is_added_from_the_keyboard(qtbot, panel, db, project_id):
    dialog = panel.add_node()
    activate(qtbot, dialog)
    assert dialog.focusWidget() is dialog.edits["name"]
    type_text(qtbot, dialog.edits["name"], "管线迁改")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "2020-05")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "2020-06-12")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert shown(panel) == ["管线迁改"]
    assert panel.table.proxy.index(0, 4).data() == "滞后完成 1 个月"
    assert panel.table.current_record().node.name == "管线迁改"
    assert [entry.source for entry in work_logs.for_project(db, project_id)] == ["milestone"]


def test_a_date_that_cannot_be_read_is_explained_beside_its_field(qtbot, panel, db, project_id):
    dialog = panel.add_node()
    type_text(qtbot, dialog.edits["name"], "管线迁改")
    type_text(qtbot, dialog.edits["planned_on"], "五月底")
    assert not dialog.save()
    assert dialog.isVisible()
    assert "不是日期" in dialog.errors["planned_on"].text()
    assert dialog.edits["planned_on"].property("invalid") is True
    assert milestones.for_project(db, project_id) == []
    dialog.discard_edits()


def test_enter_opens_a_late_node_and_its_actual_date_clears_the_red(qtbot, panel, db):
    panel.add_standard_set()
    panel.table.select(lambda row: row.node.name == "开工")
    activate(qtbot, panel)
    panel.table.table.setFocus()
    qtbot.keyClick(panel.table.table, Qt.Key.Key_Return)
    [dialog] = open_dialogs(panel)
    activate(qtbot, dialog)
    assert dialog.edits["name"].text() == "开工"
    assert dialog.edits["name"].isReadOnly()  # a standard node keeps its name
    dialog.edits["actual_on"].setText("2020-04-02")
    qtbot.keyClick(dialog.edits["actual_on"], Qt.Key.Key_Return)
    assert open_dialogs(panel) == [dialog], "Enter in a field saves nothing"
    qtbot.keyClick(dialog.edits["actual_on"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert open_dialogs(panel) == []
    start = row_of(panel, "开工")
    assert panel.table.proxy.index(start, 3).data() == "2020年4月2日"
    assert panel.table.proxy.index(start, 4).data() == "滞后完成 1 个月"
    assert panel.table.proxy.index(start, 1).data(Qt.ItemDataRole.ForegroundRole) == LATE_COLOUR
    assert milestones.late(db, settings.today(db)) == []


def test_ctrl_down_moves_the_selected_node_down(qtbot, panel):
    panel.add_standard_set()
    panel.table.select(lambda row: row.node.name == "项目建议书")
    activate(qtbot, panel)
    panel.table.table.setFocus()
    qtbot.keyClick(panel.table.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert shown(panel)[:2] == ["可研批复", "项目建议书"]
    assert panel.table.current_record().node.name == "项目建议书"


def test_deleting_a_node_asks_first(monkeypatch, panel, db, project_id):
    panel.add_standard_set()
    panel.table.select(lambda row: row.node.name == "投产")
    asked = answer(monkeypatch, No)
    panel.delete_current()
    assert "投产" in shown(panel)
    answer(monkeypatch, Yes)
    panel.delete_current()
    assert "投产" not in shown(panel)
    assert "删除节点“投产”" in asked[0]
    assert len(milestones.for_project(db, project_id)) == 9
    panel.table.undo_button.click()
    assert shown(panel)[-1] == "投产"
    assert panel.table.current_record().node.name == "投产"


def test_the_status_filter_and_search_narrow_the_list(panel):
    panel.add_standard_set()
    combo = panel.table._filters["status"]
    combo.setCurrentIndex(combo.findData(Status.LATE))
    assert shown(panel) == ["开工"]
    combo.setCurrentIndex(0)
    panel.table.search.setText("竣工")
    assert shown(panel) == ["竣工验收"]


def test_the_roadmap_has_the_projects_period_then_a_line_per_node_and_follows_changes(panel):
    assert panel.chart.lines.data.labels == ["鳌山湾未来城综合管廊工程（建设期）"]
    panel.add_standard_set()
    lines = panel.chart.lines
    assert lines.data.labels[1:] == [node.name for node in STANDARD_NODES]
    assert [lines.row_at(line) for line in range(len(lines))] == list(range(11))
    start = lines.data.labels.index("开工")
    assert lines.data.late_counts[start] == 1  # planned March, not reached by June 30
    assert lines.data.late_counts.sum() == 1


def test_a_double_click_on_a_nodes_line_opens_that_node(qtbot, panel):
    panel.add_standard_set()
    canvas = panel.chart
    line = canvas.lines.data.labels.index("开工")
    y = round(canvas.style_.header_height + (line + 0.5) * canvas.style_.row_height)
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, y))
    (dialog,) = open_dialogs(panel)
    assert dialog.windowTitle() == "编辑时间节点 — 开工"
    dialog.close()


def test_a_double_click_on_the_period_line_opens_nothing(qtbot, panel):
    panel.add_standard_set()
    canvas = panel.chart
    y = round(canvas.style_.header_height + 0.5 * canvas.style_.row_height)
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, y))
    assert open_dialogs(panel) == []


def test_the_table_model_passes_qts_model_tester(panel):
    panel.add_standard_set()
    QAbstractItemModelTester(panel.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    panel.reload()


def test_the_roadmap_opens_on_all_of_the_projects_dates(qtbot, db, project_id):
    milestones.add_nodes(
        db,
        project_id,
        [
            NodePlan("custom", "土地摘牌", "2019-02", "2019-03-05"),
            NodePlan("custom", "投产", "2022-05"),
        ],
    )
    widget = MilestonesPanel(db, project_id)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    chart = widget.chart
    first, last = chart.visible_days()
    assert first <= date(2019, 2, 15).toordinal() and last >= date(2022, 5, 15).toordinal()
    assert chart.zoom is Zoom.YEAR
