"""Windows fit the screen they open on and come back as the officer left them.

One place decides a window's size: its default cut to the free area of its screen (a
1366×768 laptop leaves about 1366×728 above the taskbar, and the title bar takes its share),
then the size, position, splitters and column widths the officer last left it with. They are
kept in window-layout.ini in the data folder (QSettings as an INI file, which Qt writes to a
temporary file and renames: the tests isolate it with the data folder, and deleting it
brings every window back to its default).
"""

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QWidget

from jimo_desktop import paths

LAYOUT_FILE = "window-layout.ini"
# The title bar and frame a window manager adds around the window's own area.
FRAME_HEIGHT = 40
FRAME_WIDTH = 16


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """`wanted` cut to what a screen's free area holds with the window's frame around it."""
    return QSize(
        min(wanted.width(), available.width() - FRAME_WIDTH),
        min(wanted.height(), available.height() - FRAME_HEIGHT),
    )


def open_sized(window: QWidget, key: str, width: int, height: int) -> None:
    """Size `window` for its screen and restore what the officer left; kept when it hides."""
    window.resize(fitted_size(QSize(width, height), _available(window)))
    saved = _settings().value(f"{key}/geometry")
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
        window.resize(fitted_size(window.size(), _available(window)))
    window.installEventFilter(_Keeper(window, key))


def restore_parts(window: QWidget, within: QWidget) -> None:
    """Give the splitters and tables of a part built after the window opened their
    last state (a page built on first use)."""
    keeper = window.findChild(_Keeper)
    if keeper is not None:
        keeper.restore(within)


def _available(window: QWidget) -> QRect:
    anchor = window.parentWidget() or window
    screen = anchor.screen()
    return screen.availableGeometry()


def _settings() -> QSettings:
    return QSettings(str(paths.user_data_dir() / LAYOUT_FILE), QSettings.Format.IniFormat)


def _path(widget: QWidget, window: QWidget) -> str:
    """The widget's place under the window, stable from one run to the next: each step is
    its object name, else its class and its place among its parent's children of that class."""
    steps = []
    while widget is not window and widget is not None:
        parent = widget.parent()
        name = widget.objectName()
        if not name:
            kind = type(widget)
            siblings = [c for c in parent.children() if type(c) is kind] if parent else []
            name = f"{kind.__name__}{siblings.index(widget) if widget in siblings else 0}"
        steps.append(name)
        widget = parent
    return "/".join(reversed(steps))


class _Keeper(QObject):
    def __init__(self, window: QWidget, key: str):
        super().__init__(window)
        self._window, self._key = window, key
        self._shown = False

    def eventFilter(self, watched, event) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.Show and not self._shown:
                self._shown = True
                self.restore(self._window)
            elif event.type() == QEvent.Type.Hide and self._shown:
                self.save()
        return False

    def _parts(self, within: QWidget):
        for splitter in within.findChildren(QSplitter):
            yield "splitter", splitter, splitter
        for table in within.findChildren(QTableView):
            yield "columns", table, table.horizontalHeader()

    def restore(self, within: QWidget) -> None:
        """Each splitter and table gets its state when it is first shown, at its real size:
        a splitter given sizes before its layout ran would share them out again."""
        for kind, widget, part in self._parts(within):
            restore = self._state_of(kind, widget, part)
            if widget.isVisible():  # Qt shows the children before the window hears of it
                restore()
            else:
                widget.installEventFilter(_RestoreOnShow(widget, restore))

    def _state_of(self, kind: str, widget: QWidget, part) -> Callable[[], None]:
        prefix = f"{self._key}/{kind}/{_path(widget, self._window)}"

        def restore() -> None:
            settings = _settings()
            state = settings.value(prefix)
            # A table whose columns changed since (a new version) keeps its defaults.
            changed = str(part.count()) != str(settings.value(f"{prefix}-count"))
            if isinstance(state, QByteArray) and not (isinstance(part, QHeaderView) and changed):
                part.restoreState(state)

        return restore

    def save(self) -> None:
        settings = _settings()
        settings.setValue(f"{self._key}/geometry", self._window.saveGeometry())
        for kind, widget, part in self._parts(self._window):
            prefix = f"{self._key}/{kind}/{_path(widget, self._window)}"
            settings.setValue(prefix, part.saveState())
            if isinstance(part, QHeaderView):
                settings.setValue(f"{prefix}-count", part.count())
        settings.sync()


class _RestoreOnShow(QObject):
    def __init__(self, widget: QWidget, restore: Callable[[], None]):
        super().__init__(widget)
        self._restore = restore

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self._restore()
            self.deleteLater()
        return False
