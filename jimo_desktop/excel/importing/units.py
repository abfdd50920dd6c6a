"""Names of 区位 and 产业 as submissions write them, matched to the editable dictionaries.

Exact names and aliases first; then after normalising (full width, spaces, brackets, an
administrative prefix such as 即墨区 or suffix such as 办事处/管委会); then the core of a
street or town name without 街道/镇, when only one entry has that core. Anything else is
reported, never guessed.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol

_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")
UNIT_PREFIXES = ("山东省", "青岛市", "即墨区", "即墨市")
UNIT_SUFFIXES = ("人民政府", "街道办事处", "办事处", "管理委员会", "管委会", "管理局", "管理处")
UNIT_CORE_SUFFIXES = ("街道", "镇")
INDUSTRY_SUFFIXES = ("产业", "行业", "类", "领域", "项目")
_MIN_TITLE_NAME = 3  # shorter aliases (陆港, 马山) are too likely inside other words


class Entry(Protocol):
    """A dictionary entry (store.dictionaries.Entry has these)."""

    id: int
    name: str
    aliases: tuple[str, ...]


class DictionaryMatcher:
    """Finds the entry a written name means; remembers answers, as a file repeats them."""

    def __init__(
        self,
        entries: Sequence[Entry],
        prefixes: tuple[str, ...] = (),
        suffixes: tuple[str, ...] = (),
        core_suffixes: tuple[str, ...] = (),
    ):
        self._prefixes, self._suffixes, self._core_suffixes = prefixes, suffixes, core_suffixes
        self.names = {entry.id: entry.name for entry in entries}
        self._written = {name: entry.id for entry in entries for name in _names_of(entry)}
        self._normalised = _unique(
            (self._normalise(name), entry.id) for entry in entries for name in _names_of(entry)
        )
        self._cores = _unique(
            (self._core(self._normalise(name)), entry.id)
            for entry in entries
            for name in _names_of(entry)
        )
        self._answers: dict[str, int | None] = {}

    def match(self, written: str) -> int | None:
        if written not in self._answers:
            self._answers[written] = self._lookup(written)
        return self._answers[written]

    def _lookup(self, written: str) -> int | None:
        if written in self._written:
            return self._written[written]
        normalised = self._normalise(written)
        if not normalised:
            return None
        found = self._normalised.get(normalised)
        return found if found is not None else self._cores.get(self._core(normalised))

    def find_in(self, title: str) -> int | None:
        """The one entry a title names in full (or by a long alias); None if none or several."""
        found = {
            entry_id
            for name, entry_id in self._written.items()
            if len(name) >= _MIN_TITLE_NAME and name in title
        }
        return found.pop() if len(found) == 1 else None

    def named_in(self, place: str) -> list[int]:
        """The entries a place names ("即墨区通济新经济区XX路", "蓝谷核心区", "潮海街道、北安街道"),
        in order of mention: the whole text as a name, else every name or alias in it (a
        short alias such as 蓝谷 only at its start), a name inside a longer one found counting
        once."""
        whole = self.match(place)
        if whole is not None:
            return [whole]
        text = "".join(unicodedata.normalize("NFKC", place).split())
        for prefix in self._prefixes:
            text = text.removeprefix(prefix)
        spans = [
            (start, start + len(name), entry_id)
            for name, entry_id in self._written.items()
            for start in _places(text, name)
        ]
        kept = [
            span
            for span in spans
            if not any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in spans)
        ]
        return list(dict.fromkeys(entry_id for _, _, entry_id in sorted(kept)))

    def _normalise(self, name: str) -> str:
        name = "".join(unicodedata.normalize("NFKC", name).split())
        name = _BRACKETED.sub("", name)
        for prefix in self._prefixes:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix) :]
        for suffix in self._suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
        return name

    def _core(self, name: str) -> str:
        for suffix in self._core_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                return name[: -len(suffix)]
        return name


def _places(text: str, name: str) -> list[int]:
    """Where `name` stands in `text`; a short one only at the start."""
    if len(name) < _MIN_TITLE_NAME:
        return [0] if text.startswith(name) else []
    found, start = [], text.find(name)
    while start >= 0:
        found.append(start)
        start = text.find(name, start + 1)
    return found


def unit_matcher(entries: Sequence[Entry]) -> DictionaryMatcher:
    return DictionaryMatcher(entries, UNIT_PREFIXES, UNIT_SUFFIXES, UNIT_CORE_SUFFIXES)


def industry_matcher(entries: Sequence[Entry]) -> DictionaryMatcher:
    return DictionaryMatcher(entries, suffixes=INDUSTRY_SUFFIXES)


def _names_of(entry: Entry) -> tuple[str, ...]:
    return (entry.name, *entry.aliases)


def _unique(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Keys that lead to exactly one entry; a key two entries share is no answer at all."""
    found: dict[str, int | None] = {}
    for key, entry_id in pairs:
        found[key] = entry_id if found.get(key, entry_id) == entry_id else None
    return {key: entry_id for key, entry_id in found.items() if entry_id is not None}
