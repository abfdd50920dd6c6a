"""One sheet of a submission read into planned rows: each project row's values converted,
each value that cannot be read a problem at its cell. Nothing here knows the database; the
dictionaries come in as matchers.
"""

import operator
from dataclasses import dataclass, field

from jimo_desktop.domain import stage_words
from jimo_desktop.domain.amount_words import RangeAnswer
from jimo_desktop.domain.stage_words import EarlyStages
from jimo_desktop.excel import template_keys
from jimo_desktop.excel.importing import values, years
from jimo_desktop.excel.importing.fields import PROGRESS_FIELDS, Field
from jimo_desktop.excel.importing.plan import Kind, PlannedRow, Problem, RowRef, Where
from jimo_desktop.excel.importing.row_meanings import Batch, RowMeanings, read_period, units_said
from jimo_desktop.excel.importing.rows import (
    RowClassifier,
    RowKind,
    is_explanation_sheet,
    looks_like_prose,
)
from jimo_desktop.excel.importing.units import DictionaryMatcher
from jimo_desktop.excel.importing.values import CellError, ImpreciseDate
from jimo_desktop.excel.reading.column_values import (
    Failed,
    converted,
    reader_of,
    refusing_error_cells,
)
from jimo_desktop.excel.reading.headers import Column, Layout, find_layout, with_unit_rows
from jimo_desktop.excel.reading.headers import with_default_factor as with_amount_unit
from jimo_desktop.excel.reading.hidden_cells import clean_grid, say_cleaned, sheet_place
from jimo_desktop.excel.reading.titles import Titles, read_titles
from jimo_desktop.excel.reading.totals_and_notes import (
    TotalRow,
    carry_notes,
    continues_note,
    note_text,
    total_row,
    total_warnings,
    unit_stated_below,
)
from jimo_desktop.excel.reading.workbook import Sheet


@dataclass(frozen=True)
class Options:
    kind: Kind | None = None
    unit_id: int | None = None
    period: str | None = None  # YYYY-MM, as the officer gave them
    year: int | None = None
    ranges: RangeAnswer | None = None  # which end of an amount range counts, if answered


@dataclass(frozen=True)
class Matchers:
    units: DictionaryMatcher
    industries: DictionaryMatcher
    early: EarlyStages = field(default_factory=EarlyStages)  # how 签约 and 前期 count (设置)


@dataclass
class SheetResult:
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    needs_unit: bool = False
    needs_period: bool = False
    needs_year: bool = False
    needs_range: bool = False
    filing: years.Filing | None = None  # where the rows were filed, when they were


