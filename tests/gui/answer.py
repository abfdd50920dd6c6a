"""Answering a question box as an officer does: by clicking one of its buttons.

The box is modal, so the click is scheduled before the action that opens it. A box that
opens with no answer scheduled fails the test (tests/gui/conftest.py) instead of hanging it.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

_scheduled: list[str] = []
_POLL_MS = 10
_GIVE_UP_AFTER = 500  # polls: five seconds


def expecting_answer() -> bool:
    return bool(_scheduled)


def forget_answers() -> None:
    _scheduled.clear()


def answer_next_box(qtbot, button: str) -> list[str]:
    """Click `button` in the next message box that opens; the list gets the box's text."""
    seen: list[str] = []
    _scheduled.append(button)

    def look(polls_left: int) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            if polls_left:
                QTimer.singleShot(_POLL_MS, lambda: look(polls_left - 1))
            return
        _scheduled.remove(button)
        seen.append(box.text())
        [chosen] = [shown for shown in box.buttons() if shown.text() == button]
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, lambda: look(_GIVE_UP_AFTER))
    return seen
