"""The questions every form asks the same way."""

from collections.abc import Sequence
from enum import Enum

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

UNSAVED_TITLE = "未保存的修改"
MOST_LINES = 12  # more would push the buttons off the screen
READ_ONLY_HEADING = "本窗口为只读打开，以下修改不能保存："
READ_ONLY_QUESTION = "不保存这些修改吗？（取消可继续查看）"


def choose(parent: QWidget, title: str, question: str, answers: tuple[str, ...]) -> str | None:
    """Ask a question with buttons named by `answers`; the last one is the safe answer
    (default and Esc) and gives None, as closing the box does."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    _wide_enough(box, question)
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


class Answer(Enum):
    SAVE = "保存"
    DISCARD = "不保存"
    CANCEL = "取消"


def ask_to_save(
    parent: QWidget, what: Sequence[str], question: str, can_save: bool = True
) -> Answer:
    """保存 / 不保存 / 取消 about the unsaved work named in `what`, one line each.

    A box of its own rather than QMessageBox.question: the answers are named as officers
    say them (不保存, not Qt's 放弃), 保存 is the default and Esc is 取消. A read-only window
    (not `can_save`) says why it cannot save and offers only 不保存 and 取消, 取消 the default.
    """
    lines = [f"· {line}" for line in what[:MOST_LINES]]
    if len(what) > MOST_LINES:
        lines.append(f"……另有 {len(what) - MOST_LINES} 处")
    if not can_save:
        question = READ_ONLY_QUESTION
    heading = "以下内容尚未保存：" if can_save else READ_ONLY_HEADING
    box = QMessageBox(QMessageBox.Icon.Question, UNSAVED_TITLE, heading, parent=parent)
    box.setInformativeText("\n".join(lines) + f"\n\n{question}")
    _wide_enough(box, box.informativeText())
    roles = {
        Answer.SAVE: QMessageBox.ButtonRole.AcceptRole,
        Answer.DISCARD: QMessageBox.ButtonRole.DestructiveRole,
        Answer.CANCEL: QMessageBox.ButtonRole.RejectRole,
    }
    if not can_save:
        del roles[Answer.SAVE]
    buttons = {box.addButton(answer.value, role): answer for answer, role in roles.items()}
    cancel = next(b for b, answer in buttons.items() if answer is Answer.CANCEL)
    box.setDefaultButton(next(iter(buttons)) if can_save else cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return buttons.get(box.clickedButton(), Answer.CANCEL)


def _wide_enough(box: QMessageBox, text: str) -> None:
    """Lines as wide as they are written, up to 60% of the screen: Qt's own width breaks
    Chinese anywhere, a project's name mid-word (…的填/报)."""
    label = box.findChild(QLabel, "qt_msgbox_informativelabel") or box.findChild(
        QLabel, "qt_msgbox_label"
    )
    metrics = (label or box).fontMetrics()
    # A line exactly as wide as its label still wraps: leave it two characters to spare.
    widest = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
    widest += 2 * metrics.horizontalAdvance("中")
    screen = parent.screen() if (parent := box.parentWidget()) else box.screen()
    width = min(widest, int(screen.availableGeometry().width() * 0.6))
    texts = "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel"
    box.setStyleSheet(f"{texts} {{ min-width: {width}px; }}")
