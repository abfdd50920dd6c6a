"""项目简报: one project on paper — its card, its figures, its milestones and 路线图, its open
problems and three lists, the latest work log and the latest site photos.
"""

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from jimo_desktop.domain.briefing import Draft, Kind, Section
from jimo_desktop.domain.briefing_facts import CardLine, ProjectFacts
from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.milestones import milestone_lateness
from jimo_desktop.domain.progress import period_label
from jimo_desktop.domain.wording import joined
from jimo_desktop.reports import charts, document, timeline
from jimo_desktop.reports.bulletin import ISSUER
from jimo_desktop.reports.document import Attachment, Heading, Picture, PictureGrid, TableBlock
from jimo_desktop.reports.draft_layout import Numbering, document_from_draft
from jimo_desktop.reports.inspection_report import PHOTO_COLUMNS

MASTHEAD = "重点项目简报"
Progress = Callable[[int, int, str], None]


def draft_project(facts: ProjectFacts) -> Draft:
    return Draft(
        kind=Kind.PROJECT,
        period=facts.period,
        project_id=facts.project_id,
        title=f"{facts.name}建设情况",
        masthead=MASTHEAD,
        issue=period_label(facts.period),
        issuer=ISSUER,
        date_text=format_date(facts.today),
        sections=[
            Section("basic", "项目基本情况", [_basic(facts)]),
            Section("progress", "建设进展", _progress(facts)),
            Section("milestones", "时间节点", [_milestones(facts)]),
            Section("lists", "问题、政策、服务清单", [_lists(facts)]),
            Section("logs", "近期工作", []),
            *([Section("photos", "现场照片", [])] if facts.photos else []),
            Section("next_steps", "下步工作", _next_steps(facts)),
        ],
    )


def _value(lines: tuple[CardLine, ...], label: str) -> str:
    return next((line.value for line in lines if line.label == label), "")


def _basic(facts: ProjectFacts) -> str:
    card = facts.card
    where = joined(_value(card, "区位"), _value(card, "建设地点"))
    text = f"{facts.name}位于{where or '—'}"
    builder, total = _value(card, "建设单位"), _value(card, "总投资")
    if builder:
        text += f"，建设单位为{builder}"
    if total:
        text += f"，总投资{total}"
    return f"{text}，目前处于{_value(card, '项目阶段') or '—'}阶段。"


def _progress(facts: ProjectFacts) -> list[str]:
    figures = facts.figures
    completed = next((line for line in figures if line.label.endswith("累计完成")), None)
    if completed is None:
        return [f"截至{period_label(facts.period)}，该项目尚未报送月度进度。"]
    text = f"截至{_value(figures, '报送月份')}，{completed.label}投资{completed.value}"
    if _value(figures, "占年度计划"):
        text += f"，占年度计划的{_value(figures, '占年度计划')}"
    image = _value(figures, "形象进度")
    paragraphs = [f"{text}。" + (f"形象进度：{image}。" if image else "")]
    reasons = "；".join(facts.light_reasons) or "进度正常"
    paragraphs.append(f"按红黄绿灯规则，该项目当前为{facts.light}（{reasons}）。")
    return paragraphs


def _milestones(facts: ProjectFacts) -> str:
    nodes = facts.milestones
    if not nodes:
        return "该项目尚未设置时间节点。"
    done = sum(1 for node in nodes if node.actual_on)
    late = sum(1 for node in nodes if milestone_lateness(node, facts.today).is_late)
    return f"该项目共设置时间节点{len(nodes)}个，已完成{done}个，其中逾期或滞后完成{late}个。"


def _lists(facts: ProjectFacts) -> str:
    return (
        f"该项目现有未办结问题{len(facts.problem_rows)}个、政策事项{len(facts.policy_rows)}项、"
        f"服务事项{len(facts.service_rows)}项，逐项明确责任单位和办理时限。"
    )


