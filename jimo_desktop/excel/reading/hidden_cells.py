"""Cells of a submission holding characters nobody can see (domain/hidden_characters.py):
cleaned as a sheet is read, before its header, titles or rows are looked at, and each
cleaned cell said in the import's notes, at its row when the row is a project's. A sheet's
name is cleaned too: it names the batch of its rows (谋划) and the sheet in every message.

A control character before "=HYPERLINK(…)" or a zero-width space inside a name is never
what the unit meant to send: the text is kept without it, and the officer told where.
"""

from jimo_desktop.domain.hidden_characters import code_points, hidden_in, without_hidden
from jimo_desktop.excel.importing.plan import PlannedRow, Where, column_letters
from jimo_desktop.excel.reading.headers import Layout
from jimo_desktop.excel.reading.workbook import Grid, Merged

Cleaned = dict[tuple[int, int], list[str]]  # (row, column) from 0 → the characters taken out
MESSAGE = "有看不见的字符（{}），导入时已删除"


def sheet_place(file: str, sheet_name: str, notes: list[str]) -> Where:
    """Where the sheet's messages point, under its name without hidden characters."""
    where = Where(file, without_hidden(sheet_name))
    if found := hidden_in(sheet_name):
        notes.append(f"{where}：工作表名称{MESSAGE.format(code_points(found))}")
    return where


def clean_grid(grid: Grid, merged: tuple[Merged, ...]) -> Cleaned:
    """Take the hidden characters out of every text cell of `grid`, in place. A merged
    area's value, copied into each of its cells, is counted at its first cell only."""
    cleaned: Cleaned = {}
    for row_number, cells in enumerate(grid):
        for column, value in enumerate(cells):
            # isprintable: one call in C lets the usual cell through (see without_hidden).
            if type(value) is str and not value.isprintable() and (found := hidden_in(value)):
                cells[column] = without_hidden(value)
                if not _inside_merged(row_number, column, merged):
                    cleaned[row_number, column] = found
    return cleaned


def _inside_merged(row: int, column: int, merged: tuple[Merged, ...]) -> bool:
    """Within a merged area but not its first cell."""
    return any(
        top <= row <= bottom and left <= column <= right and (row, column) != (top, left)
        for (top, left), (bottom, right) in merged
    )


def say_cleaned(
    cleaned: Cleaned, where: Where, layout: Layout, rows: list[PlannedRow], notes: list[str]
) -> None:
    """A note for each cleaned cell: in its project row's notes, naming the column, or in
    the sheet's `notes` (titles, headers and the other rows)."""
    by_number = {row.where.row: row for row in rows}
    headers = {column.index: column.header for column in layout.columns}
    for (row_number, column), found in sorted(cleaned.items()):
        message = MESSAGE.format(code_points(found))
        planned = by_number.get(row_number + 1)
        if planned is not None:
            header = headers.get(column) or f"{column_letters(column)}列"
            planned.notes.append(f"{planned.where} {header}：{message}")
        else:
            cell = Where(where.file, where.sheet, row_number + 1, column)
            notes.append(f"{cell}：{message}")
