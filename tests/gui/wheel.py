"""Turning the mouse wheel over a widget: qtbot has no wheel, so the event is sent as a mouse
sends it, 120 eighths of a degree per notch. The timeline benchmark turns it the same way."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget


def wheel(widget: QWidget, notches: int, modifiers=Qt.KeyboardModifier.NoModifier, at=None) -> None:
    """Notches away from the user (positive) or towards (negative), at `at` or the middle."""
    position = QPointF(at) if at is not None else QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        position,
        widget.mapToGlobal(position),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
