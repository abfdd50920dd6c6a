"""Choose several projects by typing: found projects on the left, chosen ones on the right.

The search is the project list's own (name or pinyin initials). Enter or a double click
on a found project adds it; Delete or a double click on a chosen one removes it.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from jimo_desktop.store.project_library.project_index import ProjectFilter, ProjectIndex

MAX_FOUND = 50  # a longer list is not read; typing one more character is quicker


class ProjectPicker(QWidget):
    changed = Signal()

    def __init__(self, index: ProjectIndex, parent: QWidget | None = None):
        super().__init__(parent)
        self._index = index
        self.search = QLineEdit(clearButtonEnabled=True, objectName="projectSearch")
        self.search.setPlaceholderText("输入项目名称或拼音首字母，↓ 选择，Enter 加入")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.search)  # its label's Alt+letter lands in the search box
        self.found = QListWidget(objectName="foundProjects")
        self.chosen = QListWidget(objectName="chosenProjects")
        add = QPushButton("加入 →", clicked=self.add_current)
        remove = QPushButton("← 移除", clicked=self.remove_current)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 0, 0)
        layout.addWidget(QLabel("研究的项目：", buddy=self.chosen), 0, 2)
        layout.addWidget(self.found, 1, 0, 3, 1)
        layout.addWidget(add, 1, 1)
        layout.addWidget(remove, 2, 1)
        layout.addWidget(self.chosen, 1, 2, 3, 1)
        self.search.textChanged.connect(self._find)
        self.search.returnPressed.connect(self._add_first)
        self.found.itemActivated.connect(lambda item: self.add(item))
        self.chosen.itemActivated.connect(lambda item: self.remove(item))
        _on_key(self.chosen, QKeySequence.StandardKey.Delete, self.remove_current)
        _on_key(self.search, QKeySequence(Qt.Key.Key_Down), self._focus_found)
        self._find()

    def set_chosen(self, projects: list[tuple[int, str]]) -> None:
        self.chosen.clear()
        for project_id, name in projects:
            self.chosen.addItem(_item(project_id, name))
        self._find()

    def chosen_projects(self) -> list[tuple[int, str]]:
        items = (self.chosen.item(row) for row in range(self.chosen.count()))
        return [(item.data(Qt.ItemDataRole.UserRole), item.text()) for item in items]

    def chosen_ids(self) -> list[int]:
        return [project_id for project_id, _ in self.chosen_projects()]

    def add(self, item: QListWidgetItem) -> None:
        self.chosen.addItem(_item(item.data(Qt.ItemDataRole.UserRole), item.text()))
        self.found.takeItem(self.found.row(item))
        self.changed.emit()

    def remove(self, item: QListWidgetItem) -> None:
        self.chosen.takeItem(self.chosen.row(item))
        self._find()
        self.changed.emit()

    def add_current(self) -> None:
        item = self.found.currentItem()
        if item is not None:
            self.add(item)

    def remove_current(self) -> None:
        item = self.chosen.currentItem()
        if item is not None:
            self.remove(item)

    def _add_first(self) -> None:
        if self.found.count():
            self.add(self.found.item(0))
            self.search.selectAll()

    def _focus_found(self) -> None:
        self.found.setFocus()
        if self.found.currentRow() < 0:
            self.found.setCurrentRow(0)

    def _find(self) -> None:
        """This year's listed projects to browse; typed text searches every project."""
        chosen = set(self.chosen_ids())
        text = self.search.text()
        wanted = ProjectFilter(year=None if text.strip() else self._index.current_year, text=text)
        selection = self._index.select(wanted)
        self.found.clear()
        for number in range(len(selection)):
            if self.found.count() >= MAX_FOUND:
                break
            project_id = selection.project_id(number)
            if project_id not in chosen:
                self.found.addItem(_item(project_id, selection.row(number).name))


def _on_key(widget: QWidget, keys, slot) -> None:
    shortcut = QShortcut(QKeySequence(keys), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)


def _item(project_id: int, name: str) -> QListWidgetItem:
    item = QListWidgetItem(name)
    item.setData(Qt.ItemDataRole.UserRole, project_id)
    return item
