"""Painting the 时间表: the lines in view, their periods and nodes, today's line, the date
header and the name column. The window and the printed pages paint with the same code.

Only the lines in view are painted, and per line only its own slice of the node columns, so
a frame costs the same for 100 projects as for 10,000. Where a node stands was judged by
the store (store/tracking/timeline_rows); the painter only chooses its mark:
planned hollow, reached filled, anything late red.
"""

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
    QStaticText,
    QTransform,
)

from jimo_desktop.domain.milestones import Status
from jimo_desktop.store.tracking.timeline_rows import NO_DAY, STATUSES
from jimo_desktop.views.timeline.arrangement import Arrangement
from jimo_desktop.views.timeline.scales import Zoom

# The program's own colours (resources/style.qss; reports/figures.py prints with the same).
NAVY = QColor("#1f3a5f")
BLUE = QColor("#2f5d94")
RED = QColor("#c0392b")
GREEN = QColor("#2e8b57")
AMBER = QColor("#e69f00")
GREY = QColor("#9aa5b1")
LIGHT_GREY = QColor("#d5dbe3")
BAND = QColor("#eef2f7")
STRIPE = QColor("#f7f9fb")
CURRENT = QColor("#d6e4f5")
GRID = QColor("#e6eaf0")
WHITE = QColor("#ffffff")
TEXT = QColor("#1b2430")

_DONE_LATE = STATUSES.index(Status.DONE_LATE)
NOTHING = "\n没有符合条件的项目"
_LATE = STATUSES.index(Status.LATE)


@dataclass(frozen=True)
class Style:
    """Sizes in the painter's units: pixels on screen, points on paper."""

    family: str
    row_height: float = 24.0
    header_height: float = 44.0
    name_width: float = 300.0
    text_size: float = 12.0
    stamped: bool = True  # marks copied from small pictures on screen; drawn as shapes on paper

    def font(self, bold: bool = False, scale: float = 1.0) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(max(1, round(self.text_size * scale)))
        font.setBold(bold)
        return font


@dataclass(frozen=True)
class Frame:
    """Which part of the time axis and of the lines a painting shows, and where."""

    width: float
    height: float
    first_line: int
    left_day: float  # the day at the left edge of the chart area
    pixels_per_day: float
    zoom: Zoom
    current_line: int | None = None

    def x_of(self, day: float, style: Style) -> float:
        return style.name_width + (day - self.left_day) * self.pixels_per_day

    def day_at(self, x: float, style: Style) -> float:
        return self.left_day + (x - style.name_width) / self.pixels_per_day

    def line_count(self, style: Style) -> int:
        """How many lines fit, the last one perhaps cut off."""
        return max(0, int(np.ceil((self.height - style.header_height) / style.row_height)))

    def last_day(self, style: Style) -> float:
        return self.day_at(self.width, style)


class Mark(Enum):
    """The marks a node may leave: its planned date hollow, the day reached filled."""

    PLANNED = (NAVY, False, 1.3)
    LATE = (RED, False, 2.4)  # planned date passed, not reached
    PLANNED_BEFORE_LATE = (RED, False, 1.3)  # where a node reached late was due
    DONE = (GREEN, True, 1.0)
    DONE_LATE = (RED, True, 1.0)

    def __init__(self, colour: QColor, filled: bool, pen_width: float):
        self.colour = colour
        self.filled = filled
        self.pen_width = pen_width

    def draw(self, painter: QPainter, x: float, y: float, size: float) -> None:
        """Drawn as shapes: a hollow diamond for a date planned, a dot for one reached."""
        half = size / 2
        painter.setPen(QPen(self.colour, self.pen_width))
        painter.setBrush(QBrush(self.colour if self.filled else WHITE))
        if self.filled:
            painter.drawEllipse(QPointF(x, y), half * 0.9, half * 0.9)
        else:
            corners = ((x, y - half), (x + half, y), (x, y + half), (x - half, y))
            painter.drawPolygon(QPolygonF([QPointF(*corner) for corner in corners]))


