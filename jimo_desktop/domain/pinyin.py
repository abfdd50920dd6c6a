"""Pinyin initials of a name, so that typing `hyswy` finds 海洋生物医药…"""

import unicodedata

from pypinyin import Style, lazy_pinyin


def name_initials(name: str) -> str:
    """First letters of each Han character, with Latin letters and digits kept, lower case."""
    normalised = unicodedata.normalize("NFKC", name)
    tokens = lazy_pinyin(normalised, style=Style.FIRST_LETTER, errors=lambda text: list(text))
    return "".join(token.lower() for token in tokens if token.isascii() and token.isalnum())
