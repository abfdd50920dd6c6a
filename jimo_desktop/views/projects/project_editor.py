"""The project editor: every field of a project, its yearly listings and its change history."""

import dataclasses
import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTreeWidgetItem,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import DateError, format_partial_date, parse_partial_date
from jimo_desktop.domain.field_merge import rebased
from jimo_desktop.domain.money import MoneyError, format_wan, parse_wan
from jimo_desktop.domain.project import Nature, Project, Stage
from jimo_desktop.domain.validation import validate_project
from jimo_desktop.store import audit, dictionaries, settings
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.project_library import projects, typed_names
from jimo_desktop.views.common.field_marks import show_problem
from jimo_desktop.views.common.keyboard import add_tab_keys
from jimo_desktop.views.common.pinyin_completer import PinyinCompleter
from jimo_desktop.views.common.unsaved import FormDialog
from jimo_desktop.views.common.window_layout import open_sized
from jimo_desktop.views.forms.ui_project_editor import Ui_ProjectEditor
from jimo_desktop.views.projects import project_questions
from jimo_desktop.views.projects.project_panels import PROJECT_PANELS
from jimo_desktop.views.projects.year_listings import (
    YearListingsModel,
    listed_years_text,
    show_year_listings,
)

_MONEY = {"total_investment"}
_DATES = {"planned_start", "planned_end", "actual_start", "actual_end", "statistics_date"}
_ENUMS = {"nature": Nature, "stage": Stage}
_DICTIONARIES = {"unit_id": "units", "industry_id": "industries"}
_ACTIONS = {"insert": "新建项目", "delete": "删除项目", "restore": "恢复项目"}
_MNEMONIC = re.compile(r"\(&\w\)|&")
_NOT_ON_FORM = {"id", "uuid"}
_WIDGET_KINDS = ("Edit", "Combo", "Check", "View")


