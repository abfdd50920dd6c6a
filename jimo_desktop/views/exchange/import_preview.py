"""What the import dialog shows before anything is written: a line per row found (and per
file or sheet that was refused, and per note on a file, sheet or cell outside the rows), the
bad cells marked with what was found there and why, and the near matches waiting for the
officer's answer."""

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QColor

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.money import format_wan
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.plan import (
    CREATE_QUESTION,
    Action,
    ImportPlan,
    Kind,
    PlannedRow,
    Problem,
)
from jimo_desktop.views.common.record_table import CENTRE, RIGHT, Column

BAD_MARK = "× "
ACTION_COLOURS = {
    Action.BAD: QColor("#c0392b"),
    Action.ASK: QColor("#b9770e"),
    Action.UNCHANGED: QColor("#7f8c8d"),
}
REFUSED = "不能导入"
NOTE = "提示"


@dataclass(frozen=True)
class PreviewLine:
    """One line of the preview: a row of a sheet, or a file or sheet refused as a whole."""

    file: str
    sheet: str
    row: int | None
    action: str
    name: str = ""
    unit: str = ""
    cells: dict[Field, str] = field(default_factory=dict)
    remarks: str = ""
    colour: QColor | None = None
    planned: PlannedRow | None = None


def preview_lines(plan: ImportPlan, unit_names: dict[int, str]) -> list[PreviewLine]:
    """Refusals of whole files and sheets first, then the notes on them, then every row in
    file order."""
    whole = [_refusal(problem) for problem in plan.problems if problem.where.row is None]
    files = [Path(path).name for path in plan.files]
    notes = [_note_line(note, files) for note in plan.notes]
    return whole + notes + [_row_line(row, unit_names) for row in plan.rows]


def _refusal(problem: Problem) -> PreviewLine:
    where = problem.where
    return PreviewLine(
        where.file, where.sheet or "", None, REFUSED, remarks=problem.message,
        colour=ACTION_COLOURS[Action.BAD],
    )  # fmt: skip


def _note_line(note: str, files: list[str]) -> PreviewLine:
    """ "表.xlsx “Sheet1”表 第1行 A列：…": the place (file, sheet, cell) apart from what is said."""
    file = next((name for name in files if note.startswith(name)), "")
    place, _, message = note[len(file) :].partition("：")
    return PreviewLine(file + place, "", None, NOTE, remarks=message)


def _row_line(row: PlannedRow, unit_names: dict[int, str]) -> PreviewLine:
    remarks = [f"{_column_of(p)}{p.message}" for p in row.problems]
    # A row's note starts with the row's place; the column named after it stays.
    remarks += [note.removeprefix(str(row.where)).lstrip(" ：") for note in row.notes]
    if row.near is not None:
        remarks.append(row.near.question(row.name))
        remarks += [f"若是同一项目：{problem.message}" for problem in row.near.problems]
    if row.doubt is not None:
        remarks.append(f"{row.doubt.message}，待确认")
    if row.creates is not None:
        remarks.append(CREATE_QUESTION.format(name=row.name))
    if row.raises:
        remarks.append(f"将提出问题：{row.raises}")
    return PreviewLine(
        file=row.where.file,
        sheet=row.where.sheet or "",
        row=row.where.row,
        action=row.action.label,
        name=row.name or _bad(row, Field.NAME),
        unit=unit_names.get(row.unit_id, "") if row.unit_id else _bad(row, Field.UNIT),
        cells={f: _shown(row, f) for f in (*SHOWN_AMOUNTS, *SHOWN_DATES, Field.IMAGE_PROGRESS)},
        remarks="；".join(remarks),
        colour=ACTION_COLOURS.get(row.action),
        planned=row,
    )


def _column_of(problem: Problem) -> str:
    where = problem.where
    return f"{where.header}：" if where.column is not None and where.header else ""


SHOWN_AMOUNTS = (Field.TOTAL, Field.ANNUAL_PLAN, Field.COMPLETED_THIS_YEAR)
SHOWN_DATES = (Field.PLANNED_START, Field.PLANNED_END)


def _shown(row: PlannedRow, wanted: Field) -> str:
    if wanted in row.bad_cells:
        return _bad(row, wanted)
    value = row.values.get(wanted)
    if value is None:
        return ""
    if wanted in SHOWN_AMOUNTS:
        return format_wan(value)
    if wanted in SHOWN_DATES:
        return format_partial_date(value)
    return str(value)


def _bad(row: PlannedRow, wanted: Field) -> str:
    return f"{BAD_MARK}{row.bad_cells[wanted]}" if wanted in row.bad_cells else ""


def preview_columns(kind: Kind) -> list[Column]:
    """The columns of the preview; a 调度表 shows its month's figures instead of the plan."""
    amounts = (
        [("累计完成（万元）", Field.COMPLETED_THIS_YEAR), ("形象进度", Field.IMAGE_PROGRESS)]
        if kind is Kind.PROGRESS
        else [
            ("总投资（万元）", Field.TOTAL),
            ("年度计划（万元）", Field.ANNUAL_PLAN),
            ("计划开工", Field.PLANNED_START),
            ("计划竣工", Field.PLANNED_END),
        ]
    )
    return [
        Column("位置", _place, width=150),
        Column("行", lambda line: str(line.row or ""), lambda line: line.row or 0, RIGHT, 40),
        Column("处理", lambda line: line.action, align=CENTRE, width=60),
        Column("项目名称", lambda line: line.name, width=220),
        Column("区位", lambda line: line.unit, width=84),
        *(_cell_column(header, wanted) for header, wanted in amounts),
        Column("说明", lambda line: line.remarks),
    ]


def _place(line: PreviewLine) -> str:
    return f"{line.file} · {line.sheet}" if line.sheet else line.file


def _cell_column(header: str, wanted: Field) -> Column:
    align = RIGHT if wanted in SHOWN_AMOUNTS else CENTRE
    return Column(header, lambda line: line.cells.get(wanted, ""), align=align, width=118)
