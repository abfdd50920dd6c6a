"""红黄绿灯 for every listed project: the bureau's rules from settings, applied to saved data."""

import json
from collections import Counter
from dataclasses import asdict
from decimal import Decimal, InvalidOperation

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.lights import Colour, Light, LightFacts, LightRules, evaluate
from jimo_desktop.store import settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.tracking import milestones, problems

RULES_KEY = "light_rules"


class LightRulesError(ValueError):
    """Thresholds that cannot work together; the message is for the officer."""


def rules(db: Database) -> LightRules:
    """The rules saved in 设置, the defaults for any not saved (or unreadable)."""
    text = settings.get(db, RULES_KEY)
    defaults = LightRules()
    if not text:
        return defaults
    try:
        saved = json.loads(text)
        return LightRules(
            yellow_behind=Decimal(str(saved.get("yellow_behind", defaults.yellow_behind))),
            red_behind=Decimal(str(saved.get("red_behind", defaults.red_behind))),
            statistics_months=int(saved.get("statistics_months", defaults.statistics_months)),
            red_when_problem_overdue=bool(
                saved.get("red_when_problem_overdue", defaults.red_when_problem_overdue)
            ),
        )
    except (ValueError, TypeError, AttributeError, InvalidOperation):
        return defaults


def save_rules(db: Database, new_rules: LightRules) -> None:
    reasons = new_rules.problems()
    if reasons:
        raise LightRulesError("；".join(reasons))
    values = {
        key: str(value) if isinstance(value, Decimal) else value
        for key, value in asdict(new_rules).items()
    }
    settings.put(db, RULES_KEY, json.dumps(values, ensure_ascii=False))


def period_for_year(db: Database, year: int) -> str:
    """The month a year's lights are judged at: its newest reported month up to the business
    day, else its last closed month (December once the year is over)."""
    latest = progress.latest_reported_period(db, year)
    return latest or min(progress.default_period(db), f"{year}-12")


def evaluate_year(db: Database, year: int, period: str | None = None) -> dict[int, Light]:
    """The light of every project listed in `year`, judged on the report of `period` and as of
    that month's last day: 纳统, overdue problems and late milestones as they stood then.
    Without a period, the light of today: the newest report, the rest as of today."""
    day = as_of.period_end(period) if period else settings.today(db)
    period = period or period_for_year(db, year)
    same_year = rates.check_period(period)[0] == year
    chosen_rules = rules(db)
    overdue = problems.overdue_as_of(db, day)
    late_nodes = Counter(node.project_id for node in milestones.late(db, day))
    lights = {}
    for row in progress.each_month_row(db, period, year=year):
        report = row.report
        facts = LightFacts(
            # A plan of one year against the figures of another would mean nothing.
            ahead=rates.ahead_of_time_progress(report.completed_this_year, row.annual_plan, period)
            if same_year and row.has_report
            else None,
            actual_start=row.actual_start if as_of.has_started_on(row.actual_start, day) else None,
            in_statistics=row.project_in_statistics,
            overdue_problems=overdue.get(row.project_id, 0),
            late_milestones=late_nodes.get(row.project_id, 0),
        )
        lights[row.project_id] = evaluate(facts, chosen_rules, period)
    return lights


def project_light(db: Database, project_id: int) -> Light | None:
    """The project's light in the current year; None when it is not listed this year."""
    return evaluate_year(db, settings.current_year(db)).get(project_id)


def ids_with(lights: dict[int, Light], colour: Colour) -> set[int]:
    """The projects showing `colour`, for a filter over the project list."""
    return {project_id for project_id, light in lights.items() if light.colour is colour}