def read_sheet(
    path: str,
    shown_as: str,
    sheet: Sheet,
    options: Options,
    matchers: Matchers,
    workbook: years.WorkbookWords,
):
    """The sheet's project rows, or why it was passed over (a note) or refused (a problem)."""
    result = SheetResult()
    where = sheet_place(shown_as, sheet.name, result.notes)
    if not sheet.visible:
        result.notes.append(f"{where}：隐藏的工作表，未导入")
        return result
    if is_explanation_sheet(where.sheet):
        result.notes.append(f"{where}：说明页，未导入")
        return result
    grid = sheet.grid
    cleaned = clean_grid(grid, sheet.merged)
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
    stated = titles.amount_factor or unit_stated_below(grid)
    layout = with_amount_unit(with_unit_rows(layout, grid), stated)
    result.notes.extend(units_said(where, layout.columns))
    reader = _SheetReader(path, where, grid, layout, titles, options, matchers, result)
    reader.file_under(workbook.levels(sheet.name, years.own_words(sheet.name, titles, layout)))
    if sheet.has_error_cells:
        reader.refuse_error_cells()
    reader.read()
    result.problems.extend(
        template_keys.read_keys(grid, layout, result.rows, matchers.units.names, options.unit_id)
    )
    say_cleaned(cleaned, where, layout, result.rows, result.notes)
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
        self._meanings = RowMeanings(where, self._columns, options.ranges)
        self._unit_id = self._sheet_unit()
        self._from_place = 0  # rows whose 区位 their 建设地点 gave
        self._totals: list[TotalRow] = []
        self._notes_below: list[str] = []  # "注：…" lines under the table
        self._stage = self._batch(where.sheet or "", f"{where}的表名")
        self._converters = [
            (column, *reader_of(column, matchers.units, matchers.industries, matchers.early))
            for column in layout.columns
            if column.field not in (Field.SERIAL, Field.IGNORED)
        ]
        self._fields = [column.field for column, _, _ in self._converters]
        self._has_period = Field.BUILD_PERIOD in self._fields

    def _batch(self, words: str, where: str) -> Batch:
        """The batch a sheet name or heading names; one set by 设置 (签约, 前期) is said."""
        found = stage_words.meaning(words, self._matchers.early)
        if found is None or found.stage is None:
            return None
        if found.by_setting:
            self._result.notes.append(f"{where}“{words}”：以下各行{found.said(quoted=False)}")
        return found.stage, found.nature

    def file_under(self, levels: list[list[years.Stated]]) -> None:
        """Decide the year (and a 调度表's month) from the places `levels` lists in order.
        --period is a 调度表's: it gives no 申报表 its year."""
        report = self._kind is Kind.PROGRESS
        given = self._options.period if report else None
        self._filing = years.filing(
            levels,
            self._options.year or (int(given[:4]) if given else None),
            int(given[5:]) if given else None,
            with_month=report,
        )
        self._period, self._year = self._filing.period, self._filing.year

    def refuse_error_cells(self) -> None:
        self._converters = [
            (column, refusing_error_cells(convert), repeats)
            for column, convert, repeats in self._converters
        ]

    def read(self) -> None:
        if self._kind is Kind.PROGRESS and not self._layout.fields() & PROGRESS_FIELDS:
            message = "表中没有进度列（如“1-N月累计完成投资”“形象进度”“存在问题”）"
            self._result.problems.append(Problem(self._where, message))
            return
        if self._layout.ignored_headers:
            shown = "、".join(f"“{header}”" for header in self._layout.ignored_headers)
            self._result.notes.append(f"{self._where}：未识别的列 {shown}，未导入")
        found = self._project_rows()
        columns, failed = self._converted_columns([cells for _, cells, _, _ in found])
        by_row = zip(*columns, strict=True)  # the name column is always there
        self._result.rows.extend(
            self._row(number, cells, kind, stage, cell_values, position in failed)
            for position, ((number, cells, kind, stage), cell_values) in enumerate(
                zip(found, by_row, strict=True)
            )
        )
        self._result.notes.extend(self._meanings.notes())
        self._result.needs_range |= self._meanings.needs_range
        self._say_beside_rows()
        self._check_sheet_needs()

    def _say_beside_rows(self) -> None:
        """合计 rows that disagree with their rows, and the notes under a 申报表 in remarks."""
        rows, notes = self._result.rows, self._result.notes
        notes.extend(total_warnings(self._where, self._columns, self._totals, rows))
        if self._kind is Kind.PROJECTS and (
            said := carry_notes(self._where, self._notes_below, rows)
        ):
            notes.append(said)

    def _converted_columns(self, table: list[list]) -> tuple[list[list], set[int]]:
        """Each read column's converted values, and the positions of rows with a bad cell."""
        shortest = min(map(len, table), default=0)
        columns, failed = [], set()
        for column, convert, repeats in self._converters:
            if column.index < shortest:
                cells = list(map(operator.itemgetter(column.index), table))
            else:  # beyond the end of some rows
                cells = [_cell(row, column.index) for row in table]
            column_values, failed_at = converted(convert, cells, repeats=repeats)
            columns.append(column_values)
            failed |= failed_at
        return columns, failed

    def _project_rows(self) -> list[tuple[int, list, RowKind, Batch]]:
        """(number, cells, kind, batch) of each project row; a section heading names the batch
        of the rows below it."""
        classifier = RowClassifier(self._layout)
        stage = self._stage
        found: list[tuple[int, list, RowKind, Batch]] = []
        since_break = 0  # where the rows a 小计 sums begin
        for number in range(self._layout.first_data_row, len(self._grid)):
            cells = self._grid[number]
            kind = classifier.kind(cells)
            if self._notes_below and kind is not RowKind.PROJECT and continues_note(cells):
                self._notes_below.append(values.text(next(v for v in cells if values.text(v))))
            elif kind is RowKind.HEADING:
                heading = values.text(next(value for value in cells if value))
                said = f"{Where(self._where.file, self._where.sheet, number + 1)}的小标题"
                stage = self._batch(heading, said) or stage
                since_break = len(found)
            elif kind in (RowKind.PROJECT, RowKind.NO_NAME):
                found.append((number, cells, kind, stage))
            elif kind is RowKind.TOTAL:
                self._totals.append(total_row(number, cells, len(found), since_break))
                since_break = len(found)
            elif kind is RowKind.FOOTER and (note := note_text(cells)):
                self._notes_below.append(note)
        return found

    def _row(
        self,
        number: int,
        cells: list,
        kind: RowKind,
        stage: Batch,
        cell_values: tuple,
        failed: bool,
    ) -> PlannedRow:
        """The planned row of sheet row `number` from its `cell_values` (one a read column),
        the batch above it, and whether one of its cells could not be read."""
        sheet, excel_row = self._where.sheet, number + 1
        row = PlannedRow(
            RowRef(self._path, sheet, excel_row),
            Where(self._where.file, sheet, excel_row),
            self._kind,
            "",
            columns=self._columns,
            year=self._year,
            period=self._period,
        )
        if self._has_period or failed:
            self._read_cells(row, cells, cell_values)
        else:  # the usual row: every cell read or blank
            row.values = {
                holds: value
                for holds, value in zip(self._fields, cell_values, strict=True)
                if value is not None and value != ""
            }
        found = row.values
        row.name = found.get(Field.NAME, "")
        if kind is RowKind.NO_NAME:
            row.add_problem("缺少项目名称")
        row.unit_id = found.get(Field.UNIT, self._unit_id)
        if row.unit_id is None and Field.UNIT not in row.bad_cells:
            row.unit_id = self._unit_of_place(found.get(Field.LOCATION))
        self._meanings.settle(row, stage)
        return row

    def _read_cells(self, row: PlannedRow, cells: list, cell_values: tuple) -> None:
        """The row's values, its unreadable cells said in column order, 建设起止年限 split."""
        for (column, _, _), value in zip(self._converters, cell_values, strict=True):
            if type(value) is Failed:
                if not isinstance(value.error, CellError):
                    raise value.error
                _cell_error(row, column, _cell(cells, column.index), value.error)
            elif column.field is Field.BUILD_PERIOD:
                period = _cell(cells, column.index)
                if period is None or period == "":
                    continue
                try:
                    read_period(row, column, period)
                except CellError as error:
                    _cell_error(row, column, period, error)
            elif value is not None and value != "":
                row.values[column.field] = value

    def _sheet_unit(self) -> int | None:
        """The 区位 the sheet states above its table or in its name; None if it states none."""
        units = self._matchers.units
        if self._titles.unit and (found := units.match(self._titles.unit)) is not None:
            return found
        return units.find_in(f"{self._titles.text}\n{self._where.sheet}")

    def _unit_of_place(self, place: str | None) -> int | None:
        """The one 区位 a row's 建设地点 names, else the one the officer gave (--unit)."""
        named = self._matchers.units.named_in(place) if place else []
        if len(named) == 1:
            self._from_place += 1
            return named[0]
        return self._options.unit_id

    def _check_sheet_needs(self) -> None:
        rows = self._result.rows
        if self._from_place:
            place = self._columns[Field.LOCATION].header
            count = self._from_place
            self._result.notes.append(f"{self._where}：{count} 行的区位取自“{place}”中的地名")
        unplaced = [r for r in rows if r.unit_id is None and Field.UNIT not in r.bad_cells]
        unplaced = [r for r in unplaced if not self._ask_place(r)]
        if self._kind is Kind.PROJECTS and unplaced:
            self._result.needs_unit = True
            written = (
                f"“填报单位：{self._titles.unit}”不在区位字典中，" if self._titles.unit else ""
            )
            column = self._columns.get(Field.UNIT)
            if column is None:
                self._blocked(
                    unplaced,
                    f"无法确定区位：{written}表中也没有“区位”列；请指定区位（命令行用 --unit）",
                )
            else:  # the column is there, left blank in these rows: said at each blank cell
                above = written or "表头上方也没有“填报单位”，"
                for row in unplaced:
                    row.add_problem(f"未填区位，{above}请填写或指定区位（命令行用 --unit）", column)
        for problem in self._filing.problems:
            self._result.needs_period |= problem == years.NO_MONTH
            self._result.needs_year |= problem == years.NO_YEAR
            if rows or problem == years.NO_MONTH:
                self._blocked(rows, problem)
        if rows and not self._filing.problems:
            self._result.filing = self._filing

    def _ask_place(self, row: PlannedRow) -> bool:
        """A row whose 建设地点 names no 区位, or several, is asked at that cell."""
        place = row.values.get(Field.LOCATION)
        if not place or Field.UNIT in self._columns or self._kind is not Kind.PROJECTS:
            return False
        self._result.needs_unit = True
        units = self._matchers.units
        named = "、".join(units.names[entry_id] for entry_id in units.named_in(place))
        said = f"写了多个区位（{named}）" if named else "中没有可识别的区位名称"
        advice = "请写明一个区位，或加“区位”列，或指定区位（命令行用 --unit）"
        row.add_problem(f"无法确定区位：“{place}”{said}；{advice}", self._columns[Field.LOCATION])
        return True

    def _blocked(self, rows: list[PlannedRow], message: str) -> None:
        """A problem of the whole sheet that keeps `rows` from being imported."""
        problem = Problem(self._where, message)
        self._result.problems.append(problem)
        for row in rows:
            row.problems.append(problem)


def _cell(cells: list, index: int) -> object:
    return cells[index] if index < len(cells) else None


def _cell_error(row: PlannedRow, column: Column, value: object, error: CellError) -> None:
    """A year alone is a note (the date is left unknown); any other unreadable cell a problem."""
    if isinstance(error, ImpreciseDate):
        row.notes.append(str(row.problem_at(str(error), column)))
    else:
        row.add_problem(str(error), column, values.text(value))
