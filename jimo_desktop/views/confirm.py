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


def choose(parent: QWidget, title: str, question: str, answers: tuple[str, ...]) -> str | None:
    """Ask a question with buttons named by `answers`; the last one is the safe answer
    (default and Esc) and gives None, as closing the box does."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    roles = [QMessageBox.ButtonRole.AcceptRole] * (len(answers) - 1)
    roles.append(QMessageBox.ButtonRole.RejectRole)
    buttons = [box.addButton(a, role) for a, role in zip(answers, roles, strict=True)]
    box.setDefaultButton(buttons[-1])
    box.setEscapeButton(buttons[-1])
    box.exec()
    chosen = box.clickedButton()
    return next((a for a, b in zip(answers[:-1], buttons, strict=False) if b is chosen), None)


def may_save(parent: QWidget, title: str, question: str) -> bool:
    """Ask before saving what looks wrong but may be right: 确认 saves, 取消 (the default)
    goes back to the form."""
    return choose(parent, title, question, ("确认", "取消")) == "确认"
