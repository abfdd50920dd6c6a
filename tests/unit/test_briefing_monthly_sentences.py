"""月度通报 sentences from figures given by hand: each expected sentence is written out here
from the figures of the test, so a changed word, count or order shows."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from jimo_desktop.domain.briefing_facts import (
    LaggingProject,
    ListingTotal,
    MonthlyFacts,
    OverdueProblem,
    ProblemTally,
)
from jimo_desktop.domain.progress import BatchFigures, GroupFigures
from jimo_desktop.domain.project import Stage
from jimo_desktop.reports.bulletin import ahead_phrase, attachments, draft_monthly

YI = 1_000_000  # hundredths of 万元 in one 亿元


def group(name, rate, ahead, listed=2, started=1, completed=0) -> GroupFigures:
    return GroupFigures(
        name=name,
        listed=listed,
        started=started,
        annual_plan=10 * YI,
        completed=completed,
        start_rate=None,
        completion_rate=None if rate is None else Decimal(rate),
        ahead=None if ahead is None else Decimal(ahead),
    )


def batch(stage: Stage, count: int, achieved: int) -> BatchFigures:
    return BatchFigures(stage, count, achieved, total_investment=0, annual_plan=0)


def lagging(name: str, light: str, ahead: str | None, unit: str = "通济街道") -> LaggingProject:
    return LaggingProject(
        name=name,
        unit=unit,
        leader="",
        completion_rate=None,
        ahead=None if ahead is None else Decimal(ahead),
        light=light,
        reasons=(),
    )


def overdue(number: int, responsible: str = "区自然资源局") -> OverdueProblem:
    return OverdueProblem(
        project=f"项目{number}",
        unit="通济街道",
        category="用地类",
        description="用地指标未落实",
        deadline="2020-05-31",
        responsible_unit=responsible,
        note=f"逾期{number}天",
    )


def facts(**changes) -> MonthlyFacts:
    base = MonthlyFacts(
        period="2020-06",
        today=date(2020, 7, 5),
        scope="全区",
        time_progress=Decimal("50.0"),
        district=GroupFigures(
            name="全区",
            listed=40,
            started=30,
            annual_plan=80 * YI,
            completed=int(Decimal("44.56") * YI),
            start_rate=Decimal("75.0"),
            completion_rate=Decimal("55.7"),
            ahead=Decimal("5.7"),
        ),
        units=(),
        industries=(),
        batches=(),
        months=(),
        listings=(),
        in_statistics=12,
    )
    return dataclasses.replace(base, **changes)


def paragraphs(drafted_facts: MonthlyFacts, key: str) -> list[str]:
    return draft_monthly(drafted_facts).section(key).paragraphs


def test_the_heading_names_the_year_the_months_and_the_issue():
    draft = draft_monthly(facts())
    assert draft.title == "关于2020年1-6月全区重点项目建设情况的通报"
    assert draft.issue == "2020年第6期"
    assert draft.issuer == "即墨区发展和改革局"
    assert draft.masthead == "重点项目建设通报"
    assert draft.addressee == "各镇街、功能区，区直有关部门："
    assert draft.date_text == "2020年7月5日"
    assert draft.section("opening").paragraphs == [
        "为加快推进全区重点项目建设，按照“周调度、月推进”工作机制，现将"
        "2020年1-6月全区重点项目建设情况通报如下。"
    ]
    assert [(section.key, section.heading) for section in draft.sections] == [
        ("opening", ""),  # the opening paragraph goes without a heading
        ("overview", "总体情况"),
        ("ranking", "各区位推进情况"),
        ("lagging", "进度滞后项目"),
        ("problems", "存在问题"),
        ("next_steps", "下步工作"),
    ]


def test_a_january_bulletin_says_1月():
    draft = draft_monthly(facts(period="2021-01"))
    assert draft.title == "关于2021年1月全区重点项目建设情况的通报"
    assert draft.issue == "2021年第1期"


@pytest.mark.parametrize(
    ("ahead", "phrase"),
    [
        (Decimal("4.9"), "超时序进度4.9个百分点"),
        (Decimal("0.1"), "超时序进度0.1个百分点"),
        (Decimal("0.0"), "与时序进度持平"),
        (Decimal("-0.1"), "落后时序进度0.1个百分点"),
        (Decimal("-3.0"), "落后时序进度3.0个百分点"),
        (None, "尚无年度计划投资，无法对照时序进度"),
    ],
)
def test_ahead_is_worded_ahead_behind_level_or_unknown(ahead, phrase):
    assert ahead_phrase(ahead) == phrase


def test_the_overview_sentence_carries_the_district_figures():
    # 44.56 亿元 of 80 亿元 = 55.7%, 5.7 ahead of June's 50.0.
    assert paragraphs(facts(), "overview")[0] == (
        "截至6月底，全区40个重点项目已开工30个，开工率75.0%；"
        "完成投资44.56亿元，占年度计划的55.7%，超时序进度5.7个百分点。"
    )


def test_without_a_plan_the_overview_leaves_the_share_out():
    district = GroupFigures("全区", 3, 0, 0, 1_000_000, None, None, None)
    assert paragraphs(facts(district=district), "overview")[0] == (
        "截至6月底，全区3个重点项目已开工0个，开工率0.0%；"
        "完成投资1.00亿元，尚无年度计划投资，无法对照时序进度。"
    )


def test_the_batches_sentence_names_each_target_with_a_rate_where_the_bulletins_give_one():
    batches = (
        batch(Stage.COMPLETED, 4, 1),  # 1 / 4 = 25.0%
        batch(Stage.STARTED, 8, 6),  # 6 / 8 = 75.0%
        batch(Stage.RESERVE, 3, 1),
        batch(Stage.PLANNING, 2, 2),
    )
    assert paragraphs(facts(batches=batches), "overview")[1] == (
        "按“四个一批”目标，竣工一批4个，已竣工1个，竣工率25.0%；"
        "开工一批8个，已开工6个，开工率75.0%；储备一批3个，已开工1个；"
        "谋划一批2个，已转入储备或开工2个；已开工项目中已纳统12个。"
    )


def test_empty_batches_are_left_out_and_none_at_all_is_said():
    batches = (batch(Stage.COMPLETED, 0, 0), batch(Stage.STARTED, 2, 1))
    assert paragraphs(facts(batches=batches), "overview")[1] == (
        "按“四个一批”目标，开工一批2个，已开工1个，开工率50.0%；已开工项目中已纳统12个。"
    )
    no_targets = (batch(Stage.COMPLETED, 0, 0), batch(Stage.PLANNING, 0, 0))
    assert paragraphs(facts(batches=no_targets), "overview")[1] == (
        "本年度清单尚未确定“四个一批”目标；已开工项目中已纳统12个。"
    )


def test_the_three_industries_that_invested_most_are_named_largest_first():
    industries = (
        group("文旅", None, None, completed=1 * YI),
        group("新材料", None, None, completed=5 * YI),
        group("城建", None, None, completed=2 * YI),
        group("物流", None, None, completed=3 * YI),
    )
    assert paragraphs(facts(industries=industries), "overview")[2] == (
        "分产业看，完成投资居前的是新材料（5.00亿元）、物流（3.00亿元）、城建（2.00亿元）。"
    )


def test_no_industry_sentence_when_nothing_was_invested():
    industries = (group("文旅", None, None), group("城建", None, None))
    assert len(paragraphs(facts(industries=industries), "overview")) == 2
    assert len(paragraphs(facts(), "overview")) == 2


@pytest.mark.parametrize(
    ("last_year", "tail"),
    [
        (38, "，较2019年增加2个"),  # 40 - 38
        (39, "，较2019年增加1个"),
        (41, "，较2019年减少1个"),
        (43, "，较2019年减少3个"),  # 40 - 43
        (40, "，较2019年持平"),
        (0, ""),  # an empty list last year compares with nothing
    ],
)
def test_the_years_list_is_compared_with_last_year(last_year, tail):
    listings = (ListingTotal(2019, last_year, 0, 0), ListingTotal(2020, 40, 80 * YI, 0))
    assert paragraphs(facts(listings=listings), "overview")[-1] == (
        f"2020年全区列入重点项目40个，年度计划投资80.00亿元{tail}。"
    )


def test_without_this_years_list_there_is_no_years_sentence():
    listings = (ListingTotal(2019, 38, 0, 0),)
    assert len(paragraphs(facts(listings=listings), "overview")) == 2
    only_this_year = (ListingTotal(2020, 40, 80 * YI, 0),)
    assert paragraphs(facts(listings=only_this_year), "overview")[-1] == (
        "2020年全区列入重点项目40个，年度计划投资80.00亿元。"
    )


def test_the_ranking_counts_units_ahead_and_names_the_best_and_worst_three():
    units = (
        group("甲街道", "80.0", "30.0", listed=3, started=3),
        group("乙街道", "60.0", "10.0"),
        group("丙街道", "50.0", "0.0", listed=2, started=0),  # level counts as reaching it
        group("丁街道", "40.0", "-10.0"),
        group("戊街道", "20.0", "-30.0"),
        group("己街道", None, None, listed=0, started=0),  # no plan: not ranked
    )
    first, second = paragraphs(facts(units=units), "ranking")
    assert first == (
        "从各区位看，3个区位完成投资达到或超过时序进度，2个区位落后于时序进度。"
        "完成率居前三位的是甲街道（80.0%）、乙街道（60.0%）、丙街道（50.0%）；"
        "居后三位的是戊街道（20.0%）、丁街道（40.0%）、丙街道（50.0%）（详见表1）。"
    )
    assert second == "项目开工率达到100%的有甲街道。丙街道所列项目尚未开工，需加快推进。"


def test_a_ranking_without_full_or_idle_units_is_one_paragraph():
    units = (group("甲街道", "80.0", "30.0"), group("乙街道", "10.0", None))
    assert paragraphs(facts(units=units), "ranking") == [
        # 乙 has a rate but no points: not counted as reaching time progress.
        "从各区位看，1个区位完成投资达到或超过时序进度，1个区位落后于时序进度。"
        "完成率居前三位的是甲街道（80.0%）、乙街道（10.0%）；"
        "居后三位的是乙街道（10.0%）、甲街道（80.0%）（详见表1）。"
    ]
    idle_only = (group("甲街道", "0.0", "-50.0", listed=1, started=0),)
    idle = paragraphs(facts(units=idle_only), "ranking")[1]
    assert idle == "甲街道所列项目尚未开工，需加快推进。"


def test_without_unit_rates_the_ranking_says_so():
    units = (group("甲街道", None, None),)
    assert paragraphs(facts(units=units), "ranking") == [
        "本月各区位尚无可对照年度计划的完成投资数据。"
    ]


def test_lagging_projects_are_counted_by_light_and_the_furthest_behind_named_first():
    projects = (
        lagging("甲项目", "黄灯", "-12.0"),
        lagging("乙项目", "红灯", "-35.5", unit="环秀街道"),
        lagging("丙项目", "红灯", None),  # no report: counted, not named as behind
        lagging("丁项目", "红灯", "0.0"),  # an overdue problem only: not behind
    )
    overdue_list = (overdue(3),)
    found = paragraphs(
        facts(lagging=projects, overdue_problems=overdue_list, late_milestones=4), "lagging"
    )
    assert found == [
        "对照时序进度、时间节点和问题清单，共有4个项目进度滞后或存在逾期事项，"
        "其中亮红灯3个、亮黄灯1个（详见附件1）。",
        "落后时序进度较多的项目有：环秀街道乙项目（落后35.5个百分点）；"
        "通济街道甲项目（落后12.0个百分点）。",
        "另有4个时间节点逾期未完成，1个问题超过解决时限。",
    ]


def test_at_most_ten_lagging_projects_are_named_then_the_count():
    # Eleven behind by 1..11 points: the ten furthest behind are named, 11 first.
    projects = tuple(lagging(f"项目{n}", "黄灯", f"-{n}.0") for n in range(1, 12))
    named = paragraphs(facts(lagging=projects), "lagging")[1]
    assert named.startswith("落后时序进度较多的项目有：通济街道项目11（落后11.0个百分点）；")
    assert "项目2（落后2.0个百分点）等11个。" in named
    assert "项目1（" not in named
    ten = projects[1:]
    assert paragraphs(facts(lagging=ten), "lagging")[1].endswith("项目2（落后2.0个百分点）。")


def test_no_lagging_project_is_one_sentence():
    assert paragraphs(facts(), "lagging") == [
        "本月各重点项目均达到时序进度，未发现逾期节点和逾期问题。"
    ]


def test_problems_are_summed_by_status_and_the_three_largest_categories():
    tallies = (
        ProblemTally("用地", "待解决", 3),
        ProblemTally("用地", "已解决", 2),
        ProblemTally("拆迁", "协调中", 4),
        ProblemTally("资金", "已销号", 1),
        ProblemTally("审批手续", "待解决", 2),
        ProblemTally("其他", "已解决", 1),
    )
    # Categories are named without 类, the sentence adds it. 13 in all; settled 2 + 1 + 1 = 4;
    # categories 用地 5, 拆迁 4, 审批手续 2, 资金 1, 其他 1.
    assert paragraphs(facts(problem_tallies=tallies), "problems") == [
        "目前各项目共梳理问题13个，已解决（含已销号）4个，正在协调4个，待解决5个。"
        "从类别看，用地类5个、拆迁类4个、审批手续类2个，居前三位。"
    ]


def test_overdue_problems_are_named_five_at_most_with_their_attachment():
    tallies = (ProblemTally("用地类", "待解决", 6),)
    six = (overdue(1, responsible=""), *(overdue(n) for n in range(2, 7)))
    found = paragraphs(facts(problem_tallies=tallies, overdue_problems=six), "problems")[1]
    assert found.startswith("超过解决时限的问题有：项目1用地指标未落实（责任单位未定，逾期1天）；")
    assert "项目5用地指标未落实（区自然资源局，逾期5天）等6个（详见附件1）。" in found
    assert "项目6" not in found
    five = six[:5]
    ends = paragraphs(facts(problem_tallies=tallies, overdue_problems=five), "problems")[1]
    assert ends.endswith("逾期5天）（详见附件1）。")


def test_no_problem_is_one_sentence():
    assert paragraphs(facts(), "problems") == ["本月各项目未梳理出需协调解决的问题。"]


def test_attachments_are_numbered_by_what_the_month_has():
    behind = (lagging("甲项目", "黄灯", "-12.0"),)
    both = facts(lagging=behind, overdue_problems=(overdue(1),))
    assert attachments(both) == [
        ("lagging", "进度滞后及存在逾期事项的项目清单"),
        ("overdue", "超过解决时限的问题清单"),
        ("charts", "统计图表"),
    ]
    tallies = (ProblemTally("用地类", "待解决", 1),)
    second = paragraphs(dataclasses.replace(both, problem_tallies=tallies), "problems")[1]
    assert second.endswith("（详见附件2）。")
    assert attachments(facts()) == [("charts", "统计图表")]


def test_next_steps_count_projects_behind_unsettled_problems_and_waiting_batches():
    projects = (
        lagging("甲项目", "黄灯", "-12.0"),
        lagging("乙项目", "红灯", "-0.1"),
        lagging("丙项目", "红灯", None),
        lagging("丁项目", "黄灯", "0.0"),
    )
    tallies = (
        ProblemTally("用地类", "待解决", 3),
        ProblemTally("拆迁类", "协调中", 2),
        ProblemTally("资金类", "已解决", 7),
        ProblemTally("其他", "已销号", 1),
    )
    batches = (batch(Stage.RESERVE, 5, 2), batch(Stage.PLANNING, 4, 0))
    steps = paragraphs(
        facts(lagging=projects, problem_tallies=tallies, batches=batches), "next_steps"
    )
    assert steps[0] == (
        "一是强化项目调度。坚持“周调度、月推进”，对落后时序进度的2个项目逐一分析原因，"
        "倒排工期、挂图作战，确保完成2020年度投资计划。"
    )
    assert steps[1] == (
        "二是加快问题解决。对5个未办结问题实行清单管理，明确责任单位和解决时限，"
        "逾期问题提交重点项目联席会议协调，必要时下发督办单。"
    )
    assert steps[2].startswith("三是做好纳统入库。")
    assert steps[3] == (  # 5 - 2 reserve and 4 - 0 planning still waiting
        "四是加大项目储备。围绕“四个一批”，推动3个储备项目和4个谋划项目加快办理前期手续，"
        "争取早日开工建设。"
    )


@pytest.mark.parametrize(
    ("batches", "named"),
    [
        ((batch(Stage.RESERVE, 2, 0),), "2个储备项目"),
        ((batch(Stage.RESERVE, 2, 2), batch(Stage.PLANNING, 3, 1)), "2个谋划项目"),
        ((batch(Stage.PLANNING, 3, 1),), "2个谋划项目"),  # no 储备一批 at all: none waiting
    ],
)
def test_the_reserve_step_names_only_the_batches_still_waiting(batches, named):
    assert paragraphs(facts(batches=batches), "next_steps")[3] == (
        f"四是加大项目储备。围绕“四个一批”，推动{named}加快办理前期手续，争取早日开工建设。"
    )


def test_with_nothing_waiting_the_reserve_step_asks_for_new_projects():
    batches = (batch(Stage.RESERVE, 2, 2), batch(Stage.COMPLETED, 3, 0))
    assert paragraphs(facts(batches=batches), "next_steps")[3] == (
        "四是加大项目储备。围绕“四个一批”，谋划储备一批新项目，提前办理前期手续，形成梯次接续。"
    )


def test_several_fully_started_or_idle_units_are_listed_together():
    units = (
        group("甲街道", "80.0", "30.0", listed=2, started=2),
        group("乙街道", "60.0", "10.0", listed=1, started=1),
        group("丙街道", "10.0", "-40.0", listed=3, started=0),
        group("丁街道", "5.0", "-45.0", listed=1, started=0),
    )
    assert paragraphs(facts(units=units), "ranking")[1] == (
        "项目开工率达到100%的有甲街道、乙街道。丙街道、丁街道所列项目尚未开工，需加快推进。"
    )


@pytest.mark.parametrize(
    ("tallies", "counts"),
    [
        # Statuses nobody has are counted as none.
        ((ProblemTally("用地", "待解决", 3),), "已解决（含已销号）0个，正在协调0个，待解决3个"),
        ((ProblemTally("用地", "协调中", 2),), "已解决（含已销号）0个，正在协调2个，待解决0个"),
        ((ProblemTally("用地", "已销号", 1),), "已解决（含已销号）1个，正在协调0个，待解决0个"),
        ((ProblemTally("用地", "已解决", 1),), "已解决（含已销号）1个，正在协调0个，待解决0个"),
    ],
)
def test_a_status_without_problems_counts_none(tallies, counts):
    total = tallies[0].count
    assert paragraphs(facts(problem_tallies=tallies), "problems")[0] == (
        f"目前各项目共梳理问题{total}个，{counts}。从类别看，用地类{total}个，居前三位。"
    )
