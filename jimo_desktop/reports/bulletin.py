"""月度通报: the month's bulletin drafted from the figures, in the words the bureau writes it.

`draft_monthly` writes the text (title, 总体情况 with the numbers in sentences, the units,
the lagging projects, 存在问题, 下步工作) as an editable `Draft`; reports/bulletin_pdf.py sets
the officer's edited draft with its tables and charts.
"""

from collections.abc import Sequence
from decimal import Decimal

from jimo_desktop.domain.briefing import Draft, Kind, Section
from jimo_desktop.domain.briefing_facts import LaggingProject, MonthlyFacts
from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.money import format_yi
from jimo_desktop.domain.progress import GroupFigures, cumulative_label
from jimo_desktop.domain.project import Stage
from jimo_desktop.domain.wording import joined

ISSUER = "即墨区发展和改革局"
MASTHEAD = "重点项目建设通报"
ADDRESSEE = "各镇街、功能区，区直有关部门："
NAMED_AT_MOST = 10  # projects named in a sentence; the table lists every one


def attachments(facts: MonthlyFacts) -> list[tuple[str, str]]:
    """(key, title) of the bulletin's 附件, in order; empty lists are left out."""
    if nothing_reported(facts):
        return []
    found = []
    if facts.lagging:
        found.append(("lagging", "进度滞后及存在逾期事项的项目清单"))
    if facts.overdue_problems:
        found.append(("overdue", "超过解决时限的问题清单"))
    found.append(("charts", "统计图表"))
    return found


def _see_attachment(facts: MonthlyFacts, key: str) -> str:
    keys = [found for found, _ in attachments(facts)]
    return f"（详见附件{keys.index(key) + 1}）"


def nothing_reported(facts: MonthlyFacts) -> bool:
    """A month no project has reported any investment for: nothing to rank, chart or name."""
    return facts.district.completed == 0


def draft_monthly(facts: MonthlyFacts) -> Draft:
    cumulative = cumulative_label(facts.period)
    return Draft(
        kind=Kind.MONTHLY,
        period=facts.period,
        title=f"关于{facts.year}年{cumulative}全区重点项目建设情况的通报",
        masthead=MASTHEAD,
        issue=f"{facts.year}年第{facts.month}期",
        issuer=ISSUER,
        date_text=format_date(facts.today),
        addressee=ADDRESSEE,
        sections=_sections(facts),
    )


def _sections(facts: MonthlyFacts) -> list[Section]:
    if nothing_reported(facts):
        sentence = (
            f"截至{facts.month}月底，全区{facts.district.listed}个重点项目均未报送"
            f"{facts.year}年{cumulative_label(facts.period)}完成投资，本期暂无可通报的建设情况。"
        )
        return [Section("overview", "", [sentence])]
    return [
        Section("opening", "", [_opening(facts)]),
        Section("overview", "总体情况", _overview(facts)),
        Section("ranking", "各区位推进情况", _ranking(facts)),
        Section("lagging", "进度滞后项目", _lagging(facts)),
        Section("problems", "存在问题", _problems(facts)),
        Section("next_steps", "下步工作", _next_steps(facts)),
    ]


def _opening(facts: MonthlyFacts) -> str:
    return (
        "为加快推进全区重点项目建设，按照“周调度、月推进”工作机制，现将"
        f"{facts.year}年{cumulative_label(facts.period)}全区重点项目建设情况通报如下。"
    )


def ahead_phrase(ahead: Decimal | None) -> str:
    """超时序进度 in a sentence: "超时序进度4.9个百分点", "落后时序进度3.0个百分点"."""
    if ahead is None:
        return "尚无年度计划投资，无法对照时序进度"
    if ahead > 0:
        return f"超时序进度{ahead}个百分点"
    if ahead < 0:
        return f"落后时序进度{-ahead}个百分点"
    return "与时序进度持平"


def _overview(facts: MonthlyFacts) -> list[str]:
    district = facts.district
    completion = district.completion_rate
    first = (
        f"截至{facts.month}月底，全区{district.listed}个重点项目已开工{district.started}个，"
        f"开工率{district.start_rate or Decimal('0.0')}%；"
        f"完成投资{format_yi(district.completed)}亿元，"
        + (f"占年度计划的{completion}%，" if completion is not None else "")
        + f"{ahead_phrase(district.ahead)}。"
    )
    return [first, _batches_sentence(facts), *_industry_sentence(facts), *_years_sentence(facts)]


