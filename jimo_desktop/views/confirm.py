"""The questions every form asks the same way."""

from PySide6.QtWidgets import QMessageBox, QWidget


def may_discard(parent: QWidget, what: str = "修改") -> bool:
    """Ask before unsaved input is dropped; the safe answer (keep editing) is the default."""
    answer = QMessageBox.question(
        parent,
        f"未保存的{what}",
        f"放弃未保存的{what}？",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
