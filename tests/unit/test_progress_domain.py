"""月推进 rates on numbers checked by hand, as the bureau's bulletins print them."""

from datetime import date
from decimal import Decimal

import pytest

from jimo_desktop.domain import progress
from jimo_desktop.domain.progress import ProjectFigures
from jimo_desktop.domain.project import Stage


def figures(project_id, unit="通济街道", industry="新材料", stage=Stage.STARTED, **values):
    return ProjectFigures(
        project_id=project_id,
        unit=unit,
        industry=industry,
        stage=stage,
        actual_start=values.get("actual_start"),
        total_investment=values.get("total_investment"),
        annual_plan=values.get("annual_plan"),
        completed_this_year=values.get("completed_this_year"),
        batch=values.get("batch"),
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [("2020-06", "50.0"), ("2020-01", "8.3"), ("2020-05", "41.7"), ("2020-12", "100.0")],
)
def test_time_progress_is_months_elapsed_over_twelve(period, expected):
    assert progress.time_progress(period) == Decimal(expected)


def test_completion_rate_is_completed_over_annual_plan_to_one_decimal():
    assert progress.completion_rate(5_500_00, 10_000_00) == Decimal("55.0")
    assert progress.completion_rate(1, 3) == Decimal("33.3")
    assert progress.completion_rate(2, 3) == Decimal("66.7")
    assert progress.completion_rate(None, 10_000_00) == Decimal("0.0")
    # Nothing reported of a 10-cent plan is 0 of it, not 1 cent (10.0%).
    assert progress.completion_rate(None, 10) == Decimal("0.0")


def test_completion_rate_without_a_plan_is_unknown_not_zero():
    assert progress.completion_rate(100, None) is None
    assert progress.completion_rate(100, 0) is None


def test_project_at_55_percent_in_june_is_five_points_ahead():
    ahead = progress.ahead_of_time_progress(5_500_00, 10_000_00, "2020-06")
    assert ahead == Decimal("5.0")
    assert progress.format_points(ahead) == "+5.0"


def test_project_behind_time_progress_has_negative_points():
    ahead = progress.ahead_of_time_progress(3_800_00, 10_000_00, "2020-06")
    assert ahead == Decimal("-12.0")
    assert progress.format_points(ahead) == "-12.0"


def test_points_are_the_difference_of_the_printed_figures():
    # 1/3 prints as 33.3% and January's 时序进度 as 8.3%: a reader expects 25.0.
    assert progress.ahead_of_time_progress(1, 3, "2020-01") == Decimal("25.0")


def test_rounding_is_half_up_as_printed():
    assert progress.percent(1, 8) == Decimal("12.5")
    assert progress.percent(1, 16) == Decimal("6.3")


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (date(2020, 6, 30), "2020-05"),
        (date(2020, 7, 1), "2020-06"),
        (date(2020, 1, 15), "2019-12"),
    ],
)
def test_last_full_month_is_the_last_one_over_before_today(today, period):
    assert progress.last_full_month(today) == period


def test_months_between_compares_months_of_partial_and_full_dates():
    assert progress.months_between("2020-04-15", "2020-06") == 2
    assert progress.months_between("2019-11", "2020-02") == 3
    assert progress.months_between("2020-07-01", "2020-06") == -1
    # A full later date counts by its month too: October 2019 to March 2020 is five months.
    assert progress.months_between("2019-10-15", "2020-03-31") == 5


def test_a_period_must_be_a_year_and_a_month():
    with pytest.raises(progress.PeriodError):
        progress.check_period("2020-13")
    with pytest.raises(progress.PeriodError):
        progress.check_period("2020年6月")
    # The officer is told what was typed and what a month looks like.
    with pytest.raises(progress.PeriodError, match="“2020-13”不是年月，应为 2020-06"):
        progress.check_period("2020-13")
    with pytest.raises(progress.PeriodError, match="“六月”不是年月，应为 2020-06"):
        progress.check_period("六月")
    assert progress.period_label("2020-06") == "2020年6月"
    assert progress.cumulative_label("2020-06") == "1-6月"
    assert progress.cumulative_label("2020-01") == "1月"


