"""Printed documents in the official format (GB/T 9704-2012) on ReportLab platypus.

A document is plain data — a title, blocks of text, tables and pictures, a 落款, attachments —
so every kind of briefing (the monthly bulletin, a project's brief, an inspection report) is
written the same way and laid out here: A4 portrait pages on the 28 × 22 grid (see
page_styles.py), a 22 pt centred title, headings 一、 in 黑体 and （一） in 楷体, page numbers
"— 1 —" in 14 pt 宋体, right on odd pages and left on even ones. Wide tables get landscape
pages of their own, their header row repeated on every page and no row ever split.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from jimo_desktop.domain.briefing import chinese_number
from jimo_desktop.reports import flowables
from jimo_desktop.reports.chinese_text import GridText
from jimo_desktop.reports.page_breaks import ending, keep_with_next, with_keeps
from jimo_desktop.reports.page_styles import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    LANDSCAPE,
    LEADING,
    PAGE_NUMBER_GAP,
    PAGE_NUMBER_SIZE,
    styles,
    text_block,
)

CREATOR = "即墨区重点项目调度台"
# Binary streams: ASCII85 would make every image and page a quarter larger and slower to
# write, for the sake of 7-bit channels no PDF travels through any more.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 → "一、" in 黑体, 2 → "（一）" in 楷体; numbered when laid out


@dataclass(frozen=True)
class Text:
    text: str
    indent: bool = True  # paragraphs start two characters in; 主送 lines do not


@dataclass(frozen=True)
class TableBlock:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]  # relative column widths
    numeric: frozenset[int] = frozenset()  # columns set flush right
    caption: str = ""
    landscape: bool = False  # on landscape pages of its own


@dataclass(frozen=True)
class Picture:
    image: bytes  # PNG or JPEG
    caption: str = ""
    width_ratio: float = 1.0  # of the text block's width


@dataclass(frozen=True)
class PictureGrid:
    """Photos side by side, each with its caption: site photos in a brief or a report."""

    images: Sequence[tuple[bytes, str]]  # (PNG or JPEG, caption)
    columns: int = 2


@dataclass(frozen=True)
class Masthead:
    """The red head of a 简报: its name, issue, issuing office and date, a red rule."""

    name: str
    issue: str
    issuer: str
    date_text: str


@dataclass(frozen=True)
class Closing:
    """落款: the issuing office above the date, the date four characters from the right."""

    issuer: str
    date_text: str


@dataclass(frozen=True)
class NewPage:
    """A paper of its own within one file (one 督办单 a page): a new page under `title`."""

    title: str


@dataclass(frozen=True)
class Attachment:
    """附件: after the 落款, on new pages headed "附件1" and its title."""

    title: str
    blocks: Sequence = ()
    landscape: bool = False


@dataclass
class Document:
    title: str
    blocks: list = field(default_factory=list)
    masthead: Masthead | None = None
    closing: Closing | None = None
    attachments: list[Attachment] = field(default_factory=list)
    author: str = ""
    subject: str = ""


class Cancelled(Exception):
    """The officer stopped the export before the document was complete."""


def check_cancelled(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled("已取消")


class _Template(BaseDocTemplate):
    """Asks after every flowable whether the officer cancelled, so a long table stops soon."""

    cancelled: Callable[[], bool] | None = None

    def afterFlowable(self, flowable):
        check_cancelled(self.cancelled)


def write_pdf(
    document: Document, target: Path | BinaryIO, cancelled: Callable[[], bool] | None = None
) -> int:
    """Lay the document out and write it; returns the number of pages."""
    template = _template(document, target)
    template.cancelled = cancelled
    template.build(with_keeps(_story(document)))
    return template.page


class _Layout:
    """Where the story stands: the page orientation and the heading numbers so far."""

    def __init__(self):
        self.orientation = "portrait"
        self.headings = [0, 0]

    def turn(self, orientation: str):
        """Flowables that continue on a new page of `orientation`, if it is not the current one."""
        if orientation != self.orientation:
            self.orientation = orientation
            yield NextPageTemplate(orientation)
            yield PageBreak()

    @property
    def width(self) -> float:
        return BLOCK_HEIGHT if self.orientation == "landscape" else BLOCK_WIDTH


def _story(document: Document) -> list:
    style, layout = styles(), _Layout()
    story: list = []
    if document.masthead is not None:
        head = document.masthead
        story.append(flowables.Masthead(head.name, head.issue, head.issuer, head.date_text))
    story += [GridText(document.title, style.title), Spacer(1, LEADING)]
    for number, block in enumerate(document.blocks):
        story += layout.turn(_orientation(document.blocks[number:]))
        if isinstance(block, Closing):  # the 落款 of one paper among several
            story += _kept_with_its_text(story, flowables.closing(block.issuer, block.date_text))
        else:
            story += _flowables(block, layout)
    # The 落款 follows on the page the text ends on, landscape too: a page of its own would
    # leave it alone. The attachments turn the page themselves.
    closing: list = []
    if document.attachments:
        closing += flowables.attachment_note([item.title for item in document.attachments])
    if document.closing is not None:
        closing += flowables.closing(document.closing.issuer, document.closing.date_text)
    if closing:
        story += _kept_with_its_text(story, closing)
    for number, attachment in enumerate(document.attachments, start=1):
        story += _attachment(number, attachment, layout)
    return story


def _kept_with_its_text(story: list, closing) -> list:
    """The 落款 with the text's last lines: the story's last flowable moves into it."""
    last = story.pop() if story and isinstance(story[-1], (GridText, Table)) else None
    return ending(last, list(closing))


def _orientation(blocks: Sequence) -> str:
    """The page a block goes on: a heading goes with the block it introduces, so one before
    a landscape table turns the page with it rather than end the portrait page."""
    block = next((block for block in blocks if not isinstance(block, Heading)), None)
    wide = isinstance(block, TableBlock) and block.landscape
    return "landscape" if wide and isinstance(blocks[0], (Heading, TableBlock)) else "portrait"


def _attachment(number: int, attachment: Attachment, layout: _Layout):
    """A new page (landscape if asked) headed "附件N" and the attachment's title."""
    style = styles()
    layout.orientation = "landscape" if attachment.landscape else "portrait"
    yield NextPageTemplate(layout.orientation)
    yield PageBreak()
    yield GridText(f"附件{number}", style.attachment_label)
    yield GridText(attachment.title, style.title)
    for block in attachment.blocks:
        yield from _flowables(block, layout)


