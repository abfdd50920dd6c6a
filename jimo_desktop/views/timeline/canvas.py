"""The 时间表 widget: scrolls through any number of lines and four zoom levels at screen speed.

The wheel scrolls the lines (with Shift, the dates); Ctrl+wheel, + and − zoom around the
pointer or the middle; dragging pans both ways; Home brings today into the middle; the arrow
keys and PageUp/PageDown move between projects, ←/→ move along the dates; Enter or a
double-click opens the line. Hovering over a node or clicking it tells its dates, where it
stands and who is responsible. The date header and the name column stay in place.
"""

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from jimo_desktop.views.timeline.arrangement import Arrangement
from jimo_desktop.views.timeline.painter import Frame, Style, node_at, paint
from jimo_desktop.views.timeline.scales import Zoom

WHEEL_LINES = 3  # lines per notch of the wheel, as Qt's item views scroll
PAN_SHARE = 0.1  # ←/→ move a tenth of the visible dates
MARGIN_DAYS = 60  # room before the first and after the last date drawn
DRAG_START = 4  # pixels the pointer moves before a press becomes a drag


class TimelineCanvas(QAbstractScrollArea):
    current_changed = Signal(int)  # the line now current
    activated = Signal(int)  # the id of the row opened (a project's, or a node's)
    node_clicked = Signal(int)  # the node's id
    zoom_changed = Signal()

    def __init__(
        self,
        lines: Arrangement,
        describe_node: Callable[[int], list[str]],
        corner: str = "项目名称",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setMouseTracking(True)
        self.style_ = Style(QApplication.font().family())
        self.corner = corner
        self._describe = describe_node
        self.zoom = Zoom.QUARTER
        self.current_line: int | None = None
        self.details = ""  # what the last clicked node said
        self._drag: tuple[QPoint, float, int] | None = None
        self._dragged = False
        self._left_day = 0.0
        # Where the dates were placed (today in the middle, a span fitted), done again when
        # the widget is resized, until the officer moves along the dates.
        self._placement: Callable[[], None] | None = None
        self._span = (0, 0)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled_sideways)
        self.lines = lines
        self.set_lines(lines)
        self.show_today()

    # What is shown

    def set_lines(self, lines: Arrangement, from_the_top: bool = False) -> None:
        """Show other lines: the current project stays current and in view if still shown;
        otherwise the place is kept (the same lines read again) or `from_the_top`."""
        kept = self.current_row_id()
        self.lines = lines
        first, last = lines.data.days_spanned()
        self._span = (first - MARGIN_DAYS, last + MARGIN_DAYS)
        self.current_line = lines.line_of_id(kept) if kept is not None else None
        self._update_scroll_bars()
        if self.current_line is not None:
            self._bring_into_view(self.current_line)
        elif from_the_top:
            self.verticalScrollBar().setValue(0)
        self.viewport().update()

    def current_row_id(self) -> int | None:
        if self.current_line is None:
            return None
        row = self.lines.row_at(self.current_line)
        return int(self.lines.data.ids[row]) if row is not None else None

    def frame(self) -> Frame:
        viewport = self.viewport()
        return Frame(
            width=viewport.width(),
            height=viewport.height(),
            first_line=self.verticalScrollBar().value(),
            left_day=self._left_day,
            pixels_per_day=self.zoom.pixels_per_day,
            zoom=self.zoom,
            current_line=self.current_line,
        )

    def visible_days(self) -> tuple[int, int]:
        frame = self.frame()
        return int(frame.left_day), int(np.ceil(frame.last_day(self.style_)))

    def first_line(self) -> int:
        return self.verticalScrollBar().value()

    def lines_in_view(self) -> int:
        room = self.viewport().height() - self.style_.header_height
        return max(1, int(room // self.style_.row_height))

    # Moving about

    def set_zoom(self, zoom: Zoom, anchor_x: float | None = None) -> None:
        """Change the scale keeping the day under `anchor_x` (the middle by default) in place."""
        if zoom is self.zoom:
            return
        style = self.style_
        x = anchor_x if anchor_x is not None else (style.name_width + self.viewport().width()) / 2
        day = self.frame().day_at(x, style)
        self.zoom = zoom
        self._left_day = day - (x - style.name_width) / zoom.pixels_per_day
        self._placement = None
        self._update_scroll_bars()
        self.viewport().update()
        self.zoom_changed.emit()

    def zoom_in(self, anchor_x: float | None = None) -> None:
        self.set_zoom(self.zoom.closer(), anchor_x)

    def zoom_out(self, anchor_x: float | None = None) -> None:
        self.set_zoom(self.zoom.wider(), anchor_x)

    def show_today(self) -> None:
        chart = self.viewport().width() - self.style_.name_width
        self.scroll_to_day(self.lines.data.today_number - chart / 2 / self.zoom.pixels_per_day)
        self._placement = self.show_today

    def show_days(self, first: int, last: int) -> None:
        """The closest zoom at which these days fit, from a little before the first."""
        chart = max(1.0, self.viewport().width() - self.style_.name_width)
        span = max(1, last - first) * 1.1
        fitting = [zoom for zoom in Zoom if span * zoom.pixels_per_day <= chart]
        self.set_zoom(fitting[-1] if fitting else Zoom.YEAR)
        self.scroll_to_day(first - max(1, last - first) * 0.05)
        self._placement = lambda: self.show_days(first, last)

    def scroll_to_day(self, left_day: float) -> None:
        self._left_day = left_day
        self._placement = None
        self._update_scroll_bars()
        self.viewport().update()

    def pan(self, pixels: float) -> None:
        self.scroll_to_day(self._left_day + pixels / self.zoom.pixels_per_day)

    def scroll_lines(self, count: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + count)

    def set_current(self, line: int | None) -> None:
        """Make a line current and bring it into view."""
        if line is None or not len(self.lines):
            return
        line = max(0, min(line, len(self.lines) - 1))
        self.current_line = line
        self._bring_into_view(line)
        self.viewport().update()
        self.current_changed.emit(line)

    def _bring_into_view(self, line: int) -> None:
        first, shown = self.first_line(), self.lines_in_view()
        if line < first:
            self.verticalScrollBar().setValue(line)
        elif line >= first + shown:
            self.verticalScrollBar().setValue(line - shown + 1)

    def _step(self, step: int) -> None:
        """To the next project up or down, over group headings."""
        line = self.current_line if self.current_line is not None else self.first_line() - 1
        line += step
        while 0 <= line < len(self.lines) and self.lines.row_at(line) is None:
            line += 1 if step > 0 else -1
        if 0 <= line < len(self.lines):
            self.set_current(line)

    def _update_scroll_bars(self) -> None:
        rows = self.verticalScrollBar()
        shown = self.lines_in_view()
        rows.setRange(0, max(0, len(self.lines) - shown))
        rows.setPageStep(shown)
        rows.setSingleStep(1)
        dates = self.horizontalScrollBar()
        ppd = self.zoom.pixels_per_day
        chart = max(1, self.viewport().width() - self.style_.name_width)
        first, last = self._span
        first, last = min(first, self._left_day), max(last, self._left_day + chart / ppd)
        self._span = (first, last)
        dates.blockSignals(True)
        dates.setRange(0, int((last - first) * ppd - chart))
        dates.setPageStep(int(chart))
        dates.setSingleStep(max(1, int(chart * PAN_SHARE)))
        dates.setValue(round((self._left_day - first) * ppd))
        dates.blockSignals(False)

    def _scrolled_sideways(self, value: int) -> None:
        self._left_day = self._span[0] + value / self.zoom.pixels_per_day
        self._placement = None
        self.viewport().update()

    # Events

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        paint(painter, self.lines, self.frame(), self.style_, self.corner)
        painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._placement is not None:
            self._placement()
        else:
            self._update_scroll_bars()

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta()
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            if delta.y() > 0:
                self.zoom_in(event.position().x())
            elif delta.y() < 0:
                self.zoom_out(event.position().x())
        elif modifiers & Qt.KeyboardModifier.ShiftModifier or delta.x():
            notches = (delta.x() or delta.y()) / 120
            self.pan(-notches * self.horizontalScrollBar().singleStep())
        else:
            self.scroll_lines(round(-delta.y() / 120 * WHEEL_LINES))
        event.accept()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        chart = self.viewport().width() - self.style_.name_width
        actions = {
            Qt.Key.Key_Up: lambda: self._step(-1),
            Qt.Key.Key_Down: lambda: self._step(+1),
            Qt.Key.Key_PageUp: lambda: self._step(-self.lines_in_view()),
            Qt.Key.Key_PageDown: lambda: self._step(+self.lines_in_view()),
            Qt.Key.Key_Home: self.show_today,
            Qt.Key.Key_Left: lambda: self.pan(-chart * PAN_SHARE),
            Qt.Key.Key_Right: lambda: self.pan(chart * PAN_SHARE),
            Qt.Key.Key_Plus: self.zoom_in,
            Qt.Key.Key_Equal: self.zoom_in,
            Qt.Key.Key_Minus: self.zoom_out,
            Qt.Key.Key_Return: self._activate_current,
            Qt.Key.Key_Enter: self._activate_current,
        }
        if key in actions:
            actions[key]()
            event.accept()
        else:
            super().keyPressEvent(event)

    def _activate_current(self) -> None:
        row_id = self.current_row_id()
        if row_id is not None:
            self.activated.emit(row_id)

    def line_at(self, y: float) -> int | None:
        style = self.style_
        if y < style.header_height:
            return None
        line = self.first_line() + int((y - style.header_height) // style.row_height)
        return line if line < len(self.lines) else None

    def node_under(self, position) -> int | None:
        line = self.line_at(position.y())
        if line is None or position.x() <= self.style_.name_width:
            return None
        return node_at(self.lines, line, position.x(), self.frame(), self.style_)

    def _tooltip(self, position) -> str:
        """A node's details over its mark; a name in full over the name column."""
        node = self.node_under(position)
        if node is not None:
            return "\n".join(self._describe(int(self.lines.data.nodes.ids[node])))
        line = self.line_at(position.y())
        row = self.lines.row_at(line) if line is not None else None
        if row is not None and position.x() <= self.style_.name_width:
            return self.lines.data.labels[row]
        return ""

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = (event.position().toPoint(), self._left_day, self.first_line())
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag is not None:
            start, left_day, first_line = self._drag
            moved = event.position().toPoint() - start
            if self._dragged or moved.manhattanLength() >= DRAG_START:
                self._dragged = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.scroll_to_day(left_day - moved.x() / self.zoom.pixels_per_day)
                self.verticalScrollBar().setValue(
                    first_line - round(moved.y() / self.style_.row_height)
                )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is not None and not self._dragged:
            self._click(event.position())
        self._drag = None
        self.viewport().unsetCursor()
        super().mouseReleaseEvent(event)

    def _click(self, position) -> None:
        line = self.line_at(position.y())
        if line is not None and self.lines.row_at(line) is not None:
            self.set_current(line)
        node = self.node_under(position)
        if node is not None:
            node_id = int(self.lines.data.nodes.ids[node])
            self.details = "\n".join(self._describe(node_id))
            QToolTip.showText(self.viewport().mapToGlobal(position.toPoint()), self.details, self)
            self.node_clicked.emit(node_id)

    def mouseDoubleClickEvent(self, event) -> None:
        line = self.line_at(event.position().y())
        if line is not None and self.lines.row_at(line) is not None:
            self.set_current(line)
            self._activate_current()
        event.accept()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self._tooltip(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
