"""Alt+letter reaches every field of a form, as in the bureau's other Windows programs.

A field's label without an underlined letter gets one before its colon, "会议日期(&H)：": the
first of its pinyin initials that no other label or button of the window uses yet, else the
first letter still free. Letters already written into a form are kept as they are.
"""

import re
import string

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from jimo_desktop.domain.pinyin import name_initials

MNEMONIC = re.compile(r"&([0-9A-Za-z])")
_GIVEN = "mnemonicsGiven"
_COLONS = ("：", ":")


def give_mnemonics(window: QWidget) -> None:
    """Underline a free letter in each field label of `window` that has none (once)."""
    if window.property(_GIVEN):
        return
    window.setProperty(_GIVEN, True)
    texts = [label.text() for label in window.findChildren(QLabel)]
    texts += [button.text() for button in window.findChildren(QAbstractButton)]
    used = {match[1].upper() for text in texts for match in MNEMONIC.finditer(text)}
    for label in window.findChildren(QLabel):
        _buddy_the_field(label)
        text = label.text()
        if label.buddy() is None or not text or MNEMONIC.search(text):
            continue
        letter = _free_letter(text, used)
        if letter is not None:
            used.add(letter)
            label.setText(_with_letter(text, letter))


def _buddy_the_field(label: QLabel) -> None:
    """A label beside a holder (a field with its error line under it) takes the holder's
    field as its buddy: Qt focuses a buddy only if it takes focus itself, and a holder
    does not, so its Alt+letter did nothing."""
    holder = label.buddy()
    if holder is None or holder.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return
    field = next(
        (w for w in holder.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus),
        None,
    )
    if field is not None:
        label.setBuddy(field)


def _free_letter(text: str, used: set[str]) -> str | None:
    wanted = [c.upper() for c in name_initials(text) if c.isalpha()]
    for letter in (*wanted, *string.ascii_uppercase):
        if letter not in used:
            return letter
    return None


def _with_letter(text: str, letter: str) -> str:
    for colon in _COLONS:
        if text.endswith(colon):
            return f"{text.removesuffix(colon)}(&{letter}){colon}"
    return f"{text}(&{letter})"
