"""路线图 on paper: one project's milestones, planned against actual, a row per node.

Today is a dashed line and every late node is red, with its delay beside it. The figure is
plain matplotlib, for the project brief; the screen's 时间表 and 路线图 are drawn by Qt
(views/timeline).
"""

from collections.abc import Sequence
from datetime import date, timedelta

from matplotlib.axes import Axes
from matplotlib.dates import MonthLocator, YearLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from jimo_desktop.domain.dates import format_date, plot_day
from jimo_desktop.domain.milestones import Milestone, Status, milestone_lateness
from jimo_desktop.reports import figures

WIDTH_CM = 22.5  # the landscape text block it prints across, so 9 pt prints as 9 pt
ROW_CM = 0.75
FRAME_CM = 4.0  # title, legend and date axis
MIN_HEIGHT_CM = 8.0
PLANNED = "计划时间"
DONE = "按期完成"
DONE_LATE = "滞后完成"
LATE = "逾期未完成"
# Each kind of mark: legend label → (marker, face colour, edge colour).
_MARK_STYLES = {
    PLANNED: ("D", "white", figures.GREY),
    DONE: ("o", figures.GREEN, figures.GREEN),
    DONE_LATE: ("o", figures.RED, figures.RED),
    LATE: ("D", figures.RED, figures.RED),
}


class _Marks:
    """Marks gathered by kind, then drawn as one artist per kind (one legend entry each)."""

    def __init__(self, today: date):
        self.today = today
        self.points: dict[str, list[tuple[date, int]]] = {label: [] for label in _MARK_STYLES}
        self.delays: list[tuple[int, date, date, str]] = []

    def add_node(self, node: Milestone, row: int) -> Status:
        """Mark one node on `row`; returns where it stands."""
        state = milestone_lateness(node, self.today)
        planned = plot_day(node.planned_on) if node.planned_on else None
        actual = plot_day(node.actual_on) if node.actual_on else None
        if state.status is Status.LATE:
            self.points[LATE].append((planned, row))
            self.delays.append((row, planned, self.today, f"逾期{state.delay}"))
        elif planned is not None:
            self.points[PLANNED].append((planned, row))
        if actual is not None:
            late = state.status is Status.DONE_LATE
            self.points[DONE_LATE if late else DONE].append((actual, row))
            if late:
                self.delays.append((row, planned, actual, f"滞后{state.delay}"))
        return state.status

    def days(self) -> list[date]:
        return [day for points in self.points.values() for day, _ in points]

    def draw(self, axes: Axes, size: float) -> None:
        """Marks, and each delay as a pale red bar labelled with how long it is."""
        for row, start, end, text in self.delays:
            span = [date2num(start), date2num(end)]
            axes.plot(span, [row, row], color=figures.RED, alpha=0.35, linewidth=size)
            axes.annotate(
                text,
                (span[1], row),
                xytext=(size, 0),
                textcoords="offset points",
                va="center",
                color=figures.RED,
                fontsize=figures.SMALL_POINTS,
            )
        for label, points in self.points.items():
            if points:
                days, rows = zip(*points, strict=True)
                _draw_marks(axes, label, date2num(days), rows, size)


def _draw_marks(axes: Axes, label: str, xs, rows, size: float) -> None:
    marker, face, edge = _MARK_STYLES[label]
    axes.plot(
        xs,
        rows,
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=face,
        markeredgecolor=edge,
        color=edge,
        label=label,
        zorder=3,
    )


def project_figure(name: str, milestones: Sequence[Milestone], today: date) -> Figure:
    """One project's 路线图: a row per node, planned against actual."""
    figure, axes = _frame(len(milestones), f"{name} — 时间节点计划与实际")
    if not milestones:
        return _empty(figure, axes, "尚未设置时间节点")
    marks = _Marks(today)
    states = [marks.add_node(node, row) for row, node in enumerate(milestones)]
    late_rows = [state in (Status.LATE, Status.DONE_LATE) for state in states]
    marks.draw(axes, size=7)
    for row, node in enumerate(milestones):
        if not (node.planned_on or node.actual_on):
            axes.annotate(
                "未定计划",
                (0, row),
                xycoords=("axes fraction", "data"),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                color=figures.GREY,
                fontsize=figures.SMALL_POINTS,
            )
    _finish(figure, axes, [node.name for node in milestones], late_rows, marks.days(), today)
    return figure


def _frame(rows: int, title: str) -> tuple[Figure, Axes]:
    height = max(MIN_HEIGHT_CM, FRAME_CM + rows * ROW_CM)
    figure = figures.new_figure(WIDTH_CM, height)
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", color=figures.NAVY)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure, axes


def _empty(figure: Figure, axes: Axes, message: str) -> Figure:
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center", color=figures.GREY, fontsize=12)
    return figure


def _finish(figure, axes, labels, late_rows, days, today) -> None:
    """Row labels (late ones red), today's line, a date axis in Chinese and the legend."""
    axes.set_yticks(range(len(labels)), labels)
    for tick, late in zip(axes.get_yticklabels(), late_rows, strict=True):
        tick.set_color(figures.RED if late else figures.NAVY)
    axes.set_ylim(len(labels) - 0.5, -0.5)
    axes.axvline(
        date2num(today),
        color=figures.AMBER,
        linestyle="--",
        linewidth=1.5,
        label=f"今天（{format_date(today)}）",
        zorder=4,
    )
    first, last = min([*days, today]), max([*days, today])
    margin = timedelta(days=max(15, (last - first).days // 30))
    axes.set_xlim(date2num(first - margin), date2num(last + margin))
    _month_axis(axes, first, last)
    axes.grid(axis="x", color=figures.LIGHT_GREY, linewidth=0.6)
    axes.set_axisbelow(True)
    figure.legend(loc="outside upper right", ncols=7, frameon=False)


def _month_axis(axes: Axes, first: date, last: date) -> None:
    """About a dozen ticks on month boundaries that read well: every 1, 2, 3, 6 or 12 months."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((step for step in (1, 2, 3, 6) if months / step <= 12), 12)
    if step < 12:
        axes.xaxis.set_major_locator(MonthLocator(bymonth=range(1, 13, step)))
    else:
        axes.xaxis.set_major_locator(YearLocator(max(1, months // 144)))
    axes.xaxis.set_major_formatter(FuncFormatter(_month_label))


def _month_label(value: float, _position) -> str:
    day = num2date(value)
    return f"{day.year}年{day.month}月"