class ProjectEditor(FormDialog):
    """Edits one project, new, existing or an unsaved duplicate; stays open after each save.

    Closing it (Esc, 取消, the title bar's ×) asks about unsaved edits, its own and those of
    its tabs (a work log line typed); Enter in a field saves nothing (views/unsaved)."""

    saved = Signal(int)  # project id, after every successful save

    def __init__(self, db: Database, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_ProjectEditor()
        self.ui.setupUi(self)
        open_sized(self, "project-editor", self.width(), self.height())
        add_tab_keys(self, lambda: self.ui.tabs)
        self._db = db
        self._panels_for: int | None = None
        self._years = YearListingsModel(self)
        show_year_listings(self.ui.yearsView, self._years)
        # The form names widgets after the fields: builder_phone → builderPhoneEdit, and the
        # red line that explains a problem → builderPhoneError.
        self._widgets = _field_widgets(self.ui)
        self._errors = {f: getattr(self.ui, f"{_camel(f)}Error", None) for f in self._widgets}
        self._labels = self._field_labels()
        self._fill_choices()
        self._connect()
        self._load(project)
        self.ui.nameEdit.setFocus()

    def is_dirty(self) -> bool:
        project, unreadable = self._read_form()
        return bool(unreadable) or project != self._baseline

    def save(self) -> bool:
        """Save a valid form; otherwise show every problem beside its field and focus the first."""
        if self.ui.yearsView.state() == QAbstractItemView.State.EditingState:
            # Ctrl+S from an open cell: taking the focus makes the delegate commit the cell.
            self.ui.yearsView.setFocus()
        project, problems = self._checked_form()
        if not problems:
            unit = self._widgets["unit_id"].currentText()
            project = project_questions.answered(self, self._db, self._project, project, unit)
            if project is None:
                return False
            opened = self._project if self._project.id is not None else None
            try:
                project = projects.save(self._db, project, opened)
            except projects.ValidationError as error:
                problems = error.problems
            except EditedMeanwhile as error:
                if error.deleted:
                    QMessageBox.warning(self, "保存项目", str(error))
                else:
                    self._take_colleagues_save(project, error)
                return False
        if problems:
            self._live = True
            self._show_problems(problems)
            self._focus_field(self._ordered(problems)[0])
            return False
        self._load(projects.get(self._db, project.id))
        self.saved.emit(project.id)
        return True

    def has_unsaved_edits(self) -> bool:
        return self.is_dirty()

    def unsaved_edits_text(self) -> str:
        name = self.ui.nameEdit.text().strip()
        return f"项目“{name}”" if name else "新建的项目"

    def save_edits(self) -> bool:
        return self.save()

    def _field_labels(self) -> dict[str, str]:
        """Field names for the summary and the history, taken from the form's own labels."""
        buddies = {label.buddy(): label.text() for label in self.findChildren(QLabel)}
        return {
            field: _MNEMONIC.sub("", buddies.get(widget) or widget.text()).split("：")[0]
            for field, widget in self._widgets.items()
        }

    def _fill_choices(self) -> None:
        for field, table in _DICTIONARIES.items():
            for entry in dictionaries.entries(self._db, table):
                self._widgets[field].addItem(entry.name, entry.id)
        self.ui.natureCombo.addItem("（未填）", "")
        for nature in Nature:
            self.ui.natureCombo.addItem(nature.label, nature.value)
        for stage in Stage:
            self.ui.stageCombo.addItem(stage.label, stage.value)
        # Names typed before, found by any part or by pinyin initials as the officer types.
        for edit, names in (
            (self.ui.leaderEdit, typed_names.leaders(self._db)),
            (self.ui.responsibleUnitEdit, typed_names.departments(self._db)),
        ):
            edit.setCompleter(PinyinCompleter(names, edit))

    def _connect(self) -> None:
        ui = self.ui
        for widget in self._widgets.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.textChanged.connect(self._edited)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self._edited)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._edited)
        for field in _MONEY | _DATES:
            self._widgets[field].editingFinished.connect(lambda field=field: self._tidy(field))
        for signal in (self._years.dataChanged, self._years.rowsInserted, self._years.rowsRemoved):
            signal.connect(self._edited)
        self._years.modelReset.connect(self._update_year_buttons)
        ui.yearsView.selectionModel().selectionChanged.connect(self._update_year_buttons)
        ui.addYearButton.clicked.connect(self._add_year)
        ui.removeYearButton.clicked.connect(self._remove_year)
        ui.changeListingButton.clicked.connect(self._change_listing)
        # A shortcut, not the button's own: a button shortcut saves only after its click animation.
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        ui.saveButton.clicked.connect(self.save)
        ui.saveCloseButton.clicked.connect(self._save_and_close)
        ui.cancelButton.clicked.connect(self.reject)

    def _take_colleagues_save(self, mine: Project, refused: EditedMeanwhile) -> None:
        """Nothing typed is lost and nothing a colleague saved is overwritten unseen: the
        form takes what they saved, keeps each field this officer changed on top of it, and
        stays unsaved for a second look before 保存."""
        opened_as = self._baseline
        self._load(projects.get(self._db, self._project.id))
        self._fill(rebased(opened_as, self._baseline, mine))
        self._edited()
        QMessageBox.warning(self, "保存项目", refused.words_after_taking_theirs())

    def _load(self, project: Project) -> None:
        self._project = self._baseline = project
        self._live = False
        self._fill(project)
        # The baseline is the project as the form reads it back, so that text the widgets
        # normalise (line ends, spacing of amounts) does not count as an edit.
        self._baseline = self._read_form()[0]
        self._show_problems({})
        self.setWindowModified(False)
        title = f"编辑项目 — {project.name}" if project.id else "新建项目"
        self.setWindowTitle(f"{title}[*]")
        self.ui.tabs.setTabEnabled(self.ui.tabs.indexOf(self.ui.historyTab), bool(project.id))
        self.ui.listedYearsLabel.setText(listed_years_text(project.years))
        self._fill_history()
        self._add_panels(project)

    def _fill(self, project: Project) -> None:
        for field, widget in self._widgets.items():
            if field != "years":
                self._write(field, widget, getattr(project, field))
        self._years.set_listings(project.years)

    def show_tab(self, title: str) -> None:
        """Open on the tab of this title (时间节点 from the 时间表); the first if none has it."""
        tabs = self.ui.tabs
        for number in range(tabs.count()):
            if tabs.tabText(number) == title:
                tabs.setCurrentIndex(number)

    def _add_panels(self, project: Project) -> None:
        """The project's records (problems, lists, milestones …), once it has been saved."""
        if project.id is None or self._panels_for == project.id:
            return
        self._panels_for = project.id
        history = self.ui.tabs.indexOf(self.ui.historyTab)
        for offset, panel in enumerate(PROJECT_PANELS):
            widget = panel.factory(self._db, project.id, self)
            self.ui.tabs.insertTab(history + offset, widget, panel.title)

    def _write(self, field: str, widget: QWidget, value) -> None:
        if field in _MONEY:
            widget.setText(format_wan(value, grouping=False))
        elif field in _DATES:
            widget.setText(value or "")
        elif isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value)
        else:
            key = (value.value if value else "") if field in _ENUMS else value
            widget.setCurrentIndex(-1 if key is None else widget.findData(key))

    def _read(self, field: str, widget: QWidget):
        if field in _MONEY:
            return parse_wan(widget.text())
        if field in _DATES:
            return parse_partial_date(widget.text())
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        data = widget.currentData()
        if field in _ENUMS:
            return _ENUMS[field](data) if data else None
        return data

    def _read_form(self) -> tuple[Project, dict[str, str]]:
        """The project the form shows, with the reasons for any text that could not be read."""
        values, unreadable = {}, {}
        for field, widget in self._widgets.items():
            if field == "years":
                continue
            try:
                values[field] = self._read(field, widget)
            except (MoneyError, DateError) as error:
                values[field], unreadable[field] = None, str(error)
        if self._years.problem():
            unreadable["years"] = self._years.problem()
        values["years"] = self._years.listings()
        return dataclasses.replace(self._project, **values), unreadable

    def _checked_form(self) -> tuple[Project, dict[str, str]]:
        """The form's project and everything wrong with it; what could not be read comes first."""
        project, unreadable = self._read_form()
        return project, {**validate_project(project), **unreadable}

    def _edited(self) -> None:
        self.setWindowModified(self.is_dirty())
        # After a refused save the marks follow every edit, so a fixed field clears at once.
        if self._live:
            self._show_problems(self._checked_form()[1])

    def _tidy(self, field: str) -> None:
        """On leaving an amount or a date: show it as it will be stored, or say why it cannot be."""
        edit = self._widgets[field]
        try:
            value = self._read(field, edit)
        except (MoneyError, DateError) as error:
            self._mark(field, str(error))
            return
        self._write(field, edit, value)
        if not self._live:
            self._mark(field, None)

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field in self._widgets:
            self._mark(field, problems.get(field))
        names = [self._labels.get(field, field) for field in self._ordered(problems)]
        self.ui.problemSummary.setText(f"有 {len(names)} 处需要修改：{'、'.join(names)}")
        self.ui.problemSummary.setVisible(bool(names))

    def _mark(self, field: str, message: str | None) -> None:
        show_problem(self._widgets[field], message or None, self._errors[field])

    def _ordered(self, problems: dict[str, str]) -> list[str]:
        order = list(self._widgets)
        return sorted(problems, key=lambda f: order.index(f) if f in order else len(order))

    def _focus_field(self, field: str) -> None:
        widget = self._widgets.get(field)
        if widget is None:
            return
        tabs = self.ui.tabs
        page = next(
            tabs.widget(i) for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(widget)
        )
        tabs.setCurrentWidget(page)
        widget.setFocus()

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()

    def _add_year(self) -> None:
        years = [listing.year for listing in self._years.listings()]
        index = self._years.add_year(max(years) + 1 if years else settings.current_year(self._db))
        self.ui.yearsView.setCurrentIndex(index)
        self.ui.yearsView.setFocus()
        self.ui.yearsView.edit(index)

    def _remove_year(self) -> None:
        rows = self.ui.yearsView.selectionModel().selectedRows()
        if rows:
            self._years.remove_year(rows[0].row())

    def _update_year_buttons(self) -> None:
        rows = self.ui.yearsView.selectionModel().selectedRows()
        self.ui.removeYearButton.setEnabled(bool(rows))
        saved = bool(rows) and self._years.listing_at(rows[0].row()) is not None
        self.ui.changeListingButton.setEnabled(saved and self._project.id is not None)

    def _change_listing(self) -> None:
        from jimo_desktop.views.projects.listing_change_dialog import ListingChangeDialog

        rows = self.ui.yearsView.selectionModel().selectedRows()
        listing = self._years.listing_at(rows[0].row()) if rows else None
        if listing is None or self._project.id is None:
            return
        dialog = ListingChangeDialog(self._db, self._project.id, listing, self)
        if dialog.exec() != dialog.DialogCode.Accepted or dialog.changed is None:
            return
        self._years.changed(rows[0].row(), dialog.changed)
        # Saved already: the form holds nothing new for it, and a later save keeps it.
        self._baseline.years = [
            dialog.changed if kept.year == dialog.changed.year else kept
            for kept in self._baseline.years
        ]

    def _fill_history(self) -> None:
        tree = self.ui.historyTree
        tree.clear()
        if self._project.id is None:
            return
        for entry in audit.history(self._db, projects.TABLE, self._project.id):
            tree.addTopLevelItem(QTreeWidgetItem(self._history_row(entry)))
        for column in range(tree.columnCount() - 1):
            tree.resizeColumnToContents(column)

    def _history_row(self, entry: audit.AuditEntry) -> list[str]:
        at = entry.at.replace("T", " ")
        if entry.field is None:
            return [at, entry.officer, _ACTIONS.get(entry.action, entry.action), ""]
        old, new = (self._history_value(entry.field, v) for v in (entry.old_value, entry.new_value))
        return [at, entry.officer, self._labels.get(entry.field, entry.field), f"{old} → {new}"]

    def _history_value(self, field: str, text: str | None) -> str:
        """An audit value (raw, as stored) in the words of the form."""
        widget = self._widgets.get(field)
        if not text:
            return "（空）"
        if field in _MONEY:
            return f"{format_wan(int(text))}万元"
        if field in _DATES:
            return format_partial_date(text)
        if isinstance(widget, QCheckBox):
            return "是" if text == "1" else "否"
        if isinstance(widget, QComboBox):
            index = widget.findData(int(text) if field in _DICTIONARIES else text)
            return widget.itemText(index) if index >= 0 else text
        return text


def _camel(field: str) -> str:
    head, *rest = field.removesuffix("_id").split("_")
    return head + "".join(part.title() for part in rest)


def _field_widgets(ui: Ui_ProjectEditor) -> dict[str, QWidget]:
    """Every project field's widget, in the form's tab order (problems are visited in it)."""
    widgets = {}
    for field in (f.name for f in dataclasses.fields(Project) if f.name not in _NOT_ON_FORM):
        name = _camel(field)
        widgets[field] = next(getattr(ui, name + k) for k in _WIDGET_KINDS if hasattr(ui, name + k))
    chain, widget = [], ui.tabs
    while (widget := widget.nextInFocusChain()) is not ui.tabs:
        chain.append(widget)
    return dict(sorted(widgets.items(), key=lambda item: chain.index(item[1])))
