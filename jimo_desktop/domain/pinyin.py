"""Pinyin initials of a name, so that typing `hyswy` finds 海洋生物医药…"""

import functools
import re
import unicodedata


def name_initials(name: str) -> str:
    """First letters of each Han character, with Latin letters and digits kept, lower case."""
    # split() with a capturing group alternates: text without pinyin, a run of Han, …
    parts = _han_runs().split(unicodedata.normalize("NFKC", name))
    parts[0::2] = map(_kept_characters, parts[0::2])
    parts[1::2] = map(_run_initials, parts[1::2])
    return "".join(parts)


def load_dictionary() -> None:
    """Load pypinyin's dictionary now (0.3 s, 57 MB), so that the first form with a pinyin
    pick-list or underlined letters does not wait for it."""
    name_initials("即墨")


@functools.cache
def _han_runs() -> re.Pattern:
    # pypinyin loads its phrase dictionary (0.2 s, 60 MB) on import: only when a name is saved.
    # Its own pattern says which characters have pinyin; here without its anchors.
    from pypinyin.constants import RE_HANS

    return re.compile(f"({RE_HANS.pattern.removeprefix('^').removesuffix('$')})")


_NOT_KEPT = re.compile("[^0-9A-Za-z]+")  # the ASCII letters and digits are kept


def _kept_characters(text: str) -> str:
    return _NOT_KEPT.sub("", text).lower()


@functools.lru_cache(maxsize=65_536)
def _run_initials(run: str) -> str:
    # pypinyin segments only within a run of Han characters, so that polyphones read as in
    # their phrase (银行 → yh): a run's initials never depend on what surrounds it. Names
    # repeat their runs (青岛…, 产业园项目) around the numbers that tell them apart, so caching
    # per run leaves pypinyin a few hundred runs of a 20,000-row import.
    from pypinyin import Style, lazy_pinyin

    tokens = lazy_pinyin(run, style=Style.FIRST_LETTER, errors=lambda text: list(text))
    return "".join(token.lower() for token in tokens if token.isascii() and token.isalnum())
