"""An officer's draft set as an official document: masthead, title, 主送, the sections with the
tables and pictures each one carries, the 落款 and the attachments. Every kind of briefing
(月度通报, 项目简报, and the 督查报告 of the inspections) goes through here.
"""

from collections.abc import Callable, Iterable, Sequence

from jimo_desktop.domain.briefing import Draft
from jimo_desktop.reports.document import (
    Attachment,
    Closing,
    Document,
    Heading,
    Masthead,
    Text,
)

Extras = Callable[[str], Iterable]  # section key → the blocks that follow its text


def document_from_draft(
    draft: Draft,
    extras: Extras,
    attachments: Sequence[Attachment] = (),
    subject: str = "",
) -> Document:
    blocks: list = []
    if draft.addressee:
        blocks.append(Text(draft.addressee, indent=False))
    for section in draft.sections:
        if section.heading:
            blocks.append(Heading(section.heading))
        blocks.extend(Text(paragraph) for paragraph in section.paragraphs)
        blocks.extend(extras(section.key))
    return Document(
        title=draft.title,
        blocks=blocks,
        masthead=Masthead(draft.masthead, draft.issue, draft.issuer, draft.date_text),
        closing=Closing(draft.issuer, draft.date_text),
        attachments=list(attachments),
        author=draft.issuer,
        subject=subject or draft.title,
    )


class Numbering:
    """表1, 表2 … and 图1, 图2 … in the order they are printed."""

    def __init__(self):
        self.tables = self.figures = 0

    def table(self, title: str) -> str:
        self.tables += 1
        return f"表{self.tables} {title}"

    def figure(self, title: str) -> str:
        self.figures += 1
        return f"图{self.figures} {title}"
