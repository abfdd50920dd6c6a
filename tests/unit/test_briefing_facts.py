"""The month's facts of the small dated fixture of test_figures_as_of, gathered in the same
process: the figures command's text and JSON, the lagging projects, overdue problems, late
nodes and the scope of a filtered month, against values worked out by hand there and here."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jimo_desktop import cli
from jimo_desktop.domain.money import parse_wan
from jimo_desktop.store.monthly.progress import GridFilter
from jimo_desktop.store.papers.briefing_facts import monthly_facts
from jimo_desktop.store.tracking import milestones, problems
from tests.engines import ENGINES, built_database, opened_copy
from tests.unit.progress_data import industry_id, unit_id
from tests.unit.test_figures_as_of import JUNE, MARCH, UNIT_1, UNIT_2, UNIT_3, build_fixture


@pytest.fixture(scope="module", params=ENGINES)
def fixture_path(request, tmp_path_factory) -> str:
    return built_database(request, tmp_path_factory.mktemp("facts"), build_fixture)


@pytest.fixture
def fixture_copy(request, fixture_path, tmp_path):
    with opened_copy(request, fixture_path, tmp_path) as db:
        yield db


def project_named(db, name: str) -> int:
    return db.execute("SELECT id FROM projects WHERE name = ?", [name]).fetchone()[0]


def figures_in_process(path: Path, period: str, capsys, *extra: str) -> str:
    assert cli.main(["figures", "--db", str(path), "--period", period, *extra]) == 0
    return capsys.readouterr().out


def test_the_figures_text_gives_marchs_hand_counted_figures_line_by_line(fixture_path, capsys):
    # The figures of test_march_figures_are_those_of_march_31, as the text output words them.
    expected = [
        "2020-03 截至 2020-03-31（全区）",
        "时序进度 25.0%",  # 3 / 12
        "全区：列入 6 个，已开工 3 个，开工率 50.0%，年度计划 29000.00 万元，"
        "完成 7300.00 万元，占年度计划 25.2%，超时序进度 0.2 个百分点",
        "竣工一批：目标 1 个，已实现 0 个，实现率 0.0%",
        "开工一批：目标 2 个，已实现 0 个，实现率 0.0%",
        "储备一批：目标 1 个，已实现 0 个，实现率 0.0%",
        "谋划一批：目标 0 个，已实现 0 个，实现率 —",  # no target, no rate
        "已开工项目中已纳统 2 个",
        "问题 1 个（待解决1），超过解决时限 1 个，时间节点逾期 1 个",
        "进度滞后或有逾期事项的项目 3 个（红灯 2，黄灯 1）",
        "区位\t名次\t列入\t已开工\t开工率\t年度计划\t完成投资\t占年度计划\t超时序进度",
        f"{UNIT_2}\t1\t2\t1\t50.0\t9000.00\t4000.00\t44.4\t19.4",
        f"{UNIT_1}\t2\t2\t1\t50.0\t15000.00\t3000.00\t20.0\t-5.0",
        f"{UNIT_3}\t3\t2\t1\t50.0\t5000.00\t300.00\t6.0\t-19.0",
        "产业\t名次\t列入\t已开工\t开工率\t年度计划\t完成投资\t占年度计划\t超时序进度",
        "新材料\t\t6\t3\t50.0\t29000.00\t7300.00\t25.2\t0.2",  # all six; industries take no rank
    ]
    assert figures_in_process(fixture_path, MARCH, capsys).splitlines() == expected


def test_the_figures_json_gives_junes_months_listings_and_batch_sums(fixture_path, capsys):
    figures = json.loads(figures_in_process(fixture_path, JUNE, capsys, "--json"))
    assert figures["period"] == JUNE and figures["scope"] == "全区"
    assert figures["district"]["name"] == "全区"
    assert figures["time_progress"] == "50.0"  # 6 / 12
    # Each month's own list and report: March 甲 3000 + 丙 4000 + 戊 300; June 6000 + 2000 + 8000.
    assert figures["months"] == {
        "1": "0.00", "2": "0.00", "3": "7300.00", "4": "0.00", "5": "0.00", "6": "16000.00",
    }  # fmt: skip
    # Five listed in June (戊 withdrawn), each of 50000 total investment.
    assert figures["listings"] == {
        "2020": {"projects": 5, "annual_plan": "26000.00", "total_investment": "250000.00"}
    }
    sums = {b["name"]: (b["total_investment"], b["annual_plan"]) for b in figures["batches"]}
    assert sums == {
        "竣工一批": ("50000.00", "8000.00"),  # 丙
        "开工一批": ("100000.00", "7000.00"),  # 乙 5000 + 己 2000
        "储备一批": ("0.00", "0.00"),
        "谋划一批": ("50000.00", "1000.00"),  # 丁
    }
    assert figures["problems"]["by_category"] == {"其他": 2}  # neither was given a category
    assert figures["lagging"]["total"] == 3  # 甲 red, 乙 and 己 yellow
    assert [industry["name"] for industry in figures["industries"]] == ["新材料"]
    assert figures["industries"][0]["listed"] == 5


def test_the_figures_text_lists_each_problem_status(fixture_path, capsys):
    lines = figures_in_process(fixture_path, JUNE, capsys).splitlines()
    # June: the April problem still open, the March one resolved on 05-18 (in either order).
    assert {
        "问题 2 个（待解决1，已解决1），超过解决时限 1 个，时间节点逾期 1 个",
        "问题 2 个（已解决1，待解决1），超过解决时限 1 个，时间节点逾期 1 个",
    } & set(lines)


def test_marchs_lagging_projects_are_red_first_then_furthest_behind_with_their_reasons(
    fixture_copy,
):
    lagging = monthly_facts(fixture_copy, MARCH).lagging
    # Red: 戊 (300 of 3000 = 10.0%, 15.0 behind 25.0; started 2019-10, five months without
    # 纳统) before 丙 (4000 of 8000 = 50.0%, 25.0 ahead; overdue problem). Yellow: 己 (late
    # node, no report).
    assert [(p.name, p.light) for p in lagging] == [
        ("戊项目", "红灯"), ("丙项目", "红灯"), ("己项目", "黄灯"),
    ]  # fmt: skip
    wu, bing, ji = lagging
    assert (wu.unit, wu.completion_rate, wu.ahead) == (UNIT_3, Decimal("10.0"), Decimal("-15.0"))
    assert wu.reasons == ("落后时序进度15.0个百分点", "开工已5个月仍未纳统")
    assert (bing.completion_rate, bing.ahead) == (Decimal("50.0"), Decimal("25.0"))
    assert bing.reasons == ("有1个问题逾期未解决",)
    assert (ji.completion_rate, ji.ahead) == (None, None)
    # The node named (planned February, open at the end of March), not also the light's count.
    assert ji.reasons == ("时间节点逾期1个（土地摘牌逾期未完成1个月）",)


def test_marchs_overdue_problem_is_named_with_the_rest_category(fixture_copy):
    (problem,) = monthly_facts(fixture_copy, MARCH).overdue_problems
    # Raised 03-05 on 丙 with no category, deadline 03-25, open until 05-18.
    assert (problem.project, problem.unit, problem.category, problem.description) == (
        "丙项目", UNIT_2, "其他", "施工用电未接入",
    )  # fmt: skip
    assert "2020" in problem.deadline and "25" in problem.deadline


@pytest.mark.parametrize(
    ("unit", "industry", "text", "scope"),
    [
        (UNIT_1, None, "", UNIT_1),
        (UNIT_1, "新材料", "", f"{UNIT_1} · 新材料"),
        (None, None, " 甲 ", "含“甲”"),
        (UNIT_3, None, "己", f"{UNIT_3} · 含“己”"),
        (None, None, "   ", "全区"),
    ],
)
def test_figures_for_a_filter_name_what_they_cover(fixture_copy, unit, industry, text, scope):
    wanted = GridFilter(
        unit_id=unit and unit_id(fixture_copy, unit),
        industry_id=industry and industry_id(fixture_copy, industry),
        text=text,
    )
    assert monthly_facts(fixture_copy, MARCH, wanted).scope == scope


def test_three_late_nodes_are_counted_and_the_first_two_named(fixture_copy):
    ji = project_named(fixture_copy, "己项目")
    for name, planned in (("规划许可", "2020-01"), ("施工许可", "2020-03")):
        milestones.add_custom(fixture_copy, ji, {"name": name, "planned_on": planned})
    (lagging,) = (p for p in monthly_facts(fixture_copy, JUNE).lagging if p.name == "己项目")
    # In the timeline's order (土地摘牌 was added first), at June 30: February's node four
    # months late, January's five; March's is counted, not named.
    assert lagging.reasons[-1] == (
        "时间节点逾期3个（土地摘牌逾期未完成4个月、规划许可逾期未完成5个月等）"
    )


def test_two_late_nodes_are_both_named_without_more(fixture_copy):
    ji = project_named(fixture_copy, "己项目")
    milestones.add_custom(fixture_copy, ji, {"name": "规划许可", "planned_on": "2020-01"})
    (lagging,) = (p for p in monthly_facts(fixture_copy, JUNE).lagging if p.name == "己项目")
    # February's node four months late at June 30, January's five; nobody left unnamed.
    assert (
        lagging.reasons[-1] == "时间节点逾期2个（土地摘牌逾期未完成4个月、规划许可逾期未完成5个月）"
    )


def test_a_filtered_month_counts_only_the_chosen_units_projects_and_problems(fixture_copy):
    wanted = GridFilter(unit_id=unit_id(fixture_copy, UNIT_1))
    facts = monthly_facts(fixture_copy, MARCH, wanted)
    # 甲 and 乙 only; the one problem raised by March 31 is 丙's (环秀街道).
    assert (facts.district.listed, facts.district.started) == (2, 1)
    assert facts.problem_tallies == () and facts.overdue_problems == ()


def test_a_month_without_problems_says_so_without_empty_brackets():
    from jimo_desktop.domain import period_figures
    from jimo_desktop.domain.briefing_facts import MonthlyFacts
    from jimo_desktop.domain.progress import GroupFigures

    nobody = GroupFigures("全区", 0, 0, 0, 0, None, None, None)
    facts = MonthlyFacts(
        period="2019-01",
        today=date(2020, 6, 30),
        scope="全区",
        time_progress=Decimal("8.3"),
        district=nobody,
        units=(),
        industries=(),
        batches=(),
        months=(),
        listings=(),
        in_statistics=0,
    )
    lines = period_figures.as_lines(facts)
    assert "问题 0 个，超过解决时限 0 个，时间节点逾期 0 个" in lines


def test_a_filtered_months_and_listings_count_only_the_chosen_units_projects(fixture_copy):
    wanted = GridFilter(unit_id=unit_id(fixture_copy, UNIT_1))
    facts = monthly_facts(fixture_copy, MARCH, wanted)
    # 甲 and 乙 only: March's report is 甲's 3000 (丙's 4000 and 戊's 300 are elsewhere).
    assert [(m.month, m.completed) for m in facts.months] == [
        (1, 0), (2, 0), (3, parse_wan("3000")),
    ]  # fmt: skip
    # Two listed: plans 10000 + 5000, each of 50000 total investment.
    assert [(y.year, y.projects, y.annual_plan, y.total_investment) for y in facts.listings] == [
        (2020, 2, parse_wan("15000"), parse_wan("100000"))
    ]


def test_a_lagging_project_with_a_late_node_keeps_its_other_reasons_and_names_its_leader(
    fixture_copy,
):
    wu = project_named(fixture_copy, "戊项目")
    fixture_copy.execute("UPDATE projects SET leader = '王建国' WHERE id = ?", [wu])
    milestones.add_custom(fixture_copy, wu, {"name": "环评批复", "planned_on": "2020-02"})
    lagging = {p.name: p for p in monthly_facts(fixture_copy, MARCH).lagging}
    # 戊's two findings of its light stand; planned February and open at March 31, the node
    # is one month late and named in place of the light's bare count.
    assert lagging["戊项目"].reasons == (
        "落后时序进度15.0个百分点",
        "开工已5个月仍未纳统",
        "时间节点逾期1个（环评批复逾期未完成1个月）",
    )
    assert (lagging["戊项目"].leader, lagging["丙项目"].leader) == ("王建国", "")


def test_problems_of_one_category_and_status_are_tallied_together(fixture_copy):
    yi = project_named(fixture_copy, "乙项目")
    problems.raise_problem(fixture_copy, yi, "临时用地未批", raised_on="2020-05-06")
    tallies = monthly_facts(fixture_copy, JUNE).problem_tallies
    # Open at June 30: 甲's April problem and 乙's May one; 丙's resolved on 05-18.
    assert sorted((t.category, t.status, t.count) for t in tallies) == [
        ("其他", "已解决", 1), ("其他", "待解决", 2),
    ]  # fmt: skip


def test_a_project_started_by_its_stage_alone_is_counted_in_statistics(fixture_copy):
    jia = project_named(fixture_copy, "甲项目")
    fixture_copy.execute("UPDATE projects SET actual_start = NULL WHERE id = ?", [jia])
    # 甲 is 续建 with no start date, 纳统 since 2019-07; with 丙 still two at March 31.
    assert monthly_facts(fixture_copy, MARCH).in_statistics == 2


def test_a_listing_without_plan_or_total_investment_adds_nothing_to_the_years_sums(fixture_copy):
    ji = project_named(fixture_copy, "己项目")
    fixture_copy.execute("UPDATE project_years SET annual_plan = NULL WHERE project_id = ?", [ji])
    fixture_copy.execute("UPDATE projects SET total_investment = NULL WHERE id = ?", [ji])
    (listing,) = monthly_facts(fixture_copy, JUNE).listings
    # June's five (戊 withdrawn) without 己's 2000 plan and 50000 total investment.
    assert (listing.projects, listing.annual_plan, listing.total_investment) == (
        5, parse_wan("24000"), parse_wan("200000"),
    )  # fmt: skip
