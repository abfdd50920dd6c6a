"""The 时间表 on paper and as a picture.

A PDF shows the dates in view across A3 or A4 landscape pages, every line of the list,
with the title and the date header on every page and "第 N 页 共 M 页" below; it is painted
by the same code as the screen, in points, in the 黑体 face reports/fonts.py chooses for
charts (embedded by Qt's PDF writer). A PNG is the view as it is on screen.
"""

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QWidget

from jimo_desktop import safe_files
from jimo_desktop.reports import fonts
from jimo_desktop.views.timeline.arrangement import Arrangement
from jimo_desktop.views.timeline.painter import (
    MARK_LEGEND,
    NAVY,
    SPAN_LEGEND,
    TEXT,
    Frame,
    Mark,
    Style,
    paint,
)
from jimo_desktop.views.timeline.scales import Zoom

PAPERS = {"A3": QPageSize.PageSizeId.A3, "A4": QPageSize.PageSizeId.A4}
MARGIN_MM = 10
RESOLUTION = 600
POINTS_PER_INCH = 72
PRINT_FONT_ROLE = "heading"  # 黑体, as charts print
TITLE_POINTS = 14
FOOTER_POINTS = 9


@dataclass(frozen=True)
class PrintStyle:
    """Sizes on paper, in points: A3 takes more projects a page than A4, at the same size."""

    row_height: float = 13.0
    header_height: float = 30.0
    name_width: float = 190.0
    text_size: float = 8.0


def print_family() -> str:
    """The face charts print in, registered with Qt; FontMissingError when there is none."""
    choice = fonts.resolve(PRINT_FONT_ROLE)
    font_id = QFontDatabase.addApplicationFont(str(choice.path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise fonts.FontMissingError(fonts.NO_FONT_MESSAGE)
    return families[0]


def font_notes() -> list[str]:
    """A 提示 line when the face the PDF is printed in stands in for 黑体."""
    return [note.message() for note in fonts.substitutions() if note.role == PRINT_FONT_ROLE]


def pdf_bytes(
    lines: Arrangement, first_day: int, last_day: int, paper: str, title: str
) -> tuple[bytes, int]:
    """The PDF of `lines` between two days, and how many pages it has."""
    family = print_family()
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("即墨区重点项目调度台")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAPERS[paper]),
            QPageLayout.Orientation.Landscape,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    sizes = PrintStyle()
    style = Style(
        family, sizes.row_height, sizes.header_height, sizes.name_width, sizes.text_size, False
    )
    scale = RESOLUTION / POINTS_PER_INCH
    width, height = writer.width() / scale, writer.height() / scale
    title_height, footer_height = TITLE_POINTS * 2, FOOTER_POINTS * 2
    chart_height = height - title_height - footer_height
    per_page = max(1, int((chart_height - style.header_height) // style.row_height))
    pages = max(1, -(-len(lines) // per_page))
    pixels_per_day = (width - style.name_width) / max(1, last_day - first_day)
    frame = Frame(
        width=width,
        height=style.header_height + per_page * style.row_height,
        first_line=0,
        left_day=first_day,
        pixels_per_day=pixels_per_day,
        zoom=Zoom.fitting(pixels_per_day),
    )
    painter = QPainter(writer)
    painter.scale(scale, scale)
    for page in range(pages):
        if page:
            writer.newPage()
        _words(painter, style, QRectF(0, 0, width, title_height), title, TITLE_POINTS, True)
        painter.save()
        painter.translate(0, title_height)
        on_page = min(per_page, len(lines) - page * per_page)
        shown = replace(
            frame,
            first_line=page * per_page,
            height=style.header_height + max(on_page, 1) * style.row_height,
        )
        paint(painter, lines, shown, style, f"项目名称（共{len(lines.rows())}个）")
        painter.restore()
        footer = QRectF(0, height - footer_height, width, footer_height)
        _legend(painter, style, footer)
        _words(painter, style, footer, f"第 {page + 1} 页　共 {pages} 页", FOOTER_POINTS)
    painter.end()
    buffer.close()
    return bytes(content.data()), pages


def _legend(painter: QPainter, style: Style, box: QRectF) -> None:
    """What the marks and bars mean, at the left of the footer."""
    size = style.row_height * 0.42
    middle = box.center().y()
    font = style.font()
    metrics = QFontMetricsF(font)
    baseline = middle + (metrics.ascent() - metrics.descent()) / 2
    x = box.left() + size / 2
    entries = [(mark, label) for mark, label in MARK_LEGEND]
    entries += [(colour, label) for colour, label in SPAN_LEGEND]
    for sign, label in entries:
        if isinstance(sign, Mark):
            sign.draw(painter, x, middle, size)
            x += size
        else:
            painter.fillRect(QRectF(x - size / 2, middle - size / 4, size * 1.5, size / 2), sign)
            x += size * 1.2
        painter.setFont(font)
        painter.setPen(TEXT)
        painter.drawText(QPointF(x, baseline), label)
        x += metrics.horizontalAdvance(label) + metrics.height()


def _words(painter, style: Style, box: QRectF, text: str, points: float, title=False) -> None:
    font = style.font(bold=title, scale=points / style.text_size)
    painter.setFont(font)
    painter.setPen(NAVY if title else TEXT)
    align = Qt.AlignmentFlag.AlignVCenter
    align |= Qt.AlignmentFlag.AlignLeft if title else Qt.AlignmentFlag.AlignHCenter
    painter.drawText(box, align, text)


def write_pdf(
    path: Path, lines: Arrangement, first_day: int, last_day: int, paper: str, title: str
) -> int:
    """Write the PDF whole or not at all; returns its page count."""
    content, pages = pdf_bytes(lines, first_day, last_day, paper, title)
    safe_files.write_bytes(path, content, held_by=" PDF 阅读器")
    return pages


def write_png(path: Path, widget: QWidget) -> None:
    picture = widget.grab()

    def save(partial: Path) -> None:
        if not picture.save(str(partial), "PNG"):
            raise OSError(f"无法写入 {path}")

    safe_files.write_with(path, save)
