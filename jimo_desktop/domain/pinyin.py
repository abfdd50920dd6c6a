"""Pinyin initials of a name, so that typing `hyswy` finds 海洋生物医药…"""

import functools
import unicodedata


def name_initials(name: str) -> str:
    """First letters of each Han character, with Latin letters and digits kept, lower case."""
    # pypinyin loads its phrase dictionary (0.2 s, 60 MB) on import: only when a name is saved.
    from pypinyin.core import seg

    return "".join(_word_initials(word) for word in seg(unicodedata.normalize("NFKC", name)))


@functools.lru_cache(maxsize=65_536)
def _word_initials(word: str) -> str:
    # Words are segmented first so that polyphones read as in their phrase (银行 → yh);
    # names repeat words (产业园, 项目), so caching per word saves most of the work.
    from pypinyin import Style, lazy_pinyin

    tokens = lazy_pinyin(word, style=Style.FIRST_LETTER, errors=lambda text: list(text))
    return "".join(token.lower() for token in tokens if token.isascii() and token.isalnum())
