"""What other officers saved, shown on the pages that show it (the office database's news,
store/office_news), without moving the officer's place or touching what they typed.

A page, panel or dialog that shows officers' data answers two things: `NEWS_TABLES`, the
tables whose changes it shows (`EVERY_TABLE` for the history), and `show_news()`, which
reads them again keeping the filters, the search text, the sort, the record chosen (by its
key, never its row number), the place scrolled to and any typed work. `deliver` finds those
in the window the news concerns: one in view reads at once, one hidden reads when it next
shows, and one showing none of the tables is left alone. Pages not built yet hold nothing.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QWidget

EVERY_TABLE = frozenset({"*"})
_WAITING = "newsWaiting"  # the property of a hidden widget with news to show when it shows


def deliver(window: QWidget, tables: set[str]) -> None:
    for widget in [window, *window.findChildren(QWidget)]:
        kind = type(widget)
        shown = getattr(kind, "NEWS_TABLES", None)
        if shown is None or not hasattr(kind, "show_news"):
            continue
        if shown is not EVERY_TABLE and not shown & tables:
            continue
        if widget.isVisible():
            widget.show_news()
        elif not widget.property(_WAITING):
            widget.setProperty(_WAITING, True)
            widget.installEventFilter(_ShowNewsWhenShown(widget))


class _ShowNewsWhenShown(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            watched.setProperty(_WAITING, False)
            self.deleteLater()
            watched.show_news()
        return False


class ListNews:
    """A page whose FilteredTable `table` its `refresh` fills: news fills it again in place."""

    def show_news(self) -> None:
        with self.table.place_kept():
            self.refresh()


@contextmanager
def place_kept(view: QAbstractItemView, key: Callable[[int], Any]) -> Iterator[None]:
    """Around a reset of `view`'s model that the officer did not ask for: the record at the
    top of the view (`key` of its row) stays at the top, or the view stays at its top when
    it was there, so that new rows above show; the columns stay scrolled where they were."""
    vertical, horizontal = view.verticalScrollBar(), view.horizontalScrollBar()
    across, at_top = horizontal.value(), vertical.value() == 0
    top = view.indexAt(view.viewport().rect().topLeft())
    top_key = key(top.row()) if top.isValid() and not at_top else None
    yield
    if at_top:
        vertical.setValue(0)
    elif top_key is not None:
        rows = range(view.model().rowCount())
        row = next((number for number in rows if key(number) == top_key), None)
        if row is not None:
            view.scrollTo(view.model().index(row, 0), view.ScrollHint.PositionAtTop)
    horizontal.setValue(across)
