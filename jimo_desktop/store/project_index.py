"""The project list, held in memory for filtering, searching and sorting at typing speed.

A plain LIKE '%…%' scan of 100,000 names costs more than a frame, a QSortFilterProxyModel
costs seconds, and SQLite's trigram index misses queries under three characters. So the
list is loaded once into numpy arrays: every filter is a vectorised comparison, every sort
a cached permutation, and a search scans all names joined into one array of code points
(one pass for the first character, then only the candidates for the rest). Pinyin initials
are searched the same way in a second array.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
from sqlite_utils import Database

from jimo_desktop.domain.money import THRESHOLD_50M_CENTS
from jimo_desktop.domain.project import Level, Stage
from jimo_desktop.store import dictionaries

_STAGES = tuple(Stage)
_LEVELS = tuple(Level)
_UNKNOWN = -1
_SEPARATOR = 0  # code point between names, so a match never spans two of them


class ProjectKind(Enum):
    KEY = "重点项目（各级）"
    KEY_PROVINCE = "省重点项目"
    KEY_QINGDAO = "青岛市重点项目"
    KEY_DISTRICT = "区重点项目"
    GOVERNMENT = "政府投资项目"


class Scale(Enum):
    ABOVE_THRESHOLD = "5000万元以上"
    BELOW_THRESHOLD = "5000万元以下"


class SortKey(Enum):
    NAME = "name"
    UNIT = "unit"
    INDUSTRY = "industry"
    STAGE = "stage"
    TOTAL = "total"
    ANNUAL_PLAN = "annual_plan"
    PLANNED_START = "planned_start"
    PLANNED_END = "planned_end"
    RESPONSIBLE_UNIT = "responsible_unit"
    IN_STATISTICS = "in_statistics"


@dataclass(frozen=True)
class ProjectFilter:
    year: int | None = None
    unit_id: int | None = None
    industry_id: int | None = None
    stage: Stage | None = None
    kind: ProjectKind | None = None
    scale: Scale | None = None
    text: str = ""


@dataclass(frozen=True)
class ProjectRow:
    """One line of the project list, ready to show."""

    id: int
    name: str
    unit: str
    industry: str
    stage: Stage
    total_investment: int | None
    annual_plan: int | None
    planned_start: str | None
    planned_end: str | None
    responsible_unit: str
    in_statistics: bool
    years: tuple[int, ...]


_PROJECT_QUERY = """
SELECT id, name, name_initials, unit_id, industry_id, stage, is_government, total_investment,
       planned_start, planned_end, responsible_unit, in_statistics
FROM projects WHERE deleted_at IS NULL {extra} ORDER BY id
"""
_LISTING_QUERY = """
SELECT project_id, year, level, annual_plan FROM project_years
WHERE project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL {extra})
"""


def normalise_query(text: str) -> str:
    """A name or query as compared: NFKC (full width → half width), lower case, no blanks."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


class _TextIndex:
    """Substring search over many short strings joined into one code-point array."""

    def __init__(self, texts: Sequence[str]):
        joined = "\0".join(texts) + "\0"
        self._codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        lengths = np.fromiter((len(text) + 1 for text in texts), dtype=np.int64, count=len(texts))
        self._row_of = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
        self._rows = len(texts)

    def matching(self, query: str) -> np.ndarray:
        """Boolean mask over rows whose text contains `query` (already normalised)."""
        mask = np.zeros(self._rows, dtype=bool)
        codes = np.frombuffer(query.encode("utf-32-le"), dtype=np.uint32)
        span = len(self._codes) - len(codes) + 1
        if span <= 0:
            return mask
        candidates = np.flatnonzero(self._codes[:span] == codes[0])
        for offset in range(1, len(codes)):
            candidates = candidates[self._codes[candidates + offset] == codes[offset]]
        mask[self._row_of[candidates]] = True
        return mask


