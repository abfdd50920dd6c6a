"""导出Excel and 下载申报模板 as an officer uses them from a list view: the file dialog,
the sheet written, the status bar, the offer to open the folder, and the failures."""

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from jimo_desktop.excel import export
from jimo_desktop.excel.sheet_format import FIRST_DATA_ROW, HEADER_ROW
from jimo_desktop.excel.template import template_path
from jimo_desktop.store import settings
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.common import export_actions
from jimo_desktop.views.common.record_table import RIGHT, Column, FilteredTable
from jimo_desktop.views.projects.project_list import ProjectListView


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records what was offered, answers `answer`."""

    def __init__(self, answer):
        self.answer = answer
        self.offered: list[tuple[str, str]] = []

    def __call__(self, parent, caption, suggested, filters):
        self.offered.append((caption, suggested))
        return (str(self.answer) if self.answer else "", filters)


@pytest.fixture
def save_as(monkeypatch):
    def answering(answer) -> SaveDialog:
        dialog = SaveDialog(answer)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
        return dialog

    return answering


@pytest.fixture
def opened_urls(monkeypatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


@pytest.fixture
def window(qtbot, demo_db):
    """The project list inside a main window, as the program shows it."""
    main = QMainWindow()
    main.list_view = ProjectListView(demo_db, ProjectIndex(demo_db, settings.current_year(demo_db)))
    main.setCentralWidget(main.list_view)
    qtbot.addWidget(main)
    return main


def export_shown(window, demo_db):
    view = window.list_view
    return export_actions.export_project_list(
        view, demo_db, view.current_filter(), view.model.selection()
    )


def done_box(window) -> QMessageBox:
    return window.findChild(QMessageBox, "exportDone")


def names_in(path, count: int) -> list[str]:
    sheet = load_workbook(path).active
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    column = headers.index("项目名称") + 1
    return [sheet.cell(row, column).value for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + count)]


def test_the_sheet_holds_exactly_the_filtered_rows_in_the_order_shown(
    window, demo_db, save_as, tmp_path
):
    view = window.list_view
    view.unit.setCurrentIndex(1)
    view.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # 总投资, largest first
    selection = view.model.selection()
    shown = [selection.row(number).name for number in range(len(selection))]
    assert 0 < len(shown) < 40
    save_as(tmp_path / "通济.xlsx")
    path = export_shown(window, demo_db)
    assert names_in(path, len(shown) + 1) == [*shown, None]  # then the totals row
    assert load_workbook(path).active["A2"].value == f"填报单位：{view.unit.currentText()}"


def test_the_dialog_suggests_the_list_s_title_in_the_documents_folder(
    window, demo_db, save_as, tmp_path
):
    dialog = save_as(tmp_path / "x.xlsx")
    export_shown(window, demo_db)
    caption, suggested = dialog.offered[0]
    assert caption == "导出Excel"
    assert suggested.endswith("2020年即墨区重点项目清单.xlsx")
    assert suggested.startswith(str(export_actions.documents_folder()))


def test_cancelling_the_dialog_writes_nothing(window, demo_db, save_as, tmp_path):
    save_as(None)
    assert export_shown(window, demo_db) is None
    assert list(tmp_path.glob("*.xlsx")) == []
    assert done_box(window) is None


def test_a_name_typed_without_extension_gets_xlsx(window, demo_db, save_as, tmp_path):
    save_as(tmp_path / "六月清单")
    path = export_shown(window, demo_db)
    assert path == tmp_path / "六月清单.xlsx"
    assert path.exists()


def test_the_status_bar_reports_the_export_and_the_folder_opens_on_request(
    window, demo_db, save_as, opened_urls, tmp_path
):
    save_as(tmp_path / "清单.xlsx")
    export_shown(window, demo_db)
    count = len(window.list_view.model.selection())
    assert (
        window.statusBar().currentMessage() == f"已导出 {count} 个项目到 {tmp_path / '清单.xlsx'}"
    )
    box = done_box(window)
    button = next(b for b in box.buttons() if b.text() == "打开所在文件夹")
    button.click()
    assert opened_urls == [QUrl.fromLocalFile(str(tmp_path))]


def test_a_file_open_in_excel_is_reported_and_nothing_is_claimed(
    window, demo_db, save_as, monkeypatch, tmp_path
):
    def locked(path, listing, by_batch=False):
        raise PermissionError(13, "Permission denied", str(path))

    warnings = []
    monkeypatch.setattr(export, "write_project_list", locked)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    save_as(tmp_path / "locked.xlsx")
    assert export_shown(window, demo_db) is None
    assert "Excel 中打开" in warnings[0]
    assert done_box(window) is None
    assert window.statusBar().currentMessage() == ""


def test_an_empty_list_is_not_exported(window, demo_db, save_as, monkeypatch, qtbot):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    dialog = save_as(None)
    window.list_view.search.setText("没有这样的项目名称")
    assert export_shown(window, demo_db) is None
    assert "没有项目" in told[0]
    assert dialog.offered == []


def test_the_template_is_saved_as_an_exact_copy(window, save_as, tmp_path):
    dialog = save_as(tmp_path / "给各区位的模板.xlsx")
    path = export_actions.save_template_copy(window.list_view)
    assert path.read_bytes() == template_path().read_bytes()
    assert dialog.offered[0][0] == "下载申报模板"
    assert dialog.offered[0][1].endswith("重点项目申报表模板.xlsx")


def test_a_record_list_exports_its_rows_as_sorted_with_amounts_as_numbers(
    qtbot, db, save_as, tmp_path
):
    table = FilteredTable(
        [
            Column("问题", lambda record: record[0]),
            Column("资金缺口（万元）", lambda record: record[1], sort_key=len, align=RIGHT),
        ]
    )
    qtbot.addWidget(table)
    table.set_rows([("土地指标未落实", "1,500.00"), ("=1+1", "20.50"), ("拆迁未完成", "")])
    table.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [table.proxy.index(row, 0).data() for row in range(3)]
    save_as(tmp_path / "问题.xlsx")
    path = export_actions.export_record_table(
        table, db, table, "问题清单", amount_headers={"资金缺口（万元）"}
    )
    sheet = load_workbook(path).active
    rows = range(FIRST_DATA_ROW, FIRST_DATA_ROW + 3)
    assert [sheet.cell(row, 1).value for row in rows] == shown
    amounts = {sheet.cell(row, 1).value: sheet.cell(row, 2).value for row in rows}
    assert amounts == {"土地指标未落实": 1500, "=1+1": 20.5, "拆迁未完成": None}
    assert sheet.cell(FIRST_DATA_ROW + 3, 1).value == "合计"
    assert sheet.cell(FIRST_DATA_ROW + 3, 2).value == "=SUM(B4:B6)"  # 1500 + 20.5
