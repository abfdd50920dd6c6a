"""The wait cursor is restored however the work ends, so a failed export or merge never
leaves the officer with an hourglass over the message that explains it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from jimo_desktop.views.common.busy import busy_cursor


def test_the_cursor_waits_during_the_work_and_returns_after_a_failure(qtbot):
    with pytest.raises(OSError), busy_cursor():
        assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
        raise OSError("磁盘已满")
    assert QGuiApplication.overrideCursor() is None