def _batches_sentence(facts: MonthlyFacts) -> str:
    """The year's 四个一批 targets and how many made them by the month's end."""
    batches = {batch.stage: batch for batch in facts.batches}
    parts = [
        _batch_clause(batches[stage], done, rate_word)
        for stage, done, rate_word in (
            (Stage.COMPLETED, "已竣工", "竣工率"),
            (Stage.STARTED, "已开工", "开工率"),
            (Stage.RESERVE, "已开工", ""),
            (Stage.PLANNING, "已转入储备或开工", ""),
        )
        if stage in batches and batches[stage].count
    ]
    counted = f"已开工项目中已纳统{facts.in_statistics}个。"
    if not parts:
        return f"本年度清单尚未确定“四个一批”目标；{counted}"
    return f"按“四个一批”目标，{'；'.join(parts)}；{counted}"


def _batch_clause(batch, done: str, rate_word: str) -> str:
    text = f"{batch.stage.label}一批{batch.count}个，{done}{batch.achieved}个"
    return f"{text}，{rate_word}{batch.rate}%" if rate_word else text


def _industry_sentence(facts: MonthlyFacts) -> list[str]:
    leading = sorted(facts.industries, key=lambda group: group.completed, reverse=True)[:3]
    if not leading or not leading[0].completed:
        return []
    named = "、".join(f"{group.name}（{format_yi(group.completed)}亿元）" for group in leading)
    return [f"分产业看，完成投资居前的是{named}。"]


def _years_sentence(facts: MonthlyFacts) -> list[str]:
    by_year = {listing.year: listing for listing in facts.listings}
    this_year, last_year = by_year.get(facts.year), by_year.get(facts.year - 1)
    if this_year is None:
        return []
    text = (
        f"{facts.year}年全区列入重点项目{this_year.projects}个，"
        f"年度计划投资{format_yi(this_year.annual_plan)}亿元"
    )
    if last_year is not None and last_year.projects:
        change = this_year.projects - last_year.projects
        word = "增加" if change > 0 else "减少"
        text += f"，较{facts.year - 1}年" + (f"{word}{abs(change)}个" if change else "持平")
    return [f"{text}。"]


def _ranking(facts: MonthlyFacts) -> list[str]:
    ranked = [unit for unit in facts.units if unit.completion_rate is not None]
    if not ranked:
        return ["本月各区位尚无可对照年度计划的完成投资数据。"]
    ahead = sum(1 for unit in ranked if unit.ahead is not None and unit.ahead >= 0)
    first = (
        f"从各区位看，{ahead}个区位完成投资达到或超过时序进度，"
        f"{len(ranked) - ahead}个区位落后于时序进度。"
        f"完成率居前三位的是{_units_named(ranked[:3])}；"
        f"居后三位的是{_units_named(ranked[-3:][::-1])}（详见表1）。"
    )
    full = [unit.name for unit in facts.units if unit.listed and unit.started == unit.listed]
    idle = [unit.name for unit in facts.units if unit.listed and unit.started == 0]
    second = f"项目开工率达到100%的有{'、'.join(full)}。" if full else ""
    if idle:
        second += f"{'、'.join(idle)}所列项目尚未开工，需加快推进。"
    return [first, second] if second else [first]


def _units_named(units: Sequence[GroupFigures]) -> str:
    return "、".join(f"{unit.name}（{unit.completion_rate}%）" for unit in units)


