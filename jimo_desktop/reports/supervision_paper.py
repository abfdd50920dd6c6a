"""督办单 on paper: one order a page, in the official format, with its 文号, what is demanded
of whom and by when, how it was handled, and a 回执 the responsible unit cuts off and returns.

Several orders (a month's) make one file, each starting a page of its own.
"""

from datetime import date
from pathlib import Path
from typing import BinaryIO

from jimo_desktop.domain.dates import format_date, format_partial_date
from jimo_desktop.reports import document
from jimo_desktop.reports.bulletin import ISSUER
from jimo_desktop.reports.document import Closing, Document, NewPage, TableBlock, Text

TITLE = "即墨区重点项目督办单"
CUT_LINE = "－－－－－－－－（沿此线剪下）－－－－－－－－"  # one line of the 28
_FORM_WIDTHS = (1, 3.4)
_BLANK = "　"  # a cell left for the unit to write in


def order_blocks(paper) -> list:
    """The blocks of one 督办单 (a store.paper_facts.OrderPaper), title excepted."""
    order = paper.order
    deadline = format_partial_date(order.plan_deadline) if order.plan_deadline else "——"
    handled = order.closing_note or ("已销号" if order.closed_on else _BLANK)
    closed = f"（{format_partial_date(order.closed_on)}销号）" if order.closed_on else ""
    form = (
        ("项目名称", f"{order.project_name}（{order.unit}）" if order.unit else order.project_name),
        ("存在问题", order.problem),
        ("督办事项", order.demand),
        ("责任单位", order.addressee),
        ("办理时限", deadline),
        ("办理情况", f"{handled}{closed}"),
    )
    return [
        Text(paper.number, indent=False),
        Text(f"{order.addressee}：", indent=False),
        Text(
            f"“{order.project_name}”存在的问题经协调仍未解决，现予督办。请你单位按督办事项抓紧办理，"
            f"于{deadline}前将办理情况填写回执报区发展改革局。"
        ),
        TableBlock(("事项", "内容"), form, _FORM_WIDTHS),
        Closing(ISSUER, format_date(date.fromisoformat(order.issued_on[:10]))),
        Text(CUT_LINE, indent=False),
        Text(f"回执（{paper.number}）", indent=False),
        TableBlock(
            ("事项", "填写内容"),
            (
                ("承办单位", order.addressee),
                ("办理情况", _BLANK),
                ("承办人、电话", f"{_BLANK * 14}报送日期：    年  月  日"),
            ),
            _FORM_WIDTHS,
        ),
    ]


def orders_document(papers) -> Document:
    blocks = []
    for number, paper in enumerate(papers):
        if number:
            blocks.append(NewPage(TITLE))
        blocks.extend(order_blocks(paper))
    return Document(TITLE, blocks, author=ISSUER, subject="督办单")


def write_orders_pdf(papers, target: Path | BinaryIO) -> int:
    return document.write_pdf(orders_document(papers), target)
