"""The record of one 周调度 meeting: when, who, which projects, what was decided, follow-ups.

Follow-ups are gathered in the dialog and written with the meeting when it is saved;
once saved they live in the problem and service lists, and the dialog shows their state.
Enter adds a project or a follow-up and never saves half a meeting; a follow-up typed and
not added is asked about on saving and closing, as the rest of the meeting is on closing.
"""

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.store import settings
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.monthly.dispatches import KIND_LABELS, FollowUp, Meeting
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.common.project_picker import ProjectPicker
from jimo_desktop.views.common.record_table import Column, RecordTableModel
from jimo_desktop.views.common.unsaved import FormDialog, TypedEntry, holders_in, settle
from jimo_desktop.views.common.window_layout import open_sized

PENDING = "待保存"


@dataclass(frozen=True)
class FollowUpRow:
    project: str
    kind: str
    text: str
    owner: str
    deadline: str | None
    state: str
    pending: FollowUp | None = None  # not yet saved


FOLLOW_UP_COLUMNS = (
    Column("项目", lambda r: r.project, width=220),
    Column("类型", lambda r: KIND_LABELS[r.kind], width=70),
    Column("内容", lambda r: r.text, width=260),
    Column("责任单位", lambda r: r.owner, width=130),
    Column("时限", lambda r: format_partial_date(r.deadline), lambda r: r.deadline, width=120),
    Column("状态", lambda r: r.state),
)