# What the marks and bars mean: the page's legend and the printed one say the same.
MARK_LEGEND = (
    (Mark.PLANNED, "计划时间"),
    (Mark.DONE, "按期完成"),
    (Mark.DONE_LATE, "滞后完成"),
    (Mark.LATE, "逾期未完成"),
)
SPAN_LEGEND = ((LIGHT_GREY, "计划建设期"), (BLUE, "实际建设期"), (AMBER, "今天"))


@lru_cache(maxsize=64)
def _sprite(mark: Mark, size: float, ratio: float) -> tuple[QImage, float]:
    """A mark drawn once into a small picture, then stamped: an antialiased shape costs the
    raster engine ten times what copying its picture does."""
    side = int(np.ceil(size + 2 * mark.pen_width + 2))
    image = QImage(
        round(side * ratio), round(side * ratio), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    mark.draw(painter, side / 2, side / 2, size)
    painter.end()
    return image, side / 2


def paint(
    painter: QPainter, lines: Arrangement, frame: Frame, style: Style, corner: str = ""
) -> None:
    painter.save()
    painter.fillRect(QRectF(0, 0, frame.width, frame.height), WHITE)
    end = min(len(lines), frame.first_line + frame.line_count(style))
    shown = range(frame.first_line, end)
    chart = QRectF(style.name_width, style.header_height, frame.width, frame.height)
    painter.setClipRect(chart.intersected(QRectF(0, 0, frame.width, frame.height)))
    lower = frame.zoom.lower_ticks(int(frame.left_day), int(frame.last_day(style)) + 1)
    _paint_backgrounds(painter, lines, frame, style, shown, 0, frame.width)
    _paint_grid(painter, lower, frame, style)
    block = _Block(lines, frame, style, shown)
    block.paint_periods(painter)
    block.paint_nodes(painter)
    _paint_today(painter, lines, frame, style)
    if not len(lines):
        painter.setPen(GREY)
        painter.setFont(style.font(scale=1.2))
        painter.drawText(chart, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, NOTHING)
    painter.setClipping(False)
    _paint_names(painter, lines, frame, style, shown)
    _paint_header(painter, lower, lines, frame, style, corner)
    painter.restore()


def _top(line: int, frame: Frame, style: Style) -> float:
    return style.header_height + (line - frame.first_line) * style.row_height


def _paint_backgrounds(painter, lines, frame, style, shown, left: float, right: float) -> None:
    bands: dict[int, list[QRectF]] = {0: [], 1: [], 2: []}
    for line in shown:
        band = QRectF(left, _top(line, frame, style), right - left, style.row_height)
        if lines.row_at(line) is None:
            bands[0].append(band)
        elif line == frame.current_line:
            bands[1].append(band)
        elif line % 2:
            bands[2].append(band)
    painter.setPen(Qt.PenStyle.NoPen)
    for kind, colour in ((0, BAND), (1, CURRENT), (2, STRIPE)):
        painter.setBrush(colour)
        painter.drawRects(bands[kind])


def _paint_grid(painter: QPainter, lower, frame: Frame, style: Style) -> None:
    painter.setPen(QPen(GRID, 1))
    xs = [frame.x_of(tick.day, style) for tick in lower]
    painter.drawLines([QLineF(x, style.header_height, x, frame.height) for x in xs])


class _Block:
    """The lines in view, their rows, periods and nodes as arrays: what a frame draws is
    worked out by numpy at once, then drawn in a few calls per kind of shape."""

    def __init__(self, lines: Arrangement, frame: Frame, style: Style, shown: range):
        self.frame, self.style = frame, style
        self.data = data = lines.data
        entries = lines.entries[shown.start : shown.stop]
        on_line = np.flatnonzero(entries >= 0)
        self.rows = entries[on_line]
        self.middles = style.header_height + (on_line + 0.5) * style.row_height
        starts, ends = data.first_node[self.rows], data.first_node[self.rows + 1]
        counts = ends - starts
        offsets = np.cumsum(counts) - counts
        self.nodes = np.repeat(starts - offsets, counts) + np.arange(counts.sum())
        self.node_middles = np.repeat(self.middles, counts)

    def x(self, days: np.ndarray) -> np.ndarray:
        frame = self.frame
        return self.style.name_width + (days - frame.left_day) * frame.pixels_per_day

    def paint_periods(self, painter: QPainter) -> None:
        height = self.style.row_height
        painter.setPen(Qt.PenStyle.NoPen)
        for spans, colour, share in (
            (self.data.planned[self.rows], LIGHT_GREY, 0.5),
            (self.data.actual[self.rows], BLUE, 0.22),
        ):
            known = (spans[:, 0] != NO_DAY) & (spans[:, 1] != NO_DAY)
            lefts, rights = self.x(spans[known, 0]), self.x(spans[known, 1])
            tops = self.middles[known] - height * share / 2
            painter.setBrush(colour)
            painter.drawRects(
                [
                    QRectF(left, top, max(right - left, 2.0), height * share)
                    for left, right, top in zip(
                        lefts.tolist(), rights.tolist(), tops.tolist(), strict=True
                    )
                ]
            )

    def paint_nodes(self, painter: QPainter) -> None:
        nodes = self.data.nodes
        status = nodes.status[self.nodes]
        planned, actual = nodes.planned[self.nodes], nodes.actual[self.nodes]
        planned_x, actual_x = self.x(planned), self.x(actual)
        ys = self.node_middles
        size = self.style.row_height * 0.42
        late_done = (status == _DONE_LATE) & (planned != NO_DAY) & (actual != NO_DAY)
        painter.setPen(QPen(RED, 1.2))
        painter.drawLines(
            [
                QLineF(x1, y, x2, y)
                for x1, x2, y in zip(
                    planned_x[late_done].tolist(),
                    actual_x[late_done].tolist(),
                    ys[late_done].tolist(),
                    strict=True,
                )
            ]
        )
        reached = actual != NO_DAY
        waiting = ~reached & (planned != NO_DAY)
        for mark, chosen, xs, mark_size in (
            (Mark.PLANNED_BEFORE_LATE, late_done, planned_x, size * 0.8),
            (Mark.PLANNED, waiting & (status != _LATE), planned_x, size),
            (Mark.LATE, waiting & (status == _LATE), planned_x, size),
            (Mark.DONE, reached & (status != _DONE_LATE), actual_x, size),
            (Mark.DONE_LATE, reached & (status == _DONE_LATE), actual_x, size),
        ):
            self._stamp(painter, mark, xs[chosen], ys[chosen], mark_size)

    def _stamp(self, painter: QPainter, mark: Mark, xs, ys, size: float) -> None:
        style, frame = self.style, self.frame
        inside = (xs > style.name_width - size) & (xs < frame.width + size)
        points = zip(xs[inside].tolist(), ys[inside].tolist(), strict=True)
        if not style.stamped:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for x, y in points:
                mark.draw(painter, x, y, size)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            return
        image, half = _sprite(mark, size, painter.device().devicePixelRatioF())
        for x, y in points:
            painter.drawImage(QPointF(x - half, y - half), image)


def _paint_today(painter: QPainter, lines: Arrangement, frame: Frame, style: Style) -> None:
    x = frame.x_of(lines.data.today_number + 0.5, style)
    pen = QPen(AMBER, 1.6, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QLineF(x, style.header_height, x, frame.height))


def _paint_names(painter: QPainter, lines: Arrangement, frame: Frame, style, shown) -> None:
    column = QRectF(0, style.header_height, style.name_width, frame.height)
    painter.fillRect(column, WHITE)
    _paint_backgrounds(painter, lines, frame, style, shown, 0, style.name_width)
    late = lines.data.late_counts
    room = style.name_width - style.text_size
    for line in shown:
        row = lines.row_at(line)
        top = _top(line, frame, style)
        if row is None:
            painter.setPen(NAVY)
            text = _elided(lines.headings[-1 - int(lines.entries[line])], style, room, True)
        else:
            painter.setPen(RED if late[row] else TEXT)
            text = _elided(lines.data.labels[row], style, room, False)
        _text(painter, style, text, style.text_size / 2, top, style.row_height, row is None)
    painter.setPen(QPen(LIGHT_GREY, 1))
    painter.drawLine(QLineF(style.name_width, 0, style.name_width, frame.height))


@lru_cache(maxsize=4096)
def _elided(text: str, style: Style, room: float, bold: bool) -> str:
    """A name cut to its column with "…"; the same names are painted frame after frame."""
    metrics = QFontMetricsF(style.font(bold=bold))
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)


