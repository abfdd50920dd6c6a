"""Typing as an officer does, for every GUI test.

QTest.keyClicks only knows ASCII keys (it aborts the process on 年), so Chinese arrives as
it does from a real input method: committed in an input method event.
"""

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str) -> None:
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            commit = QInputMethodEvent()
            commit.setCommitString(char)
            QApplication.sendEvent(widget, commit)
