"""Pinyin initials of a name, so that typing `hyswy` finds 海洋生物医药…"""

import functools
import unicodedata

from pypinyin import Style, lazy_pinyin
from pypinyin.core import seg


def name_initials(name: str) -> str:
    """First letters of each Han character, with Latin letters and digits kept, lower case."""
    return "".join(_word_initials(word) for word in seg(unicodedata.normalize("NFKC", name)))


@functools.lru_cache(maxsize=65_536)
def _word_initials(word: str) -> str:
    # Words are segmented first so that polyphones read as in their phrase (银行 → yh);
    # names repeat words (产业园, 项目), so caching per word saves most of the work.
    tokens = lazy_pinyin(word, style=Style.FIRST_LETTER, errors=lambda text: list(text))
    return "".join(token.lower() for token in tokens if token.isascii() and token.isalnum())
