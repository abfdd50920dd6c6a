"""The program's questions keep each line whole: Qt's own width would break a Chinese
project name anywhere (…2 个项目的填/报)."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from jimo_desktop.views.common.confirm import Answer, ask_to_save, choose

LONG = "月推进：2020年5月 2 个项目的填报"


def wrapped(label: QLabel) -> bool:
    """Whether the label breaks a line: it is taller at its width than given all the room."""
    return label.heightForWidth(label.width()) > label.heightForWidth(10_000)


def answered_with(button_text: str, seen: dict):
    def look() -> None:
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ),
            None,
        )
        if box is None:
            QTimer.singleShot(10, look)
            return
        label = box.findChild(QLabel, "qt_msgbox_informativelabel") or box.findChild(
            QLabel, "qt_msgbox_label"
        )
        seen["wrapped"] = wrapped(label)
        button = next(b for b in box.buttons() if b.text() == button_text)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(10, look)


def test_the_unsaved_work_question_keeps_each_line_whole(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    answered_with("取消", seen)
    assert ask_to_save(parent, [LONG], "关闭程序前保存这些修改吗？") is Answer.CANCEL
    assert seen["wrapped"] is False


def test_a_choice_keeps_its_question_on_one_line_when_the_screen_has_room(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    answered_with("取消", seen)
    assert choose(parent, "确认", LONG, ("确认", "取消")) is None
    assert seen["wrapped"] is False
