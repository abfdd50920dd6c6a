"""时间表、路线图: planned against actual milestone dates, as a Gantt-like chart.

One project is drawn a row per node; many projects a row each, with their planned and
actual construction periods as bars and their nodes as marks. Today is a dashed line and
every late node is red. The figures are plain matplotlib, for the screen and for print.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from matplotlib.axes import Axes
from matplotlib.dates import MonthLocator, YearLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.milestones import (
    Milestone,
    ProjectSchedule,
    Status,
    milestone_lateness,
)
from jimo_desktop.reports import figures

WIDTH_CM = 22.5  # the landscape text block it prints across, so 9 pt prints as 9 pt
ROW_CM = 0.75
FRAME_CM = 4.0  # title, legend and date axis
MIN_HEIGHT_CM = 8.0
NAME_CHARACTERS = 18
PLANNED = "计划时间"
DONE = "按期完成"
DONE_LATE = "滞后完成"
LATE = "逾期未完成"
PLANNED_PERIOD = "计划建设期"
ACTUAL_PERIOD = "实际建设期"
# Each kind of mark: legend label → (marker, face colour, edge colour).
_MARK_STYLES = {
    PLANNED: ("D", "white", figures.GREY),
    DONE: ("o", figures.GREEN, figures.GREEN),
    DONE_LATE: ("o", figures.RED, figures.RED),
    LATE: ("D", figures.RED, figures.RED),
}


def plot_day(iso: str) -> date:
    """Where a date is drawn: a year-month in the middle of its month, so that a planned
    and an actual "2020-06" meet instead of looking a month apart."""
    parts = [int(part) for part in iso.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) == 3 else 15)


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

    def draw(self, axes: Axes, size: float, show_delays: bool) -> None:
        """Marks; with `show_delays`, each delay as a pale red bar labelled with its days."""
        for row, start, end, text in self.delays if show_delays else ():
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
    marks.draw(axes, size=7, show_delays=True)
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


def projects_figure(schedules: Sequence[ProjectSchedule], today: date, title: str = "") -> Figure:
    """Many projects' 时间表: a row each, construction periods as bars, nodes as marks."""
    heading = f"{title or '项目时间表'}（{len(schedules)}个项目）"
    figure, axes = _frame(len(schedules), heading)
    if not schedules:
        return _empty(figure, axes, "没有符合条件的项目")
    marks = _Marks(today)
    period_days = _draw_periods(axes, schedules, today)
    # A project is flagged while it has a node overdue; one caught up late is history.
    late_rows = [
        Status.LATE in [marks.add_node(node, row) for node in schedule.milestones]
        for row, schedule in enumerate(schedules)
    ]
    # Delay bars would pile up on a project's row; the red marks and label say enough.
    marks.draw(axes, size=5, show_delays=False)
    names = [_short(schedule.name) for schedule in schedules]
    _finish(figure, axes, names, late_rows, marks.days() + period_days, today)
    # A tall chart is read scrolled: dates at the top as well as at the bottom.
    axes.tick_params(axis="x", labeltop=True)
    return figure


def _draw_periods(axes: Axes, schedules: Sequence[ProjectSchedule], today: date) -> list[date]:
    """Planned construction periods as wide grey bars, actual ones (to today while under
    way) as narrow blue bars inside them; returns the days drawn, for the axis range."""
    planned = [
        (row, plot_day(s.planned_start), plot_day(s.planned_end))
        for row, s in enumerate(schedules)
        if s.planned_start and s.planned_end
    ]
    actual = [
        (row, plot_day(s.actual_start), plot_day(s.actual_end) if s.actual_end else today)
        for row, s in enumerate(schedules)
        if s.actual_start
    ]
    _bars(axes, planned, PLANNED_PERIOD, figures.LIGHT_GREY, 0.6)
    _bars(axes, actual, ACTUAL_PERIOD, figures.BLUE, 0.25)
    return [day for _, first, last in planned + actual for day in (first, last)]


def _bars(axes: Axes, periods: list[tuple[int, date, date]], label: str, colour, height) -> None:
    if not periods:
        return
    rows, firsts, lasts = zip(*periods, strict=True)
    lefts = date2num(firsts)
    axes.barh(rows, date2num(lasts) - lefts, left=lefts, height=height, color=colour, label=label)


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


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARACTERS else name[: NAME_CHARACTERS - 1] + "…"
