"""The keys an Excel user expects anywhere in a window: Ctrl+F goes to the page's search box,
Ctrl+PgUp and Ctrl+PgDn switch tabs (as they switch sheets in Excel), Ctrl+Z takes back the
deletion the page just made.

Window-wide shortcuts, so they work wherever the focus is: a table would otherwise take
PgUp and PgDn for itself, and the navigation list knows nothing of the page's search box.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

SEARCH_BOX_NAME = "search"  # the object name of every page's search box


def search_box(name: str = SEARCH_BOX_NAME, **options) -> QLineEdit:
    """A search box Ctrl+F finds."""
    return QLineEdit(objectName=name, clearButtonEnabled=True, **options)


def add_find_key(window: QWidget, page: Callable[[], QWidget | None]) -> None:
    """Ctrl+F puts the cursor in the search box of the page the officer sees."""

    def find() -> None:
        shown = page()
        if shown is None:
            return
        for box in shown.findChildren(QLineEdit, SEARCH_BOX_NAME):
            if box.isVisible():
                box.setFocus(Qt.FocusReason.ShortcutFocusReason)
                box.selectAll()
                return

    _shortcut(window, QKeySequence(QKeySequence.StandardKey.Find), find)


def add_tab_keys(window: QWidget, tabs: Callable[[], QTabWidget | None]) -> None:
    """Ctrl+PgDn to the next tab and Ctrl+PgUp to the previous one, round the ends."""

    def switch(step: int) -> None:
        shown = tabs()
        if shown is not None and shown.count() > 1:
            shown.setCurrentIndex((shown.currentIndex() + step) % shown.count())

    _shortcut(window, QKeySequence("Ctrl+PgDown"), lambda: switch(1))
    _shortcut(window, QKeySequence("Ctrl+PgUp"), lambda: switch(-1))


def add_undo_key(page: QWidget, undo: Callable[[], None]) -> None:
    """Ctrl+Z on the page (a text field keeps its own Ctrl+Z) undoes its last deletion."""
    _shortcut(
        page,
        QKeySequence(QKeySequence.StandardKey.Undo),
        undo,
        Qt.ShortcutContext.WidgetWithChildrenShortcut,
    )


def _shortcut(
    window: QWidget,
    keys: QKeySequence,
    slot: Callable[[], None],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> None:
    shortcut = QShortcut(keys, window)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
