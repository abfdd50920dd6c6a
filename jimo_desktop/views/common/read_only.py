"""A window that may not write (another program window holds the file, or the office
database gives this officer SELECT only): its pages hide the buttons that write, and its
forms say （只读） and offer no 保存.

Everything still shows, so a leader reads a project as an officer does; a write that gets
past it (a shortcut key) is refused by the database and explained by views/error_hook.
"""

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QPushButton, QWidget

READ_ONLY_MARK = "（只读）"
SAVE_WORDS = ("保存",)
WRITES = "writes"  # the property that marks a button whose action changes the database


def mark_writing(*buttons: QAbstractButton) -> None:
    for button in buttons:
        button.setProperty(WRITES, True)


def hide_writing(within: QWidget) -> None:
    """Hide every button marked as writing; the pages enable buttons by selection, so a
    disabled one would come back."""
    for button in within.findChildren(QAbstractButton):
        if button.property(WRITES):
            button.hide()


def opened_read_only(widget: QWidget) -> bool:
    """Whether the window this widget belongs to was opened read-only."""
    parent = widget.parentWidget()
    while parent is not None:
        if getattr(parent, "read_only", False) is True:
            return True
        parent = parent.parentWidget()
    return False


def show_read_only(dialog: QWidget) -> None:
    """（只读） in the title and every 保存 button disabled, once."""
    if not dialog.windowTitle().endswith(READ_ONLY_MARK):
        dialog.setWindowTitle(f"{dialog.windowTitle()}{READ_ONLY_MARK}")
    saving = {QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.ApplyRole}
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.buttonRole(button) in saving:
                button.setEnabled(False)
    for button in dialog.findChildren(QPushButton):
        if button.text().replace("&", "").startswith(SAVE_WORDS):
            button.setEnabled(False)
            button.setToolTip("只读打开：不能保存")
