"""Find the table in a sheet: its header row (or two rows under merged group headings) and
what each column holds, whatever the unit called it.

Every column has many names in real submissions (fields.SYNONYMS, the one table). A
header is compared after normalising: full-width to half-width, line breaks and spaces
removed, the unit in brackets taken out and remembered ("总投资（亿元）" is 总投资 in 亿元),
a year ("2020年计划投资", "计划投资（2020年）") or month range ("1-6月累计完成投资") likewise.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from jimo_desktop.domain.money import WAN_PER_YI
from jimo_desktop.excel.importing.fields import SYNONYMS, Field
from jimo_desktop.excel.reading.titles import amount_statement
from jimo_desktop.excel.reading.workbook import Grid

HEADER_SEARCH_ROWS = 15


_INDEX = {
    normalised: field
    for field, names in SYNONYMS.items()
    for name in names
    for normalised in (unicodedata.normalize("NFKC", name),)
}
_BUILDER_SIDE = {Field.BUILDER, Field.BUILDER_CONTACT, Field.BUILDER_PHONE}
_RESPONSIBLE_SIDE = {Field.RESPONSIBLE_UNIT, Field.RESPONSIBLE_PERSON, Field.RESPONSIBLE_PHONE}
_SPACES = re.compile(r"\s+")
_MARKS = str.maketrans("", "", "*★※▲△●")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|<[^<>]*>")
_YEAR = re.compile(r"^(?:其中:?)?(20\d\d)(?:年度?|(?=\D))")  # 2020年计划投资, 2020计划投资
_BRACKETED_YEAR = re.compile(r"[(\[【<](20\d\d)年度?[)\]】>]")  # 计划投资（2020年）
_MONTH = re.compile(r"^(?:截至|截止|至)?(?:[1一][-~—–至到]+)?(\d{1,2})月(?:底|末|份)?")
# Units beside 万元 in a row of units under the header.
_OTHER_UNITS = frozenset({"", "个", "项", "亩", "平方米", "年", "月"})
_AMOUNT_UNITS = (
    ("亿元", WAN_PER_YI),
    ("亿", WAN_PER_YI),
    ("万元", 1),
    ("万", 1),
    ("元", Decimal("0.0001")),
)


# Columns whose year is the year of the list: "2021年计划投资", "2020年1-6月累计完成投资".
# Others name another year ("2019年底累计完成投资" is the year before) and state none.
LISTING_YEAR_FIELDS = frozenset({Field.ANNUAL_PLAN, Field.COMPLETED_THIS_YEAR})


@dataclass(frozen=True)
class Label:
    """A header cell understood: its core words and what its brackets and prefix said."""

    text: str  # as shown, on one line
    core: str
    factor: int | Decimal | None = None  # 万元 per unit of a bare number in the column
    year: int | None = None
    month: int | None = None

    @property
    def field(self) -> Field | None:
        return _INDEX.get(self.core)


@dataclass(frozen=True)
class Column:
    index: int
    field: Field
    header: str
    factor: int | Decimal | None = None
    year: int | None = None
    month: int | None = None


@dataclass(frozen=True)
class Layout:
    header_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    ignored_headers: tuple[str, ...]  # headers not understood, or a field's second column

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1

    def column(self, field: Field) -> Column | None:
        return next((column for column in self.columns if column.field is field), None)

    def fields(self) -> set[Field]:
        return {column.field for column in self.columns}


def read_label(value: object) -> Label:
    text = _SPACES.sub("", unicodedata.normalize("NFKC", str(value or ""))).translate(_MARKS)
    shown = _SPACES.sub(" ", str(value or "").replace("\n", "")).strip()
    factor = next((f for unit, f in _AMOUNT_UNITS if f"({unit})" in text), None)
    core = _BRACKETED.sub("", text).strip("():：、%")
    if factor is None:
        # "总投资万元", without brackets
        unit = next((unit for unit in ("亿元", "万元") if core.endswith(unit)), None)
        if unit:
            factor, core = dict(_AMOUNT_UNITS)[unit], core.removesuffix(unit)
    bracketed = _BRACKETED_YEAR.search(text)
    year, month = (int(bracketed.group(1)) if bracketed else None), None
    if match := _YEAR.match(core):
        year, core = int(match.group(1)), core[match.end() :]
    if match := _MONTH.match(core):
        month, core = int(match.group(1)), core[match.end() :]
    return Label(shown, core, factor, year, month if month and 1 <= month <= 12 else None)


def find_layout(grid: Grid) -> Layout | None:
    """The header found in the first rows, the one naming most known columns; None if none."""
    best: Layout | None = None
    for top in range(min(HEADER_SEARCH_ROWS, len(grid))):
        layout = _layout_at(grid, top)
        if layout is not None and (best is None or len(layout.columns) > len(best.columns)):
            best = layout
    return best


def _layout_at(grid: Grid, top: int) -> Layout | None:
    labels = [read_label(value) for value in grid[top]]
    single = _columns(labels, [None] * len(labels))
    if not _is_table(single):
        return None
    name_column = next(index for index, field, _ in single if field is Field.NAME)
    below = grid[top + 1] if top + 1 < len(grid) else []
    if _continues_header(grid[top], below, name_column):
        subs = [read_label(value) for value in below]
        double = _columns(labels, subs + [None] * (len(labels) - len(subs)))
        if _known(double) > _known(single):
            return _layout((top, top + 1), double)
    return _layout((top,), single)


def _continues_header(row: list, below: list, name_column: int) -> bool:
    """The row below is a second header row when the name column has no project in it."""
    if name_column >= len(below):
        return False
    name_below = below[name_column]
    if name_below not in ("", None) and name_below != row[name_column]:
        return False
    return any(
        value not in ("", None) and value != row[index] and read_label(value).core
        for index, value in enumerate(below[: len(row)])
    )


def _columns(tops: list[Label], subs: list[Label | None]):
    """(index, field or None, label) of every column with a header."""
    found = []
    for index, (top, sub) in enumerate(zip(tops, subs, strict=False)):
        label = _understood(top, sub)
        if label is not None:
            found.append((index, label.field, label))
    return found


def _understood(top: Label, sub: Label | None) -> Label | None:
    """Which reading of a column under a group heading names a known field, best first."""
    if sub is None or not sub.text or sub.text == top.text:
        return top if top.text else None
    joined = f"{top.text}/{sub.text}" if top.text else sub.text
    for core in (sub.core, sub.core + top.core, top.core + sub.core, top.core):
        if core in _INDEX:
            return Label(
                joined,
                core,
                sub.factor or top.factor,
                sub.year or top.year,
                sub.month or top.month,
            )
    return Label(joined, "")


def _known(columns) -> int:
    return len({field for _, field, _ in columns if field is not None})


def _is_table(columns) -> bool:
    fields = [field for _, field, _ in columns if field is not None]
    return Field.NAME in fields and len(fields) >= 2


def _layout(rows: tuple[int, ...], found) -> Layout:
    columns: list[Column] = []
    ignored: list[str] = []
    taken: set[Field] = set()
    for index, field, label in found:
        if field is None:
            ignored.append(label.text)
            continue
        field = _by_neighbours(field, columns, taken)
        if field in taken and field is not Field.IGNORED:  # many columns may be computed
            ignored.append(label.text)
            continue
        taken.add(field)
        columns.append(Column(index, field, label.text, label.factor, label.year, label.month))
    period = next((c for c in columns if c.field is Field.BUILD_PERIOD), None)
    if period and {Field.PLANNED_START, Field.PLANNED_END} & taken:
        columns.remove(period)
    return Layout(rows, tuple(columns), tuple(ignored))


def _by_neighbours(field: Field, columns: list[Column], taken: set[Field]) -> Field:
    """联系人 and 联系电话 belong to the builder or to the responsible person beside them."""
    if field not in (Field.CONTACT, Field.PHONE):
        return field
    sides = [c.field for c in columns if c.field in _BUILDER_SIDE | _RESPONSIBLE_SIDE]
    responsible = bool(sides) and sides[-1] in _RESPONSIBLE_SIDE
    if field is Field.CONTACT:
        choice = (Field.RESPONSIBLE_PERSON, Field.BUILDER_CONTACT)
    else:
        choice = (Field.RESPONSIBLE_PHONE, Field.BUILDER_PHONE)
    preferred, other = choice if responsible else choice[::-1]
    return other if preferred in taken else preferred


def with_unit_rows(layout: Layout, grid: Grid) -> Layout:
    """The amount units stated in the rows just under the header: a row of units under the
    columns ("亿元", "（万元）") sets each column's, a "单位：万元" line all columns' that name
    none. The rows stay out of the data (rows.RowClassifier passes them over). A "单位：万元"
    written in a cell of the header itself, read as a column nobody filled, does the same."""
    columns, ignored = layout.columns, layout.ignored_headers
    stated = [header for header in ignored if amount_statement(header)]
    if stated:
        factor = amount_statement(stated[0])
        columns = tuple(replace(c, factor=factor) if c.factor is None else c for c in columns)
        ignored = tuple(header for header in ignored if header not in stated)
    for row in grid[layout.first_data_row : layout.first_data_row + 2]:
        filled = {index: text for index, value in enumerate(row) if (text := _cell_text(value))}
        units = {index: read_label(text) for index, text in filled.items()}
        labels = units.values()
        if any(label.factor for label in labels) and all(
            label.core in _OTHER_UNITS for label in labels
        ):
            columns = tuple(
                replace(column, factor=units[column.index].factor)
                if column.factor is None and column.index in units
                else column
                for column in columns
            )
        elif len(set(filled.values())) == 1 and (factor := amount_statement(*set(filled.values()))):
            columns = tuple(
                replace(column, factor=factor) if column.factor is None else column
                for column in columns
            )
    return replace(layout, columns=columns, ignored_headers=ignored)


def _cell_text(value: object) -> str:
    return str(value).strip() if isinstance(value, str) else ""


def with_default_factor(layout: Layout, factor: int | Decimal | None) -> Layout:
    """The amount unit of a "单位：亿元" line, for amount columns that do not name their own."""
    if factor is None:
        return layout
    columns = tuple(
        replace(column, factor=factor) if column.factor is None else column
        for column in layout.columns
    )
    return replace(layout, columns=columns)
