"""督查报告: a month's site inspections on paper, in the official document format.

The text is drafted from the inspections (how many, what was found, what follows) and may be
edited like any briefing; the table of visits and each visit's photos with their captions
are drawn from the database every time.
"""

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from jimo_desktop.domain.briefing import Draft, Kind, Section
from jimo_desktop.domain.dates import format_date, format_partial_date
from jimo_desktop.domain.inspection_facts import InspectionMonthFacts
from jimo_desktop.domain.progress import period_label
from jimo_desktop.reports import document
from jimo_desktop.reports.bulletin import ISSUER
from jimo_desktop.reports.document import Heading, PictureGrid, TableBlock, Text
from jimo_desktop.reports.draft_layout import Numbering, document_from_draft

MASTHEAD = "重点项目督查通报"
PHOTO_COLUMNS = 3  # photos to a row: a page holds about a dozen with their captions
Progress = Callable[[int, int, str], None]
_VISIT_HEADER = ("日期", "项目", "地点", "督查人员", "发现问题", "复查日期")


def draft_inspection(facts: InspectionMonthFacts) -> Draft:
    month = period_label(facts.period)
    sections = [
        Section("overview", "总体情况", [_overview(facts)]),
        Section("findings", "督查发现的问题", _findings(facts)),
        Section("visits", "督查情况及现场照片", [_visits_said(facts)]),
        Section("next_steps", "下步工作", _next_steps(facts)),
    ]
    if not facts.visits:
        nothing = f"{month}未开展重点项目现场督查，本期无督查情况通报。"
        sections = [Section("overview", "", [nothing])]
    return Draft(
        kind=Kind.INSPECTION,
        period=facts.period,
        title=f"{month}重点项目现场督查情况",
        masthead=MASTHEAD,
        issue=month,
        issuer=ISSUER,
        date_text=format_date(facts.today),
        sections=sections,
    )


def _overview(facts: InspectionMonthFacts) -> str:
    month = period_label(facts.period)
    return (
        f"{month}，共开展重点项目现场督查{len(facts.visits)}次，实地查看项目{facts.project_count}个，"
        f"{_photos_said(facts)}；督查中发现需关注事项{facts.finding_count}项，"
        f"列入问题清单{facts.problems_raised}个。"
    )


def _photos_said(facts: InspectionMonthFacts) -> str:
    """The photos taken, and how many of them this report prints when not all."""
    taken, printed = facts.photo_count, facts.photos_printed
    said = f"拍摄现场照片{taken}张"
    if printed == taken:
        return said
    return f"{said}（本报告选印{printed}张）" if printed else f"{said}（本报告未附照片）"


def _findings(facts: InspectionMonthFacts) -> list[str]:
    found = [
        f"{visit.projects}（{format_partial_date(visit.day)}）：{'；'.join(visit.findings)}。"
        for visit in facts.visits
        if visit.findings
    ]
    return found or ["本月督查未发现需关注的问题。"]


def _visits_said(facts: InspectionMonthFacts) -> str:
    if facts.photos_printed:
        return "各项目督查情况见下表，现场照片附后。"
    return "各项目督查情况见下表。"


def _next_steps(facts: InspectionMonthFacts) -> list[str]:
    steps = ["一是督促责任单位对督查发现的问题逐项整改，按期办结。"]
    due = [visit for visit in facts.visits if visit.follow_up]
    if due:
        steps.append(f"二是对{len(due)}个督查点按约定日期复查，复查结果在下期报告中通报。")
    return steps


def inspection_document(facts: InspectionMonthFacts, draft: Draft):
    numbering = Numbering()

    def extras(key: str):
        if key == "visits":
            yield from _visits(facts, numbering)

    return document_from_draft(draft, extras, subject=f"{draft.title}报告")


def _visits(facts: InspectionMonthFacts, numbering: Numbering):
    if not facts.visits:
        return
    rows = [
        (
            format_partial_date(visit.day),
            visit.projects,
            visit.place,
            visit.inspectors,
            "；".join(visit.findings) or "无",
            visit.follow_up or "—",
        )
        for visit in facts.visits
    ]
    yield TableBlock(_VISIT_HEADER, rows, (2, 4, 2.4, 2, 4, 2), caption=numbering.table("督查情况"))
    for visit in facts.visits:
        if visit.photos:
            yield Heading(f"{visit.projects}（{format_partial_date(visit.day)}）", level=2)
            yield PictureGrid(visit.photos, columns=PHOTO_COLUMNS)
        elif visit.findings and not visit.photos_taken:
            yield Text(f"{visit.projects}：本次督查未留存照片。")


def write_inspection_pdf(
    facts: InspectionMonthFacts,
    draft: Draft,
    target: Path | BinaryIO,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    if progress:
        progress(0, 1, "正在排版 PDF")
    pages = document.write_pdf(inspection_document(facts, draft), target, cancelled)
    if progress:
        progress(1, 1, f"已完成，共{pages}页")
    return pages
