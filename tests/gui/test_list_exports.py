"""导出Excel on the tracking pages: the sheet holds the records the page shows, filtered and
sorted as shown, in the list's print format."""

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from jimo_desktop.excel.sheet_format import FIRST_DATA_ROW
from jimo_desktop.store import settings
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.progress.progress_grid import ProgressGridPage
from jimo_desktop.views.timeline.page import TimelinePage
from jimo_desktop.views.tracking.problems_view import ProblemsView


def saving_to(monkeypatch, path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, caption, suggested, filters: (str(path), "")
    )


def column_of(path, header: str) -> list:
    sheet = load_workbook(path).active
    headers = [cell.value for cell in sheet[3]]
    column = headers.index(header) + 1
    return [
        sheet.cell(row, column).value
        for row in range(FIRST_DATA_ROW, sheet.max_row + 1)
        if sheet.cell(row, 1).value != "合计"
    ]


def test_the_problem_list_exports_the_filtered_rows_in_the_order_shown(
    qtbot, demo_db, tmp_path, monkeypatch
):
    view = ProblemsView(demo_db)
    qtbot.addWidget(view)
    view.unit.setCurrentIndex(view.unit.findText("通济街道"))
    view.table.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # 项目
    proxy = view.table.proxy
    shown = [proxy.index(row, 3).data() for row in range(proxy.rowCount())]  # 问题
    assert shown
    saving_to(monkeypatch, tmp_path / "问题.xlsx")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert column_of(tmp_path / "问题.xlsx", "问题") == shown
    assert set(column_of(tmp_path / "问题.xlsx", "区位")) == {"通济街道"}


def test_the_month_grid_exports_the_projects_the_filters_show(
    qtbot, demo_db, tmp_path, monkeypatch
):
    page = ProgressGridPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    page.unit.setCurrentIndex(page.unit.findText("环秀街道"))
    names = [page.model.grid_row(n).name for n in range(page.model.rowCount() - 1)]
    assert names
    saving_to(monkeypatch, tmp_path / "月推进.xlsx")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert column_of(tmp_path / "月推进.xlsx", "项目名称") == names


def test_the_timeline_exports_the_nodes_of_the_projects_it_shows_in_its_order(
    qtbot, demo_db, tmp_path, monkeypatch
):
    index = ProjectIndex(demo_db, settings.current_year(demo_db))
    page = TimelinePage(demo_db, index)
    qtbot.addWidget(page)
    page.show()
    page.unit.setCurrentIndex(page.unit.findText("通济街道"))
    shown = [page.data.labels[row] for row in page.lines().rows()]
    assert shown
    wanted = [
        name
        for name in shown
        for _ in range(
            demo_db.execute(
                "SELECT COUNT(*) FROM milestones m JOIN projects p ON p.id = m.project_id"
                " WHERE p.name = ? AND m.deleted_at IS NULL",
                [name],
            ).fetchone()[0]
        )
    ]
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "导出Excel")
    saving_to(monkeypatch, tmp_path / "时间节点.xlsx")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert column_of(tmp_path / "时间节点.xlsx", "项目名称") == wanted
    assert set(column_of(tmp_path / "时间节点.xlsx", "区位")) == {"通济街道"}
