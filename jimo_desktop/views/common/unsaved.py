"""Typed work not yet saved: found the same way everywhere and asked about once.

A page, a dialog or a part of one that holds typed work answers four questions (`Unsaved`):
whether it has unsaved edits, one line naming them for the officer, save them (False when it
could not, having shown why), and drop them. Before the main window closes or the database
changes under it, and before a dialog closes, `settle` finds every holder in the window
and asks once: 保存 / 不保存 / 取消. 取消 leaves everything as it was.

`FormDialog` is the dialog that holds typed work: every way of closing it (Esc, its 取消 or
关闭 button, the title bar's ×, Alt+F4) asks first, and Enter in a text field never closes
it, as Qt's default button would; only a button the officer has moved to answers Enter.
"""

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QTabWidget, QWidget

from jimo_desktop.views.common.confirm import Answer, ask_to_save
from jimo_desktop.views.common.mnemonics import give_mnemonics
from jimo_desktop.views.common.read_only import opened_read_only, show_read_only

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
ON_CLOSING = "关闭前保存这些修改吗？"


class Unsaved(Protocol):
    """What a holder of typed work answers; `save_edits` is False when it could not save."""

    def has_unsaved_edits(self) -> bool: ...

    def unsaved_edits_text(self) -> str: ...

    def save_edits(self) -> bool: ...

    def discard_edits(self) -> None: ...


_UNSAVED_METHODS = ("has_unsaved_edits", "unsaved_edits_text", "save_edits", "discard_edits")


def holders_in(widget: QWidget) -> list[Unsaved]:
    """Every holder of unsaved edits at or under `widget`, in a window that is shown (a
    dialog closed but not yet deleted holds nothing); parts before the forms that hold them,
    since a form reads its parts when it saves."""
    found = [widget, *widget.findChildren(QWidget)]  # each parent before its children
    own_window = widget.window()
    return [
        holder
        for holder in reversed(found)
        # By class, not isinstance(…, Unsaved): a protocol check on each of a thousand
        # widgets costs 25 ms.
        if all(hasattr(type(holder), name) for name in _UNSAVED_METHODS)
        and (holder.window() is own_window or holder.window().isVisible())
        and holder.has_unsaved_edits()
    ]


def settle(
    parent: QWidget,
    holders: Sequence[Unsaved],
    question: str = ON_CLOSING,
    reveal: Callable[[QWidget], None] | None = None,
) -> bool:
    """Ask once about the holders' unsaved edits; True when the caller may go on.

    保存 saves each in turn and stops at the first that cannot be saved, shown by `reveal`;
    不保存 drops them all; 取消 changes nothing. A read-only window cannot save: it is
    offered no 保存, which the database would refuse.
    """
    if not holders:
        return True
    what = [holder.unsaved_edits_text() for holder in holders]
    can_save = not (getattr(parent, "read_only", False) is True or opened_read_only(parent))
    answer = ask_to_save(parent, what, question, can_save)
    if answer is Answer.CANCEL:
        return False
    if answer is Answer.DISCARD:
        for holder in holders:
            holder.discard_edits()
        return True
    for holder in holders:
        if holder.has_unsaved_edits() and not holder.save_edits():
            (reveal or bring_to_front)(holder)
            return False
    return True


def bring_to_front(widget: QWidget) -> None:
    """Show the tab and the window holding `widget`, where it says why it could not save."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QTabWidget):
            parent.parentWidget().setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    widget.window().raise_()
    widget.window().activateWindow()


class FormDialog(QDialog):
    """A dialog holding typed work; subclasses answer the `Unsaved` questions, and
    `discard_edits` closes them unsaved. Every field label gets its Alt+letter."""

    def showEvent(self, event) -> None:
        give_mnemonics(self)
        if opened_read_only(self):
            show_read_only(self)
        super().showEvent(event)

    def keyPressEvent(self, event) -> None:
        # Enter reaches the dialog only when the focused widget did not take it (a text
        # field, a list): Qt would click the default button and save half a form.
        if event.key() in ENTER_KEYS:
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Esc, 取消 or 关闭, the title bar's × and Alt+F4 end here: unsaved work is asked about."""
        if settle(self, holders_in(self)) and self.isVisible():
            super().reject()

    def discard_edits(self) -> None:
        if self.isVisible():
            super().reject()

    def save_buttons(self) -> QDialogButtonBox:
        """保存 and 取消 for a form with a `save` method, with Ctrl+S saving from any field."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        return buttons


class TypedEntry(QWidget):
    """Fields whose text a button adds to a list (a problem found, a follow-up): text typed
    and not added is unsaved work, saved by adding it."""

    def __init__(
        self, fields: Sequence[QLineEdit], add: Callable[[], bool], what: str, parent=None
    ):
        super().__init__(parent)
        self._fields, self._add, self._what = fields, add, what

    def has_unsaved_edits(self) -> bool:
        return any(field.text().strip() for field in self._fields)

    def unsaved_edits_text(self) -> str:
        typed = next(text for field in self._fields if (text := field.text().strip()))
        return f"{self._what}“{typed}”尚未加入"

    def save_edits(self) -> bool:
        return self._add()

    def discard_edits(self) -> None:
        for field in self._fields:
            field.clear()
