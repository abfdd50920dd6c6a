"""How each column of a sheet is read, and one column of its project rows converted at once.

A submission of 20,000 rows holds 200,000 cells; reading them one row at a time, a call and
a try block per cell, took most of an import's reading time. Here a column is converted in
one pass, and a column that repeats its values (months, 产业, 区位, 是/否) converts each
distinct value once. A cell that cannot be read becomes a Failed marker in its place, so
that its row can report it where the officer will look for it.
"""

import functools
from collections.abc import Callable

from jimo_desktop.domain.stage_words import BY_DEFAULT, EarlyStages
from jimo_desktop.excel.importing import values
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.units import DictionaryMatcher
from jimo_desktop.excel.importing.values import CellError, ErrorCell
from jimo_desktop.excel.reading.headers import Column

_TEXT = (
    Field.NAME, Field.CODE, Field.BUILDER, Field.BUILDER_CONTACT, Field.LOCATION,
    Field.RESPONSIBLE_UNIT, Field.RESPONSIBLE_PERSON, Field.LEADER, Field.LAND, Field.PLANNING,
    Field.DEMOLITION,
)  # fmt: skip
_LONG_TEXT = (Field.SCALE, Field.REMARKS, Field.IMAGE_PROGRESS, Field.PROBLEMS)
_AMOUNTS = (
    Field.TOTAL, Field.ANNUAL_PLAN, Field.COMPLETED_THIS_YEAR, Field.COMPLETED_SINCE_START,
)  # fmt: skip
_DATES = (
    Field.PLANNED_START, Field.PLANNED_END, Field.ACTUAL_START, Field.ACTUAL_END,
    Field.STATISTICS_DATE,
)  # fmt: skip
_WORDS = {
    Field.BUILDER_PHONE: values.phone,
    Field.RESPONSIBLE_PHONE: values.phone,
    Field.GOVERNMENT: values.yes_no,
    Field.IN_STATISTICS: values.yes_no,
    Field.LEVEL: values.level,
}


class Failed:
    """A cell whose value could not be read: `error` says why (CellError, ImpreciseDate); any
    other error is a fault of the program, raised when the cell's row is read, so that a
    file's first such fault is the one a reading row by row would meet first."""

    __slots__ = ("error",)

    def __init__(self, error: CellError):
        self.error = error


def reader_of(
    column: Column,
    units: DictionaryMatcher,
    industries: DictionaryMatcher,
    early: EarlyStages = BY_DEFAULT,
) -> tuple[Callable[[object], object], bool]:
    """How the column's cells are read (raising CellError for a value that cannot be), and
    whether its values repeat down the column, so that each is read once."""
    if column.field in _TEXT:
        return values.text, False  # names and such: reading each once would save nothing
    if column.field in _LONG_TEXT:
        return values.long_text, False
    if column.field in _AMOUNTS:
        return functools.partial(values.amount, factor=column.factor), False
    if column.field in _DATES:
        return values.partial_date, True
    if column.field is Field.UNIT:
        return functools.partial(_unit, units), True
    if column.field in (Field.STAGE, Field.NATURE):
        nature_column = column.field is Field.NATURE
        return functools.partial(values.stage_words, early=early, nature_column=nature_column), True
    if column.field is Field.INDUSTRY:
        return functools.partial(_known, industries, what="产业"), True
    return _WORDS.get(column.field, _nothing), True


def refusing_error_cells(convert: Callable[[object], object]) -> Callable[[object], object]:
    """`convert`, refusing a cell that shows an Excel error; only for a sheet that has one,
    as the check costs a call per cell."""

    def checked(value: object) -> object:
        if type(value) is ErrorCell:
            raise value.refused()
        return convert(value)

    return checked


def converted(
    convert: Callable[[object], object], cells: list[object], *, repeats: bool
) -> tuple[list[object], set[int]]:
    """`convert` applied to each cell in order, None for a blank cell, Failed for one that
    cannot be read; and the positions of those. `repeats`: convert each distinct value once
    (every converter here is a pure function)."""
    if not repeats:
        try:  # the usual column, every cell readable: no catching call per cell
            found = [None if value is None or value == "" else convert(value) for value in cells]
            return found, set()
        except Exception:  # read again, cell by cell, keeping each error in its place
            pass
    attempt = _Attempt(convert)
    if repeats:
        found = _each_value_once(attempt, cells)
    else:
        found = [None if value is None or value == "" else attempt(value) for value in cells]
    if not attempt.failed:
        return found, set()
    return found, {index for index, value in enumerate(found) if type(value) is Failed}


def _each_value_once(attempt: "_Attempt", cells: list[object]) -> list[object]:
    known: dict[object, object] = {}
    found = []
    for value in cells:
        if value is None or value == "":
            found.append(None)
            continue
        # 1, 1.0 and True are equal keys, yet different cells: key by type unless text.
        key = value if type(value) is str else (type(value), value)
        if key not in known:
            known[key] = attempt(value)
        found.append(known[key])
    return found


class _Attempt:
    """Calls the converter, turning its error into Failed; remembers whether any did."""

    def __init__(self, convert: Callable[[object], object]):
        self._convert = convert
        self.failed = False

    def __call__(self, value: object) -> object:
        try:
            return self._convert(value)
        except Exception as error:  # kept for its row: see Failed
            self.failed = True
            return Failed(error)


def _known(matcher: DictionaryMatcher, value: object, what: str) -> int | None:
    written = values.text(value)
    if not written:
        return None
    found = matcher.match(written)
    if found is None:
        raise CellError(f"“{written}”不在{what}字典中（可在“设置”中添加，或加为别名）")
    return found


def _unit(units: DictionaryMatcher, value: object) -> int | None:
    """A 区位 cell: a unit's name or alias, or a place naming exactly one ("即墨区通济新经济区")."""
    written = values.text(value)
    if not written or (found := units.match(written)) is not None:
        return found
    named = units.named_in(written)
    if len(named) > 1:
        shown = "、".join(units.names[entry_id] for entry_id in named)
        raise CellError(f"“{written}”写了多个区位（{shown}），请只填一个")
    return named[0] if named else _known(units, value, "区位")


def _nothing(value: object) -> None:
    """Columns read otherwise (建设起止年限) or not at all."""
    return None
