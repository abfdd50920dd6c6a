"""A briefing as the officer edits it: a title and sections of paragraphs, kept with the briefing.

The program drafts the text from the data; the officer changes any sentence before export,
and the PDF prints the edited draft. Tables and charts are not part of the draft: they are
drawn from the figures every time, so they can never disagree with the database.
"""

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    MONTHLY = "monthly"
    PROJECT = "project"
    INSPECTION = "inspection"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


_NUMERALS = "〇一二三四五六七八九"
KIND_LABELS = {Kind.MONTHLY: "月度通报", Kind.PROJECT: "项目简报", Kind.INSPECTION: "督查报告"}


@dataclass
class Section:
    """One part of the text: a heading ("总体情况"; numbered 一、二、 when printed) and its
    paragraphs. `key` tells the layout which tables and charts follow the text."""

    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Draft:
    kind: Kind
    period: str  # YYYY-MM
    title: str
    masthead: str  # the 简报's name in red ("重点项目建设通报")
    issue: str  # "2020年第6期"
    issuer: str
    date_text: str  # "2020年6月30日"
    addressee: str = ""  # 主送: "各镇街、功能区，区直有关部门："
    sections: list[Section] = field(default_factory=list)
    project_id: int | None = None

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Draft":
        values = json.loads(text)
        values["kind"] = Kind(values["kind"])
        values["sections"] = [Section(**section) for section in values["sections"]]
        return cls(**values)


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十: as headings count them, up to 99."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _NUMERALS[ones]
    prefix = "" if tens == 1 else _NUMERALS[tens]
    return f"{prefix}十{_NUMERALS[ones] if ones else ''}"


def paragraphs_from_text(text: str) -> list[str]:
    """An edited section back into paragraphs: each line one, blank lines only separate."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def text_from_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs for editing, a blank line between them so each stands apart on screen."""
    return "\n\n".join(paragraphs)
