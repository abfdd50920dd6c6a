"""The pieces an official document is set from: tables, pictures, the red masthead, the 落款.

Each takes plain values and returns ReportLab flowables in the styles of page_styles.py;
reports/document.py decides where each goes.
"""

from collections.abc import Sequence
from dataclasses import replace
from io import BytesIO

from reportlab.lib.colors import black
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from jimo_desktop.reports.chinese_text import GridText, TextStyle, measurer, tokens
from jimo_desktop.reports.page_styles import (
    BODY_SIZE,
    CELL_PADDING,
    CELL_SIZE,
    LEADING,
    RED,
    registered_fonts,
    styles,
)

DATE_RIGHT_INDENT = 4  # 成文日期右空四字


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    relative_widths: Sequence[float],
    numeric: frozenset[int],
    width: float,
) -> Table:
    """A ruled table across `width`: header repeated on each page, rows never split."""
    style = styles()
    cells = [[GridText(text, style.header_cell) for text in header]]
    cells += [
        [
            GridText(text, style.number_cell if column in numeric else style.cell)
            for column, text in enumerate(row)
        ]
        for row in rows
    ]
    widths = column_widths(relative_widths, _widest_words(cells), width)
    result = DataTable(cells, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=0)
    result.setStyle(
        TableStyle(
            [
                # Cells hold GridText, but the table still selects a font for every cell.
                ("FONT", (0, 0), (-1, -1), style.cell.font, CELL_SIZE),
                ("GRID", (0, 0), (-1, -1), 0.5, black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
        )
    )
    return result


def _widest_words(cells: list[list[GridText]]) -> list[float]:
    """Per column, the room its widest unbreakable piece (a header word, a date) needs."""
    needs = [0.0] * len(cells[0])
    for row in cells:
        for column, cell in enumerate(row):
            needs[column] = max(needs[column], _widest_word(cell.text, cell.style))
    return [need + 2 * CELL_PADDING for need in needs]


def _widest_word(text: str, style: TextStyle) -> float:
    measure = measurer(style)
    return max((measure(word) for word in tokens(text, style.words)), default=0.0)


def column_widths(relative: Sequence[float], least: Sequence[float], width: float) -> list[float]:
    """Widths in the given proportions across `width`, each column widened to its least
    width at the expense of the columns with room to spare; proportional when the least
    widths together do not fit."""
    total = sum(relative)
    widths = [width * part / total for part in relative]
    if sum(least) > width:
        return widths
    fixed: set[int] = set()
    while True:
        short = {
            n
            for n, (have, need) in enumerate(zip(widths, least, strict=True))
            if have < need - 0.01
        }
        if not short:
            return widths
        fixed |= short
        for n in short:
            widths[n] = least[n]
        free = [n for n in range(len(widths)) if n not in fixed]
        room = width - sum(widths[n] for n in fixed)
        share = sum(relative[n] for n in free)
        for n in free:
            widths[n] = room * relative[n] / share


class DataTable(Table):
    """A table that leaves no data row alone at the foot or the top of a page where two can
    go together: a split that would do so moves a row on, or the whole table."""

    LEAST_ROWS = 2

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):
        split_at = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        rows, header = len(self._rowHeights), self.repeatRows
        frame = self._doctemplateAttr("frame")
        if split_at >= rows or frame is None:
            return split_at
        # At the top of a page, moving the table on could do no better: only the foot's
        # rule holds there, as long as a row stays.
        fresh = frame._atTop
        if not fresh and rows - header < 2 * self.LEAST_ROWS:
            return 0
        split_at = min(split_at, rows - self.LEAST_ROWS)
        least = 1 if fresh else self.LEAST_ROWS
        return split_at if split_at - header >= least else 0

    def least_height(self, width: float) -> float:
        """The header and the first rows: what must fit for the table to start here."""
        self.wrap(width, 1e6)
        return sum(self._rowHeights[: self.repeatRows + self.LEAST_ROWS])


def picture(image: bytes, caption: str, width: float) -> Flowable:
    """An image at `width`, its height from its own proportions, kept with its caption."""
    return KeepTogether(_captioned(image, caption, width, width * 2, styles().caption))


def _captioned(
    image: bytes, caption: str, width: float, height: float, style: TextStyle
) -> list[Flowable]:
    """The image in a `width` × `height` box, whole and in its own proportions (a portrait
    photo narrower, never cropped), the caption below."""
    pixels_wide, pixels_high = ImageReader(BytesIO(image)).getSize()
    scale = min(width / pixels_wide, height / pixels_high)
    parts: list[Flowable] = [
        Image(BytesIO(image), width=pixels_wide * scale, height=pixels_high * scale)
    ]
    if caption:
        parts.append(GridText(caption, style))
    return parts


def picture_grid(images: Sequence[tuple[bytes, str]], columns: int, width: float) -> Table:
    """Pictures `columns` to a row, each in a 4:3 box as wide as its cell, captioned below."""
    cell_width = width / columns
    inner = cell_width - 2 * CELL_PADDING
    style = styles().photo_caption
    cells: list = [
        _captioned(image, caption, inner, inner * 0.75, style) for image, caption in images
    ]
    cells += [""] * (-len(cells) % columns)
    rows = [cells[start : start + columns] for start in range(0, len(cells), columns)]
    grid = PictureTable(rows, colWidths=[cell_width] * columns, splitInRow=0)
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles().cell.font, CELL_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING * 2),
            ]
        )
    )
    return grid


