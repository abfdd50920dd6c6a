"""A period's figures as plain values, the way the `figures` command prints them: the same
numbers the bulletin prints, so anyone can check a bulletin against the data.

Amounts are 万元 with two decimals, rates percentages with one, both as text so that JSON
keeps them exact.
"""

from decimal import Decimal

from jimo_desktop.domain.as_of import period_end
from jimo_desktop.domain.briefing_facts import MonthlyFacts
from jimo_desktop.domain.money import format_wan
from jimo_desktop.domain.progress import BatchFigures, GroupFigures


def as_dict(facts: MonthlyFacts) -> dict[str, object]:
    return {
        "period": facts.period,
        "as_of": _as_of_day(facts.period),
        "scope": facts.scope,
        "time_progress": _rate(facts.time_progress),
        "district": _group(facts.district),
        "units": [_group(unit) for unit in facts.units],
        "industries": [_group(industry) for industry in facts.industries],
        "batches": [_batch(batch) for batch in facts.batches],
        "in_statistics": facts.in_statistics,
        "problems": {
            "total": sum(tally.count for tally in facts.problem_tallies),
            "by_status": _sum_by(facts, lambda tally: tally.status),
            "by_category": _sum_by(facts, lambda tally: tally.category),
            "overdue": len(facts.overdue_problems),
        },
        "late_milestones": facts.late_milestones,
        "lagging": {
            "total": len(facts.lagging),
            "red": sum(1 for project in facts.lagging if project.light == "红灯"),
            "yellow": sum(1 for project in facts.lagging if project.light == "黄灯"),
        },
        "months": {str(month.month): _wan(month.completed) for month in facts.months},
        "listings": {
            str(listing.year): {
                "projects": listing.projects,
                "annual_plan": _wan(listing.annual_plan),
                "total_investment": _wan(listing.total_investment),
            }
            for listing in facts.listings
        },
    }


def as_lines(facts: MonthlyFacts) -> list[str]:
    """The figures for a person: one line each, in the order the bulletin gives them."""
    figures = as_dict(facts)
    district = figures["district"]
    lines = [
        f"{facts.period} 截至 {figures['as_of']}（{facts.scope}）",
        f"时序进度 {figures['time_progress']}%",
        f"全区：列入 {district['listed']} 个，已开工 {district['started']} 个，"
        f"开工率 {district['start_rate']}%，年度计划 {district['annual_plan']} 万元，"
        f"完成 {district['completed']} 万元，占年度计划 {district['completion_rate']}%，"
        f"超时序进度 {district['ahead']} 个百分点",
    ]
    for batch in figures["batches"]:
        lines.append(
            f"{batch['name']}：目标 {batch['count']} 个，已实现 {batch['achieved']} 个，"
            f"实现率 {_percent_text(batch['rate'])}"
        )
    problems = figures["problems"]
    lines += [
        f"已开工项目中已纳统 {figures['in_statistics']} 个",
        f"问题 {problems['total']} 个{_by_status_text(problems['by_status'])}，"
        f"超过解决时限 {problems['overdue']} 个，时间节点逾期 {figures['late_milestones']} 个",
        f"进度滞后或有逾期事项的项目 {figures['lagging']['total']} 个"
        f"（红灯 {figures['lagging']['red']}，黄灯 {figures['lagging']['yellow']}）",
        "区位\t名次\t列入\t已开工\t开工率\t年度计划\t完成投资\t占年度计划\t超时序进度",
    ]
    lines += [_group_line(unit) for unit in figures["units"]]
    lines.append("产业\t名次\t列入\t已开工\t开工率\t年度计划\t完成投资\t占年度计划\t超时序进度")
    lines += [_group_line(industry) for industry in figures["industries"]]
    return lines


def _by_status_text(by_status: dict[str, int]) -> str:
    """ "（待解决3，已解决1）", nothing when there are no problems."""
    if not by_status:
        return ""
    return "（" + "，".join(f"{status}{count}" for status, count in by_status.items()) + "）"


def _percent_text(rate: str | None) -> str:
    return "—" if rate is None else f"{rate}%"


def _group_line(group: dict[str, object]) -> str:
    keys = ("rank", "listed", "started", "start_rate", "annual_plan", "completed")
    values = [group["name"], *(group[key] for key in keys)]
    values += [group["completion_rate"], group["ahead"]]
    return "\t".join("" if value is None else str(value) for value in values)


def _as_of_day(period: str) -> str:
    return period_end(period).isoformat()


def _group(group: GroupFigures) -> dict[str, object]:
    return {
        "name": group.name,
        "rank": group.rank,
        "listed": group.listed,
        "started": group.started,
        "start_rate": _rate(group.start_rate),
        "annual_plan": _wan(group.annual_plan),
        "completed": _wan(group.completed),
        "completion_rate": _rate(group.completion_rate),
        "ahead": _rate(group.ahead),
    }


def _batch(batch: BatchFigures) -> dict[str, object]:
    return {
        "name": f"{batch.stage.label}一批",
        "count": batch.count,
        "achieved": batch.achieved,
        "rate": _rate(batch.rate),
        "total_investment": _wan(batch.total_investment),
        "annual_plan": _wan(batch.annual_plan),
    }


def _sum_by(facts: MonthlyFacts, key) -> dict[str, int]:
    sums: dict[str, int] = {}
    for tally in facts.problem_tallies:
        sums[key(tally)] = sums.get(key(tally), 0) + tally.count
    return sums


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _wan(cents: int) -> str:
    return format_wan(cents, grouping=False)
