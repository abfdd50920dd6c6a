"""The wait cursor while work that takes a moment runs on the GUI thread (a package hashed, a
workbook or PDF written, photos downsized, a backup copied): set in one place, and restored
however the work ends, before any message about it is shown."""

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


@contextmanager
def busy_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