def _next_steps(facts: ProjectFacts) -> list[str]:
    steps = ["一是对照时间节点倒排工期，确保项目按计划推进。"]
    if facts.problem_rows:
        steps.append(
            f"二是协调解决{len(facts.problem_rows)}个未办结问题，逾期问题提交联席会议研究。"
        )
    return steps


def project_document(facts: ProjectFacts, draft: Draft, pictures: dict[str, bytes]):
    numbering = Numbering()
    extras = partial(_extras, facts=facts, numbering=numbering)
    attachments = []
    if "timeline" in pictures:
        picture = Picture(pictures["timeline"], numbering.figure("时间节点计划与实际"))
        attachments.append(Attachment("项目时间节点路线图", [picture], landscape=True))
    return document_from_draft(draft, extras, attachments, subject=joined(facts.name, "项目简报"))


def _extras(key: str, facts: ProjectFacts, numbering: Numbering):
    if key == "basic":
        yield _card_table(facts.card, numbering.table("项目基本信息"))
    elif key == "progress":
        yield _card_table(facts.figures, numbering.table("投资完成情况"))
        if facts.progress_rows:
            header = ("月份", "本年累计完成（万元）", "占年度计划", "形象进度")
            caption = numbering.table("逐月进度")
            yield TableBlock(header, facts.progress_rows, (2, 3, 2, 5), frozenset({1, 2}), caption)
    elif key == "milestones" and facts.milestone_rows:
        header = ("节点", "计划时间", "实际时间", "责任单位", "完成情况")
        yield TableBlock(
            header, facts.milestone_rows, (3, 2.4, 2.4, 3, 3), caption=numbering.table("时间节点")
        )
    elif key == "lists":
        yield from _lists_tables(facts, numbering)
    elif key == "logs":
        yield from _logs(facts, numbering)
    elif key == "photos" and facts.photos:
        yield PictureGrid(facts.photos, columns=PHOTO_COLUMNS)


def _card_table(lines: tuple[CardLine, ...], caption: str) -> TableBlock:
    rows = [(line.label, line.value) for line in lines]
    return TableBlock(("项目", "内容"), rows, (1, 4), caption=caption)


# 三个清单: title, header, the facts' rows, relative widths, what to say when empty.
_LISTS = (
    ("问题清单", ("类别", "问题", "责任单位", "时限", "状态", "逾期"), "problem_rows",
     (1.2, 4, 2.4, 1.8, 1.3, 1.4), "暂无未办结的问题。"),
    ("政策清单", ("政策", "状态", "备注"), "policy_rows", (5, 1.5, 4), "暂无政策事项。"),
    ("服务清单", ("服务事项", "责任人", "时限", "办理情况"), "service_rows",
     (4.5, 3, 1.8, 1.8), "暂无服务事项。"),
)  # fmt: skip


def _lists_tables(facts: ProjectFacts, numbering: Numbering):
    for title, header, field, widths, nothing in _LISTS:
        yield Heading(title, level=2)
        rows = getattr(facts, field)
        if rows:
            yield TableBlock(header, rows, widths, caption=numbering.table(title))
        else:
            yield document.Text(nothing)


def _logs(facts: ProjectFacts, numbering: Numbering):
    if facts.log_rows:
        caption = numbering.table("近期工作日志")
        yield TableBlock(
            ("日期", "工作内容", "记录人"), facts.log_rows, (2.2, 8, 1.6), caption=caption
        )
    else:
        yield document.Text("暂无工作日志。")


def write_project_pdf(
    facts: ProjectFacts,
    draft: Draft,
    target: Path | BinaryIO,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    pictures = {}
    if facts.milestones:
        if progress:
            progress(0, 2, "正在绘制时间节点路线图")
        figure = timeline.project_figure(facts.name, facts.milestones, facts.today)
        pictures["timeline"] = charts.print_bytes(figure)
    document.check_cancelled(cancelled)
    if progress:
        progress(1, 2, "正在排版 PDF")
    pages = document.write_pdf(project_document(facts, draft, pictures), target, cancelled)
    if progress:
        progress(2, 2, f"已完成，共{pages}页")
    return pages