def test_started_by_actual_start_when_known_else_by_stage():
    assert progress.has_started(Stage.PLANNING, "2020-03-02", "2020-06")
    assert not progress.has_started(Stage.STARTED, "2020-07", "2020-06")
    assert progress.has_started(Stage.COMPLETED, None, "2020-06")
    assert not progress.has_started(Stage.RESERVE, None, "2020-06")


@pytest.mark.parametrize(
    ("text", "flag"),
    [("是", True), ("已纳统", True), ("1", True), ("Y", True), ("否", False), ("未纳统", False),
     ("0", False), ("", None), ("  ", None)],
)  # fmt: skip
def test_statistics_flag_reads_what_officers_type(text, flag):
    assert progress.parse_statistics_flag(text) is flag


def test_statistics_flag_refuses_anything_else_with_a_reason():
    with pytest.raises(progress.StatisticsFlagError, match="应填“是”或“否”"):
        progress.parse_statistics_flag("大概")


def test_check_report_refuses_negative_figures_and_since_start_below_this_year():
    assert progress.check_report(100, 200) == {}
    assert progress.check_report(None, None) == {}
    assert "completed_this_year" in progress.check_report(-1, None)
    assert progress.check_report(300, 200) == {
        "completed_since_start": "开工至今累计不应小于本年累计完成投资"
    }
    assert progress.check_report(0, 0) == {}  # nothing invested yet is a figure
    assert progress.check_report(200, 200) == {}  # all of it this year
    assert progress.check_report(-1, None) == {"completed_this_year": "累计完成投资不能为负数"}
    assert progress.check_report(None, -1) == {"completed_since_start": "开工至今累计不能为负数"}
    assert progress.check_report(-5, -1) == {
        "completed_this_year": "累计完成投资不能为负数",
        "completed_since_start": "开工至今累计不能为负数",
    }


APRIL = progress.SavedCumulative("2020-04", 7_088_00)


def test_a_cumulative_below_the_month_before_is_a_question_naming_that_figure():
    assert (
        progress.cumulative_doubt("2020-05", 7_000_00, APRIL, None)
        == "1-5月累计低于1-4月累计（7,088.00万元）"
    )
    january = progress.SavedCumulative("2020-01", 120_50)
    assert (
        progress.cumulative_doubt("2020-02", 100_00, january, None)
        == "1-2月累计低于1月累计（120.50万元）"
    )


def test_a_cumulative_above_a_later_month_already_saved_is_a_question_too():
    may = progress.SavedCumulative("2020-05", 5_000_00)
    assert (
        progress.cumulative_doubt("2020-04", 6_000_00, None, may)
        == "1-4月累计高于1-5月累计（5,000.00万元）"
    )


@pytest.mark.parametrize("completed", [7_088_00, 7_088_01, 9_000_00, None])
def test_a_cumulative_that_holds_or_grows_or_is_blank_asks_nothing(completed):
    may = progress.SavedCumulative("2020-06", 9_000_00)
    assert progress.cumulative_doubt("2020-05", completed, APRIL, may) is None
    assert progress.cumulative_doubt("2020-05", completed, None, None) is None


def test_group_total_counts_start_rate_and_completion_over_all_listed_projects():
    projects = [
        figures(1, annual_plan=10_000_00, completed_this_year=6_000_00, actual_start="2019-05"),
        figures(2, annual_plan=5_000_00, completed_this_year=1_500_00, actual_start="2020-03-10"),
        figures(3, stage=Stage.RESERVE, annual_plan=5_000_00),
    ]
    total = progress.group_total("全区", projects, "2020-06")
    assert (total.listed, total.started) == (3, 2)
    assert total.start_rate == Decimal("66.7")
    assert (total.annual_plan, total.completed) == (20_000_00, 7_500_00)
    assert total.completion_rate == Decimal("37.5")
    assert total.ahead == Decimal("-12.5")


def test_group_total_counts_started_by_actual_start_when_known_else_by_stage():
    projects = [
        figures(1, stage=Stage.STARTED),  # started by its stage, no date known
        figures(2, stage=Stage.RESERVE, actual_start="2020-05-20"),  # started by its date
        figures(3, stage=Stage.RESERVE, actual_start="2020-07-01"),  # starts after June
        figures(4, stage=Stage.RESERVE),
    ]
    # 1 and 2 of 4 by the end of June.
    assert progress.group_total("全区", projects, "2020-06").started == 2


