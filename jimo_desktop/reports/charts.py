"""统计图表: the bureau's charts as matplotlib figures, for the 统计图表 view and the briefings.

Each function takes plain figures and returns a `Figure` drawn at the size it prints (a 15.6
cm text block), so 9 pt labels are 9 pt on paper. No pyplot: figures are independent objects,
nothing is left in a global state between charts or threads. Colours come from
reports/figures.py, one per category (区位, 产业, stage) on every chart.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from jimo_desktop.domain.briefing_facts import ListingTotal, MonthlyFacts, MonthTotal, ProblemTally
from jimo_desktop.domain.money import format_yi
from jimo_desktop.domain.progress import BatchFigures, GroupFigures, cumulative_label
from jimo_desktop.reports import figures
from jimo_desktop.reports.chart_catalogue import MONTHLY_CHART_TITLES
from jimo_desktop.safe_files import write_bytes

WIDTH_CM = 15.6
ROW_CM = 0.55
CENTS_PER_YI = 1_000_000  # hundredths of 万元 in one 亿元
PNG_DPI = 200
# Charts go into PDFs as JPEG: ReportLab embeds a JPEG as it is, while a PNG it decodes and
# compresses again (a third of a second for a bulletin's seven charts). At quality 95 with no
# chroma subsampling, text and thin lines print as sharp as from the PNG.
PRINT_JPEG = {"quality": 95, "subsampling": 0}
# A problem's status by how much it still asks: the darker, the more open (no red or green,
# which mean the lights).
STATUS_COLOURS = {
    "待解决": figures.NAVY,
    "协调中": "#56b4e9",
    "已解决": figures.PLAN,
    "已销号": "#e8ecf0",
}


def _yi(cents: int) -> float:
    """亿元 for plotting only; every printed amount goes through domain/money instead."""
    return cents / CENTS_PER_YI


def _frame(title: str, rows: int = 0, height_cm: float = 8.5) -> tuple[Figure, Axes]:
    figure = figures.new_figure(WIDTH_CM, max(height_cm, 2.6 + rows * ROW_CM))
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", color=figures.NAVY)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure, axes


def _empty(figure: Figure, axes: Axes) -> Figure:
    axes.set_axis_off()
    axes.text(0.5, 0.5, "暂无数据", ha="center", va="center", color=figures.GREY, fontsize=12)
    return figure


def completion_by_unit(
    units: Sequence[GroupFigures], time_progress: Decimal, period: str = ""
) -> Figure:
    """各区位投资完成率: the ranking as bars, best on top, with the 时序进度 line; `period`
    ("2020年1-6月") heads the title, so a saved chart says which months it shows."""
    ranked = [unit for unit in units if unit.completion_rate is not None]
    figure, axes = _frame(f"{period}各区位年度计划投资完成率", len(ranked))
    if not ranked:
        return _empty(figure, axes)
    rates = [float(unit.completion_rate) for unit in ranked]
    _ranking_bars(axes, [unit.name for unit in ranked], rates, [f"{r}%" for r in rates])
    _reference_line(axes, time_progress, f"时序进度 {time_progress}%", "--")
    axes.set_xlabel("占年度计划（%）")
    return figure


def start_rate_by_unit(
    units: Sequence[GroupFigures], district_rate: Decimal | None, period: str = ""
) -> Figure:
    """开工率 by unit, highest on top, with the district's rate as a line."""
    ordered = sorted(
        (unit for unit in units if unit.start_rate is not None),
        key=lambda unit: unit.start_rate,
        reverse=True,
    )
    figure, axes = _frame(f"{period}各区位项目开工率", len(ordered))
    if not ordered:
        return _empty(figure, axes)
    rates = [float(unit.start_rate) for unit in ordered]
    labels = [f"{unit.start_rate}%（{unit.started}/{unit.listed}）" for unit in ordered]
    _ranking_bars(axes, [unit.name for unit in ordered], rates, labels)
    axes.set_xlim(0, 125)
    if district_rate is not None:
        _reference_line(axes, district_rate, f"全区开工率 {district_rate}%", ":")
    axes.set_xlabel("开工率（%）")
    return figure


def _reference_line(axes: Axes, value: Decimal, label: str, style: str) -> None:
    axes.axvline(
        float(value),
        color=figures.REFERENCE,
        linestyle=style,
        linewidth=1.2,
        label=label,
        zorder=figures.REFERENCE_ZORDER,
    )
    axes.legend(loc="lower right", frameon=True, framealpha=0.9, edgecolor="none")