class DispatchDialog(FormDialog):
    saved = Signal(int)  # the meeting's id

    def __init__(self, db: Database, index: ProjectIndex, dispatch_id: int | None, parent):
        super().__init__(parent)
        self._db = db
        self._meeting = (
            dispatches.get(db, dispatch_id)
            if dispatch_id is not None
            else Meeting(settings.today(db).isoformat())
        )
        self.setWindowTitle("调度会议记录" if dispatch_id else "新建调度会议")
        self.held_on = QLineEdit(objectName="heldOnEdit", placeholderText="2020-06-29")
        self.title = QLineEdit(objectName="titleEdit", placeholderText="默认：6月29日周调度会议")
        self.attendees = QLineEdit(objectName="attendeesEdit", placeholderText="参会单位及人员")
        self.picker = ProjectPicker(index)
        self.picker.changed.connect(self._offer_projects)
        self.decisions = QPlainTextEdit(objectName="decisionsEdit", tabChangesFocus=True)
        self.decisions.setPlaceholderText("会议议定事项，一条一行")
        self.follow_ups = RecordTableModel(FOLLOW_UP_COLUMNS, parent=self)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self._build()
        self._load()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("会议日期：", self.held_on)
        form.addRow("会议名称：", self.title)
        form.addRow("参会单位：", self.attendees)
        form.addRow("研究项目：", self.picker)
        form.addRow("议定事项：", self.decisions)
        table = QTableView(objectName="followUpTable")
        table.setModel(self.follow_ups)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        for number, column in enumerate(FOLLOW_UP_COLUMNS):
            if column.width:
                table.setColumnWidth(number, column.width)
        self.follow_up_table = table
        form.addRow("跟进事项：", table)
        form.addRow("", self._build_follow_up_entry())
        buttons = self.save_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        open_sized(self, "dispatch", 980, 820)

    def _build_follow_up_entry(self) -> QWidget:
        self.follow_up_project = QComboBox(objectName="followUpProject")
        self.follow_up_kind = QComboBox(objectName="followUpKind")
        for kind, label in KIND_LABELS.items():
            self.follow_up_kind.addItem(label, kind)
        self.follow_up_text = QLineEdit(placeholderText="问题或服务事项内容")
        self.follow_up_owner = QLineEdit(placeholderText="责任单位")
        self.follow_up_deadline = QLineEdit(placeholderText="时限 2020-07-15")
        self.follow_up_owner.setMinimumWidth(110)
        self.follow_up_deadline.setMinimumWidth(120)
        add = QPushButton("添加跟进事项", clicked=self.add_follow_up)
        remove = QPushButton("移除未保存事项", clicked=self.remove_follow_up)
        self.follow_up_text.returnPressed.connect(self.add_follow_up)
        self.follow_up_deadline.returnPressed.connect(self.add_follow_up)
        typed = (self.follow_up_text, self.follow_up_owner, self.follow_up_deadline)
        self.follow_up_entry = box = TypedEntry(typed, self.add_follow_up, "跟进事项")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.follow_up_project, 2)
        row.addWidget(self.follow_up_kind)
        row.addWidget(self.follow_up_text, 3)
        row.addWidget(self.follow_up_owner, 1)
        row.addWidget(self.follow_up_deadline, 1)
        row.addWidget(add)
        row.addWidget(remove)
        return box

    def _load(self) -> None:
        meeting = self._meeting
        self.held_on.setText(meeting.held_on)
        self.title.setText(meeting.title)
        self.attendees.setText(meeting.attendees)
        self.decisions.setPlainText(meeting.decisions)
        names = dispatches.project_names(self._db, meeting.project_ids)
        self.picker.set_chosen([(pid, names.get(pid, "")) for pid in meeting.project_ids])
        recorded = dispatches.follow_ups(self._db, meeting.id) if meeting.id else []
        self.follow_ups.set_rows(
            [
                FollowUpRow(r.project_name, r.kind, r.text, r.owner, r.deadline, r.state)
                for r in recorded
            ]
        )
        self._offer_projects()
        self._baseline = self._snapshot()
        self.held_on.setFocus()

    def _snapshot(self) -> tuple:
        texts = (self.held_on, self.title, self.attendees)
        return (
            *(edit.text() for edit in texts),
            self.decisions.toPlainText(),
            tuple(self.picker.chosen_ids()),
            len(self.pending()),
        )

    def is_dirty(self) -> bool:
        return self._snapshot() != self._baseline

    def pending(self) -> list[FollowUp]:
        return [row.pending for row in self.follow_ups.rows() if row.pending is not None]

    def _offer_projects(self) -> None:
        """Follow-ups are for the projects the meeting discussed."""
        keep = self.follow_up_project.currentData()
        self.follow_up_project.clear()
        for project_id, name in self.picker.chosen_projects():
            self.follow_up_project.addItem(name, project_id)
        self.follow_up_project.setCurrentIndex(max(0, self.follow_up_project.findData(keep)))

    def add_follow_up(self) -> bool:
        project_id = self.follow_up_project.currentData()
        if project_id is None:
            self.message.setText("请先在“研究项目”中加入项目，再为它添加跟进事项")
            return False
        if not self.follow_up_text.text().strip():
            self.message.setText("请填写跟进事项内容")
            self.follow_up_text.setFocus()
            return False
        follow_up = FollowUp(
            project_id,
            self.follow_up_kind.currentData(),
            self.follow_up_text.text().strip(),
            self.follow_up_owner.text().strip(),
            self.follow_up_deadline.text().strip() or None,
        )
        project = self.follow_up_project.currentText()
        row = FollowUpRow(
            project,
            follow_up.kind,
            follow_up.text,
            follow_up.owner,
            follow_up.deadline,
            PENDING,
            pending=follow_up,
        )
        self.follow_ups.set_rows([*self.follow_ups.rows(), row])
        for edit in (self.follow_up_text, self.follow_up_owner, self.follow_up_deadline):
            edit.clear()
        self.message.clear()
        self.follow_up_text.setFocus()
        return True

    def remove_follow_up(self) -> None:
        selected = self.follow_up_table.selectionModel().selectedRows()
        rows = self.follow_ups.rows()
        if selected and rows[selected[0].row()].pending is not None:
            del rows[selected[0].row()]
            self.follow_ups.set_rows(rows)

    def meeting(self) -> Meeting:
        return Meeting(
            self.held_on.text().strip(),
            self.title.text(),
            self.attendees.text(),
            self.decisions.toPlainText(),
            project_ids=tuple(self.picker.chosen_ids()),
            id=self._meeting.id,
        )

    def has_unsaved_edits(self) -> bool:
        return self.is_dirty()

    def unsaved_edits_text(self) -> str:
        return f"{self.windowTitle()}（{self.held_on.text().strip()}）"

    def save_edits(self) -> bool:
        return self.save()

    def save(self) -> bool:
        """The meeting with its follow-ups; one typed and not added is asked about first."""
        if not settle(self, holders_in(self.follow_up_entry), "先加入再保存会议记录吗？"):
            return False
        try:
            dispatch_id = dispatches.save_meeting(
                self._db, self.meeting(), self.pending(), opened=self._meeting
            )
        except dispatches.DispatchError as error:
            self.message.setText(str(error))
            return False
        except EditedMeanwhile as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return False
        self.saved.emit(dispatch_id)
        self.accept()
        return True
