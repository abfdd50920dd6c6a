"""The tracking lists as print-ready sheets: 问题清单, 督办单, 月推进, 周调度 and 时间节点.

Each list names its sheet columns once here; the `export-excel --list` command and each
page's 导出Excel button hand over the rows (the page: the ones it shows, in its order) and
the sheet is written in the format of every export (excel/sheet_format).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.milestones import Milestone, milestone_lateness
from jimo_desktop.domain.progress import completion_rate, statistics_text
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

SERIAL = SheetColumn("序号", Kind.CENTRED, max_width=6)


@dataclass(frozen=True)
class ListColumn:
    column: SheetColumn
    value: Callable[[Any], object]


def _text(header: str, value, widest: int = 24, narrowest: int = 4) -> ListColumn:
    return ListColumn(SheetColumn(header, Kind.TEXT, widest, narrowest), value)


def _centred(header: str, value) -> ListColumn:
    return ListColumn(SheetColumn(header, Kind.CENTRED, max_width=14), value)


def _date(header: str, value) -> ListColumn:
    return _centred(header, lambda row: format_partial_date(value(row)))


def _amount(header: str, value) -> ListColumn:
    return ListColumn(SheetColumn(header, Kind.AMOUNT), value)


@dataclass(frozen=True)
class RecordList:
    name: str  # as `export-excel --list` takes it
    title: str
    columns: tuple[ListColumn, ...]
    totals: bool = False  # a 合计 row under the amount columns


@dataclass(frozen=True)
class MilestoneLine:
    """One node of one project, judged on `day` (the export's day, or a month's end)."""

    project_name: str
    unit: str
    node: Milestone
    day: Any  # datetime.date


def milestone_lines(nodes) -> list[MilestoneLine]:
    """Lines of (project, 区位, node, day judged) tuples."""
    return [MilestoneLine(*node) for node in nodes]


def _lateness(line: MilestoneLine) -> str:
    return milestone_lateness(line.node, line.day).describe()


def _marks(row) -> str:
    marks = ["联席会议"] if row.escalated else []
    return "、".join([*marks, "督办中"] if row.open_orders else marks)


PROBLEMS = RecordList(
    "problems",
    "问题清单",
    (
        _text("项目名称", lambda r: r.project_name, 30, 14),
        _centred("区位", lambda r: r.unit),
        _centred("类别", lambda r: r.category),
        _text("问题", lambda r: r.description, 30, 16),
        _text("责任单位", lambda r: r.responsible_unit, 16),
        _centred("责任人", lambda r: r.responsible_person),
        _date("提出日期", lambda r: r.raised_on),
        _date("解决时限", lambda r: r.deadline),
        _centred("状态", lambda r: r.status.label),
        _centred("时限情况", lambda r: r.deadline_note or r.deadline_state.value),
        _text("解决情况", lambda r: r.resolution, 24, 10),
        _centred("督办", _marks),
        _centred("挂钩领导", lambda r: r.leader),
    ),
)
SUPERVISION = RecordList(
    "supervision",
    "督办单",
    (
        _date("下发日期", lambda r: r.issued_on),
        _text("项目名称", lambda r: r.project_name, 30, 14),
        _centred("区位", lambda r: r.unit),
        _text("问题", lambda r: r.problem, 28, 14),
        _text("督办对象", lambda r: r.addressee, 16),
        _text("督办事项", lambda r: r.demand, 28, 14),
        _date("方案时限", lambda r: r.plan_deadline),
        _centred("时限情况", lambda r: r.deadline_note or r.deadline_state.value),
        _date("销号日期", lambda r: r.closed_on),
        _text("销号说明", lambda r: r.closing_note, 20, 8),
    ),
)
PROGRESS = RecordList(
    "progress",
    "重点项目推进情况",
    (
        _text("项目名称", lambda r: r.name, 30, 14),
        _centred("区位", lambda r: r.unit),
        _centred("所属产业", lambda r: r.industry),
        _centred("阶段", lambda r: r.stage.label),
        _amount("年度计划投资（万元）", lambda r: r.annual_plan),
        _amount("累计完成投资（万元）", lambda r: r.report.completed_this_year),
        ListColumn(
            SheetColumn("占年度计划（%）", Kind.PERCENT),
            lambda r: (
                None
                if r.report.completed_this_year is None
                else completion_rate(r.report.completed_this_year, r.annual_plan)
            ),
        ),
        _amount("开工至今累计完成投资（万元）", lambda r: r.report.completed_since_start),
        _text("形象进度", lambda r: r.report.image_progress, 24, 10),
        _text("存在问题", lambda r: r.report.problems_noted, 24, 10),
        _centred("是否纳统", lambda r: statistics_text(r.project_in_statistics)),
    ),
    totals=True,
)
DISPATCH = RecordList(
    "dispatch",
    "周调度会议",
    (
        _date("会议日期", lambda m: m.held_on),
        _text("会议名称", lambda m: m.title, 24, 12),
        _text("参会单位", lambda m: m.attendees, 28, 12),
        _text("研究项目", lambda m: "、".join(m.project_names), 30, 14),
        _centred("问题", lambda m: m.problem_count),
        _centred("服务事项", lambda m: m.service_count),
        _text("议定事项", lambda m: m.decisions, 40, 16),
    ),
)
MILESTONES = RecordList(
    "milestones",
    "项目时间节点",
    (
        _text("项目名称", lambda line: line.project_name, 30, 14),
        _centred("区位", lambda line: line.unit),
        _text("节点", lambda line: line.node.name, 16, 8),
        _date("计划时间", lambda line: line.node.planned_on),
        _date("实际时间", lambda line: line.node.actual_on),
        _centred("完成情况", _lateness),
        _text("责任单位", lambda line: line.node.responsible_unit, 16),
        _text("备注", lambda line: line.node.note, 20, 6),
    ),
)
LISTS = {found.name: found for found in (PROBLEMS, SUPERVISION, PROGRESS, DISPATCH, MILESTONES)}


def write_list(
    path: Path | str,
    record_list: RecordList,
    rows: Sequence[Any],
    title: str,
    unit_line: str = "",
    date_line: str = "",
) -> Path:
    """`rows` as `record_list`'s sheet, numbered, under `title`."""
    columns = [SERIAL, *(field.column for field in record_list.columns)]
    values = [
        [number, *(field.value(row) for field in record_list.columns)]
        for number, row in enumerate(rows, start=1)
    ]
    totals = amount_totals(columns, values) if record_list.totals and values else None
    workbook = new_workbook()
    sheet = workbook.create_sheet(sheet_name(record_list.title))
    heading = SheetHeading(title, unit_line, date_line)
    write_sheet(sheet, heading, columns, values, totals, frozen_columns=2)
    return save_workbook(workbook, path)
