"""A page for an area that is not built yet: says so plainly instead of showing nothing."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderView(QWidget):
    def __init__(self, title: str, description: str, parent=None):
        super().__init__(parent)
        text = QLabel(f"<h2>{title}</h2><p>{description}</p><p>此功能正在建设中。</p>")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
