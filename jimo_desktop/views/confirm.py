"""The questions every form asks the same way."""

from collections.abc import Sequence
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

UNSAVED_TITLE = "未保存的修改"
MOST_LINES = 12  # more would push the buttons off the screen


class Answer(Enum):
    SAVE = "保存"
    DISCARD = "不保存"
    CANCEL = "取消"


def ask_to_save(parent: QWidget, what: Sequence[str], question: str) -> Answer:
    """保存 / 不保存 / 取消 about the unsaved work named in `what`, one line each.

    A box of its own rather than QMessageBox.question: the answers are named as officers
    say them (不保存, not Qt's 放弃), 保存 is the default and Esc is 取消.
    """
    lines = [f"· {line}" for line in what[:MOST_LINES]]
    if len(what) > MOST_LINES:
        lines.append(f"……另有 {len(what) - MOST_LINES} 处")
    box = QMessageBox(QMessageBox.Icon.Question, UNSAVED_TITLE, "以下内容尚未保存：", parent=parent)
    box.setInformativeText("\n".join(lines) + f"\n\n{question}")
    roles = {
        Answer.SAVE: QMessageBox.ButtonRole.AcceptRole,
        Answer.DISCARD: QMessageBox.ButtonRole.DestructiveRole,
        Answer.CANCEL: QMessageBox.ButtonRole.RejectRole,
    }
    buttons = {box.addButton(answer.value, role): answer for answer, role in roles.items()}
    box.setDefaultButton(next(iter(buttons)))
    box.setEscapeButton(next(b for b, answer in buttons.items() if answer is Answer.CANCEL))
    box.exec()
    return buttons.get(box.clickedButton(), Answer.CANCEL)
