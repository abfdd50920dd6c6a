"""What a row's cells mean beyond their values: the stage and nature a 项目类别 or 建设性质 word
maps to (domain.stage_words, each mapping said once per sheet for the preview), an
approximate amount's figure (said at its cell), a range's chosen end (or a problem at its
cell until one is chosen), and a 建设期 split into start and finish (domain.periods).
"""

from decimal import Decimal

from jimo_desktop.domain.amount_words import RangeAnswer
from jimo_desktop.domain.money import WAN_PER_YI, format_wan
from jimo_desktop.domain.periods import Duration, PeriodError, split_period
from jimo_desktop.domain.project import Nature, Stage
from jimo_desktop.domain.stage_words import Meaning
from jimo_desktop.excel.importing import values
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.plan import PlannedRow, Where
from jimo_desktop.excel.importing.values import AmountRange, Approximate, CellError, ImpreciseDate
from jimo_desktop.excel.reading.headers import Column
from jimo_desktop.excel.reading.totals_and_notes import AMOUNT_FIELDS

Batch = tuple[Stage, Nature | None] | None  # what a sheet name or section heading names
_ROWS_SHOWN = 8  # rows listed in a note before "等 N 行"
_UNIT_NAMES = {WAN_PER_YI: "亿元", Decimal("0.0001"): "元"}
_WORDED = frozenset({Approximate, AmountRange})  # amounts read with words around them


class RowMeanings:
    """Settles the rows of one sheet, remembering what the preview must be told."""

    def __init__(self, where: Where, columns: dict[Field, Column], ranges: RangeAnswer | None):
        self._where, self._columns, self._ranges = where, columns, ranges
        self._mappings: dict[tuple[Column, Meaning], list[int]] = {}  # → rows said so
        self.needs_range = False  # a range awaits the officer's choice of end

    def settle(self, row: PlannedRow, batch: Batch) -> None:
        self._settle_stage(row, batch)
        found = row.values
        if (
            type(found.get(Field.TOTAL)) in _WORDED
            or type(found.get(Field.ANNUAL_PLAN)) in _WORDED
            or type(found.get(Field.COMPLETED_THIS_YEAR)) in _WORDED
            or type(found.get(Field.COMPLETED_SINCE_START)) in _WORDED
        ):
            self._settle_amounts(row)

    def _settle_amounts(self, row: PlannedRow) -> None:
        """An approximate amount is its figure, said in the preview; a range is the end the
        officer chose (Options.ranges), or a problem at its cell until one is chosen."""
        found = row.values
        for field_ in AMOUNT_FIELDS:
            value = found.get(field_)
            kind = type(value)
            if kind is Approximate:
                found[field_] = int(value)
                said = f"“{value.written}”按所写数字记为 {format_wan(int(value))} 万元"
                row.notes.append(str(row.problem_at(said, self._columns[field_])))
            elif kind is AmountRange:
                self._answer_range(row, field_, value)

    def _answer_range(self, row: PlannedRow, field_: Field, found: AmountRange) -> None:
        column, answer = self._columns[field_], self._ranges
        del row.values[field_]
        if answer is None:
            self.needs_range = True
            row.add_problem(
                f"“{found.written}”是区间，请改为一个数，或选择取下限、取上限或不填"
                "（命令行用 --ranges lower|upper|blank）",
                column,
                found.written,
            )
            return
        if answer is RangeAnswer.BLANK:
            said = f"“{found.written}”是区间，按选择不填"
        else:
            cents = found.lower if answer is RangeAnswer.LOWER else found.upper
            row.values[field_] = cents
            said = f"“{found.written}”是区间，按选择{answer.label}：{format_wan(cents)} 万元"
        row.notes.append(str(row.problem_at(said, column)))

    def _settle_stage(self, row: PlannedRow, batch: Batch) -> None:
        """Stage and nature from the 类别 and 性质 cells' meanings (domain.stage_words): the
        类别's stage before the 性质's before the sheet's batch, the 性质's nature before the
        类别's; each mapping beyond the program's own words remembered for the preview."""
        found = row.values
        by_class, by_nature = found.pop(Field.STAGE, None), found.pop(Field.NATURE, None)
        if by_class is None and by_nature is None:
            if batch is not None:
                found[Field.STAGE] = batch
            return
        if by_class is not None and by_class.worth_saying:
            self._remember(Field.STAGE, by_class, row)
        if by_nature is not None and by_nature.worth_saying:
            self._remember(Field.NATURE, by_nature, row)
        nature = by_nature.nature if by_nature is not None else None
        if nature is None and by_class is not None:
            nature = by_class.nature
        stage = by_class.stage if by_class is not None else None
        if stage is None and by_nature is not None:
            stage = by_nature.stage
        if nature is not None:
            found[Field.NATURE] = nature
        if stage is not None:
            found[Field.STAGE] = (stage, None)
        elif batch is not None:
            found[Field.STAGE] = batch

    def _remember(self, field_: Field, meaning: Meaning, row: PlannedRow) -> None:
        self._mappings.setdefault((self._columns[field_], meaning), []).append(row.where.row)

    def notes(self) -> list[str]:
        """One note per word read otherwise than as the program's own, with its rows."""
        said = []
        for (column, meaning), rows in self._mappings.items():
            shown = "、".join(map(str, rows[:_ROWS_SHOWN]))
            more = f"等 {len(rows)} 行" if len(rows) > _ROWS_SHOWN else "行"
            where = Where(self._where.file, self._where.sheet, None, column.index, column.header)
            said.append(f"{where}：{meaning.said()}（第{shown}{more}）")
        return said


def units_said(where: Where, columns) -> list[str]:
    """For the preview: each amount column read in a unit other than 万元 that its own header
    does not name, the unit having been stated elsewhere (above, beside or under the table)."""
    said = []
    for column in columns:
        unit = _UNIT_NAMES.get(column.factor)
        if column.field in AMOUNT_FIELDS and unit and unit not in column.header:
            place = Where(where.file, where.sheet, None, column.index, column.header)
            said.append(f"{place}：按表中注明的金额单位“{unit}”读取，折合为万元")
    return said


def read_period(row: PlannedRow, column: Column, value: object) -> None:
    """建设期 in one cell split into its start and finish (domain.periods); an end known only
    by its year, or a length of time, is left unknown with a note at its cell."""
    if not isinstance(value, str):  # a date or a number: the start alone
        try:
            found = values.partial_date(value)
        except ImpreciseDate as error:
            row.notes.append(str(row.problem_at(str(error), column)))
            return
        if found is not None:
            row.values.setdefault(Field.PLANNED_START, found)
        return
    try:
        start, finish = split_period(value)
    except Duration as error:
        row.notes.append(str(row.problem_at(str(error), column)))
        return
    except PeriodError as error:
        raise CellError(str(error)) from error
    for end, target in ((start, Field.PLANNED_START), (finish, Field.PLANNED_END)):
        if end is None:
            continue
        if end.iso is None:
            said = f"“{value}”的{'开工' if target is Field.PLANNED_START else '竣工'}只写了年份"
            row.notes.append(str(row.problem_at(f"{said}（{end.year}年），未导入该时间", column)))
        else:
            row.values.setdefault(target, end.iso)
