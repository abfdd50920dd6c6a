"""The form for one 时间节点: name, planned and actual dates, responsible unit, note."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.field_merge import rebased_fields
from jimo_desktop.domain.milestones import Milestone
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.tracking import milestones
from jimo_desktop.views.common.field_marks import show_problem
from jimo_desktop.views.common.unsaved import FormDialog

DATE_HINT = "如 2020-06 或 2020-06-15（年月即可）"
_LABELS = {
    "name": "节点名称",
    "planned_on": "计划时间",
    "actual_on": "实际时间",
    "responsible_unit": "责任单位",
    "note": "备注",
}


class MilestoneDialog(FormDialog):
    """Adds a node to a project (no `milestone`) or edits one; Ctrl+S saves, Enter in a field
    does not, and closing with edits asks (views/unsaved)."""

    saved = Signal(int)  # the node's id

    def __init__(self, db: Database, project_id: int, milestone: Milestone | None, parent: QWidget):
        super().__init__(parent)
        self._db = db
        self._project_id = project_id
        self._milestone = milestone
        self.setWindowTitle(f"编辑时间节点 — {milestone.name}" if milestone else "添加时间节点")
        self.edits = {field: QLineEdit(objectName=f"{field}Edit") for field in _LABELS}
        self.errors = {field: _error_label() for field in _LABELS}
        for field in ("planned_on", "actual_on"):
            self.edits[field].setPlaceholderText(DATE_HINT)
        self.edits["actual_on"].setToolTip("尚未完成的节点请留空")
        form = QFormLayout()
        for field, label in _LABELS.items():
            form.addRow(f"{label}：", self.edits[field])
            form.addRow("", self.errors[field])
        buttons = self.save_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._load()
        self._baseline = self.values()
        self.setMinimumWidth(420)

    def _load(self) -> None:
        node = self._milestone
        if node is None:
            self.edits["name"].setFocus()
            return
        for field, edit in self.edits.items():
            edit.setText(getattr(node, field) or "")
        # Standard nodes keep their names, so that every project's 开工 can be found as one.
        self.edits["name"].setReadOnly(node.is_standard)
        self.edits["planned_on" if node.is_standard else "name"].setFocus()

    def values(self) -> dict[str, str]:
        return {field: edit.text() for field, edit in self.edits.items()}

    def has_unsaved_edits(self) -> bool:
        return self.values() != self._baseline

    def unsaved_edits_text(self) -> str:
        return self.windowTitle()

    def save_edits(self) -> bool:
        return self.save()

    def save(self) -> bool:
        try:
            if self._milestone is None:
                node_id = milestones.add_custom(self._db, self._project_id, self.values())
            else:
                node_id = self._milestone.id
                milestones.update(self._db, node_id, self.values(), opened=self._milestone)
        except milestones.MilestoneError as error:
            self._show_problems(error.problems)
            return False
        except EditedMeanwhile as error:
            if error.deleted:
                QMessageBox.warning(self, self.windowTitle(), str(error))
            else:
                self._take_colleagues_save(error)
            return False
        self.saved.emit(node_id)
        self.accept()
        return True

    def _take_colleagues_save(self, refused: EditedMeanwhile) -> None:
        """The node as the colleague saved it with each field this officer changed on top,
        still unsaved: a second 保存 saves both."""
        opened_as, mine = self._baseline, self.values()
        self._milestone = milestones.get(self._db, self._milestone.id)
        self._load()
        self._baseline = self.values()
        for field, value in rebased_fields(opened_as, self._baseline, mine).items():
            self.edits[field].setText(value)
        QMessageBox.warning(self, self.windowTitle(), refused.words_after_taking_theirs())

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field, label in self.errors.items():
            show_problem(self.edits[field], problems.get(field), label)
        first = next(field for field in _LABELS if field in problems)
        self.edits[first].setFocus()
        self.edits[first].selectAll()


def _error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label
