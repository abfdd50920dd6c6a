"""Lists as print-ready sheets: the project list in the bureau's standard layout (which is
also the import template), and any other list view through `export_table`.

This module knows nothing of the database: the store hands it a `ProjectListing` (see
store/project_library/export_queries.py) and the views hand it rows of values.
"""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.progress import completion_rate
from jimo_desktop.domain.project import Level, Nature, Stage
from jimo_desktop.excel.sheet_format import (
    Kind,
    SheetColumn,
    SheetHeading,
    amount_totals,
    new_workbook,
    save_workbook,
    sheet_name,
    write_sheet,
)

# The four batches (四个一批) in the order the work plan names them, then 投产.
BATCH_SHEETS = (
    (Stage.COMPLETED, "竣工一批"),
    (Stage.STARTED, "开工一批"),
    (Stage.RESERVE, "储备一批"),
    (Stage.PLANNING, "谋划一批"),
    (Stage.PRODUCING, "已投产"),
)
SHEET_NAME = "项目清单"


class ProjectLine(Protocol):
    """One project of the list (store.export_queries.ProjectLine has these fields)."""

    name: str
    unit: str
    builder: str
    industry: str
    nature: Nature | None
    stage: Stage
    level: Level | None
    total_investment: int | None
    annual_plan: int | None
    planned_start: str | None
    planned_end: str | None
    responsible_unit: str
    responsible_person: str
    code: str
    completed_this_year: int | None
    image_progress: str
    problems_noted: str
    in_statistics: bool


class ProjectListing(Protocol):
    title: str
    unit_line: str
    date_line: str
    period: str | None
    lines: Sequence[ProjectLine]


@dataclass(frozen=True)
class _Field:
    column: SheetColumn
    value: Callable[[ProjectLine], object]


SERIAL = SheetColumn("序号", Kind.CENTRED, max_width=6)
ANNUAL_PLAN = SheetColumn("年度计划投资（万元）", Kind.AMOUNT)
COMPLETED = SheetColumn("累计完成投资（万元）", Kind.AMOUNT)
RATE = SheetColumn("占年度计划（%）", Kind.PERCENT, ratio_of=(COMPLETED.header, ANNUAL_PLAN.header))
PROJECT_FIELDS = (
    _Field(SheetColumn("项目名称", max_width=30, min_width=16), lambda p: p.name),
    _Field(SheetColumn("区位", max_width=12), lambda p: p.unit),
    _Field(SheetColumn("建设单位", max_width=20, min_width=10), lambda p: p.builder),
    _Field(SheetColumn("所属产业", Kind.CENTRED, max_width=10), lambda p: p.industry),
    _Field(SheetColumn("建设性质", Kind.CENTRED), lambda p: p.nature.label if p.nature else ""),
    _Field(SheetColumn("阶段", Kind.CENTRED), lambda p: p.stage.label),
    _Field(SheetColumn("项目级别", Kind.CENTRED), lambda p: p.level.label if p.level else ""),
    _Field(SheetColumn("总投资（万元）", Kind.AMOUNT), lambda p: p.total_investment),
    _Field(ANNUAL_PLAN, lambda p: p.annual_plan),
    _Field(
        SheetColumn("计划开工时间", Kind.CENTRED), lambda p: format_partial_date(p.planned_start)
    ),
    _Field(SheetColumn("计划竣工时间", Kind.CENTRED), lambda p: format_partial_date(p.planned_end)),
    _Field(SheetColumn("责任单位", max_width=18), lambda p: p.responsible_unit),
    _Field(SheetColumn("责任人", Kind.CENTRED), lambda p: p.responsible_person),
    _Field(SheetColumn("项目代码", max_width=22), lambda p: p.code),
    _Field(SheetColumn("是否纳统", Kind.CENTRED), lambda p: "是" if p.in_statistics else "否"),
    _Field(SheetColumn("纳统时间", Kind.CENTRED), lambda p: format_partial_date(p.statistics_date)),
)
PROGRESS_FIELDS = (
    _Field(COMPLETED, lambda p: p.completed_this_year),
    _Field(RATE, lambda p: completion_percent(p.completed_this_year, p.annual_plan)),
    _Field(SheetColumn("形象进度", max_width=20, min_width=10), lambda p: p.image_progress),
    _Field(SheetColumn("存在问题", max_width=20, min_width=10), lambda p: p.problems_noted),
)
PROJECT_COLUMNS = (SERIAL, *(field.column for field in PROJECT_FIELDS))
PROGRESS_COLUMNS = tuple(field.column for field in PROGRESS_FIELDS)


def completion_percent(completed: int | None, plan: int | None) -> Decimal | None:
    """占年度计划 of one line: blank when the month has no report, or there is no plan."""
    return None if completed is None else completion_rate(completed, plan)


def write_project_list(path: Path | str, listing: ProjectListing, by_batch: bool = False) -> Path:
    """The bureau's standard sheet; with a period also the month's progress columns.

    `by_batch` puts each batch of 四个一批 on its own sheet, numbered and totalled apart.
    """
    fields = PROJECT_FIELDS + (PROGRESS_FIELDS if listing.period else ())
    workbook = new_workbook()
    for name, batch, lines in _sheets(listing.lines, by_batch):
        _project_sheet(workbook.create_sheet(name), listing, lines, fields, batch)
    return save_workbook(workbook, path)


def _sheets(lines: Sequence[ProjectLine], by_batch: bool) -> list[tuple[str, str, list]]:
    """(sheet name, batch named in the title, lines) for every sheet to write."""
    batches = [
        (name, name, [line for line in lines if line.stage is stage])
        for stage, name in (BATCH_SHEETS if by_batch else ())
    ]
    return [batch for batch in batches if batch[2]] or [(SHEET_NAME, "", list(lines))]


def _project_sheet(sheet, listing: ProjectListing, lines, fields, batch: str) -> None:
    columns = [SERIAL, *(field.column for field in fields)]
    rows = [
        [number, *(field.value(line) for field in fields)]
        for number, line in enumerate(lines, start=1)
    ]
    totals = amount_totals(columns, rows)
    if RATE in columns:
        totals[columns.index(RATE)] = completion_percent(
            totals[columns.index(COMPLETED)], totals[columns.index(ANNUAL_PLAN)]
        )
    title = f"{listing.title}（{batch}）" if batch else listing.title
    heading = SheetHeading(title, listing.unit_line, listing.date_line)
    # 序号 and 项目名称 stay in view when scrolling right.
    write_sheet(sheet, heading, columns, rows, totals, frozen_columns=2)


def export_table(
    path: Path | str,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    amount_columns: Collection[str] = (),
    unit_line: str = "",
    date_line: str = "",
    totals: bool = False,
) -> Path:
    """Any list as a print-ready sheet: text values, and amounts (cents of 万元) in the
    columns named in `amount_columns`, with their sums in a totals row if asked."""
    columns = [
        SheetColumn(header, Kind.AMOUNT if header in amount_columns else Kind.TEXT, max_width=30)
        for header in headers
    ]
    workbook = new_workbook()
    heading = SheetHeading(title, unit_line, date_line)
    totals_row = amount_totals(columns, rows) if totals else None
    write_sheet(workbook.create_sheet(sheet_name(title)), heading, columns, rows, totals_row)
    return save_workbook(workbook, path)