@lru_cache(maxsize=8192)
def _laid_out(text: str, style: Style, bold: bool, scale: float) -> tuple[QStaticText, QFont]:
    """Text laid out once and drawn as often as asked: laying text out is most of its cost."""
    font = style.font(bold, scale)
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.prepare(QTransform(), font)
    return static, font


def _text(painter, style, text, x, top, height, bold=False, scale=1.0) -> float:
    """Text from `x`, centred in a band from `top`; returns its width."""
    static, font = _laid_out(text, style, bold, scale)
    size = static.size()
    painter.setFont(font)
    painter.drawStaticText(QPointF(x, top + (height - size.height()) / 2), static)
    return size.width()


def _text_width(text: str, style: Style, bold: bool, scale: float) -> float:
    return _laid_out(text, style, bold, scale)[0].size().width()


def _paint_header(painter, lower, lines: Arrangement, frame: Frame, style, corner: str) -> None:
    half = style.header_height / 2
    painter.fillRect(QRectF(0, 0, frame.width, style.header_height), BAND)
    painter.setClipRect(QRectF(style.name_width, 0, frame.width, style.header_height))
    upper = frame.zoom.upper_ticks(int(frame.left_day), int(frame.last_day(style)) + 1)
    _paint_band(painter, upper, frame, style, (0, half), True, sticky=True)
    _paint_band(painter, lower, frame, style, (half, half), False, sticky=False)
    x = frame.x_of(lines.data.today_number + 0.5, style)
    painter.setPen(QPen(AMBER, 2))
    painter.drawLine(QLineF(x, half, x, style.header_height))
    painter.setClipping(False)
    painter.setPen(QPen(LIGHT_GREY, 1))
    painter.drawLine(QLineF(0, style.header_height, frame.width, style.header_height))
    painter.drawLine(QLineF(style.name_width, 0, style.name_width, style.header_height))
    painter.setPen(NAVY)
    room = style.name_width - style.text_size
    text = _elided(corner, style, room, True)
    _text(painter, style, text, style.text_size / 2, 0, style.header_height, True)


def _paint_band(painter, ticks, frame: Frame, style, band, bold: bool, sticky: bool) -> None:
    """One band of the header: a line where each period starts and its name beside it. The
    upper band's names stay in view while their period does (sticky)."""
    top, height = band
    scale = 1.0 if bold else 0.9
    gap = style.text_size / 4
    xs = [frame.x_of(tick.day, style) for tick in ticks]
    painter.setPen(QPen(GREY, 1))
    painter.drawLines([QLineF(x, top, x, top + height) for x in xs])
    painter.setPen(TEXT)
    for number, (tick, x) in enumerate(zip(ticks, xs, strict=True)):
        end = xs[number + 1] if number + 1 < len(xs) else frame.width
        left = max(x, style.name_width) + gap if sticky else x + gap
        width = _text_width(tick.label, style, bold, scale)
        fits = left + width <= end - gap / 2 and x >= style.name_width - gap
        if fits or (sticky and left + width <= end):
            _text(painter, style, tick.label, left, top, height, bold, scale)


def node_at(lines: Arrangement, line: int, x: float, frame: Frame, style: Style) -> int | None:
    """The node drawn nearest `x` on a line, within half a row; its index in the node columns."""
    row = lines.row_at(line)
    if row is None:
        return None
    data = lines.data
    start, end = data.first_node[row], data.first_node[row + 1]
    if start == end:
        return None
    actual = data.nodes.actual[start:end]
    drawn = np.where(actual != NO_DAY, actual, data.nodes.planned[start:end])
    known = drawn != NO_DAY
    if not known.any():
        return None
    xs = style.name_width + (drawn - frame.left_day) * frame.pixels_per_day
    distance = np.where(known, np.abs(xs - x), np.inf)
    nearest = int(np.argmin(distance))
    return int(start + nearest) if distance[nearest] <= style.row_height / 2 else None
