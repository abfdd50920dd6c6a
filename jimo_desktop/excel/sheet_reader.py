"""One sheet of a submission read into planned rows: each project row's values converted,
each value that cannot be read a problem at its cell. Nothing here knows the database; the
dictionaries come in as matchers.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from jimo_desktop.excel import values
from jimo_desktop.excel.fields import PROGRESS_FIELDS, Field
from jimo_desktop.excel.headers import Column, Layout, find_layout
from jimo_desktop.excel.headers import with_default_factor as with_amount_unit
from jimo_desktop.excel.plan import Kind, PlannedRow, Problem, RowRef, Where
from jimo_desktop.excel.rows import RowClassifier, RowKind, is_explanation_sheet, looks_like_prose
from jimo_desktop.excel.titles import Titles, read_titles
from jimo_desktop.excel.units import DictionaryMatcher
from jimo_desktop.excel.values import CellError, ImpreciseDate
from jimo_desktop.excel.workbook import Sheet

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


@dataclass(frozen=True)
class Options:
    kind: Kind | None = None
    unit_id: int | None = None
    period: str | None = None
    business_year: int = 2020


@dataclass(frozen=True)
class Matchers:
    units: DictionaryMatcher
    industries: DictionaryMatcher


@dataclass
class SheetResult:
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    needs_unit: bool = False
    needs_period: bool = False


def read_sheet(path: str, shown_as: str, sheet: Sheet, options: Options, matchers: Matchers):
    """The sheet's project rows, or why it was passed over (a note) or refused (a problem)."""
    result = SheetResult()
    where = Where(shown_as, sheet.name)
    if not sheet.visible:
        result.notes.append(f"{where}：隐藏的工作表，未导入")
        return result
    if is_explanation_sheet(sheet.name):
        result.notes.append(f"{where}：说明页，未导入")
        return result
    grid = sheet.grid
    layout = find_layout(grid)
    if layout is None:
        if looks_like_prose(grid):
            if any(any(values.text(v) for v in row) for row in grid):
                result.notes.append(f"{where}：只有文字说明，未导入")
            return result
        message = "找不到表头：前15行中没有“项目名称”及其他可识别的列名"
        result.problems.append(Problem(where, message))
        return result
    titles = read_titles(grid[: layout.header_rows[0]])
    layout = with_amount_unit(layout, titles.amount_factor)
    _SheetReader(path, where, grid, layout, titles, options, matchers, result).read()
    return result


