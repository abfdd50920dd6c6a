"""导出Excel and 下载申报模板: what a list view calls to put what it shows into a sheet.

Each action asks for a file name (in the officer's documents folder by default), writes
the sheet, says so in the status bar and offers to open the folder. openpyxl is imported
only when a sheet is written, so that start-up does not pay for it.
"""

import re
from collections.abc import Callable, Collection
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.money import MoneyError, parse_wan
from jimo_desktop.safe_files import WriteFailed, copy_file
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import export_queries
from jimo_desktop.store.project_library.project_index import ProjectFilter, ProjectSelection
from jimo_desktop.views.common.busy import busy_cursor
from jimo_desktop.views.common.record_table import FilteredTable, RowRole

EXPORT_TITLE = "导出Excel"
TEMPLATE_TITLE = "下载申报模板"
EXCEL_FILES = "Excel 工作簿 (*.xlsx)"
STATUS_MILLISECONDS = 15_000
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|]')


def export_project_list(
    parent: QWidget,
    db: Database,
    wanted: ProjectFilter,
    selection: ProjectSelection,
    period: str | None = None,
) -> Path | None:
    """The projects the list shows, in its order, as the bureau's standard sheet."""
    if not len(selection):
        QMessageBox.information(parent, EXPORT_TITLE, "当前筛选下没有项目，没有可导出的内容。")
        return None
    title = export_queries.title_for(db, selection.year, wanted, period)
    path = ask_save_path(parent, EXPORT_TITLE, f"{title}.xlsx")
    if path is None:
        return None
    ids = [selection.project_id(number) for number in range(len(selection))]

    def write(target: Path) -> None:
        from jimo_desktop.excel.export import write_project_list

        listing = export_queries.project_export(db, selection.year, wanted, period, ids)
        write_project_list(target, listing)

    return _write(parent, path, write, f"已导出 {len(ids)} 个项目到 {path}")


def export_record_table(
    parent: QWidget,
    db: Database,
    table: FilteredTable,
    title: str,
    amount_headers: Collection[str] = (),
) -> Path | None:
    """The rows a record list shows, sorted as shown; amount columns stay numbers."""
    headers, rows = table_cells(table, amount_headers)
    path = ask_save_path(parent, EXPORT_TITLE, f"{title}.xlsx")
    if path is None:
        return None

    def write(target: Path) -> None:
        from jimo_desktop.excel.export import export_table

        export_table(
            target,
            title,
            headers,
            rows,
            amount_columns=amount_headers,
            unit_line=f"填报单位：{export_queries.BUREAU}",
            date_line=f"导出日期：{format_date(settings.today(db))}",
            totals=bool(amount_headers),
        )

    return _write(parent, path, write, f"已导出 {len(rows)} 条记录到 {path}")


def export_list(
    parent: QWidget, db: Database, list_name: str, rows: list, words: str = ""
) -> Path | None:
    """A tracking list's rows as the page shows them (its filters, its order), in the list's
    sheet (excel/record_lists, which the `export-excel --list` command writes too)."""
    from jimo_desktop.excel.record_lists import LISTS

    chosen = LISTS[list_name]
    if not rows:
        QMessageBox.information(parent, EXPORT_TITLE, "当前筛选下没有记录，没有可导出的内容。")
        return None
    title = f"{chosen.title}{words}"
    path = ask_save_path(parent, EXPORT_TITLE, f"{title}.xlsx")
    if path is None:
        return None

    def write(target: Path) -> None:
        from jimo_desktop.excel.record_lists import write_list

        today = format_date(settings.today(db))
        bureau = f"填报单位：{export_queries.BUREAU}"
        write_list(target, chosen, rows, title, bureau, f"导出日期：{today}")

    return _write(parent, path, write, f"已导出 {len(rows)} 条记录到 {path}")


def shown_records(table: FilteredTable) -> list:
    """The records a list shows, in the order shown (sorted by a header or not)."""
    proxy = table.proxy
    return [proxy.index(row, 0).data(RowRole) for row in range(proxy.rowCount())]


def save_template_copy(parent: QWidget) -> Path | None:
    """A copy of the blank submission template, to send to the units."""
    from jimo_desktop.excel.template import TEMPLATE_NAME, template_path

    path = ask_save_path(parent, TEMPLATE_TITLE, TEMPLATE_NAME)
    if path is None:
        return None

    def copy(target: Path) -> None:
        copy_file(template_path(), target)

    return _write(parent, path, copy, f"已保存申报模板到 {path}", TEMPLATE_TITLE)


def table_cells(
    table: FilteredTable, amount_headers: Collection[str] = ()
) -> tuple[list[str], list[list[object]]]:
    """Headers and shown texts of a record list; amounts as cents of 万元 for the sheet."""
    proxy = table.proxy
    columns = range(proxy.columnCount())
    headers = [proxy.headerData(column, Qt.Orientation.Horizontal) for column in columns]
    amounts = {column for column in columns if headers[column] in amount_headers}
    rows = [
        [_cell(proxy.index(row, column).data(), column in amounts) for column in columns]
        for row in range(proxy.rowCount())
    ]
    return headers, rows


def _cell(text: str | None, is_amount: bool) -> object:
    if not is_amount or not text:
        return text
    try:
        return parse_wan(text)
    except MoneyError:
        return text  # an amount column may hold a word such as 待定; it is kept as written


def documents_folder() -> Path:
    location = QStandardPaths.StandardLocation.DocumentsLocation
    return Path(QStandardPaths.writableLocation(location) or Path.home())


def ask_save_path(parent: QWidget, caption: str, default_name: str) -> Path | None:
    suggested = documents_folder() / _NOT_IN_FILE_NAMES.sub("", default_name)
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), EXCEL_FILES)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def _write(
    parent: QWidget,
    path: Path,
    write: Callable[[Path], object],
    done: str,
    caption: str = EXPORT_TITLE,
) -> Path | None:
    try:
        with busy_cursor():
            write(path)
    except WriteFailed as error:
        problem = str(error)
    except PermissionError:
        problem = f"无法写入 {path}。\n文件可能正在 Excel 中打开，请关闭后再导出。"
    except OSError as error:
        problem = f"无法写入 {path}：{error.strerror or error}"
    else:
        problem = None
    if problem is not None:
        QMessageBox.warning(parent, caption, problem)
        return None
    report_written(parent, path, done, caption)
    return path


def report_written(parent: QWidget, path: Path, text: str, caption: str) -> QMessageBox:
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MILLISECONDS)
    box = QMessageBox(QMessageBox.Icon.Information, caption, text, parent=parent)
    box.setObjectName("exportDone")
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.addButton("关闭", QMessageBox.ButtonRole.RejectRole))
    targets = {open_folder: path.parent, open_file: path}

    def follow(button) -> None:
        if button in targets:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(targets[button])))

    box.buttonClicked.connect(follow)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): no nested event loop; the box deletes itself when closed
    return box