def _flowables(block, layout: _Layout):
    style = styles()
    if isinstance(block, Heading):
        yield keep_with_next(_numbered_heading(block, layout.headings))
    elif isinstance(block, Text):
        yield GridText(block.text, style.body if block.indent else style.unindented)
    elif isinstance(block, TableBlock):
        if block.caption:
            yield keep_with_next(GridText(block.caption, style.caption))
        yield flowables.table(block.header, block.rows, block.widths, block.numeric, layout.width)
    elif isinstance(block, Picture):
        yield flowables.picture(block.image, block.caption, layout.width * block.width_ratio)
    elif isinstance(block, PictureGrid):
        yield flowables.picture_grid(block.images, block.columns, layout.width)
    elif isinstance(block, NewPage):
        yield PageBreak()
        yield GridText(block.title, style.title)
        yield Spacer(1, LEADING)
    else:
        raise TypeError(f"not a document block: {block!r}")


def _numbered_heading(block: Heading, counters: list[int]) -> GridText:
    style = styles()
    if block.level == 1:
        counters[0], counters[1] = counters[0] + 1, 0
        number = chinese_number(counters[0])
        return GridText(f"{number}、{block.text}", style.heading)
    counters[1] += 1
    return GridText(f"（{chinese_number(counters[1])}）{block.text}", style.subheading)


def _template(document: Document, target: Path | BinaryIO) -> _Template:
    template = _Template(
        str(target) if isinstance(target, Path) else target,
        pagesize=A4,
        title=document.title,
        author=document.author,
        subject=document.subject,
        creator=CREATOR,
        # Without this the canvas names Helvetica on every page, a font nobody embeds.
        initialFontName=styles().body.font,
    )
    template.addPageTemplates(
        [
            PageTemplate("portrait", [_frame(A4[0], "text")], _page_number, pagesize=A4),
            PageTemplate(
                "landscape", [_frame(LANDSCAPE[0], "wide")], _page_number, pagesize=LANDSCAPE
            ),
        ]
    )
    return template


def _frame(page_width: float, name: str) -> Frame:
    left, bottom, width, height = text_block(page_width)
    return Frame(left, bottom, width, height, 0, 0, 0, 0, id=name)


def _page_number(canvas, template) -> None:
    """ "— 7 —" one character in from the right edge on odd pages, from the left on even."""
    number = canvas.getPageNumber()
    left, bottom, width, _ = text_block(canvas._pagesize[0])
    baseline = bottom - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.35
    text = f"— {number} —"
    canvas.saveState()
    canvas.setFillColor(black)
    canvas.setFont(styles().page_number_font, PAGE_NUMBER_SIZE)
    if number % 2:
        canvas.drawRightString(left + width - PAGE_NUMBER_SIZE, baseline, text)
    else:
        canvas.drawString(left + PAGE_NUMBER_SIZE, baseline, text)
    canvas.restoreState()
