"""Edit one dictionary (区位 or 产业): names and the aliases submissions use for them."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dictionaries import ALIAS_SEPARATOR
from jimo_desktop.store import dictionaries
from jimo_desktop.store.dictionaries import DictionaryError
from jimo_desktop.views.common.read_only import mark_writing

IdRole = Qt.ItemDataRole.UserRole


class DictionaryEditor(QWidget):
    changed = Signal()

    def __init__(self, db: Database, table: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._table = table
        self.entries = QListWidget(objectName=f"{table}List")
        self.entries.currentItemChanged.connect(self._show_current)
        self.name = QLineEdit(objectName="entryName")
        self.aliases = QLineEdit(objectName="entryAliases")
        self.aliases.setPlaceholderText(f"简称或曾用名，用“{ALIAS_SEPARATOR}”分隔")
        self.message = QLabel(objectName="entryMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("名称(&N)：", self.name)
        form.addRow("别名(&A)：", self.aliases)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加为新项", clicked=self.add_entry)
        self.save_button = QPushButton("保存修改", clicked=self.save_entry)
        self.remove_button = QPushButton("删除", clicked=self.remove_entry)
        mark_writing(self.add_button, self.save_button, self.remove_button)
        for button in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.message)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.entries, 1)
        layout.addLayout(side, 2)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.entries.clear()
        for entry in dictionaries.entries(self._db, self._table):
            item = QListWidgetItem(entry.name)
            item.setData(IdRole, entry.id)
            item.setToolTip(ALIAS_SEPARATOR.join(entry.aliases))
            self.entries.addItem(item)
            if entry.id == select_id:
                self.entries.setCurrentItem(item)

    def _show_current(self, item: QListWidgetItem | None) -> None:
        self.message.clear()
        self.name.setText(item.text() if item else "")
        self.aliases.setText(item.toolTip() if item else "")

    def _aliases(self) -> tuple[str, ...]:
        text = self.aliases.text().replace(",", ALIAS_SEPARATOR).replace("，", ALIAS_SEPARATOR)
        return tuple(alias.strip() for alias in text.split(ALIAS_SEPARATOR) if alias.strip())

    def _current_id(self) -> int | None:
        item = self.entries.currentItem()
        return item.data(IdRole) if item else None

    def has_unsaved_edits(self) -> bool:
        """The name or aliases typed differ from the entry chosen (from nothing, if none is)."""
        item = self.entries.currentItem()
        shown = (item.text(), item.toolTip()) if item else ("", "")
        return (self.name.text().strip(), ALIAS_SEPARATOR.join(self._aliases())) != shown

    def unsaved_edits_text(self) -> str:
        item = self.entries.currentItem()
        name = self.name.text().strip() or (item.text() if item else "")
        return f"设置：字典项“{name}”"

    def save_edits(self) -> bool:
        """Saved into the entry chosen, or added as a new one when none is."""
        return self.save_entry() if self._current_id() is not None else self.add_entry()

    def discard_edits(self) -> None:
        self._show_current(self.entries.currentItem())

    def add_entry(self) -> bool:
        return self._apply(
            lambda: dictionaries.add(self._db, self._table, self.name.text(), self._aliases())
        )

    def save_entry(self) -> bool:
        entry_id = self._current_id()
        if entry_id is None:
            self.message.setText("请先在左侧选中要修改的一项")
            return False
        return self._apply(
            lambda: (
                dictionaries.update(
                    self._db, self._table, entry_id, self.name.text(), self._aliases()
                )
                or entry_id
            )
        )

    def remove_entry(self) -> None:
        entry_id = self._current_id()
        if entry_id is None:
            return
        answer = QMessageBox.question(self, "删除", f"删除“{self.entries.currentItem().text()}”？")
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(lambda: dictionaries.remove(self._db, self._table, entry_id))

    def _apply(self, change) -> bool:
        try:
            entry_id = change()
        except DictionaryError as error:
            self.message.setText(str(error))
            return False
        self.reload(select_id=entry_id)
        self.changed.emit()
        return True