def _ranking_bars(axes: Axes, names: list[str], values: list[float], labels: list[str]) -> None:
    rows = range(len(names))
    axes.barh(rows, values, color=figures.colours_for(names), height=0.7)
    axes.set_yticks(rows, names)
    axes.set_ylim(len(names) - 0.4, -0.9)
    for row, value, label in zip(rows, values, labels, strict=True):
        axes.annotate(
            label,
            (value, row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            **figures.VALUE_LABEL,
        )
    axes.set_xlim(0, max(max(values) * 1.18, 60))
    axes.grid(axis="x", color=figures.LIGHT_GREY, linewidth=0.6)
    axes.set_axisbelow(True)


def investment_by_industry(industries: Sequence[GroupFigures], period: str = "") -> Figure:
    """Each industry's annual plan and what it completed so far, in 亿元."""
    shown = [group for group in industries if group.annual_plan or group.completed]
    figure, axes = _frame(f"{period}各产业年度计划与累计完成投资（亿元）", len(shown) * 1.3)
    if not shown:
        return _empty(figure, axes)
    rows = range(len(shown))
    plans = [_yi(group.annual_plan) for group in shown]
    done = [_yi(group.completed) for group in shown]
    axes.barh(rows, plans, height=0.8, color=figures.PLAN, label="年度计划投资")
    names = [group.name for group in shown]
    axes.barh(rows, done, height=0.45, color=figures.colours_for(names), label="累计完成投资")
    for row, group in zip(rows, shown, strict=True):
        text = f"{format_yi(group.completed)} / {format_yi(group.annual_plan)}"
        axes.annotate(
            text,
            (_yi(group.annual_plan), row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            **figures.VALUE_LABEL,
        )
    axes.set_yticks(rows, names)
    axes.set_ylim(len(shown) - 0.4, -0.6)
    axes.set_xlim(0, max(plans) * 1.35)
    axes.legend(loc="lower right", frameon=False)
    return figure


def four_batches(batches: Sequence[BatchFigures], period: str = "") -> Figure:
    """四个一批: the year's target of each batch, how many made it, and the investment."""
    figure = figures.new_figure(WIDTH_CM, 7.5)
    title = f"{period}“四个一批”目标项目个数与总投资"
    figure.suptitle(title, x=0.02, ha="left", color=figures.NAVY)
    names = [_batch_name(batch) for batch in batches]
    colours = figures.colours_for([batch.stage.label for batch in batches])
    count_axes, money_axes = figure.subplots(1, 2)
    counts = [batch.count for batch in batches]
    money = [_yi(batch.total_investment) for batch in batches]
    count_labels = [f"{batch.achieved}/{batch.count}个" for batch in batches]
    _column_panel(count_axes, names, counts, colours, count_labels, "目标个数（已实现/目标）")
    money_labels = [format_yi(batch.total_investment) for batch in batches]
    _column_panel(money_axes, names, money, colours, money_labels, "总投资（亿元）")
    return figure


def _batch_name(batch: BatchFigures) -> str:
    """竣工一批 … 谋划一批 as the work plan names them."""
    return f"{batch.stage.label}一批"


def _column_panel(axes: Axes, names, values, colours, labels, title: str) -> None:
    columns = axes.bar(names, values, color=colours, width=0.65)
    axes.bar_label(columns, labels=labels, padding=2, **figures.VALUE_LABEL)
    axes.set_title(title)
    axes.set_ylim(0, max([*values, 1]) * 1.18)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def monthly_cumulative(
    months: Sequence[MonthTotal], annual_plan: int, year: int, period: str = ""
) -> Figure:
    """1-N月累计完成投资 month by month against the plan spread evenly over the year."""
    figure, axes = _frame(f"{period or f'{year}年'}累计完成投资与年度计划进度（亿元）")
    everything = range(0, 13)
    plan = _yi(annual_plan)
    axes.plot(
        everything,
        [plan * month / 12 for month in everything],
        color=figures.REFERENCE,
        linestyle="--",
        linewidth=1.2,
        label=f"按时序进度（年度计划{format_yi(annual_plan)}亿元）",
        zorder=figures.REFERENCE_ZORDER,
    )
    if months:
        xs = [0, *(point.month for point in months)]
        ys = [0.0, *(_yi(point.completed) for point in months)]
        axes.plot(xs, ys, color=figures.BLUE, marker="o", linewidth=2, label="累计完成投资")
        last = months[-1]
        # The schedule line rises to the right: a point above it is labelled up and to the
        # left, one below it down and to the right, so the line never crosses the figure.
        above = _yi(last.completed) >= plan * last.month / 12
        axes.annotate(
            f"{format_yi(last.completed)}亿元",
            (last.month, _yi(last.completed)),
            xytext=(-6, 8) if above else (8, -8),
            textcoords="offset points",
            ha="right" if above else "left",
            va="bottom" if above else "top",
            color=figures.BLUE,
            **figures.VALUE_LABEL,
        )
    axes.set_xticks(range(1, 13), [f"{month}月" for month in range(1, 13)])
    axes.set_xlim(0, 12.5)
    axes.set_ylim(0, max(plan, max((_yi(p.completed) for p in months), default=0)) * 1.1 or 1)
    axes.grid(axis="y", color=figures.LIGHT_GREY, linewidth=0.6)
    axes.legend(loc="upper left", frameon=False)
    return figure


def problems_by_category(tallies: Sequence[ProblemTally], period: str = "") -> Figure:
    """问题清单 by category, each bar split by status: what is still open stands out dark."""
    categories = list(dict.fromkeys(tally.category for tally in tallies))
    figure, axes = _frame(f"{period}存在问题分类及办理情况（个）", len(categories))
    if not categories:
        return _empty(figure, axes)
    counts = {(tally.category, tally.status): tally.count for tally in tallies}
    totals = {name: sum(counts.get((name, s), 0) for s in STATUS_COLOURS) for name in categories}
    categories.sort(key=lambda name: totals[name], reverse=True)
    rows = range(len(categories))
    left = [0] * len(categories)
    for status, colour in STATUS_COLOURS.items():
        values = [counts.get((name, status), 0) for name in categories]
        if any(values):
            axes.barh(rows, values, left=left, color=colour, height=0.7, label=status)
            left = [a + b for a, b in zip(left, values, strict=True)]
    for row, name in zip(rows, categories, strict=True):
        axes.annotate(
            str(totals[name]),
            (totals[name], row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            **figures.VALUE_LABEL,
        )
    axes.set_yticks(rows, categories)
    axes.set_ylim(len(categories) - 0.4, -0.6)
    axes.set_xlim(0, max(totals.values()) * 1.15)
    figure.legend(loc="outside lower center", frameon=False, ncols=4)
    return figure


def year_on_year(listings: Sequence[ListingTotal], up_to: int | None = None) -> Figure:
    """The key-project list year by year up to the report's year `up_to`: how many projects
    and their planned investment; the title names the years shown."""
    listings = [item for item in listings if up_to is None or item.year <= up_to]
    years = f"{listings[0].year}—{listings[-1].year}年" if len(listings) > 1 else ""
    figure, count_axes = _frame(f"{years or '历年'}重点项目个数与年度计划投资")
    if not listings:
        return _empty(figure, count_axes)
    positions = range(len(listings))
    projects = [listing.projects for listing in listings]
    counts = count_axes.bar([p - 0.2 for p in positions], projects, width=0.38, color=figures.NAVY)
    count_labels = [f"{count}个" for count in projects]
    count_axes.bar_label(counts, labels=count_labels, padding=2, **figures.VALUE_LABEL)
    count_axes.set_ylabel("项目个数", color=figures.NAVY)
    money_axes = count_axes.twinx()
    plans = [_yi(listing.annual_plan) for listing in listings]
    money = money_axes.bar([p + 0.2 for p in positions], plans, width=0.38, color=figures.PLAN)
    plan_labels = [format_yi(listing.annual_plan) for listing in listings]
    money_axes.bar_label(money, labels=plan_labels, padding=2, **figures.VALUE_LABEL)
    money_axes.set_ylabel("年度计划投资（亿元）", color=figures.NAVY)
    count_axes.set_xticks(positions, [f"{listing.year}年" for listing in listings])
    count_axes.set_ylim(0, max(projects) * 1.2 or 1)
    money_axes.set_ylim(0, max(plans) * 1.2 or 1)
    money_axes.spines["top"].set_visible(False)
    return figure


@dataclass(frozen=True)
class Chart:
    """One chart of a month, as the view's tabs and the bulletin's figures list them."""

    key: str
    title: str  # the view's tab
    caption: str  # under the chart on paper
    draw: Callable[[MonthlyFacts], Figure]


def period_title(facts: MonthlyFacts) -> str:
    """What heads a month's chart titles: "2020年1-6月"."""
    return f"{facts.year}年{cumulative_label(facts.period)}"


_DRAWERS: dict[str, Callable[[MonthlyFacts], Figure]] = {
    "completion": lambda f: completion_by_unit(f.units, f.time_progress, period_title(f)),
    "industry": lambda f: investment_by_industry(f.industries, period_title(f)),
    "batches": lambda f: four_batches(f.batches, period_title(f)),
    "monthly": lambda f: monthly_cumulative(
        f.months, f.district.annual_plan, f.year, period_title(f)
    ),
    "start_rate": lambda f: start_rate_by_unit(f.units, f.district.start_rate, period_title(f)),
    "problems": lambda f: problems_by_category(f.problem_tallies, period_title(f)),
    "years": lambda f: year_on_year(f.listings, f.year),
}
MONTHLY_CHARTS = tuple(
    Chart(key, title, caption, _DRAWERS[key]) for key, title, caption in MONTHLY_CHART_TITLES
)


def monthly_chart(key: str) -> Chart:
    return next(chart for chart in MONTHLY_CHARTS if chart.key == key)


def png_bytes(figure: Figure, dpi: int = PNG_DPI) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def print_bytes(figure: Figure, dpi: int = PNG_DPI) -> bytes:
    """The chart as a JPEG for a PDF page, on a white ground."""
    buffer = BytesIO()
    figure.savefig(buffer, format="jpeg", dpi=dpi, facecolor="white", pil_kwargs=PRINT_JPEG)
    return buffer.getvalue()


def svg_bytes(figure: Figure) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="svg")
    return buffer.getvalue()


def save(figure: Figure, path: Path) -> None:
    """Write a chart as PNG or SVG, by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        write_bytes(path, png_bytes(figure))
    elif suffix == ".svg":
        write_bytes(path, svg_bytes(figure))
    else:
        raise ValueError(f"图表只能保存为 PNG 或 SVG：{path.name}")
