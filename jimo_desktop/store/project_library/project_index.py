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
from datetime import date
from enum import Enum

import numpy as np
from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.money import THRESHOLD_50M_CENTS
from jimo_desktop.domain.project import Level, Stage
from jimo_desktop.store import dictionaries, engine, settings

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
    ids: frozenset[int] | None = None  # only these projects (a light colour, say)


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


def _case(column: str, values: tuple[Enum, ...], otherwise: int) -> str:
    """SQL turning an enum column into its position in `values` (+1 for levels), in one pass."""
    whens = " ".join(f"WHEN '{value.value}' THEN {code}" for code, value in values)
    return f"CASE {column} {whens} ELSE {otherwise} END"


_STAGE_CODE = _case(
    # Only a dated project can stand elsewhere than its stored stage (domain/as_of.stage_on).
    "CASE WHEN actual_start IS NULL AND actual_end IS NULL THEN stage"
    " ELSE stage_now(stage, actual_start, actual_end) END",
    tuple(enumerate(_STAGES)),
    _UNKNOWN,
)
_LEVEL_CODE = _case("level", tuple((n + 1, level) for n, level in enumerate(_LEVELS)), 0)
_PROJECT_QUERY = f"""
SELECT id, name, name_initials, COALESCE(unit_id, -1), COALESCE(industry_id, -1), {_STAGE_CODE},
       is_government, COALESCE(total_investment, -1),
       CASE WHEN in_statistics = 0 THEN 0 WHEN statistics_date IS NULL THEN 1
            ELSE counted_now(in_statistics, statistics_date) END,
       planned_start, planned_end, responsible_unit
FROM projects WHERE deleted_at IS NULL {{extra}} ORDER BY id
"""
_LISTING_QUERY = f"""
SELECT project_id, year, {_LEVEL_CODE}, COALESCE(annual_plan, -1) FROM project_years
WHERE project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL {{extra}})
  AND ((added_on IS NULL AND withdrawn_on IS NULL) OR listed_now(added_on, withdrawn_on) = 1)
"""


def _judge_as_of(db: Database, day: date) -> None:
    """The list shows each project's stage, 纳统 and year lists (without a listing withdrawn
    by then) as of `day`, by the domain's one rule (domain/as_of.py), called from SQL so that
    100,000 rows still load in one query. The queries ask it only of rows with dates to judge:
    an undated row is as stored by that rule, and a call per row doubled their time."""
    engine.judge_as_of(
        db,
        day,
        {
            "stage_now": (
                3,
                lambda stage, start, end: as_of.stage_on(Stage(stage), start, end, day).value,
            ),
            "listed_now": (
                2,
                lambda added, withdrawn: int(as_of.listed_on(added, withdrawn, day)),
            ),
            "counted_now": (
                2,
                lambda flag, since: int(as_of.in_statistics_on(bool(flag), since, day)),
            ),
        },
    )


