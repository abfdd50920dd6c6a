"""The problem form, the resolution form, and the small keyboard-friendly form they are built on.

`RecordForm` lays out fields in a column with the reason for a wrong one right under it. It
reads dates as officers type them, hands the values to a `save` callable (a store function),
and shows the store's ValidationError beside the fields it names; a save refused because a
colleague changed the record since the form opened (EditedMeanwhile) is shown as a warning and
the typing stays in the form, still unsaved; a form that can `reopen` its record then takes
what the colleague saved under the fields this officer changed, so a second 保存 saves both.
Ctrl+S or Ctrl+Enter saves; Enter in a field never does (views/unsaved.FormDialog); closing
with edits asks 保存 / 不保存 / 取消. The three lists and 督办单 use it as well.
"""

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import DateError, parse_partial_date
from jimo_desktop.domain.problems import Problem, ProblemStatus
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.project_library import projects, typed_names
from jimo_desktop.store.project_library.projects import ValidationError
from jimo_desktop.store.tracking import problems, supervision
from jimo_desktop.views.common.field_marks import show_problem
from jimo_desktop.views.common.pinyin_completer import PinyinCompleter
from jimo_desktop.views.common.unsaved import FormDialog

DATE_HINT = "如 2020-06-30，或 2020-06 表示月底"


@dataclass(frozen=True)
class FormField:
    name: str
    label: str  # with its mnemonic, "问题描述(&D)："
    kind: str = "text"  # text, long, date, choice, lookup (type to find in `choices`)
    choices: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""
    # (text, pinyin initials) offered as the officer types, by any part of either; a lookup
    # field offers its choices so.
    suggestions: Sequence[tuple[str, str]] = ()


class RecordForm(FormDialog):
    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        values: Mapping[str, Any],
        save: Callable[[dict[str, Any]], Any],
        parent: QWidget | None = None,
        note: str = "",
        reopen: Callable[[], tuple[Mapping[str, Any], Callable[[dict[str, Any]], Any]]]
        | None = None,
    ):
        """`reopen`: the record's values as stored now, and the save that starts from them."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self._reopen = reopen
        self.setMinimumWidth(560)
        self._fields = {field.name: field for field in fields}
        self._save = save
        self.saved_value: Any = None
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.message = _error_label("formMessage")
        form = QFormLayout()
        for field in fields:
            form.addRow(field.label, self._row(field))
        layout = QVBoxLayout(self)
        if note:
            layout.addWidget(QLabel(note, objectName="formNote", wordWrap=True))
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        for name, value in values.items():
            self._write(name, value)
        self._baseline = self._texts()
        next(iter(self.widgets.values())).setFocus()

    def _buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton("保存", objectName="saveButton")
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton("取消", autoDefault=False, clicked=self.reject)
        for sequence in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(sequence, self).activated.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        return buttons

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """What the form holds, and the reason for each field that cannot be read."""
        found, unreadable = {}, {}
        for name in self.widgets:
            try:
                found[name] = self._read(name)
            except ValueError as error:
                found[name], unreadable[name] = None, str(error)
        return found, unreadable

    def save(self) -> bool:
        values, problems_found = self.values()
        if not problems_found:
            try:
                self.saved_value = self._save(values)
            except ValidationError as error:
                problems_found = error.problems
            except EditedMeanwhile as error:
                if self._reopen is None or error.deleted:
                    QMessageBox.warning(self, self.windowTitle(), str(error))
                else:
                    self._take_colleagues_save(values, error)
                return False
        if problems_found:
            self.show_problems(problems_found)
            return False
        self.accept()
        return True

    def _take_colleagues_save(self, mine: dict[str, Any], refused: EditedMeanwhile) -> None:
        """What the colleague saved, with each field this officer changed on top; the form
        stays unsaved, its next save starting from the colleague's record."""
        edited = [
            name
            for name, now, opened in zip(self.widgets, self._texts(), self._baseline, strict=True)
            if now != opened
        ]
        theirs, self._save = self._reopen()
        for name in self.widgets:
            self._write(name, theirs.get(name))
        self._baseline = self._texts()
        for name in edited:
            self._write(name, mine[name])
        QMessageBox.warning(self, self.windowTitle(), refused.words_after_taking_theirs())

    def is_dirty(self) -> bool:
        return self._texts() != self._baseline

    def has_unsaved_edits(self) -> bool:
        return self.is_dirty()

    def unsaved_edits_text(self) -> str:
        return self.windowTitle()

    def save_edits(self) -> bool:
        return self.save()

    def show_problems(self, found: Mapping[str, str]) -> None:
        """Each reason under its field; reasons about no field of the form go beside the buttons."""
        for name, label in self.errors.items():
            show_problem(self.widgets[name], found.get(name), label)
        elsewhere = [reason for name, reason in found.items() if name not in self.widgets]
        self.message.setText("；".join(elsewhere))
        self.message.setVisible(bool(elsewhere))
        first = next((name for name in self.widgets if name in found), None)
        if first is not None:
            self.widgets[first].setFocus()

    def _row(self, field: FormField) -> QWidget:
        widget = _make_widget(field)
        widget.setObjectName(f"{field.name}Field")
        if field.kind == "date":
            widget.editingFinished.connect(lambda name=field.name: self._tidy(name))
        self.widgets[field.name] = widget
        self.errors[field.name] = _error_label(f"{field.name}Error")
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.errors[field.name])
        column.addStretch(1)
        return cell

    def _read(self, name: str) -> Any:
        field, widget = self._fields[name], self.widgets[name]
        if field.kind == "long":
            return widget.toPlainText()
        if field.kind == "choice":
            return widget.currentData()
        text = widget.text()
        if field.kind == "date":
            return parse_partial_date(text)
        if field.kind == "lookup":
            return _looked_up(field, text)
        return text

    def _write(self, name: str, value: Any) -> None:
        field, widget = self._fields[name], self.widgets[name]
        if field.kind == "long":
            widget.setPlainText(value or "")
        elif field.kind == "choice":
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif field.kind == "lookup":
            widget.setText(next((text for text, key in field.choices if key == value), ""))
        else:
            widget.setText(value or "")

    def _tidy(self, name: str) -> None:
        """On leaving a date: show it as it will be stored, or say why it cannot be read."""
        try:
            value = self._read(name)
        except DateError as error:
            show_problem(self.widgets[name], str(error), self.errors[name])
            return
        self._write(name, value)

    def _texts(self) -> list[str]:
        return [_text_of(widget) for widget in self.widgets.values()]


