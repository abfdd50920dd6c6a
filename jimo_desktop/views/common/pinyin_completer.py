"""A completer that finds an entry by any part of its text or of its pinyin initials: typing
"zrzy" offers 区自然资源局, "hysw" 海洋生物医药产业园. What is put into the field is the text."""

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QWidget

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 10
_APART = "\u001f"  # between text and initials, so that no query matches across them


class PinyinCompleter(QCompleter):
    def __init__(self, entries: Sequence[tuple[str, str]], parent: QWidget | None = None):
        """`entries`: (text, its pinyin initials)."""
        model = QStandardItemModel(parent)
        for text, initials in entries:
            item = QStandardItem(text)
            item.setData(f"{text}{_APART}{initials}", SEARCH_ROLE)
            model.appendRow(item)
        super().__init__(model, parent)
        self.setCompletionRole(SEARCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def pathFromIndex(self, index: QModelIndex) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole)
