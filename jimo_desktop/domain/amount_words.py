"""Amounts as tables state them around the figure: "约125.6", "125.6左右", "不少于10",
"3亿元以上", and ranges, "5-8亿元", "5亿至8亿元".

An approximate amount is its stated figure, with the word kept so that the officer is told.
A range has no one figure: which end to take (or none) is the officer's answer, never the
program's choice.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

_BEFORE = re.compile(
    r"^(约计|大约|大概|约为|约|预计|估算|估计|近|将近|接近|不少于|不低于|不小于|不超过|"
    r"不高于|至少|最少|最多|超过|逾|多于|高于|少于|低于|不足|大于|小于|约合|≈|~|～)"
)
_AFTER = re.compile(r"(左右|上下|以上|以下|以内|余|多|有余|开外|\(约\))$")
_UNIT = r"(?:亿元|亿|万元|万|元)"
_FIGURE = rf"\d[\d,]*(?:\.\d+)?\s*{_UNIT}?"
_RANGE = re.compile(rf"^({_FIGURE})\s*(?:-|~|〜|～|—|–|－|至|到)+\s*({_FIGURE})$")
_UNIT_AT_END = re.compile(rf"{_UNIT}$")


class RangeAnswer(StrEnum):
    """The officer's answer to a range: take its lower end, its upper end, or nothing."""

    LOWER = "lower"
    UPPER = "upper"
    BLANK = "blank"

    @property
    def label(self) -> str:
        return {"lower": "取下限", "upper": "取上限", "blank": "不填"}[self.value]


@dataclass(frozen=True)
class Qualified:
    """The figure of an amount written with a word around it, and the word."""

    figure: str
    word: str


def approximate(text: str) -> Qualified | None:
    """ "约125.6" → 125.6 and 约; None when no such word stands around the figure."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    before, after = _BEFORE.match(cleaned), _AFTER.search(cleaned)
    if not before and not after:
        return None
    figure = cleaned[before.end() if before else 0 : after.start() if after else None]
    words = "…".join(found.group() for found in (before, after) if found)
    return Qualified(figure.strip(), words)


def range_ends(text: str) -> tuple[str, str] | None:
    """ "5-8亿元" → ("5亿元", "8亿元"): each end with the unit written after the range."""
    cleaned = unicodedata.normalize("NFKC", text).replace(" ", "").strip()
    found = _RANGE.match(cleaned)
    if not found:
        return None
    lower, upper = found.groups()
    unit = _UNIT_AT_END.search(upper)
    if unit and not _UNIT_AT_END.search(lower):
        lower += unit.group()
    return lower, upper
