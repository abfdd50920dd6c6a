"""Sections of the quick inspection form: the projects visited, the six standard points, the
problems found on site and the photos. The form reads them whole when it saves or autosaves.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jimo_desktop.domain.dates import format_partial_date, parse_partial_date
from jimo_desktop.domain.inspections import (
    FoundProblem,
    Point,
    PointNote,
    PointState,
    validate_found_problem,
)
from jimo_desktop.store.site_visits import photos
from jimo_desktop.store.site_visits.inspections import ProjectOption
from jimo_desktop.views.common.busy import busy_cursor
from jimo_desktop.views.common.pinyin_completer import PinyinCompleter
from jimo_desktop.views.common.unsaved import TypedEntry
from jimo_desktop.views.inspections.photo_strip import PhotoStrip

LIST_HEIGHT = 92
PHOTO_FILTER = "照片 (" + " ".join(f"*{suffix}" for suffix in photos.PHOTO_SUFFIXES) + ")"


def _removable_list(name: str) -> QListWidget:
    """A short list whose current entry the Delete key removes."""
    widget = QListWidget(objectName=name)
    widget.setMaximumHeight(LIST_HEIGHT)
    remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), widget)
    remove.setContext(Qt.ShortcutContext.WidgetShortcut)
    remove.activated.connect(lambda: widget.takeItem(widget.currentRow()))
    return widget


class ProjectsPicker(QWidget):
    """Type part of a name, Enter adds the project; Delete in the list takes one off.

    A project filled in for the officer (the one whose page the form was opened from, or the
    last one visited) is a guess: the first project the officer chooses replaces it."""

    changed = Signal()

    def __init__(self, options: Sequence[ProjectOption], parent=None):
        super().__init__(parent)
        self._options = {option.id: option for option in options}
        self._guess: int | None = None
        self.combo = QComboBox(objectName="projectCombo", editable=True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for option in options:
            self.combo.addItem(option.name, option.id)
        self.combo.setCurrentIndex(-1)
        self.combo.lineEdit().setPlaceholderText("输入项目名称的几个字，回车加入")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.combo)  # its label's Alt+letter and Tab land in the box
        entries = [(option.name, option.initials) for option in options]
        completer = PinyinCompleter(entries, self.combo)
        completer.activated.connect(lambda text: self.add(self.combo.findText(text)))
        self.combo.setCompleter(completer)
        self.combo.lineEdit().returnPressed.connect(lambda: self.add(self.combo.currentIndex()))
        self.add_button = QPushButton("加入", clicked=lambda: self.add(self.combo.currentIndex()))
        self.chosen = _removable_list("chosenProjects")
        self.chosen.model().rowsRemoved.connect(self.changed)
        row = QHBoxLayout()
        row.addWidget(self.combo, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.chosen)

    def add(self, combo_row: int) -> None:
        project_id = self.combo.itemData(combo_row) if combo_row >= 0 else None
        if project_id is None or project_id in self.project_ids():
            return
        if self._guess is not None and self.project_ids() == [self._guess]:
            self.chosen.clear()
        self._guess = None
        item = QListWidgetItem(self.combo.itemText(combo_row))
        item.setData(Qt.ItemDataRole.UserRole, project_id)
        self.chosen.addItem(item)
        self.combo.setCurrentIndex(-1)
        self.combo.clearEditText()
        self.changed.emit()

    def set_project_ids(self, project_ids: Sequence[int]) -> None:
        self.chosen.clear()
        for project_id in project_ids:
            self.add(self.combo.findData(project_id))

    def take_as_guess(self) -> None:
        """The one project now listed was filled in for the officer, not chosen."""
        chosen = self.project_ids()
        self._guess = chosen[0] if len(chosen) == 1 else None

    def project_ids(self) -> list[int]:
        return [
            self.chosen.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.chosen.count())
        ]

    def option(self, project_id: int) -> ProjectOption | None:
        return self._options.get(project_id)


class PointsEditor(QWidget):
    """The six standard points, each a state and a note, in the work plan's order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.states: dict[Point, QComboBox] = {}
        self.notes: dict[Point, QLineEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        for row, point in enumerate(Point):
            state = QComboBox(objectName=f"{point.value}State")
            for choice in PointState:
                state.addItem(choice.label, choice.value)
            note = QLineEdit(objectName=f"{point.value}Note", placeholderText=point.hint)
            label = QLabel(f"{point.label}：")
            label.setBuddy(state)
            grid.addWidget(label, row, 0)
            grid.addWidget(state, row, 1)
            grid.addWidget(note, row, 2)
            self.states[point], self.notes[point] = state, note

    def set_points(self, notes: Sequence[PointNote]) -> None:
        for note in notes:
            self.states[note.point].setCurrentIndex(self.states[note.point].findData(note.state))
            self.notes[note.point].setText(note.note)

    def points(self) -> list[PointNote]:
        return [
            PointNote(point, PointState(self.states[point].currentData()), self.notes[point].text())
            for point in Point
        ]

    def focus_chain(self) -> list[QWidget]:
        return [widget for point in Point for widget in (self.states[point], self.notes[point])]


class FoundProblemsEditor(QWidget):
    """Problems seen on site, each with owner and deadline; saved into the problem list.

    Enter in the description adds the problem; one typed and not added is unsaved work
    (`entry`), asked about when the form saves or closes."""

    def __init__(self, project_ids: Callable[[], list[int]], parent=None):
        super().__init__(parent)
        self._project_ids = project_ids
        self.description = QLineEdit(objectName="problemDescription", placeholderText="发现的问题")
        self.unit = QLineEdit(objectName="problemUnit", placeholderText="责任单位")
        self.person = QLineEdit(objectName="problemPerson", placeholderText="责任人")
        self.deadline = QLineEdit(objectName="problemDeadline", placeholderText="期限 2020-07-15")
        self.add_button = QPushButton("加入问题清单", clicked=self.add)
        self.description.returnPressed.connect(self.add)
        self.message = QLabel(objectName="problemMessage", visible=False)
        self.message.setProperty("role", "error")
        self.found = _removable_list("foundProblems")
        typed = (self.description, self.unit, self.person, self.deadline)
        self.entry = TypedEntry(typed, self.add, "发现的问题")
        owner = QHBoxLayout()
        for widget, stretch in ((self.unit, 2), (self.person, 1), (self.deadline, 1)):
            owner.addWidget(widget, stretch)
        owner.addWidget(self.add_button)
        entry = QVBoxLayout(self.entry)
        entry.setContentsMargins(0, 0, 0, 0)
        entry.addWidget(self.description)
        entry.addLayout(owner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        layout.addWidget(self.found)

    def add(self) -> bool:
        project_ids = self._project_ids()
        if not project_ids:
            self._say("请先选择督查项目")
            return False
        problem = FoundProblem(
            project_id=project_ids[0],
            description=self.description.text().strip(),
            responsible_unit=self.unit.text().strip(),
            responsible_person=self.person.text().strip(),
            deadline=self.deadline.text().strip() or None,
        )
        reason = validate_found_problem(problem)
        self._say(reason)
        if reason:
            return False
        problem.deadline = parse_partial_date(problem.deadline)
        self._append(problem)
        self.entry.discard_edits()
        self.description.setFocus()
        return True

    def _say(self, reason: str | None) -> None:
        self.message.setText(reason or "")
        self.message.setVisible(bool(reason))

    def _append(self, problem: FoundProblem) -> None:
        deadline = format_partial_date(problem.deadline)
        facts = (problem.responsible_unit, problem.responsible_person, deadline and f"{deadline}前")
        owner = "，".join(fact for fact in facts if fact) or "未定责任人"
        item = QListWidgetItem(f"{problem.description}（{owner}）")
        item.setData(Qt.ItemDataRole.UserRole, problem)
        self.found.addItem(item)

    def set_problems(self, problems: Sequence[FoundProblem]) -> None:
        self.found.clear()
        for problem in problems:
            self._append(problem)

    def problems(self) -> list[FoundProblem]:
        return [
            self.found.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.found.count())
        ]

    def focus_chain(self) -> list[QWidget]:
        return [self.description, self.unit, self.person, self.deadline, self.add_button]


class PhotosEditor(QWidget):
    """Thumbnails with captions; photos arrive by drag and drop or the file picker and are
    stored at once (downsized, original kept). `added` carries the reasons for files refused."""

    added = Signal(list)

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self._db = db
        self.strip = PhotoStrip(lambda sha: photos.thumbnail(db, sha), editable=True)
        self.strip.setMinimumHeight(230)
        self.strip.files_dropped.connect(self.add_files)
        self.add_button = QPushButton("添加照片…", clicked=self.pick)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addLayout(buttons)

    def pick(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "添加照片", "", PHOTO_FILTER)
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: Sequence[Path]) -> None:
        refused = []
        with busy_cursor():
            for path in paths:
                if path.suffix.lower() not in photos.PHOTO_SUFFIXES:
                    refused.append(f"{path.name} 不是照片")
                    continue
                try:
                    self.strip.photos.append(photos.store_file(self._db, path))
                except photos.PhotoError as error:
                    refused.append(str(error))
        self.added.emit(refused)
