"""红黄绿灯 on screen: a coloured dot per light, its reasons as a tooltip, a filter's choices.

The project list shows `light_icon(light.colour)` as the decoration of its light column and
`light.tooltip()` as the tooltip; `LightBadge` shows one project's light with its reasons.
"""

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from jimo_desktop.domain.lights import Colour, Light

LIGHT_COLOURS = {
    Colour.GREEN: QColor("#2e9d4f"),
    Colour.YELLOW: QColor("#e5a50a"),
    Colour.RED: QColor("#d64541"),
}
DOT_SIZE = 14
# For a filter combo over the project list: label, colour.
LIGHT_FILTER_CHOICES = tuple((colour.label, colour) for colour in Colour)


@cache
def light_icon(colour: Colour, size: int = DOT_SIZE) -> QIcon:
    return QIcon(light_pixmap(colour, size))


def light_pixmap(colour: Colour, size: int = DOT_SIZE) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(LIGHT_COLOURS[colour].darker(130))
    painter.setBrush(LIGHT_COLOURS[colour])
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return pixmap


def light_sort_value(light: Light | None) -> int:
    """Red first when sorted descending; no light (not listed) below green."""
    return -1 if light is None else light.colour.severity


class LightBadge(QWidget):
    """A project's light: the dot, its colour in words and every reason."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dot = QLabel()
        self.text = QLabel(objectName="lightReasons")
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.text, 1)

    def show_light(self, light: Light | None) -> None:
        if light is None:
            self.dot.clear()
            self.text.setText("本年度未列入重点项目，不亮灯。")
            return
        self.dot.setPixmap(light_pixmap(light.colour))
        self.text.setText(light.tooltip())
