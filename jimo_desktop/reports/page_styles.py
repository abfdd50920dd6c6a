"""The official document's page (GB/T 9704-2012): its geometry, its fonts and its text styles.

A4 portrait, top margin 37 mm, left 28 mm, a text block of 156 × 225 mm holding 22 lines of
28 characters of 16 pt (3号) body text. The fonts are the files reports/fonts.py resolves for
each role, registered with ReportLab once and embedded as subsets.
"""

from dataclasses import dataclass, replace
from functools import cache

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from jimo_desktop.reports import fonts
from jimo_desktop.reports.chinese_text import TextStyle

TOP_MARGIN, LEFT_MARGIN = 37 * mm, 28 * mm
BLOCK_WIDTH, BLOCK_HEIGHT = 156 * mm, 225 * mm
BOTTOM_MARGIN = A4[1] - TOP_MARGIN - BLOCK_HEIGHT
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = 16, 22, 14  # 3号, 2号, 4号
PITCH = BLOCK_WIDTH / CHARS_PER_LINE  # 15.79 pt: 16 pt characters set slightly tight
LEADING = BLOCK_HEIGHT / LINES_PER_PAGE  # 28.98 pt
PAGE_NUMBER_GAP = 7 * mm  # from the bottom of the text block to the page number's dashes
LANDSCAPE = landscape(A4)
# A landscape page turns the same text block on its side, centred on the sheet.
LANDSCAPE_MARGIN_X = (LANDSCAPE[0] - BLOCK_HEIGHT) / 2
LANDSCAPE_MARGIN_Y = (LANDSCAPE[1] - BLOCK_WIDTH) / 2
RED = Color(0.85, 0.0, 0.06)
CELL_SIZE, CELL_LEADING, CELL_PADDING = 10.5, 13.5, 2.5  # 五号 in tables


@cache
def registered_fonts() -> dict[str, str]:
    """Role → ReportLab font name; each resolved file registered once, embedded as a subset."""
    names: dict[str, str] = {}
    for role, choice in fonts.resolve_all().items():
        name = f"jimo-{choice.path.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            collection = {"subfontIndex": 0} if choice.path.suffix.lower() == ".ttc" else {}
            pdfmetrics.registerFont(TTFont(name, str(choice.path), **collection))
        names[role] = name
    return names


@dataclass(frozen=True)
class Styles:
    title: TextStyle
    body: TextStyle
    unindented: TextStyle
    heading: TextStyle
    subheading: TextStyle
    attachment_label: TextStyle
    caption: TextStyle
    photo_caption: TextStyle
    cell: TextStyle
    number_cell: TextStyle
    header_cell: TextStyle
    page_number_font: str


@cache
def styles() -> Styles:
    font = registered_fonts()
    tight = PITCH - BODY_SIZE
    body = TextStyle(font["body"], BODY_SIZE, LEADING, tight, first_indent=2)
    cell = TextStyle(
        font["body"], CELL_SIZE, CELL_LEADING, align="left", words="cell", pair_last=True
    )
    return Styles(
        title=TextStyle(font["title"], TITLE_SIZE, TITLE_SIZE * 1.6, align="centre", balanced=True),
        body=body,
        unindented=replace(body, first_indent=0),
        # A heading naming a visit's day leaves no "日）" alone on its last line.
        heading=replace(body, font=font["heading"], pair_last=True),
        subheading=replace(body, font=font["kai"], pair_last=True),
        attachment_label=replace(body, font=font["heading"], first_indent=0, align="left"),
        caption=TextStyle(font["heading"], 14, LEADING, align="centre"),
        photo_caption=replace(cell, align="centre"),
        cell=cell,
        number_cell=replace(cell, align="right"),
        header_cell=replace(cell, font=font["heading"], align="centre", words="header"),
        page_number_font=font["song"],
    )


def is_landscape(page_width: float) -> bool:
    return page_width > A4[0]


def text_block(page_width: float) -> tuple[float, float, float, float]:
    """(left, bottom, width, height) of the text block on a portrait or landscape page."""
    if is_landscape(page_width):
        return LANDSCAPE_MARGIN_X, LANDSCAPE_MARGIN_Y, BLOCK_HEIGHT, BLOCK_WIDTH
    return LEFT_MARGIN, BOTTOM_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT
