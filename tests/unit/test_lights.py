"""红黄绿灯: the default rules, rules saved in settings, and every listed project's light."""

from decimal import Decimal

import pytest

from jimo_desktop.domain.lights import Colour, LightFacts, LightRules, evaluate
from jimo_desktop.domain.project import Stage
from jimo_desktop.store import settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.project_library import lights
from jimo_desktop.store.tracking import problems
from tests.unit.progress_data import listed_project

JUNE = "2020-06"


def facts(ahead=None, actual_start=None, in_statistics=True, overdue=0) -> LightFacts:
    return LightFacts(
        ahead=None if ahead is None else Decimal(ahead),
        actual_start=actual_start,
        in_statistics=in_statistics,
        overdue_problems=overdue,
    )


@pytest.mark.parametrize(
    ("ahead", "colour"),
    [("5.0", Colour.GREEN), ("-9.9", Colour.GREEN), ("-10.0", Colour.YELLOW),
     ("-30.0", Colour.YELLOW), ("-30.1", Colour.RED)],
)  # fmt: skip
def test_trailing_time_progress_by_10_to_30_points_is_yellow_beyond_is_red(ahead, colour):
    assert evaluate(facts(ahead), LightRules(), JUNE).colour is colour


def test_reasons_say_how_far_behind_in_chinese():
    light = evaluate(facts("-35.5"), LightRules(), JUNE)
    assert light.reasons == ("落后时序进度35.5个百分点（超过30个百分点）",)
    assert light.tooltip().startswith("红灯：")


def test_started_project_not_in_statistics_two_months_after_start_is_red():
    rules = LightRules()
    late = evaluate(facts(actual_start="2020-04-20", in_statistics=False), rules, JUNE)
    recent = evaluate(facts(actual_start="2020-05-01", in_statistics=False), rules, JUNE)
    counted = evaluate(facts(actual_start="2019-01", in_statistics=True), rules, JUNE)
    assert late.colour is Colour.RED
    assert late.reasons == ("开工已2个月仍未纳统",)
    assert recent.colour is counted.colour is Colour.GREEN


def test_overdue_problem_is_red_unless_the_rule_is_switched_off():
    assert evaluate(facts(overdue=2), LightRules(), JUNE).reasons == ("有2个问题逾期未解决",)
    relaxed = LightRules(red_when_problem_overdue=False)
    assert evaluate(facts(overdue=2), relaxed, JUNE).colour is Colour.GREEN


def test_worst_rule_wins_and_every_reason_is_listed():
    light = evaluate(facts("-15.0", overdue=1), LightRules(), JUNE)
    assert light.colour is Colour.RED
    assert len(light.reasons) == 2


def test_thresholds_are_data_officers_can_change():
    strict = LightRules(yellow_behind=Decimal(5), red_behind=Decimal(15))
    assert evaluate(facts("-6.0"), strict, JUNE).colour is Colour.YELLOW
    assert evaluate(facts("-16.0"), strict, JUNE).colour is Colour.RED


def test_rules_that_cannot_work_together_are_explained():
    assert LightRules().problems() == []
    assert LightRules(yellow_behind=Decimal(30), red_behind=Decimal(10)).problems()
    assert LightRules(statistics_months=0).problems()


THRESHOLDS = "黄灯界限应大于0且小于红灯界限，红灯界限不超过100个百分点"
MONTHS = "纳统期限应为1至24个月"


@pytest.mark.parametrize(
    ("yellow", "red", "months", "found"),
    [
        ("0.1", "100", 1, []),  # the widest rules allowed: every bound included
        ("99.9", "100", 24, []),
        ("0", "30", 2, [THRESHOLDS]),  # yellow must be above 0
        ("10", "10", 2, [THRESHOLDS]),  # yellow must be below red
        ("10", "100.1", 2, [THRESHOLDS]),  # red at most 100
        ("10", "30", 0, [MONTHS]),
        ("10", "30", 25, [MONTHS]),
        ("40", "30", 25, [THRESHOLDS, MONTHS]),  # both, in the order of the form
    ],
)
def test_each_bound_of_the_rules_is_checked(yellow, red, months, found):
    rules = LightRules(Decimal(yellow), Decimal(red), months)
    assert rules.problems() == found


def test_the_tooltip_names_the_colour_and_every_reason():
    light = evaluate(facts("-15.0", overdue=1), LightRules(), JUNE)
    assert light.tooltip() == "红灯：落后时序进度15.0个百分点；有1个问题逾期未解决"
    assert evaluate(facts("1.0"), LightRules(), JUNE).tooltip() == "绿灯：进度正常"


def test_rules_default_until_saved_then_read_back(db):
    assert lights.rules(db) == LightRules()
    chosen = LightRules(Decimal("12.5"), Decimal(25), 3, False)
    lights.save_rules(db, chosen)
    assert lights.rules(db) == chosen


def test_saving_impossible_rules_is_refused_and_keeps_the_old_ones(db):
    with pytest.raises(lights.LightRulesError, match="黄灯界限"):
        lights.save_rules(db, LightRules(yellow_behind=Decimal(40)))
    assert lights.rules(db) == LightRules()


def test_a_damaged_setting_falls_back_to_the_defaults(db):
    settings.put(db, lights.RULES_KEY, "{not json")
    assert lights.rules(db) == LightRules()


def test_every_listed_project_gets_its_light_from_saved_data(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    on_track = listed_project(db, "正常项目")
    behind = listed_project(db, "滞后项目")
    uncounted = listed_project(db, "未纳统项目", in_statistics=False, actual_start="2020-03")
    with_problem = listed_project(db, "有问题项目")
    unstarted = listed_project(
        db, "储备项目", stage=Stage.RESERVE, actual_start=None, in_statistics=False
    )
    progress.save_month(
        db,
        JUNE,
        {
            on_track: MonthReport(completed_this_year=5_500_00),
            behind: MonthReport(completed_this_year=1_500_00),
            uncounted: MonthReport(completed_this_year=5_000_00),
            with_problem: MonthReport(completed_this_year=6_000_00),
        },
    )
    problems.raise_problem(db, with_problem, "用地指标未落实", deadline="2020-06-15")
    problems.raise_problem(db, on_track, "施工许可待办", deadline="2020-07-10")

    found = lights.evaluate_year(db, 2020)

    assert {pid: light.colour for pid, light in found.items()} == {
        on_track: Colour.GREEN,
        behind: Colour.RED,
        uncounted: Colour.RED,
        with_problem: Colour.RED,
        unstarted: Colour.GREEN,
    }
    assert found[with_problem].reasons == ("有1个问题逾期未解决",)
    assert lights.ids_with(found, Colour.RED) == {behind, uncounted, with_problem}


def test_the_months_report_says_in_statistics_even_if_the_project_record_lags(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project = listed_project(db, "刚纳统项目", in_statistics=False, actual_start="2020-01")
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00, None, "", True)})
    assert lights.evaluate_year(db, 2020)[project].colour is Colour.GREEN


def test_a_problem_turns_the_light_red_the_day_after_its_deadline(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project = listed_project(db, "月底期限项目")
    problems.raise_problem(db, project, "规划调整", deadline="2020-06")
    assert lights.evaluate_year(db, 2020)[project].colour is Colour.GREEN
    settings.put(db, settings.BUSINESS_DATE, "2020-07-01")
    assert lights.evaluate_year(db, 2020)[project].colour is Colour.RED


def test_lights_are_judged_at_the_newest_reported_month_else_the_last_closed_one(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project = listed_project(db, "一号项目")
    assert lights.period_for_year(db, 2019) == "2019-12"
    assert lights.period_for_year(db, 2020) == "2020-05"
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00)})
    assert lights.period_for_year(db, 2020) == JUNE


def test_a_late_node_is_never_green_and_the_brief_says_the_same(db):
    from jimo_desktop.store.papers.project_brief_facts import project_facts
    from jimo_desktop.store.tracking import milestones

    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project = listed_project(db, "土地未摘牌项目")
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00)})  # 50% of plan: on time
    milestones.add_custom(db, project, {"name": "土地摘牌", "planned_on": "2020-03-10"})
    # Planned 10 March and not reached: late on 31 May and on 30 June.
    assert lights.evaluate_year(db, 2020, "2020-05")[project].colour is Colour.YELLOW
    brief = project_facts(db, project, JUNE)
    assert brief.light == "黄灯"
    assert "有1个时间节点逾期未完成" in brief.light_reasons
    # Planned 10 March: on 29 February it was not late yet.
    assert lights.evaluate_year(db, 2020, "2020-02")[project].colour is Colour.GREEN