class _SheetReader:
    """Reads the rows under one sheet's header, with what the sheet says for all of them."""

    def __init__(
        self, path, where, grid, layout: Layout, titles: Titles, options, matchers, result
    ):
        self._path, self._where, self._grid, self._layout = path, where, grid, layout
        self._titles, self._options, self._matchers = titles, options, matchers
        self._result = result
        detected = Kind.PROGRESS if layout.fields() & PROGRESS_FIELDS else Kind.PROJECTS
        self._kind = options.kind or detected
        self._columns = {column.field: column for column in layout.columns}
        self._unit_id = self._sheet_unit()
        self._period = self._sheet_period()
        self._year = self._sheet_year()
        self._stage = values.stage_of(where.sheet or "")
        self._converters = [
            (column, column.field, self._converter(column))
            for column in layout.columns
            if column.field not in (Field.SERIAL, Field.IGNORED)
        ]

    def read(self) -> None:
        if self._kind is Kind.PROGRESS and not self._layout.fields() & PROGRESS_FIELDS:
            message = "表中没有进度列（如“1-N月累计完成投资”“形象进度”“存在问题”）"
            self._result.problems.append(Problem(self._where, message))
            return
        if self._layout.ignored_headers:
            shown = "、".join(f"“{header}”" for header in self._layout.ignored_headers)
            self._result.notes.append(f"{self._where}：未识别的列 {shown}，未导入")
        classifier = RowClassifier(self._layout)
        for number in range(self._layout.first_data_row, len(self._grid)):
            cells = self._grid[number]
            kind = classifier.kind(cells)
            if kind is RowKind.HEADING:
                heading = values.text(next(value for value in cells if value))
                self._stage = values.stage_of(heading) or self._stage
            elif kind in (RowKind.PROJECT, RowKind.NO_NAME):
                self._result.rows.append(self._row(number, cells, kind))
        self._check_sheet_needs()

    def _row(self, number: int, cells: list, kind: RowKind) -> PlannedRow:
        where = Where(self._where.file, self._where.sheet, number + 1)
        row = PlannedRow(RowRef(self._path, self._where.sheet, number + 1), where, self._kind, "")
        row.columns = self._columns
        found = row.values
        for column, holds, convert in self._converters:
            value = cells[column.index] if column.index < len(cells) else None
            if value is None or value == "":
                continue
            try:
                if holds is Field.BUILD_PERIOD:
                    _read_period(row, column, value)
                elif (converted := convert(value)) is not None and converted != "":
                    found[holds] = converted
            except ImpreciseDate as error:
                row.notes.append(f"{where} {column.header}：{error}")
            except CellError as error:
                row.add_problem(str(error), column, values.text(value))
        row.name = found.get(Field.NAME, "")
        if kind is RowKind.NO_NAME:
            row.add_problem("缺少项目名称")
        self._complete(row)
        return row

    def _complete(self, row: PlannedRow) -> None:
        row.unit_id = row.values.get(Field.UNIT, self._unit_id)
        if Field.STAGE not in row.values and self._stage is not None:
            row.values[Field.STAGE] = self._stage
        row.period = self._period
        row.year = self._year

    def _converter(self, column: Column) -> Callable[[object], object]:
        """How the column's cells are read; raises CellError for a value that cannot be."""
        if column.field in _TEXT:
            return values.text
        if column.field in _LONG_TEXT:
            return values.long_text
        if column.field in _AMOUNTS:
            return functools.partial(values.amount, factor=column.factor)
        if column.field in _DATES:
            return values.partial_date
        units, industries = self._matchers.units, self._matchers.industries
        converters = {
            Field.UNIT: functools.partial(self._known, units, what="区位"),
            Field.INDUSTRY: functools.partial(self._known, industries, what="产业"),
            Field.BUILDER_PHONE: values.phone,
            Field.RESPONSIBLE_PHONE: values.phone,
            Field.GOVERNMENT: values.yes_no,
            Field.IN_STATISTICS: values.yes_no,
            Field.NATURE: values.nature,
            Field.LEVEL: values.level,
            Field.STAGE: values.stage,
        }
        return converters.get(column.field, _nothing)

    @staticmethod
    def _known(matcher: DictionaryMatcher, value: object, what: str) -> int | None:
        written = values.text(value)
        if not written:
            return None
        found = matcher.match(written)
        if found is None:
            raise CellError(f"“{written}”不在{what}字典中（可在“设置”中添加，或加为别名）")
        return found

    def _sheet_unit(self) -> int | None:
        units = self._matchers.units
        if self._titles.unit and (found := units.match(self._titles.unit)) is not None:
            return found
        named = units.find_in(f"{self._titles.text}\n{self._where.sheet}")
        return named if named is not None else self._options.unit_id

    def _sheet_period(self) -> str | None:
        if self._options.period or self._titles.period:
            return self._options.period or self._titles.period
        month = next((c.month for c in self._layout.columns if c.month), None)
        year = self._titles.year or self._options.business_year
        return f"{year}-{month:02d}" if month else None

    def _sheet_year(self) -> int:
        """The year a 申报表 lists its projects for: "2021年计划投资", the title, the month."""
        plan = self._columns.get(Field.ANNUAL_PLAN)
        period = self._options.period or self._titles.period
        from_period = int(period[:4]) if period else None
        return (
            (plan.year if plan else None)
            or self._titles.year
            or from_period
            or self._options.business_year
        )

    def _check_sheet_needs(self) -> None:
        rows = self._result.rows
        unplaced = [r for r in rows if r.unit_id is None and Field.UNIT not in r.bad_cells]
        if self._kind is Kind.PROJECTS and unplaced:
            self._result.needs_unit = True
            written = (
                f"“填报单位：{self._titles.unit}”不在区位字典中，" if self._titles.unit else ""
            )
            self._blocked(
                unplaced,
                f"无法确定区位：{written}表中也没有“区位”列；请指定区位（命令行用 --unit）",
            )
        if self._kind is Kind.PROGRESS and self._period is None:
            self._result.needs_period = True
            message = "无法确定报表月份：标题中没有“2020年1-6月”之类的字样；请指定月份（--period）"
            self._blocked(rows, message)

    def _blocked(self, rows: list[PlannedRow], message: str) -> None:
        """A problem of the whole sheet that keeps `rows` from being imported."""
        problem = Problem(self._where, message)
        self._result.problems.append(problem)
        for row in rows:
            row.problems.append(problem)


def _read_period(row: PlannedRow, column: Column, value: object) -> None:
    """建设起止年限 in one cell: each end read on its own, so one slip loses only itself."""
    start, end = values.range_parts(value)
    for part, target in ((start, Field.PLANNED_START), (end, Field.PLANNED_END)):
        try:
            found = values.partial_date(part)
        except ImpreciseDate as error:
            row.notes.append(f"{row.where} {column.header}：{error}")
            continue
        if found is not None:
            row.values.setdefault(target, found)


def _nothing(value: object) -> None:
    """Columns read otherwise (建设起止年限) or not at all."""
    return None
