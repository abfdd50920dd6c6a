"""Message boxes answered as an officer answers them: the real button clicked once it shows.

The program's own boxes run their own event loop (exec); a timer polling from the test's
side finds the box there and clicks the button named, so the code under test runs as it does
for an officer, question included.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

POLL_MS = 10


class MessageBoxes:
    """Clicks the buttons named by `answer`, in turn, in the boxes that open; `said` keeps
    each answered box's text, `offered` its buttons."""

    def __init__(self):
        self.said: list[str] = []
        self.offered: list[list[str]] = []  # each answered box's buttons, in order
        self._answers: list[str] = []
        self._timer = QTimer(interval=POLL_MS, timeout=self._look)
        self._timer.start()

    def answer(self, *labels: str) -> None:
        self._answers.extend(labels)

    def pending(self) -> list[str]:
        return list(self._answers)

    def stop(self) -> None:
        self._timer.stop()

    def _look(self) -> None:
        if not self._answers:
            return
        box = next(
            (
                widget
                for widget in QApplication.topLevelWidgets()
                if isinstance(widget, QMessageBox) and widget.isVisible()
            ),
            None,
        )
        if box is None:
            return
        label = self._answers.pop(0)
        self.said.append(f"{box.text()}\n{box.informativeText()}")
        self.offered.append([button.text() for button in box.buttons()])
        button = next(button for button in box.buttons() if button.text() == label)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
