"""The month's bulletin as a PDF: the officer's draft with the unit ranking, the lagging
projects, the overdue problems and the charts, laid out by reports/document.py.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import BinaryIO

from jimo_desktop.domain.briefing import Draft
from jimo_desktop.domain.briefing_facts import MonthlyFacts
from jimo_desktop.domain.money import format_yi
from jimo_desktop.domain.progress import GroupFigures, cumulative_label, format_points
from jimo_desktop.reports import bulletin, charts, document
from jimo_desktop.reports.document import Attachment, Document, Picture, TableBlock
from jimo_desktop.reports.draft_layout import Numbering, document_from_draft

# Which charts follow each section's text; the rest make up the 统计图表 attachment.
SECTION_CHARTS = {
    "overview": ("monthly",),
    "ranking": ("completion",),
    "problems": ("problems",),
}
ATTACHED_CHARTS = ("batches", "industry", "start_rate", "years")
Progress = Callable[[int, int, str], None]


def chart_pictures(
    facts: MonthlyFacts,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, bytes]:
    """Every chart the bulletin prints, as JPEG for the page, reporting each as it is drawn."""
    pictures: dict[str, bytes] = {}
    wanted = () if bulletin.nothing_reported(facts) else charts.MONTHLY_CHARTS
    for number, chart in enumerate(wanted):
        document.check_cancelled(cancelled)
        if progress:
            progress(number, len(wanted) + 1, f"正在绘制图表：{chart.title}")
        pictures[chart.key] = charts.print_bytes(chart.draw(facts))
    return pictures


def monthly_document(facts: MonthlyFacts, draft: Draft, pictures: dict[str, bytes]) -> Document:
    numbering = Numbering()
    extras = partial(_section_extras, facts=facts, pictures=pictures, numbering=numbering)
    # The sections are laid out first, so the attachments' figures number after theirs.
    laid_out = document_from_draft(draft, extras, subject=_subject(facts))
    laid_out.attachments = [
        _attachment(key, title, facts, pictures, numbering)
        for key, title in bulletin.attachments(facts)
    ]
    return laid_out


def _subject(facts: MonthlyFacts) -> str:
    return f"{facts.year}年{cumulative_label(facts.period)}重点项目建设情况"


def _section_extras(
    key: str, facts: MonthlyFacts, pictures: dict[str, bytes], numbering: Numbering
):
    if key == "ranking" and not bulletin.nothing_reported(facts):
        yield _ranking_table(facts, numbering)
    yield from _pictures(SECTION_CHARTS.get(key, ()), pictures, numbering)


def _pictures(keys, pictures: dict[str, bytes], numbering: Numbering):
    for key in keys:
        if key in pictures:
            yield Picture(pictures[key], numbering.figure(charts.monthly_chart(key).caption))


def _attachment(key, title, facts, pictures, numbering: Numbering) -> Attachment:
    if key == "lagging":
        return Attachment(title, [_lagging_table(facts)], landscape=True)
    if key == "overdue":
        return Attachment(title, [_overdue_table(facts)], landscape=True)
    return Attachment(title, list(_pictures(ATTACHED_CHARTS, pictures, numbering)))


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def _ranking_table(facts: MonthlyFacts, numbering: Numbering) -> TableBlock:
    cumulative = cumulative_label(facts.period)
    header = (
        "排名",
        "区位",
        "项目个数",
        "已开工",
        "开工率",
        "年度计划投资（亿元）",
        f"{cumulative}累计完成（亿元）",
        "占年度计划",
        "超时序进度（个百分点）",
    )
    rows = [_unit_row(str(unit.rank or "—"), unit.name, unit) for unit in facts.units]
    rows.append(_unit_row("", "全区合计", facts.district))
    return TableBlock(
        header,
        rows,
        widths=(1.0, 4.6, 1.4, 1.5, 1.9, 2.3, 2.3, 1.9, 2.0),
        numeric=frozenset({0, *range(2, 9)}),
        caption=numbering.table(f"各区位{cumulative}重点项目投资完成情况"),
    )


def _unit_row(rank: str, name: str, unit: GroupFigures) -> tuple[str, ...]:
    return (
        rank,
        name,
        str(unit.listed),
        str(unit.started),
        _percent(unit.start_rate),
        format_yi(unit.annual_plan),
        format_yi(unit.completed),
        _percent(unit.completion_rate),
        format_points(unit.ahead) or "—",
    )


def _lagging_table(facts: MonthlyFacts) -> TableBlock:
    header = (
        "序号",
        "项目名称",
        "区位",
        "挂钩领导",
        "占年度计划",
        "超时序进度",
        "灯色",
        "主要原因",
    )
    rows = [
        (
            str(number),
            project.name,
            project.unit,
            project.leader,
            _percent(project.completion_rate),
            format_points(project.ahead) or "—",
            project.light,
            "；".join(project.reasons),
        )
        for number, project in enumerate(facts.lagging, start=1)
    ]
    return TableBlock(
        header,
        rows,
        widths=(1.0, 5.0, 2.4, 1.6, 1.7, 1.7, 1.2, 6.0),
        numeric=frozenset({0, 4, 5}),
    )


def _overdue_table(facts: MonthlyFacts) -> TableBlock:
    header = ("序号", "项目名称", "区位", "类别", "问题", "责任单位", "解决时限", "逾期情况")
    rows = [
        (
            str(number),
            problem.project,
            problem.unit,
            problem.category,
            problem.description,
            problem.responsible_unit,
            problem.deadline,
            problem.note,
        )
        for number, problem in enumerate(facts.overdue_problems, start=1)
    ]
    return TableBlock(
        header,
        rows,
        widths=(1.0, 4.2, 2.2, 1.3, 5.2, 3.0, 2.4, 1.6),
        numeric=frozenset({0}),
    )


def write_monthly_pdf(
    facts: MonthlyFacts,
    draft: Draft,
    target: Path | BinaryIO,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Draw the charts and set the bulletin; returns the number of pages written."""
    pictures = chart_pictures(facts, progress, cancelled)
    if progress:
        progress(len(pictures), len(pictures) + 1, "正在排版 PDF")
    pages = document.write_pdf(monthly_document(facts, draft, pictures), target, cancelled)
    if progress:
        progress(len(pictures) + 1, len(pictures) + 1, f"已完成，共{pages}页")
    return pages
