"""统计图表 as figures: Chinese labels, one colour per category everywhere, the reference
lines, saving as PNG/SVG, and no state left in pyplot."""

from datetime import date
from decimal import Decimal

import pytest
from matplotlib import font_manager
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from jimo_desktop.domain.briefing_facts import ListingTotal, MonthlyFacts, MonthTotal, ProblemTally
from jimo_desktop.domain.progress import BatchFigures, GroupFigures, four_batches
from jimo_desktop.reports import charts, figures, fonts

UNITS = ("通济街道", "蓝村镇", "青岛蓝谷")
INDUSTRIES = ("现代海洋", "城建", "大健康")


def group(name, listed=4, started=3, plan=1_000_000, completed=550_000, rank=None):
    rate = Decimal(completed * 100) / Decimal(plan)
    return GroupFigures(
        name,
        listed,
        started,
        plan,
        completed,
        (Decimal(started * 100) / Decimal(listed)).quantize(Decimal("0.1")),
        rate.quantize(Decimal("0.1")),
        (rate - 50).quantize(Decimal("0.1")),
        rank,
    )


@pytest.fixture
def facts() -> MonthlyFacts:
    units = tuple(
        group(name, completed=completed, rank=rank)
        for rank, (name, completed) in enumerate(
            zip(UNITS, (700_000, 500_000, 200_000), strict=True), 1
        )
    )
    return MonthlyFacts(
        period="2020-06",
        today=date(2020, 6, 30),
        scope="全区",
        time_progress=Decimal("50.0"),
        district=group("全区", listed=12, started=9, plan=3_000_000, completed=1_400_000),
        units=units,
        industries=tuple(group(name) for name in INDUSTRIES),
        batches=tuple(four_batches([])),
        months=tuple(MonthTotal(month, 200_000 * month) for month in range(1, 7)),
        listings=(
            ListingTotal(2019, 48, 95_000_000, 270_000_000),
            ListingTotal(2020, 108, 204_000_000, 497_000_000),
        ),
        in_statistics=7,
        problem_tallies=(
            ProblemTally("土地", "待解决", 3),
            ProblemTally("土地", "已解决", 2),
            ProblemTally("资金", "协调中", 1),
        ),
    )


def texts(figure: Figure) -> str:
    figure.draw_without_rendering()  # tick labels exist only once the figure is laid out
    return " ".join(text.get_text() for text in figure.findobj(lambda a: hasattr(a, "get_text")))


def bar_colours(figure: Figure, axes_number: int = 0) -> list[str]:
    return [to_hex(patch.get_facecolor()) for patch in figure.axes[axes_number].patches]


def test_every_monthly_chart_is_a_figure_with_a_chinese_title(facts):
    for chart in charts.MONTHLY_CHARTS:
        figure = chart.draw(facts)
        assert isinstance(figure, Figure)
        assert any("\u4e00" <= char <= "\u9fff" for char in texts(figure)), chart.key


def test_chart_labels_use_the_chinese_face_the_program_resolved(facts):
    figure = charts.completion_by_unit(facts.units, facts.time_progress)
    label = figure.axes[0].get_yticklabels()[0]
    chosen = font_manager.findfont(label.get_fontproperties(), fallback_to_default=False)
    assert chosen == str(fonts.resolve(figures.CHART_ROLES[0]).path)


def test_a_unit_has_the_same_colour_on_every_chart(facts):
    completion = charts.completion_by_unit(facts.units, facts.time_progress)
    start_rate = charts.start_rate_by_unit(facts.units, facts.district.start_rate)
    expected = {figures.colour_for(name) for name in UNITS}
    assert set(bar_colours(completion)) == expected
    assert set(bar_colours(start_rate)) == expected
    names = [tick.get_text() for tick in completion.axes[0].get_yticklabels()]
    assert bar_colours(completion) == [figures.colour_for(name) for name in names]


def test_an_industry_keeps_its_colour(facts):
    figure = charts.investment_by_industry(facts.industries)
    completed_bars = bar_colours(figure)[len(INDUSTRIES) :]
    assert completed_bars == [figures.colour_for(name) for name in INDUSTRIES]


def test_the_ranking_shows_units_best_first_against_the_time_schedule_line(facts):
    figure = charts.completion_by_unit(facts.units, facts.time_progress)
    axes = figure.axes[0]
    assert [tick.get_text() for tick in axes.get_yticklabels()] == list(UNITS)
    lines = [line for line in axes.get_lines() if line.get_label().startswith("时序进度")]
    assert lines and list(lines[0].get_xdata()) == [50.0, 50.0]
    assert "70.0%" in texts(figure)


def test_monthly_cumulative_runs_through_the_year_against_the_plan(facts):
    figure = charts.monthly_cumulative(facts.months, facts.district.annual_plan, 2020)
    plan, actual = figure.axes[0].get_lines()
    assert list(plan.get_xdata()) == list(range(13))
    assert plan.get_ydata()[-1] == pytest.approx(3.0)  # 3,000,000 hundredths of 万元 = 3亿元
    assert list(actual.get_ydata()) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2])


def test_the_four_batches_show_each_target_what_made_it_and_the_investment():
    batches = [
        BatchFigures(batch.stage, count, count - 1, count * 1_000_000, 0)
        for count, batch in enumerate(four_batches([]), start=1)
    ]
    figure = charts.four_batches(batches)
    count_axes, money_axes = figure.axes
    assert [patch.get_height() for patch in count_axes.patches] == [1, 2, 3, 4]
    assert [patch.get_height() for patch in money_axes.patches] == [1, 2, 3, 4]
    shown = texts(figure)
    assert [tick.get_text() for tick in count_axes.get_xticklabels()] == [
        "竣工一批",
        "开工一批",
        "储备一批",
        "谋划一批",
    ]
    assert all(label in shown for label in ("0/1个", "1/2个", "2/3个", "3/4个"))
    assert "已投产" not in shown


def test_problems_are_stacked_by_status_in_the_status_colours(facts):
    figure = charts.problems_by_category(facts.problem_tallies)
    colours = set(bar_colours(figure))
    assert colours == {to_hex(charts.STATUS_COLOURS[s]) for s in ("待解决", "已解决", "协调中")}
    assert [tick.get_text() for tick in figure.axes[0].get_yticklabels()] == ["土地", "资金"]


def test_year_on_year_compares_counts_and_investment(facts):
    figure = charts.year_on_year(facts.listings)
    assert "108个" in texts(figure) and "48个" in texts(figure)
    assert "2,040.00" not in texts(figure) and "2.04" not in texts(figure)
    assert "204.00" in texts(figure)


def test_no_data_says_so_instead_of_an_empty_frame():
    figure = charts.completion_by_unit([], Decimal("50.0"))
    assert "暂无数据" in texts(figure)


def test_charts_leave_nothing_in_pyplot(facts):
    from matplotlib import pyplot

    before = pyplot.get_fignums()
    for chart in charts.MONTHLY_CHARTS:
        chart.draw(facts)
    assert pyplot.get_fignums() == before


def test_a_chart_saves_as_png_and_svg(tmp_path, facts):
    figure = charts.monthly_chart("completion").draw(facts)
    charts.save(figure, tmp_path / "chart.png")
    charts.save(figure, tmp_path / "chart.svg")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "chart.svg").read_bytes()
    with pytest.raises(ValueError, match="PNG 或 SVG"):
        charts.save(figure, tmp_path / "chart.jpg")