def normalise_query(text: str) -> str:
    """A name or query as compared: NFKC (full width → half width), lower case, no blanks."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


class _TextIndex:
    """Substring search over many short strings joined into one code-point array."""

    def __init__(self, texts: Sequence[str]):
        # Normalising the joined text at once is several times faster than name by name;
        # NFKC never joins characters across the NUL separators.
        joined = normalise_query("\0".join(texts)) + "\0" if texts else ""
        self._codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        ends = np.flatnonzero(self._codes == _SEPARATOR)
        lengths = np.diff(ends, prepend=-1)
        self._row_of = np.repeat(np.arange(len(ends), dtype=np.int32), lengths)
        self._rows = len(ends)

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


@dataclass(frozen=True)
class _Snapshot:
    """The index's columns as they were when a selection was made.

    The index replaces its arrays (never mutates them) when a project changes, so a
    selection made before stays consistent until the view asks for a new one.
    """

    ids: np.ndarray
    names: list[str]
    units: np.ndarray
    industries: np.ndarray
    stages: np.ndarray
    totals: np.ndarray
    in_statistics: np.ndarray
    planned_start: list[str | None]
    planned_end: list[str | None]
    responsible_unit: list[str]
    listings: "_Listings"
    unit_names: dict[int, str]
    industry_names: dict[int, str]

    def row_at(self, position: int, year: int) -> ProjectRow:
        project_id = int(self.ids[position])
        listing = self.listings.of_year(project_id, year)
        return ProjectRow(
            id=project_id,
            name=self.names[position],
            unit=self.unit_names.get(int(self.units[position]), ""),
            industry=self.industry_names.get(int(self.industries[position]), ""),
            stage=_STAGES[self.stages[position]],
            total_investment=_known(self.totals[position]),
            annual_plan=_known(listing[1]) if listing else None,
            planned_start=self.planned_start[position],
            planned_end=self.planned_end[position],
            responsible_unit=self.responsible_unit[position],
            in_statistics=bool(self.in_statistics[position]),
            years=tuple(self.listings.years_of(project_id).tolist()),
        )


class ProjectSelection:
    """The rows a filter let through, in display order; rows are built only when asked for."""

    def __init__(self, snapshot: _Snapshot, positions: np.ndarray, year: int, plans: np.ndarray):
        self._snapshot = snapshot
        self._positions = positions
        self._plans = plans
        self.year = year

    def __len__(self) -> int:
        return len(self._positions)

    def row(self, number: int) -> ProjectRow:
        return self._snapshot.row_at(int(self._positions[number]), self.year)

    def project_id(self, number: int) -> int:
        return int(self._snapshot.ids[self._positions[number]])

    def project_ids(self) -> np.ndarray:
        return self._snapshot.ids[self._positions]

    def number_of(self, project_id: int) -> int | None:
        hits = np.flatnonzero(self._snapshot.ids[self._positions] == project_id)
        return int(hits[0]) if len(hits) else None

    def total_investment(self) -> int:
        totals = self._snapshot.totals[self._positions]
        return int(totals[totals > 0].sum())

    def annual_plan(self) -> int:
        plans = self._plans[self._positions]
        return int(plans[plans > 0].sum())


class _Listings:
    """Every (project, year, level code, plan) row, sorted by project, as parallel arrays."""

    def __init__(self, rows: list[tuple[int, int, int, int]]):
        columns = np.array(rows, dtype=np.int64).reshape(-1, 4).T
        order = np.lexsort((columns[1], columns[0]))
        self.project, self.year, self.level, self.plan = (column[order] for column in columns)

    def without(self, project_id: int, rows: list[tuple[int, int, int, int]]) -> "_Listings":
        keep = self.project != project_id
        kept = np.stack([self.project, self.year, self.level, self.plan])[:, keep].T.tolist()
        return _Listings([*map(tuple, kept), *rows])

    def years_of(self, project_id: int) -> np.ndarray:
        low, high = np.searchsorted(self.project, [project_id, project_id + 1])
        return self.year[low:high]

    def of_year(self, project_id: int, year: int) -> tuple[int, int] | None:
        low, high = np.searchsorted(self.project, [project_id, project_id + 1])
        hits = np.flatnonzero(self.year[low:high] == year)
        if not len(hits):
            return None
        at = low + hits[0]
        return int(self.level[at]), int(self.plan[at])


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
        _judge_as_of(self._db, settings.today(self._db))
        self._set_columns(self._db.execute(_PROJECT_QUERY.format(extra="")).fetchall())
        self._listings = _Listings(self._db.execute(_LISTING_QUERY.format(extra="")).fetchall())
        self._derive()

    def refresh(self, project_id: int) -> None:
        """Take in one project's saved or deleted state without reading the others again."""
        extra = "AND id = ?"
        _judge_as_of(self._db, settings.today(self._db))
        fresh = self._db.execute(_PROJECT_QUERY.format(extra=extra), [project_id]).fetchall()
        kept = [row for row in self._stored_rows() if row[0] != project_id]
        self._set_columns(sorted(kept + fresh))
        listing_rows = self._db.execute(_LISTING_QUERY.format(extra=extra), [project_id])
        self._listings = self._listings.without(project_id, listing_rows.fetchall())
        self._derive()

    def _set_columns(self, rows: list[tuple]) -> None:
        """Hold the list column by column: numbers in arrays, repeated texts stored once."""
        count = len(rows)
        columns = list(zip(*rows, strict=True)) if rows else [()] * 12
        self.ids = np.array(columns[0], dtype=np.int64)
        self._names = list(columns[1])
        self._initials = list(columns[2])
        self._unit, self._industry, self._stage = (
            np.array(columns[n], dtype=np.int64).reshape(count) for n in (3, 4, 5)
        )
        self._government = np.array(columns[6], dtype=bool).reshape(count)
        self.totals = np.array(columns[7], dtype=np.int64).reshape(count)
        self._in_statistics = np.array(columns[8], dtype=bool).reshape(count)
        shared: dict[str, str] = {}
        self._planned_start, self._planned_end, self._responsible_unit = (
            [shared.setdefault(value, value) if value else value for value in columns[n]]
            for n in (9, 10, 11)
        )

    def _stored_rows(self) -> list[tuple]:
        return list(
            zip(
                self.ids.tolist(), self._names, self._initials, self._unit.tolist(),
                self._industry.tolist(), self._stage.tolist(), self._government.tolist(),
                self.totals.tolist(), self._in_statistics.tolist(), self._planned_start,
                self._planned_end, self._responsible_unit, strict=True,
            )
        )  # fmt: skip

    def _derive(self) -> None:
        self._name_index = _TextIndex(self._names)
        self._initials_index = _TextIndex(self._initials)
        self._positions = np.searchsorted(self.ids, self._listings.project)
        self._years = sorted(set(self._listings.year.tolist()))
        self._plans: dict[int, np.ndarray] = {}
        self._levels: dict[int | None, np.ndarray] = {}
        self._sort_orders: dict[tuple[SortKey, int], np.ndarray] = {}
        self._snapshot = _Snapshot(
            self.ids, self._names, self._unit, self._industry, self._stage, self.totals,
            self._in_statistics, self._planned_start, self._planned_end, self._responsible_unit,
            self._listings, self._units, self._industries,
        )  # fmt: skip

    def __len__(self) -> int:
        return len(self.ids)

    def years(self) -> list[int]:
        return list(self._years)

    def plans_for(self, year: int) -> np.ndarray:
        if year not in self._plans:
            plans = np.full(len(self.ids), _UNKNOWN, dtype=np.int64)
            chosen = self._listings.year == year
            plans[self._positions[chosen]] = self._listings.plan[chosen]
            self._plans[year] = plans
        return self._plans[year]

    def _levels_for(self, year: int | None) -> np.ndarray:
        """Per row: -1 not listed, 0 listed without level, 1 + index of its Level otherwise.

        For no year, the highest code over all years: any level counts as a key project.
        """
        if year not in self._levels:
            levels = np.full(len(self.ids), _UNKNOWN, dtype=np.int64)
            chosen = slice(None) if year is None else self._listings.year == year
            np.maximum.at(levels, self._positions[chosen], self._listings.level[chosen])
            self._levels[year] = levels
        return self._levels[year]

    def select(
        self, wanted: ProjectFilter, sort: SortKey = SortKey.NAME, descending: bool = False
    ) -> ProjectSelection:
        mask = self._mask(wanted)
        year = wanted.year or self.current_year
        order = self._sort_order(sort, year)
        if descending:
            order = order[::-1]
        return ProjectSelection(self._snapshot, order[mask[order]], year, self.plans_for(year))

    def _mask(self, wanted: ProjectFilter) -> np.ndarray:
        mask = np.ones(len(self.ids), dtype=bool)
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
        if wanted.ids is not None:
            mask &= np.isin(
                self.ids, np.fromiter(wanted.ids, dtype=np.int64, count=len(wanted.ids))
            )
        query = normalise_query(wanted.text)
        if query:
            found = self._name_index.matching(query)
            if query.isascii() and query.isalnum():
                found |= self._initials_index.matching(query)
            mask &= found
        return mask

    def _kind_mask(self, kind: ProjectKind, year: int | None) -> np.ndarray:
        if kind is ProjectKind.GOVERNMENT:
            return self._government
        if kind is ProjectKind.KEY:
            return self._levels_for(year) > 0
        level = {
            ProjectKind.KEY_PROVINCE: Level.PROVINCE,
            ProjectKind.KEY_QINGDAO: Level.QINGDAO,
            ProjectKind.KEY_DISTRICT: Level.DISTRICT,
        }[kind]
        code = 1 + _LEVELS.index(level)
        listed = self._listings.level == code
        if year is not None:
            listed &= self._listings.year == year
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[self._positions[listed]] = True
        return mask

    def _sort_order(self, sort: SortKey, year: int) -> np.ndarray:
        cache_key = (sort, year if sort is SortKey.ANNUAL_PLAN else 0)
        if cache_key not in self._sort_orders:
            self._sort_orders[cache_key] = self._compute_order(sort, year)
        return self._sort_orders[cache_key]

    def _compute_order(self, sort: SortKey, year: int) -> np.ndarray:
        def dictionary_order(codes: np.ndarray, order: dict[int, int]) -> np.ndarray:
            return np.array([order.get(code, _UNKNOWN) for code in codes.tolist()], dtype=np.int64)

        numeric = {
            SortKey.UNIT: lambda: dictionary_order(self._unit, self._unit_order),
            SortKey.INDUSTRY: lambda: dictionary_order(self._industry, self._industry_order),
            SortKey.STAGE: lambda: self._stage,
            SortKey.TOTAL: lambda: self.totals,
            SortKey.ANNUAL_PLAN: lambda: self.plans_for(year),
            SortKey.IN_STATISTICS: lambda: self._in_statistics,
        }
        if sort in numeric:
            return np.argsort(numeric[sort](), kind="stable")
        if sort is SortKey.NAME:
            return np.lexsort((np.array(self._names), np.array(self._initials)))
        texts = {
            SortKey.PLANNED_START: self._planned_start,
            SortKey.PLANNED_END: self._planned_end,
            SortKey.RESPONSIBLE_UNIT: self._responsible_unit,
        }[sort]
        return np.argsort(np.array([text or "" for text in texts]), kind="stable")


def _known(value) -> int | None:
    return None if value == _UNKNOWN else int(value)
