"""A matplotlib figure on screen, scrolling when it is taller than the space it is given.

matplotlib is imported on the first figure shown, not when this module is, so that the
program starts without paying for it.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

MIN_WIDTH = 760  # below this the date axis and the row labels crowd each other


class FigureArea(QScrollArea):
    def __init__(self, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.figure = None
        note = QLabel(placeholder, alignment=Qt.AlignmentFlag.AlignCenter)
        self.setWidget(note)

    def show_figure(self, figure) -> None:
        """Replace the figure shown; the canvas keeps the figure's height so rows stay legible."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        # Measured before the canvas exists: on a high-DPI screen it scales the figure's dpi.
        height = round(figure.get_figheight() * figure.dpi)
        canvas = FigureCanvasQTAgg(figure)
        canvas.setMinimumSize(MIN_WIDTH, height)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(canvas)
        self.figure = figure
        self.verticalScrollBar().setValue(0)
