"""导出Excel on the tracking pages: the sheet holds the records the page shows, filtered and
sorted as shown, in the list's print format."""

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from jimo_desktop.excel.sheet_format import FIRST_DATA_ROW
from jimo_desktop.views.problems_view import ProblemsView
from jimo_desktop.views.progress_grid import ProgressGridPage


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
