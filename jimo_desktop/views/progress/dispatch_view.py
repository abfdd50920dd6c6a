"""周调度: the weekly dispatch meetings, newest first, and what each one decided."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.monthly.dispatches import KIND_LABELS, MeetingSummary
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.common.live_news import ListNews
from jimo_desktop.views.common.record_table import RIGHT, Column, FilteredTable
from jimo_desktop.views.progress.dispatch_dialog import DispatchDialog


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


COLUMNS = (
    Column("会议日期", lambda m: format_partial_date(m.held_on), lambda m: m.held_on, width=130),
    Column("会议名称", lambda m: m.title, width=180),
    Column("参会单位", lambda m: m.attendees, width=260),
    Column("研究项目", lambda m: str(m.project_count), lambda m: m.project_count, RIGHT, 80),
    Column("问题", lambda m: str(m.problem_count), lambda m: m.problem_count, RIGHT, 60),
    Column("服务事项", lambda m: str(m.service_count), lambda m: m.service_count, RIGHT, 80),
    Column("议定事项", lambda m: _first_line(m.decisions)),
)


class DispatchView(ListNews, QWidget):
    # The meetings, the problems and services they raised, and the projects' names.
    NEWS_TABLES = frozenset({"dispatches", "problems", "service_items", "projects"})

    def __init__(self, db: Database, index: ProjectIndex, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._index = index
        self.table = FilteredTable(
            COLUMNS, search_placeholder="搜索会议、参会单位、议定事项或项目", row_key=lambda m: m.id
        )
        years = [(f"{year}年", year) for year in dispatches.years(db)]
        self.table.add_filter("year", "全部年度", years)
        self.table.filters_changed.connect(self.refresh)
        self.table.activated.connect(self.open_meeting)
        self.table.add_action("新建会议", self.new_meeting, QKeySequence.StandardKey.New)
        self.table.add_action("打开", self.open_current, writes=False)
        self.table.add_action("删除", self.delete_current, QKeySequence.StandardKey.Delete)
        self.print_button = self.table.add_action("打印纪要", self.print_minutes, writes=False)
        self.export_button = self.table.add_action("导出Excel", self.export_excel, writes=False)
        self.table.current_changed.connect(self._show_details)
        self.details = QPlainTextEdit(readOnly=True, objectName="dispatchDetails")
        self.details.setPlaceholderText("选中一次会议，这里显示研究的项目、议定事项和跟进事项。")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([480, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()
        if self.table.model.rowCount():
            self.table.table.selectRow(0)  # the latest meeting, so the page opens on its details

    def refresh(self) -> None:
        year = self.table.filter_values()["year"]
        found = dispatches.meetings(self._db, year, self.table.search_text())
        problems = sum(meeting.problem_count for meeting in found)
        services = sum(meeting.service_count for meeting in found)
        summary = f"共 {len(found)} 次会议，形成问题 {problems} 个、服务事项 {services} 项"
        self.table.set_rows(found, summary)

    def print_minutes(self) -> None:
        from jimo_desktop.views.briefings.paper_actions import print_minutes

        meeting = self.table.current_record()
        if meeting is not None:
            print_minutes(self, self._db, meeting.id)

    def export_excel(self) -> None:
        from jimo_desktop.views.common.export_actions import export_list, shown_records

        export_list(self, self._db, "dispatch", shown_records(self.table))

    def new_meeting(self) -> DispatchDialog:
        return self._open(None)

    def open_current(self) -> DispatchDialog | None:
        meeting = self.table.current_record()
        return self.open_meeting(meeting) if meeting is not None else None

    def open_meeting(self, meeting: MeetingSummary) -> DispatchDialog:
        return self._open(meeting.id)

    def _open(self, dispatch_id: int | None) -> DispatchDialog:
        dialog = DispatchDialog(self._db, self._index, dispatch_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._after_save)
        dialog.open()
        return dialog

    def _after_save(self, dispatch_id: int) -> None:
        self.refresh()
        self.table.select(lambda meeting: meeting.id == dispatch_id)

    def delete_current(self) -> None:
        meeting = self.table.current_record()
        if meeting is None:
            return
        answer = QMessageBox.question(
            self,
            "删除会议记录",
            f"删除“{meeting.title}”的会议记录？\n会上形成的问题和服务事项仍保留在各自清单中；"
            "删除后可立即撤销。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            dispatches.delete(self._db, meeting.id)
            self.refresh()
            self.table.offer_undo(f"已删除“{meeting.title}”", lambda: self._restore(meeting.id))

    def _restore(self, dispatch_id: int) -> None:
        dispatches.restore(self._db, dispatch_id)
        self._after_save(dispatch_id)

    def _show_details(self, meeting: MeetingSummary | None) -> None:
        self.details.setPlainText(_details(self._db, meeting) if meeting else "")


def _details(db: Database, meeting: MeetingSummary) -> str:
    lines = [
        f"{format_partial_date(meeting.held_on)}　{meeting.title}",
        f"参会：{meeting.attendees}",
    ]
    lines += ["", "研究项目：", *(f"　{name}" for name in meeting.project_names)]
    lines += ["", "议定事项：", meeting.decisions or "　（无）", "", "跟进事项："]
    for item in dispatches.follow_ups(db, meeting.id):
        deadline = f"，{format_partial_date(item.deadline)}前" if item.deadline else ""
        lines.append(
            f"　[{KIND_LABELS[item.kind]}] {item.project_name}：{item.text}"
            f"（{item.owner or '未定责任单位'}{deadline}，{item.state}）"
        )
    return "\n".join(lines)
