"""A briefing's text for editing: title, issue and date, 主送, and each section's paragraphs.

Each section is a plain text box, one paragraph per line, under its printed heading; the
officer changes any sentence and the PDF prints it as typed.
"""

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jimo_desktop.domain.briefing import (
    Draft,
    chinese_number,
    paragraphs_from_text,
    text_from_paragraphs,
)

LINES_SHOWN_AT_LEAST, LINES_SHOWN_AT_MOST = 3, 14


class DraftEditor(QScrollArea):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._draft: Draft | None = None
        self.title = QLineEdit(objectName="draftTitle")
        self.issue = QLineEdit(objectName="draftIssue")
        self.date = QLineEdit(objectName="draftDate")
        self.addressee = QLineEdit(objectName="draftAddressee")
        self.sections: list[QPlainTextEdit] = []
        for line in (self.title, self.issue, self.date, self.addressee):
            line.textEdited.connect(self.edited)
        self._page = QWidget()
        self._layout = QVBoxLayout(self._page)
        head = QFormLayout()
        head.addRow("标题", self.title)
        head.addRow("期号", self.issue)
        head.addRow("日期", self.date)
        head.addRow("主送", self.addressee)
        self._layout.addLayout(head)
        self._section_area = QVBoxLayout()
        self._layout.addLayout(self._section_area)
        self._layout.addStretch(1)
        self.setWidget(self._page)

    def set_draft(self, draft: Draft) -> None:
        self._draft = draft
        self.title.setText(draft.title)
        self.issue.setText(draft.issue)
        self.date.setText(draft.date_text)
        self.addressee.setText(draft.addressee)
        self._clear_sections()
        number = 0
        for section in draft.sections:
            if section.heading:
                number += 1
                self._section_area.addWidget(
                    QLabel(
                        f"{chinese_number(number)}、{section.heading}", objectName="sectionHeading"
                    )
                )
            self._section_area.addWidget(self._section_box(section.key, section.paragraphs))
        self._layout.activate()  # lay the new boxes out now, not after the next paint

    def _section_box(self, key: str, paragraphs: list[str]) -> QPlainTextEdit:
        box = QPlainTextEdit(objectName=f"section_{key}")
        box.setPlainText(text_from_paragraphs(paragraphs))
        box.setPlaceholderText("每段一行；留空则只印标题和表格、图表")
        box.setTabChangesFocus(True)
        box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Room for each paragraph to wrap once; longer text scrolls inside its box.
        lines = min(LINES_SHOWN_AT_MOST, max(LINES_SHOWN_AT_LEAST, 3 * len(paragraphs)))
        margins = 2 * (box.frameWidth() + box.document().documentMargin())
        box.setFixedHeight(round((lines + 1) * box.fontMetrics().lineSpacing() + margins))
        box.textChanged.connect(self.edited)
        self.sections.append(box)
        return box

    def _clear_sections(self) -> None:
        while self._section_area.count():
            widget = self._section_area.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone from the screen now; deleted when control returns
                widget.deleteLater()
        self.sections = []

    def clear(self) -> None:
        """Nothing to edit (a briefing that cannot be made)."""
        self._draft = None
        for line in (self.title, self.issue, self.date, self.addressee):
            line.clear()
        self._clear_sections()

    def draft(self) -> Draft:
        """The draft as the officer has it now."""
        if self._draft is None:
            raise ValueError("no draft loaded")
        sections = [
            dataclasses.replace(section, paragraphs=paragraphs_from_text(box.toPlainText()))
            for section, box in zip(self._draft.sections, self.sections, strict=True)
        ]
        return dataclasses.replace(
            self._draft,
            title=self.title.text().strip(),
            issue=self.issue.text().strip(),
            date_text=self.date.text().strip(),
            addressee=self.addressee.text().strip(),
            sections=sections,
        )

    def section_box(self, key: str) -> QPlainTextEdit:
        return self.findChild(QPlainTextEdit, f"section_{key}")
