"""周调度会议纪要: a weekly dispatch meeting on paper, in the official format under the red
masthead of the 纪要 — who attended, which projects were discussed, what was decided, and
the follow-ups with their owners and deadlines as they stand in the problem and service lists.
"""

from datetime import date
from pathlib import Path
from typing import BinaryIO

from jimo_desktop.domain.briefing import paragraphs_from_text
from jimo_desktop.domain.dates import format_date, format_partial_date
from jimo_desktop.reports import document
from jimo_desktop.reports.bulletin import ISSUER
from jimo_desktop.reports.document import (
    Closing,
    Document,
    Heading,
    Masthead,
    NewPage,
    TableBlock,
    Text,
)

MASTHEAD = "重点项目周调度会议纪要"
_FOLLOW_UP_HEADER = ("项目", "事项", "责任单位", "完成时限", "落实情况")
_KIND_WORDS = {"problem": "问题", "service": "服务"}


def _meeting(paper) -> str:
    return paper.meeting.title or "周调度会议"


def _title(paper) -> str:
    return f"{_meeting(paper)}纪要"


def minutes_blocks(paper) -> list:
    """The blocks of one meeting's 纪要 (a store.paper_facts.MinutesPaper), title excepted."""
    meeting = paper.meeting
    held = format_date(date.fromisoformat(meeting.held_on[:10]))
    projects = "、".join(paper.projects) or "无"
    blocks = [
        Text(
            f"{held}，区发展改革局召开{_meeting(paper)}，调度{len(paper.projects)}个重点项目推进情况，"
            f"协调解决项目建设中的问题。现将会议议定事项纪要如下："
        ),
        Heading("参会单位"),
        Text(meeting.attendees or "（未记录）"),
        Heading("研究项目"),
        Text(projects),
        Heading("议定事项"),
        *[Text(line) for line in paragraphs_from_text(meeting.decisions) or ["（未记录）"]],
    ]
    if paper.follow_ups:
        rows = [
            (
                item.project_name,
                f"{_KIND_WORDS.get(item.kind, '')}：{item.text}",
                item.owner or "——",
                format_partial_date(item.deadline) if item.deadline else "——",
                item.state,
            )
            for item in paper.follow_ups
        ]
        blocks += [
            Heading("跟踪落实"),
            Text("会议确定的事项已列入问题清单、服务清单，责任单位按时限办理："),
            TableBlock(_FOLLOW_UP_HEADER, rows, (3, 4, 2.4, 1.8, 1.4)),
        ]
    if meeting.notes:
        blocks += [
            Heading("其他事项"),
            *[Text(line) for line in paragraphs_from_text(meeting.notes)],
        ]
    blocks.append(Closing(ISSUER, held))
    return blocks


def minutes_document(papers) -> Document:
    first = papers[0]
    blocks = []
    for number, paper in enumerate(papers):
        if number:
            blocks.append(NewPage(_title(paper)))
        blocks.extend(minutes_blocks(paper))
    held = format_date(date.fromisoformat(first.meeting.held_on[:10]))
    masthead = Masthead(MASTHEAD, first.issue, ISSUER, held)
    return Document(_title(first), blocks, masthead, author=ISSUER, subject="周调度会议纪要")


def write_minutes_pdf(papers, target: Path | BinaryIO) -> int:
    return document.write_pdf(minutes_document(papers), target)