def _lagging(facts: MonthlyFacts) -> list[str]:
    if not facts.lagging:
        return ["本月各重点项目均达到时序进度，未发现逾期节点和逾期问题。"]
    red = sum(1 for project in facts.lagging if project.light == "红灯")
    yellow = sum(1 for project in facts.lagging if project.light == "黄灯")
    first = (
        f"对照时序进度、时间节点和问题清单，共有{len(facts.lagging)}个项目进度滞后或存在逾期事项，"
        f"其中亮红灯{red}个、亮黄灯{yellow}个{_see_attachment(facts, 'lagging')}。"
    )
    behind = sorted(
        (project for project in facts.lagging if project.ahead is not None and project.ahead < 0),
        key=lambda project: project.ahead,
    )
    paragraphs = [first]
    if behind:
        paragraphs.append(f"落后时序进度较多的项目有：{_projects_named(behind)}。")
    paragraphs.append(
        f"另有{facts.late_milestones}个时间节点逾期未完成，"
        f"{len(facts.overdue_problems)}个问题超过解决时限。"
    )
    return paragraphs


def _projects_named(projects: Sequence[LaggingProject]) -> str:
    shown = projects[:NAMED_AT_MOST]
    text = "；".join(
        f"{joined(project.unit, project.name)}（落后{-project.ahead}个百分点）" for project in shown
    )
    return text + (f"等{len(projects)}个" if len(projects) > len(shown) else "")


def _problems(facts: MonthlyFacts) -> list[str]:
    tallies = facts.problem_tallies
    total = sum(tally.count for tally in tallies)
    if not total:
        return ["本月各项目未梳理出需协调解决的问题。"]
    by_status = _sum_by(tallies, lambda tally: tally.status)
    settled = by_status.get("已解决", 0) + by_status.get("已销号", 0)
    by_category = sorted(
        _sum_by(tallies, lambda tally: tally.category).items(), key=lambda x: -x[1]
    )
    top = "、".join(f"{joined(name, '类')}{count}个" for name, count in by_category[:3])
    paragraphs = [
        f"目前各项目共梳理问题{total}个，已解决（含已销号）{settled}个，"
        f"正在协调{by_status.get('协调中', 0)}个，待解决{by_status.get('待解决', 0)}个。"
        f"从类别看，{top}，居前三位。"
    ]
    overdue = facts.overdue_problems
    if overdue:
        named = "；".join(
            f"{joined(problem.project, problem.description)}"
            f"（{problem.responsible_unit or '责任单位未定'}，{problem.note}）"
            for problem in overdue[:5]
        )
        more = f"等{len(overdue)}个" if len(overdue) > 5 else ""
        paragraphs.append(
            f"超过解决时限的问题有：{named}{more}{_see_attachment(facts, 'overdue')}。"
        )
    return paragraphs


def _sum_by(tallies, key) -> dict[str, int]:
    sums: dict[str, int] = {}
    for tally in tallies:
        sums[key(tally)] = sums.get(key(tally), 0) + tally.count
    return sums


def _next_steps(facts: MonthlyFacts) -> list[str]:
    behind = sum(1 for project in facts.lagging if project.ahead is not None and project.ahead < 0)
    unsettled = sum(t.count for t in facts.problem_tallies if t.status in ("待解决", "协调中"))
    return [
        f"一是强化项目调度。坚持“周调度、月推进”，对落后时序进度的{behind}个项目逐一分析原因，"
        f"倒排工期、挂图作战，确保完成{facts.year}年度投资计划。",
        f"二是加快问题解决。对{unsettled}个未办结问题实行清单管理，明确责任单位和解决时限，"
        "逾期问题提交重点项目联席会议协调，必要时下发督办单。",
        "三是做好纳统入库。会同区统计局建立纳统联动机制，督促已开工项目及时纳入统计，做到应统尽统。",
        _reserve_step(facts),
    ]


def _reserve_step(facts: MonthlyFacts) -> str:
    waiting = {batch.stage: batch.count - batch.achieved for batch in facts.batches}
    reserve, planning = waiting.get(Stage.RESERVE, 0), waiting.get(Stage.PLANNING, 0)
    named = "和".join(
        text
        for count, text in (
            (reserve, f"{reserve}个储备项目"),
            (planning, f"{planning}个谋划项目"),
        )
        if count
    )
    if not named:
        return (
            "四是加大项目储备。围绕“四个一批”，谋划储备一批新项目，提前办理前期手续，形成梯次接续。"
        )
    return f"四是加大项目储备。围绕“四个一批”，推动{named}加快办理前期手续，争取早日开工建设。"
