"""What a table says beside its projects: 合计 and 小计 rows, checked against the rows they
sum (a mismatch is a warning naming both sums, never a refusal: the rows are what is
imported), and notes under the table ("注：总投资栏为一期投资"), which hold for every project
of the table and so go into each one's remarks.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from jimo_desktop.domain.money import format_wan
from jimo_desktop.excel.importing import values
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.plan import PlannedRow, Where
from jimo_desktop.excel.reading.headers import Column
from jimo_desktop.excel.reading.titles import amount_statement

AMOUNT_FIELDS = (
    Field.TOTAL, Field.ANNUAL_PLAN, Field.COMPLETED_THIS_YEAR, Field.COMPLETED_SINCE_START,
)  # fmt: skip
_SUBTOTAL = re.compile(r"^\s*小\s*计")
_NOTE = re.compile(r"^\s*(?:注|备注|附注)\s*\d*\s*[:：]\s*")
_NOTE_START = re.compile(r"^\s*(?:注|备注|附注|说明)")
_NOTE_ROWS = 20  # how far up from the bottom a note under the table is looked for
_UNIT_CLAUSE = re.compile(r"(?:金额|计量|货币)?单位\s*(?:[:：]|为)\s*(?:亿元|万元|元|亿|万)")
_NOT_SAID = re.compile(
    r"[\s\d注备附说明:：.、．;；,，。()（）]"
)  # what is left of a note saying nothing
_CONTINUED = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．]")  # "2. 计划投资为…"
_HALF_HUNDREDTH = 0.005  # of the column's unit: how far a total printed to 0.01 may be rounded


@dataclass(frozen=True)
class TotalRow:
    """A 合计 / 小计 row, and the positions (among the sheet's project rows) of those it sums."""

    number: int  # from 0
    cells: list
    first: int
    end: int


def total_row(number: int, cells: list, found: int, since_break: int) -> TotalRow:
    """A 小计 sums the project rows since the last heading or total; any other total, all of
    them, wherever it stands (合计 is often the first row under the header)."""
    label = values.text(next((value for value in cells if values.text(value)), ""))
    if _SUBTOTAL.match(label):
        return TotalRow(number, cells, since_break, found)
    return TotalRow(number, cells, 0, -1)


def total_warnings(where: Where, columns: dict, totals: list[TotalRow], rows: list[PlannedRow]):
    """One line for each stated total that differs from the sum of its rows."""
    for total in totals:
        summed = rows[total.first : None if total.end < 0 else total.end]
        for field in AMOUNT_FIELDS:
            column = columns.get(field)
            if column is None or not summed or any(field in row.bad_cells for row in summed):
                continue
            stated = _stated(total.cells, column)
            if stated is None:
                continue
            added = sum(row.values.get(field, 0) for row in summed)
            if abs(stated - added) > _HALF_HUNDREDTH * 100 * float(column.factor or 1):
                place = Where(
                    where.file, where.sheet, total.number + 1, column.index, column.header
                )
                yield (
                    f"{place}：合计 {format_wan(stated)} 万元，与各行之和 {format_wan(added)} 万元"
                    f"（{len(summed)} 行）不符，请核对（仅提示，按各行导入）"
                )


def _stated(cells: list, column: Column) -> int | None:
    """The total's amount in that column; None when blank or not one figure (a formula the
    file keeps no result of, a word)."""
    value = cells[column.index] if column.index < len(cells) else None
    try:
        found = values.amount(value, column.factor)
    except values.CellError:
        return None
    return int(found) if isinstance(found, int) else None


def note_text(cells: list) -> str | None:
    """The text of a note under the table ("注：…"), or None if the row is no note or only
    states the amounts' unit (unit_stated_below reads that)."""
    filled = list(dict.fromkeys(values.long_text(v) for v in cells if values.text(v)))
    if not filled or not _NOTE.match(filled[0]):
        return None
    joined = "".join(filled)  # "注：" in one cell, what it says in the next
    return joined if _NOT_SAID.sub("", _UNIT_CLAUSE.sub("", joined)) else None


def unit_stated_below(grid: list[list]) -> int | Decimal | None:
    """The amounts' unit a note under the table states ("注：金额单位为亿元")."""
    notes = (
        value
        for cells in grid[-_NOTE_ROWS:]
        for value in cells
        if isinstance(value, str) and _NOTE_START.match(value)
    )
    return next((factor for note in notes if (factor := amount_statement(note))), None)


def continues_note(cells: list) -> bool:
    """A numbered line under a note ("2. 计划投资为年度计划"), written in one cell."""
    filled = {values.text(value) for value in cells if values.text(value)}
    return len(filled) == 1 and bool(_CONTINUED.match(next(iter(filled))))


def carry_notes(where: Where, notes: list[str], rows: list[PlannedRow]) -> str | None:
    """The notes under the table added to each project row's 备注; what the preview says."""
    if not notes or not rows:
        return None
    joined = "；".join(note.rstrip("；;。，, ") for note in notes)
    for row in rows:
        written = row.values.get(Field.REMARKS)
        if not written or joined not in written:
            row.values[Field.REMARKS] = f"{written}；{joined}" if written else joined
    return f"{where}：表下注释“{joined}”记入本表 {len(rows)} 个项目的备注"
