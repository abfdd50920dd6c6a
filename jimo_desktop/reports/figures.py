"""The one place that sets matplotlib up for Chinese charts, on screen and on paper.

Charts use the faces reports/fonts.py resolves (黑体 for chart text, as official documents
do), registered with matplotlib's font manager, so no chart ever shows boxes. Sizes are
chosen for print: a chart is drawn at the width it prints (the text block), so its 9 pt text,
tick labels and legends included, is 9 pt on paper. Every category (industry, unit, stage …)
has one colour everywhere, so a reader who learned "现代海洋 is blue" on one chart is not
misled on the next; what a chart draws against (时序进度, a district's rate) is dark grey on
every chart, and red and green mean a light's colours only, never a category or a status.
"""

import zlib
from collections.abc import Sequence
from functools import cache

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from jimo_desktop.domain.dictionaries import DEFAULT_INDUSTRIES, DEFAULT_UNITS
from jimo_desktop.domain.project import STAGE_LABELS
from jimo_desktop.reports import fonts

CM_PER_INCH = 2.54
DPI = 100
TEXT_POINTS = 9
TITLE_POINTS = 11
SMALL_POINTS = 9  # the least any chart text prints at

# The program's own colours (resources/style.qss), so charts and screens agree.
NAVY = "#1f3a5f"
BLUE = "#2f5d94"
RED = "#c0392b"
GREEN = "#2e8b57"
AMBER = "#e69f00"
GREY = "#9aa5b1"
LIGHT_GREY = "#d5dbe3"
# What a chart draws against: 时序进度, the district's rate. One colour, dashed, on every chart.
REFERENCE = "#4a4a4a"
PLAN = "#bcc6d1"  # 年度计划 wherever it stands beside what was done

# Twelve colours that stay apart in print and for most colour-blind readers, none of them a
# red or a green: those mean a light (红灯, 绿灯) and nothing else.
PALETTE = (
    "#2f5d94",
    "#e69f00",
    "#7b5ea7",
    "#56b4e9",
    "#a6761d",
    "#cc79a7",
    "#6b7b8c",
    "#b8a200",
    "#3b4cc0",
    "#17becf",
    "#9e9ac8",
    "#4b2991",
)
CHART_ROLES = ("heading", "ui")  # 黑体 first, 微软雅黑 if there is no 黑体


@cache
def setup() -> tuple[str, ...]:
    """Register the Chinese faces with matplotlib once; returns the families charts use."""
    # Charts are drawn off screen (PDF briefings, tests); a Qt view embeds them through its
    # own canvas, which does not depend on this backend.
    matplotlib.use("Agg")
    families: list[str] = []
    # Only the faces present: a chart on screen is drawn even on a computer without any.
    present = fonts.resolve_present()
    for role in CHART_ROLES:
        if role not in present:
            continue
        path = str(present[role].path)
        font_manager.fontManager.addfont(path)
        name = font_manager.FontProperties(fname=path).get_name()
        if name not in families:
            families.append(name)
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [*families, *matplotlib.rcParams["font.sans-serif"]],
            "font.size": TEXT_POINTS,
            "axes.titlesize": TITLE_POINTS,
            "axes.labelsize": TEXT_POINTS,
            "xtick.labelsize": SMALL_POINTS,
            "ytick.labelsize": TEXT_POINTS,
            "legend.fontsize": SMALL_POINTS,
            # CJK faces lack U+2212 (the typographic minus); use the hyphen they have.
            "axes.unicode_minus": False,
            "savefig.dpi": 200,
        }
    )
    return tuple(families)


def new_figure(width_cm: float, height_cm: float) -> Figure:
    """A figure of a size given as it will print, laid out so that no label is cut off."""
    setup()
    size = (width_cm / CM_PER_INCH, height_cm / CM_PER_INCH)
    return Figure(figsize=size, dpi=DPI, layout="constrained")


def _known_categories() -> dict[str, str]:
    """Default vocabularies get fixed colours by their position, so they never collide."""
    colours: dict[str, str] = {}
    for names in (
        DEFAULT_INDUSTRIES,
        tuple(STAGE_LABELS.values()),
        tuple(unit.name for unit in DEFAULT_UNITS),
    ):
        for number, name in enumerate(names):
            colours.setdefault(name, PALETTE[number % len(PALETTE)])
    return colours


_KNOWN = _known_categories()


def colour_for(category: str) -> str:
    """The colour of a category on every chart; a name officers added gets a stable one."""
    known = _KNOWN.get(category)
    if known is not None:
        return known
    # crc32, not hash(): Python salts str hashes per run, and colours must not change.
    return PALETTE[zlib.crc32(category.encode("utf-8")) % len(PALETTE)]


def colours_for(categories: Sequence[str]) -> list[str]:
    return [colour_for(category) for category in categories]


# A value written on a chart sits on a white ground above every line, so a reference line
# never runs through its figures.
VALUE_LABEL = {
    "bbox": {"facecolor": "white", "edgecolor": "none", "pad": 0.8, "alpha": 0.9},
    "zorder": 5,
}
REFERENCE_ZORDER = 3
