"""Rows of a submission matched to the projects already kept, by name as people write it.

Names are compared normalised: full-width and half-width alike, spaces, brackets, quotes
and dashes ignored, Latin letters in lower case. A name that is not found but is close to
one that is (it lacks or adds 项目/工程 or a bracketed phrase such as （一期）, has one character
more, less or different, or the same name sits under another 区位) is a question for the
officer, never a second project. A different number is not a slip: 一期 and 二期 are two
projects.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from jimo_desktop.domain.project_names import normalise_name

_LOOSE_WORDS = re.compile(r"建设项目|建设工程|项目|工程")
_BRACKETED = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
_NUMERALS = frozenset("0123456789一二三四五六七八九十百零〇两ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ甲乙丙丁")
_MIN_FUZZY_LENGTH = 4


class Known(Protocol):
    """A project already kept (store.project_lookup.ProjectKey has these)."""

    id: int
    name: str
    unit_id: int | None
    code: str


class Closeness(Enum):
    SAME = "same"
    SUFFIX = "名称相差“项目”“工程”等字样"
    ONE_CHARACTER = "名称相差一个字"
    BRACKETS = "名称相差括号中的文字"
    OTHER_UNIT = "同名项目属于另一区位"


@dataclass(frozen=True)
class Found:
    project_id: int
    closeness: Closeness


def _loose(normalised: str) -> str:
    return _LOOSE_WORDS.sub("", normalised)


def _unbracketed(name: str) -> str | None:
    """The name without its bracketed phrases, normalised; None if it has none."""
    written = unicodedata.normalize("NFKC", name)
    bare = _BRACKETED.sub("", written)
    return normalise_name(bare) if bare != written else None


class ProjectMatcher:
    """Exact matches by 项目代码 or by name within the unit; near ones on request."""

    def __init__(self, projects: Iterable[Known]):
        self._projects = list(projects)
        self._units = {p.id: p.unit_id for p in self._projects}
        self._by_code = {p.code.strip(): p.id for p in self._projects if p.code.strip()}
        self._by_name: dict[str, list[Known]] = defaultdict(list)
        for project in self._projects:
            self._by_name[normalise_name(project.name)].append(project)
        self._loose: dict[str, list[Known]] | None = None
        self._bracketed: dict[str, list[Known]] | None = None
        self._deletions: dict[str, list[Known]] | None = None

    def exact(self, name: str, unit_id: int | None, code: str = "") -> int | None:
        """The project with this code, or this name in this unit (in any unit if unknown)."""
        return self.exact_normalised(normalise_name(name), unit_id, code)

    def exact_normalised(self, normalised: str, unit_id: int | None, code: str = "") -> int | None:
        """`exact` for a name already normalised (normalise_name), as the caller needs it too."""
        if code.strip() in self._by_code:
            return self._by_code[code.strip()]
        same = self._by_name.get(normalised, [])
        in_unit = [p for p in same if unit_id is None or p.unit_id == unit_id]
        return in_unit[0].id if len(in_unit) == 1 else None

    def unit_of(self, project_id: int) -> int | None:
        return self._units.get(project_id)

    def near(self, name: str, unit_id: int | None) -> Found | None:
        """The closest other project a row may mean, preferring its own unit."""
        if not self._projects:
            return None
        normalised = normalise_name(name)
        candidates = [
            *((p, Closeness.OTHER_UNIT) for p in self._by_name.get(normalised, [])),
            *((p, Closeness.SUFFIX) for p in self._loose_index().get(_loose(normalised), [])),
            *((p, Closeness.BRACKETS) for p in self._bracket_twins(name, normalised)),
            *((p, Closeness.ONE_CHARACTER) for p in self._one_edit_away(normalised)),
        ]
        if not candidates:
            return None
        # min keeps the first of equals: closer kinds of likeness come first in the list.
        project, closeness = min(
            candidates, key=lambda c: unit_id is not None and c[0].unit_id != unit_id
        )
        return Found(project.id, closeness)

    def _loose_index(self) -> dict[str, list[Known]]:
        if self._loose is None:
            self._loose = defaultdict(list)
            for normalised, projects in self._by_name.items():
                self._loose[_loose(normalised)].extend(projects)
        return self._loose

    def _bracket_twins(self, name: str, normalised: str) -> list[Known]:
        """ "某工程（一期）" for "某工程", and the other way round; two phases never."""
        if self._bracketed is None:
            self._bracketed = defaultdict(list)
            for project in self._projects:
                if (bare := _unbracketed(project.name)) is not None:
                    self._bracketed[bare].append(project)
        bare = _unbracketed(name)
        if bare is not None:
            return self._by_name.get(bare, [])
        return self._bracketed.get(normalised, [])

    def _one_edit_away(self, normalised: str) -> list[Known]:
        if len(normalised) < _MIN_FUZZY_LENGTH:
            return []
        index = self._deletion_index()
        deletions = _deletions(normalised)
        # Sets meet in C; most names meet nothing, so no key is looked up one by one.
        found = {p.id: p for key in index.keys() & {normalised, *deletions} for p in index[key]}
        found.update(
            {p.id: p for key in self._by_name.keys() & deletions for p in self._by_name[key]}
        )
        return [
            project
            for project in found.values()
            if _one_edit(normalised, normalise_name(project.name))
        ]

    def _deletion_index(self) -> dict[str, list[Known]]:
        """Every name with one character left out: a name one edit away shares a key."""
        if self._deletions is None:
            self._deletions = defaultdict(list)
            for normalised, projects in self._by_name.items():
                if len(normalised) >= _MIN_FUZZY_LENGTH:
                    for key in _deletions(normalised):
                        self._deletions[key].extend(projects)
        return self._deletions


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """One character inserted, left out or changed; changing one numeral for another is a
    different project, not a slip."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(differ) == 1 and not (differ[0][0] in _NUMERALS and differ[0][1] in _NUMERALS)
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