def test_start_rate_by_industry_counts_each_industry_apart():
    projects = [
        figures(1, industry="交通", actual_start="2020-02"),
        figures(2, industry="交通", stage=Stage.PLANNING),
        figures(3, industry="水利", actual_start="2020-01"),
    ]
    rates = {group.name: group.start_rate for group in progress.by_industry(projects, "2020-06")}
    assert rates == {"交通": Decimal("50.0"), "水利": Decimal("100.0")}


def test_units_rank_by_completion_rate_with_shared_places_and_unplanned_last():
    projects = [
        figures(1, unit="甲", annual_plan=100, completed_this_year=40),
        figures(2, unit="乙", annual_plan=100, completed_this_year=60),
        figures(3, unit="丙", annual_plan=200, completed_this_year=80),
        figures(4, unit="丁"),
        figures(5, unit="戊", annual_plan=100, completed_this_year=10),
    ]
    ranking = [(group.rank, group.name) for group in progress.by_unit(projects, "2020-06")]
    assert ranking == [(1, "乙"), (2, "甲"), (2, "丙"), (4, "戊"), (None, "丁")]


def test_four_batches_are_the_years_targets_and_those_that_made_them():
    projects = [
        # 竣工一批: one completed, one in production, one still building
        figures(1, batch=Stage.COMPLETED, stage=Stage.COMPLETED, total_investment=1_000_00),
        figures(2, batch=Stage.COMPLETED, stage=Stage.PRODUCING, total_investment=2_000_00),
        figures(3, batch=Stage.COMPLETED, stage=Stage.STARTED, total_investment=4_000_00),
        # 开工一批: one started, one not
        figures(4, batch=Stage.STARTED, stage=Stage.STARTED, annual_plan=2_000_00),
        figures(5, batch=Stage.STARTED, stage=Stage.RESERVE, annual_plan=1_000_00),
        # 储备一批 moves on by starting, 谋划一批 by reaching 储备
        figures(6, batch=Stage.RESERVE, stage=Stage.RESERVE),
        figures(7, batch=Stage.PLANNING, stage=Stage.RESERVE),
        figures(8, batch=Stage.PLANNING, stage=Stage.PLANNING),
        # 续建: in no batch
        figures(9, batch=None, stage=Stage.STARTED, total_investment=9_000_00),
    ]
    batches = {batch.stage: batch for batch in progress.four_batches(projects)}
    assert list(batches) == [Stage.COMPLETED, Stage.STARTED, Stage.RESERVE, Stage.PLANNING]
    found = {stage: (b.count, b.achieved, b.rate) for stage, b in batches.items()}
    assert found == {
        Stage.COMPLETED: (3, 2, Decimal("66.7")),
        Stage.STARTED: (2, 1, Decimal("50.0")),
        Stage.RESERVE: (1, 0, Decimal("0.0")),
        Stage.PLANNING: (2, 1, Decimal("50.0")),
    }
    assert batches[Stage.COMPLETED].total_investment == 7_000_00
    assert batches[Stage.STARTED].annual_plan == 3_000_00
    # Figures not given add nothing: 竣工一批 has no plan, 开工一批 no total investment.
    assert batches[Stage.COMPLETED].annual_plan == 0
    assert batches[Stage.STARTED].total_investment == 0


def test_an_empty_batch_has_no_rate():
    batches = progress.four_batches([figures(1, batch=None)])
    assert [(b.count, b.achieved, b.rate) for b in batches] == [(0, 0, None)] * 4


def test_percent_and_statistics_are_printed_as_officers_read_them():
    assert progress.format_percent(Decimal("55.0")) == "55.0%"
    assert progress.format_percent(None) == ""
    assert progress.format_points(Decimal("0.0")) == "0.0"  # level: no sign
    assert progress.format_points(Decimal("0.1")) == "+0.1"  # any lead carries its sign
    assert progress.format_points(None) == ""
    assert progress.statistics_text(True) == "已纳统"
    assert progress.statistics_text(False) == "未纳统"
    assert progress.statistics_text(None) == ""
