"""The month grid's table: entered from the keyboard alone, as officers enter a month.

Tab and Shift+Tab move between the editable cells only, row after row; Enter and Shift+Enter
move down and up the column, as in Excel; typing (a digit or a Chinese character from the
input method) starts editing the current cell;
Delete clears it; Ctrl+V pastes a block copied from Excel at the current cell.
"""

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableView,
)

from jimo_desktop.views.progress.progress_grid_model import (
    COL_THIS_YEAR,
    EDITABLE,
    ProgressGridModel,
)

_WIDTHS = (280, 100, 100, 130, 120, 130, 70, 180, 90, 90)
_Action = QAbstractItemView.CursorAction


def parse_clipboard(text: str) -> list[list[str]]:
    """Rows of tab-separated cells, as Excel copies them; the final line break is not a row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


class ProgressGridView(QTableView):
    pasted = Signal(int)  # how many cells took a pasted value

    def __init__(self, model: ProgressGridModel, parent=None):
        super().__init__(parent)
        self.setObjectName("progressGrid")
        self.setModel(model)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(28)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        for column, width in enumerate(_WIDTHS):
            self.setColumnWidth(column, width)

    def grid_model(self) -> ProgressGridModel:
        return self.model()

    def start(self) -> None:
        """Put the cursor on the first editable cell, ready for typing."""
        if self.grid_model().grid_row(0) is not None:
            self.setCurrentIndex(self.model().index(0, COL_THIS_YEAR))
        self.setFocus()

    def go_to(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()

    def moveCursor(self, action: _Action, modifiers) -> QModelIndex:
        if action in (_Action.MoveNext, _Action.MovePrevious):
            return self._step(self.currentIndex(), 1 if action == _Action.MoveNext else -1)
        return super().moveCursor(action, modifiers)

    def _step(self, index: QModelIndex, direction: int) -> QModelIndex:
        """The next editable cell in reading order; the current one at either end."""
        model = self.grid_model()
        cells = [(r, c) for r in range(model.rowCount() - 1) for c in EDITABLE]
        here = (index.row(), index.column()) if index.isValid() else (0, EDITABLE[0] - 1)
        if direction > 0:
            following = [cell for cell in cells if cell > here]
        else:
            following = [cell for cell in reversed(cells) if cell < here]
        if not following:
            return index
        return model.index(*following[0])

    def _below(self, index: QModelIndex, direction: int) -> QModelIndex:
        """The same column's cell in the next row (the previous one going up); the current
        one at either end, never the 合计 row."""
        if not index.isValid():
            return self._step(index, direction)
        row = index.row() + direction
        if not 0 <= row < self.grid_model().rowCount() - 1:
            return index
        return self.model().index(row, index.column())

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._move_on(shift=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentIndex().isValid():
            self.model().setData(self.currentIndex(), "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        """Qt opens the cell on a character an input method commits without composing first,
        but drops the character; open the cell here and hand the character on."""
        committed_only = event.commitString() and not event.preeditString()
        if (
            committed_only
            and self.state() != self.State.EditingState
            and self.edit(self.currentIndex(), self.EditTrigger.AnyKeyPressed, event)
        ):
            editor = QApplication.focusWidget()
            if editor is not None and editor is not self:
                QApplication.sendEvent(editor, event)
            return
        super().inputMethodEvent(event)

    def closeEditor(self, editor, hint) -> None:
        """Enter in a cell commits it and moves down, as in Excel; Tab commits it and moves
        to the next editable cell. Neither opens the next cell: typing there does."""
        _Hint = QAbstractItemDelegate.EndEditHint
        moves = {
            _Hint.SubmitModelCache: lambda: self._below(self.currentIndex(), 1),
            _Hint.EditNextItem: lambda: self._step(self.currentIndex(), 1),
            _Hint.EditPreviousItem: lambda: self._step(self.currentIndex(), -1),
        }
        if hint in moves:
            super().closeEditor(editor, _Hint.NoHint)
            target = moves[hint]()
            self.setCurrentIndex(target)
            self.scrollTo(target)
            return
        super().closeEditor(editor, hint)

    def _move_on(self, shift: bool) -> None:
        target = self._below(self.currentIndex(), -1 if shift else 1)
        self.setCurrentIndex(target)
        self.scrollTo(target)

    def paste(self) -> None:
        index = self.currentIndex()
        block = parse_clipboard(QGuiApplication.clipboard().text())
        if not index.isValid() or not block:
            return
        filled = self.grid_model().paste(index.row(), index.column(), block)
        self.pasted.emit(filled)