class ProjectSelection:
    """The rows a filter let through, in display order; rows are built only when asked for."""

    def __init__(self, index: "ProjectIndex", positions: np.ndarray, year: int):
        self._index = index
        self._positions = positions
        self.year = year

    def __len__(self) -> int:
        return len(self._positions)

    def row(self, number: int) -> ProjectRow:
        return self._index.row_at(int(self._positions[number]), self.year)

    def project_id(self, number: int) -> int:
        return int(self._index.ids[self._positions[number]])

    def number_of(self, project_id: int) -> int | None:
        hits = np.flatnonzero(self._index.ids[self._positions] == project_id)
        return int(hits[0]) if len(hits) else None

    def total_investment(self) -> int:
        totals = self._index.totals[self._positions]
        return int(totals[totals > 0].sum())

    def annual_plan(self) -> int:
        plans = self._index.plans_for(self.year)[self._positions]
        return int(plans[plans > 0].sum())


class ProjectIndex:
    def __init__(self, db: Database, current_year: int):
        self._db = db
        self.current_year = current_year
        self.reload()

    def reload(self) -> None:
        self._units = dictionaries.names_by_id(self._db, "units")
        self._industries = dictionaries.names_by_id(self._db, "industries")
        self._unit_order = {e.id: n for n, e in enumerate(dictionaries.entries(self._db, "units"))}
        self._industry_order = {
            e.id: n for n, e in enumerate(dictionaries.entries(self._db, "industries"))
        }
        self._records = {
            row[0]: row for row in self._db.execute(_PROJECT_QUERY.format(extra="")).fetchall()
        }
        self._listings: dict[int, dict[int, tuple[str | None, int | None]]] = {}
        for project_id, year, level, plan in self._db.execute(_LISTING_QUERY.format(extra="")):
            self._listings.setdefault(project_id, {})[year] = (level, plan)
        self._rebuild()

    def refresh(self, project_id: int) -> None:
        """Take in one project's saved or deleted state without reloading the whole list."""
        extra = "AND id = ?"
        row = self._db.execute(_PROJECT_QUERY.format(extra=extra), [project_id]).fetchone()
        self._records.pop(project_id, None)
        self._listings.pop(project_id, None)
        if row is not None:
            self._records[project_id] = row
            for _, year, level, plan in self._db.execute(
                _LISTING_QUERY.format(extra=extra), [project_id]
            ):
                self._listings.setdefault(project_id, {})[year] = (level, plan)
        self._rebuild()

    def _rebuild(self) -> None:
        records = list(self._records.values())
        self._rows = records
        self.ids = np.fromiter((r[0] for r in records), dtype=np.int64, count=len(records))
        self._names = _TextIndex([normalise_query(r[1]) for r in records])
        self._initials = _TextIndex([r[2] for r in records])
        self._unit = _codes(r[3] for r in records)
        self._industry = _codes(r[4] for r in records)
        self._stage = _codes(_STAGES.index(Stage(r[5])) for r in records)
        self._government = np.fromiter((r[6] for r in records), dtype=bool, count=len(records))
        self.totals = _codes(r[7] for r in records)
        self._years = sorted({year for years in self._listings.values() for year in years})
        self._plans: dict[int, np.ndarray] = {}
        self._levels: dict[int, np.ndarray] = {}
        self._sort_orders: dict[tuple[SortKey, int], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def years(self) -> list[int]:
        return list(self._years)

    def plans_for(self, year: int) -> np.ndarray:
        if year not in self._plans:
            self._plans[year] = _codes(
                self._listing(r[0], year)[1] if self._listing(r[0], year) else None
                for r in self._rows
            )
        return self._plans[year]

    def _levels_for(self, year: int | None) -> np.ndarray:
        """Per row: -1 not listed, 0 listed without level, 1 + index of its Level otherwise."""
        if year not in self._levels:
            self._levels[year] = np.fromiter(
                (self._level_code(r[0], year) for r in self._rows),
                dtype=np.int8,
                count=len(self._rows),
            )
        return self._levels[year]

    def _level_code(self, project_id: int, year: int | None) -> int:
        years = self._listings.get(project_id, {})
        chosen = [years[year]] if year in years else [] if year is not None else years.values()
        codes = [1 + _LEVELS.index(Level(level)) if level else 0 for level, _ in chosen]
        return max(codes, default=_UNKNOWN)

    def _listing(self, project_id: int, year: int) -> tuple[str | None, int | None] | None:
        return self._listings.get(project_id, {}).get(year)

    def select(
        self, wanted: ProjectFilter, sort: SortKey = SortKey.NAME, descending: bool = False
    ) -> ProjectSelection:
        mask = self._mask(wanted)
        year = wanted.year or self.current_year
        order = self._sort_order(sort, year)
        if descending:
            order = order[::-1]
        return ProjectSelection(self, order[mask[order]], year)

    def _mask(self, wanted: ProjectFilter) -> np.ndarray:
        mask = np.ones(len(self._rows), dtype=bool)
        if wanted.year is not None:
            mask &= self._levels_for(wanted.year) >= 0
        if wanted.unit_id is not None:
            mask &= self._unit == wanted.unit_id
        if wanted.industry_id is not None:
            mask &= self._industry == wanted.industry_id
        if wanted.stage is not None:
            mask &= self._stage == _STAGES.index(wanted.stage)
        if wanted.kind is not None:
            mask &= self._kind_mask(wanted.kind, wanted.year)
        if wanted.scale is Scale.ABOVE_THRESHOLD:
            mask &= self.totals >= THRESHOLD_50M_CENTS
        elif wanted.scale is Scale.BELOW_THRESHOLD:
            mask &= (self.totals < THRESHOLD_50M_CENTS) & (self.totals >= 0)
        query = normalise_query(wanted.text)
        if query:
            found = self._names.matching(query)
            if query.isascii() and query.isalnum():
                found |= self._initials.matching(query)
            mask &= found
        return mask

    def _kind_mask(self, kind: ProjectKind, year: int | None) -> np.ndarray:
        if kind is ProjectKind.GOVERNMENT:
            return self._government
        levels = self._levels_for(year)
        if kind is ProjectKind.KEY:
            return levels > 0
        level = {
            ProjectKind.KEY_PROVINCE: Level.PROVINCE,
            ProjectKind.KEY_QINGDAO: Level.QINGDAO,
            ProjectKind.KEY_DISTRICT: Level.DISTRICT,
        }[kind]
        if year is not None:
            return levels == 1 + _LEVELS.index(level)
        return np.fromiter(
            (
                any(lvl == level.value for lvl, _ in self._listings.get(r[0], {}).values())
                for r in self._rows
            ),
            dtype=bool,
            count=len(self._rows),
        )

    def _sort_order(self, sort: SortKey, year: int) -> np.ndarray:
        cache_key = (sort, year if sort is SortKey.ANNUAL_PLAN else 0)
        if cache_key not in self._sort_orders:
            self._sort_orders[cache_key] = self._compute_order(sort, year)
        return self._sort_orders[cache_key]

    def _compute_order(self, sort: SortKey, year: int) -> np.ndarray:
        numeric = {
            SortKey.UNIT: lambda: _codes(self._unit_order.get(r[3]) for r in self._rows),
            SortKey.INDUSTRY: lambda: _codes(self._industry_order.get(r[4]) for r in self._rows),
            SortKey.STAGE: lambda: self._stage,
            SortKey.TOTAL: lambda: self.totals,
            SortKey.ANNUAL_PLAN: lambda: self.plans_for(year),
            SortKey.IN_STATISTICS: lambda: _codes(r[11] for r in self._rows),
        }
        if sort in numeric:
            return np.argsort(numeric[sort](), kind="stable")
        column = {
            SortKey.NAME: lambda r: (r[2], r[1]),
            SortKey.PLANNED_START: lambda r: r[8] or "",
            SortKey.PLANNED_END: lambda r: r[9] or "",
            SortKey.RESPONSIBLE_UNIT: lambda r: r[10],
        }[sort]
        keys = [column(r) for r in self._rows]
        return np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.int64)

    def row_at(self, position: int, year: int) -> ProjectRow:
        record = self._rows[position]
        listing = self._listing(record[0], year)
        return ProjectRow(
            id=record[0],
            name=record[1],
            unit=self._units.get(record[3], ""),
            industry=self._industries.get(record[4], ""),
            stage=Stage(record[5]),
            total_investment=record[7],
            annual_plan=listing[1] if listing else None,
            planned_start=record[8],
            planned_end=record[9],
            responsible_unit=record[10],
            in_statistics=bool(record[11]),
            years=tuple(sorted(self._listings.get(record[0], {}))),
        )


def _codes(values) -> np.ndarray:
    """Integers with None as -1 (no stored id, amount or order is negative)."""
    return np.array([_UNKNOWN if v is None else v for v in values], dtype=np.int64)
