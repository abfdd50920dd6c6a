"""A field's problem shown where the officer looks, and gone with the officer's next edit.

A form marks a field it refuses (a red border through the `invalid` property the theme's
stylesheet draws, and the reason in a label under it, when the form has one). The mark and
the reason go as soon as that field changes, so a corrected value never stands beside a
stale message; the form judges it again on saving.
"""

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

_WATCHED = "clearsMarkOnEdit"


def show_problem(widget: QWidget, reason: str | None, label: QLabel | None = None) -> None:
    """Mark `widget` with `reason` (None takes the mark away), and say it in `label`."""
    invalid = reason is not None
    if widget.property("invalid") != invalid:
        widget.setProperty("invalid", invalid)
        # The stylesheet draws [invalid="true"]; re-polish so it notices the change.
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    if label is not None:
        label.setText(reason or "")
        label.setVisible(invalid)
    if invalid and not widget.property(_WATCHED):
        widget.setProperty(_WATCHED, True)
        for signal in _edit_signals(widget):
            signal.connect(lambda *_: show_problem(widget, None, label))


def _edit_signals(widget: QWidget) -> list:
    if isinstance(widget, QLineEdit):
        return [widget.textChanged]
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        signals = [widget.currentIndexChanged]
        return [*signals, widget.editTextChanged] if widget.isEditable() else signals
    return []
