"""The 路线图 on paper: planned against actual, late nodes red, today's line, Chinese labels."""

import warnings
from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import same_color
from matplotlib.dates import date2num

from jimo_desktop.domain.dates import plot_day
from jimo_desktop.domain.milestones import Milestone
from jimo_desktop.reports import figures
from jimo_desktop.reports.timeline import DONE, DONE_LATE, LATE, PLANNED, project_figure

TODAY = date(2020, 6, 30)
NODES = (
    Milestone(1, 7, "feasibility", "可研批复", "2019-11", "2019-11-20"),
    Milestone(2, 7, "eia", "环评批复", "2020-03-15", None),  # late
    Milestone(3, 7, "construction_permit", "施工许可", "2020-04-10", "2020-05-06"),  # late, done
    Milestone(4, 7, "acceptance", "竣工验收", "2021-12", None),
    Milestone(5, 7, "custom", "管线迁改", None, None),
)


def line(figure, label):
    found = [item for item in figure.axes[0].get_lines() if item.get_label() == label]
    assert len(found) == 1, f"one artist labelled {label}"
    return found[0]


def points(artist) -> list[tuple[float, float]]:
    return list(zip(artist.get_xdata(), artist.get_ydata(), strict=True))


def x(iso: str) -> float:
    return date2num(plot_day(iso))


@pytest.fixture
def one_project():
    return project_figure("即墨城投安置房建设项目", NODES, TODAY)


def test_each_node_is_a_row_labelled_in_chinese(one_project):
    labels = [tick.get_text() for tick in one_project.axes[0].get_yticklabels()]
    assert labels == ["可研批复", "环评批复", "施工许可", "竣工验收", "管线迁改"]
    assert "即墨城投安置房建设项目" in one_project.axes[0].get_title(loc="left")


def test_an_overdue_node_is_a_red_mark_at_its_planned_date(one_project):
    overdue = line(one_project, LATE)
    assert same_color(overdue.get_markerfacecolor(), figures.RED)
    assert points(overdue) == [(x("2020-03-15"), 1)]


def test_a_node_done_late_is_red_at_its_actual_date_and_one_on_time_is_green(one_project):
    done_late = line(one_project, DONE_LATE)
    assert same_color(done_late.get_markerfacecolor(), figures.RED)
    assert points(done_late) == [(x("2020-05-06"), 2)]
    on_time = line(one_project, DONE)
    assert same_color(on_time.get_markerfacecolor(), figures.GREEN)
    assert points(on_time) == [(x("2019-11-20"), 0)]


def test_planned_dates_of_nodes_not_late_are_grey_marks(one_project):
    planned = line(one_project, PLANNED)
    assert same_color(planned.get_markeredgecolor(), figures.GREY)
    assert sorted(points(planned)) == sorted(
        [(x("2019-11"), 0), (x("2020-04-10"), 2), (x("2021-12"), 3)]
    )


def test_late_rows_have_red_labels_and_say_by_how_many_days(one_project):
    colours = [tick.get_color() for tick in one_project.axes[0].get_yticklabels()]
    assert [same_color(colour, figures.RED) for colour in colours] == [
        False,
        True,
        True,
        False,
        False,
    ]
    texts = {text.get_text() for text in one_project.axes[0].texts}
    assert {"逾期107天", "滞后26天", "未定计划"} <= texts


def test_nodes_planned_for_a_month_are_labelled_late_by_months():
    nodes = (
        Milestone(1, 7, "eia", "环评批复", "2020-03", None),
        Milestone(2, 7, "construction_permit", "施工许可", "2020-03", "2020-05-06"),
    )
    figure = project_figure("即墨城投安置房建设项目", nodes, TODAY)
    texts = {text.get_text() for text in figure.axes[0].texts}
    assert {"逾期3个月", "滞后2个月"} <= texts


def test_todays_line_is_drawn_and_named_in_the_legend(one_project):
    today_line = next(
        line for line in one_project.axes[0].get_lines() if line.get_label().startswith("今天")
    )
    assert list(today_line.get_xdata()) == [date2num(TODAY)] * 2
    assert today_line.get_label() == "今天（2020年6月30日）"


def test_the_figure_renders_without_missing_glyphs(one_project):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        FigureCanvasAgg(one_project).draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]
    family = one_project.axes[0].get_yticklabels()[0].get_fontname()
    assert family in figures.setup()
    assert one_project.axes[0].get_xticklabels()[0].get_text().endswith("月")


def test_nothing_to_draw_says_so_in_words():
    figure = project_figure("新项目", (), TODAY)
    assert [text.get_text() for text in figure.axes[0].texts] == ["尚未设置时间节点"]


def test_every_category_keeps_one_colour():
    assert figures.colour_for("现代海洋") == figures.colour_for("现代海洋")
    assert figures.colour_for("现代海洋") != figures.colour_for("新材料")
    assert figures.colour_for("新产业") in figures.PALETTE
    assert figures.colours_for(["新产业", "新产业"])[0] == figures.colour_for("新产业")
