"""Charts as they print: red and green for nothing but a light, values never under a line,
no text under 9 pt at the size a chart prints, titles naming their months, no future years."""

import colorsys
import dataclasses
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.text import Annotation, Text

from jimo_desktop.domain.briefing_facts import ListingTotal, MonthTotal
from jimo_desktop.domain.dictionaries import DEFAULT_INDUSTRIES, DEFAULT_UNITS
from jimo_desktop.domain.milestones import Milestone
from jimo_desktop.reports import charts, figures, timeline
from jimo_desktop.reports.page_styles import BLOCK_HEIGHT, BLOCK_WIDTH
from tests.unit.test_charts import facts, group  # noqa: F401  (the fixture)

POINTS_PER_CM = 72 / 2.54


def is_red_or_green(colour) -> bool:
    hue, lightness, saturation = colorsys.rgb_to_hls(*to_rgb(colour))
    degrees = hue * 360
    vivid = saturation > 0.3 and 0.15 < lightness < 0.85
    return vivid and (degrees < 20 or degrees > 340 or 80 < degrees < 170)


def many_units(facts):  # noqa: F811
    units = tuple(
        group(unit.name, completed=100_000 + 30_000 * number, rank=number + 1)
        for number, unit in enumerate(DEFAULT_UNITS)
    )
    industries = tuple(group(name) for name in DEFAULT_INDUSTRIES)
    return dataclasses.replace(facts, units=units, industries=industries)


def test_no_chart_paints_anything_red_or_green(facts):  # noqa: F811
    for chart in charts.MONTHLY_CHARTS:
        figure = chart.draw(many_units(facts))
        for patch in figure.findobj(lambda artist: hasattr(artist, "get_facecolor")):
            if patch is figure or patch in figure.axes:
                continue
            colour = patch.get_facecolor()
            if np.ndim(colour) == 1 and colour[3] > 0:
                assert not is_red_or_green(colour), (chart.key, colour)
        for line in figure.axes[0].get_lines():
            assert not is_red_or_green(line.get_color()), (chart.key, line.get_label())


def test_the_monthly_figure_is_never_under_the_schedule_line():
    # The demo's June: 108.88亿元 done against 203.19亿元 planned for the year.
    done = (12, 25, 40, 65, 80, 108.88)
    months = [MonthTotal(m, int(yi * 1_000_000)) for m, yi in enumerate(done, start=1)]
    figure = charts.monthly_cumulative(months, 203_190_000, 2020)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    axes = figure.axes[0]
    schedule = axes.get_lines()[0]
    (label,) = [text for text in axes.texts if "108.88亿元" in text.get_text()]
    box = label.get_window_extent(renderer).expanded(1.02, 1.1)
    xs = np.linspace(0, 12, 2000)
    points = axes.transData.transform(np.column_stack([xs, xs / 12 * 203.19]))
    inside = [box.contains(x, y) for x, y in points]
    assert not any(inside), "the schedule line runs through 108.88亿元"
    assert schedule.get_linestyle() == "--"


def test_a_value_the_reference_line_crosses_sits_on_white_above_it(facts):  # noqa: F811
    figure = charts.start_rate_by_unit(facts.units, Decimal("75.0"))
    axes = figure.axes[0]
    (line,) = [line for line in axes.get_lines() if line.get_label().startswith("全区开工率")]
    for label in axes.texts:
        assert label.get_zorder() > line.get_zorder()
        assert label.get_bbox_patch() is not None
        assert to_rgb(label.get_bbox_patch().get_facecolor()) == (1.0, 1.0, 1.0)


def smallest_print_size(figure, print_width_points: float) -> float:
    figure.draw_without_rendering()
    scale = print_width_points / (figure.get_figwidth() * 72)
    sizes = [
        text.get_fontsize() * scale
        for text in figure.findobj(lambda artist: isinstance(artist, (Text, Annotation)))
        if text.get_text().strip() and text.get_visible()
    ]
    return min(sizes)


def test_every_chart_text_prints_at_nine_points_or_more(facts):  # noqa: F811
    for chart in charts.MONTHLY_CHARTS:
        figure = chart.draw(many_units(facts))
        assert smallest_print_size(figure, BLOCK_WIDTH) >= 9, chart.key
    nodes = [
        Milestone(
            id=1, project_id=1, kind="start", name="开工", planned_on="2020-03", actual_on="2020-04"
        ),
        Milestone(
            id=2, project_id=1, kind="finish", name="竣工", planned_on="2021-06", actual_on=None
        ),
    ]
    roadmap = timeline.project_figure("某项目", nodes, date(2020, 6, 30))
    assert smallest_print_size(roadmap, BLOCK_HEIGHT) >= 9


def test_a_saved_chart_names_its_months_in_its_title(facts):  # noqa: F811
    for chart in charts.MONTHLY_CHARTS:
        figure = chart.draw(facts)
        titles = [axes.get_title(loc="left") for axes in figure.axes]
        titles.append(figure.get_suptitle())
        assert any("2020年1-6月" in title or "2019—2020年" in title for title in titles), chart.key


def test_the_years_compared_end_at_the_reports_year(facts):  # noqa: F811
    later = ListingTotal(2021, 48, 90_000_000, 200_000_000)
    facts = dataclasses.replace(facts, listings=(*facts.listings, later))
    figure = charts.monthly_chart("years").draw(facts)
    figure.draw_without_rendering()
    shown = " ".join(tick.get_text() for tick in figure.axes[0].get_xticklabels())
    assert "2020年" in shown and "2021年" not in shown


@pytest.mark.parametrize("colour", figures.PALETTE + tuple(charts.STATUS_COLOURS.values()))
def test_category_and_status_colours_are_neither_red_nor_green(colour):
    assert not is_red_or_green(colour)