def _make_widget(field: FormField) -> QWidget:
    if field.kind == "long":
        edit = QPlainTextEdit(placeholderText=field.placeholder, tabChangesFocus=True)
        edit.setFixedHeight(72)
        return edit
    if field.kind == "choice":
        combo = QComboBox()
        for text, value in field.choices:
            combo.addItem(text, value)
        return combo
    edit = QLineEdit(
        placeholderText=field.placeholder or (DATE_HINT if field.kind == "date" else "")
    )
    if field.kind == "lookup" or field.suggestions:
        entries = field.suggestions or [(text, "") for text, _ in field.choices]
        edit.setCompleter(PinyinCompleter(entries, edit))
    return edit


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text()


def _looked_up(field: FormField, text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    for choice, value in field.choices:
        if choice == text:
            return value
    raise ValueError(f"没有“{text}”，请输入名称中的几个字后从列表中选择")


def _error_label(name: str) -> QLabel:
    label = QLabel(objectName=name, wordWrap=True)
    label.setProperty("role", "error")
    label.hide()
    return label


def problem_form(
    db: Database, problem: Problem, parent: QWidget | None = None, choose_project: bool = False
) -> RecordForm:
    """Add or edit a problem; `choose_project` when raised outside a project's own page."""
    categories = [(e.name, e.id) for e in dictionaries.entries(db, "problem_categories")]
    fields = [
        FormField("category_id", "问题类别(&C)：", "choice", [("（未分类）", None), *categories]),
        FormField("description", "问题描述(&D)：", "long", placeholder="如：电力增容未落实"),
        FormField("raised_on", "提出日期(&R)：", "date"),
        FormField("deadline", "解决时限(&L)：", "date"),
        FormField(
            "responsible_unit",
            "责任单位(&U)：",
            placeholder="如：区自然资源局（可输入拼音首字母）",
            suggestions=typed_names.departments(db),
        ),
        FormField("responsible_person", "责任人(&P)："),
    ]
    if choose_project:
        found = typed_names.projects(db)
        choices = [(text, project_id) for text, _, project_id in found]
        searched = [(text, initials) for text, initials, _ in found]
        fields.insert(
            0,
            FormField(
                "project_id",
                "所属项目(&J)：",
                "lookup",
                choices,
                "输入项目名称或拼音首字母",
                searched,
            ),
        )
    if problem.status.settled:
        fields += [
            FormField("resolution", "解决情况(&S)：", "long"),
            FormField("resolved_on", "解决日期(&E)：", "date"),
        ]
    names = [field.name for field in fields]

    def opened_as(opened: Problem):
        def save(read: dict[str, Any]) -> int:
            return problems.save(db, dataclasses.replace(opened, **read), opened=opened)

        return {name: getattr(opened, name) for name in names}, save

    def reopen():
        return opened_as(problems.get(db, problem.id))

    values, save = opened_as(problem)
    title = "新增问题" if problem.id is None else f"编辑问题（{problem.status.label}）"
    note = "" if choose_project else f"所属项目：{projects.get(db, problem.project_id).name}"
    return RecordForm(title, fields, values, save, parent, note, reopen if problem.id else None)


def new_problem(db: Database, project_id: int | None) -> Problem:
    return Problem(project_id=project_id, description="", raised_on=settings.today(db).isoformat())


def resolution_form(db: Database, problem_id: int, parent: QWidget | None = None) -> RecordForm:
    """解决/销号: the outcome, what was done, and when; a resolved problem can only be 销号.

    A problem under 督办单 offers to sign them off in the same step: they are done with when
    it is, and left open they would go on counting as supervised.
    """
    problem = problems.get(db, problem_id)
    outcomes = [(ProblemStatus.CLOSED.label + "（办结销号）", ProblemStatus.CLOSED)]
    if not problem.status.settled:
        outcomes.insert(0, (ProblemStatus.RESOLVED.label, ProblemStatus.RESOLVED))
    fields = [
        FormField("status", "处理结果(&O)：", "choice", outcomes),
        FormField("resolution", "解决情况(&S)：", "long", placeholder="如：专线已送电"),
        FormField("resolved_on", "解决日期(&E)：", "date"),
    ]
    open_orders = supervision.orders(db, problem_id=problem_id)
    if open_orders:
        choices = [(f"同时销号（{len(open_orders)}件未销号）", True), ("暂不销号", False)]
        fields.append(FormField("sign_off_orders", "督办单(&V)：", "choice", choices))
    values = {
        "resolution": problem.resolution,
        "resolved_on": problem.resolved_on or settings.today(db).isoformat(),
    }

    def save(read: dict[str, Any]) -> None:
        supervision.close_problem(
            db,
            problem_id,
            read["resolution"],
            read["resolved_on"],
            read["status"],
            sign_off_orders=bool(read.get("sign_off_orders")),
            opened=problem,
        )

    return RecordForm("解决 / 销号", fields, values, save, parent, f"问题：{problem.description}")