class PictureTable(Table):
    """Rows of pictures: a page may end after any row."""

    def least_height(self, width: float) -> float:
        self.wrap(width, 1e6)
        return self._rowHeights[0]


def closing(issuer: str, date_text: str) -> list[Flowable]:
    """落款: the date four characters from the right, the office centred above it."""
    signature = replace(styles().body, align="right", first_indent=0)
    issuer_indent = DATE_RIGHT_INDENT + max(0, len(date_text) - len(issuer)) / 2
    return [
        Spacer(1, LEADING * 2),
        GridText(issuer, replace(signature, right_indent=issuer_indent)),
        GridText(date_text, replace(signature, right_indent=DATE_RIGHT_INDENT)),
    ]


def attachment_note(titles: Sequence[str]) -> list[Flowable]:
    """附件说明 after the text: "附件：1. …", later items aligned under the first."""
    body = styles().body
    lines = []
    for number, title in enumerate(titles, start=1):
        prefix = "附件：" if number == 1 else ""
        item = replace(body, first_indent=2 if number == 1 else 5, align="left")
        lines.append(GridText(f"{prefix}{number}. {title}", item))
    return [Spacer(1, LEADING), *lines]


class Masthead(Flowable):
    """The red name of the 简报, its issue, the issuing office and date, and the red rule."""

    NAME_SIZE = 36

    def __init__(self, name: str, issue: str, issuer: str, date_text: str):
        super().__init__()
        self.name, self.issue, self.issuer, self.date_text = name, issue, issuer, date_text

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, LEADING * 5
        return self.width, self.height

    def draw(self):
        canvas, font = self.canv, registered_fonts()
        canvas.setFillColor(RED)
        canvas.setFont(font["title"], self.NAME_SIZE)
        canvas.drawCentredString(self.width / 2, self.height - self.NAME_SIZE, self.name)
        canvas.setFillColor(black)
        canvas.setFont(font["body"], BODY_SIZE)
        canvas.drawCentredString(self.width / 2, self.height - LEADING * 2.6, self.issue)
        rule = LEADING * 1.3
        canvas.drawString(0, rule + LEADING * 0.4, self.issuer)
        canvas.drawRightString(self.width, rule + LEADING * 0.4, self.date_text)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(1.5)
        canvas.line(0, rule, self.width, rule)
