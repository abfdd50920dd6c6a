"""红黄绿灯: the bureau's traffic-light rules, as data with defaults, and their evaluation.

A light is the worst colour any rule gives, with every reason in the officers' words, so
the project list can show a dot and its tooltip can say why.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jimo_desktop.domain.progress import months_between


class Colour(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {Colour.GREEN: "绿灯", Colour.YELLOW: "黄灯", Colour.RED: "红灯"}[self]

    @property
    def severity(self) -> int:
        return tuple(Colour).index(self)


@dataclass(frozen=True)
class LightRules:
    """The thresholds officers set in 设置; the defaults are those of the 2020 bulletins."""

    yellow_behind: Decimal = Decimal(10)  # points behind 时序进度 that turn a project yellow
    red_behind: Decimal = Decimal(30)  # more than this many points behind is red
    statistics_months: int = 2  # months after the actual start by which it must be 纳统
    red_when_problem_overdue: bool = True

    def problems(self) -> list[str]:
        """What makes these rules unusable, in Chinese; empty when they may be saved."""
        found = []
        if not Decimal(0) < self.yellow_behind < self.red_behind <= Decimal(100):
            found.append("黄灯界限应大于0且小于红灯界限，红灯界限不超过100个百分点")
        if not 1 <= self.statistics_months <= 24:
            found.append("纳统期限应为1至24个月")
        return found


@dataclass(frozen=True)
class LightFacts:
    """What the rules look at for one project in one report month."""

    ahead: Decimal | None  # 超时序进度 in points; None without a plan or a report
    actual_start: str | None
    in_statistics: bool
    overdue_problems: int
    late_milestones: int = 0  # 时间节点 past their planned date and not reached


@dataclass(frozen=True)
class Light:
    colour: Colour
    reasons: tuple[str, ...] = ()

    def tooltip(self) -> str:
        return f"{self.colour.label}：{'；'.join(self.reasons) or '进度正常'}"


GREEN = Light(Colour.GREEN)


def evaluate(facts: LightFacts, rules: LightRules, period: str) -> Light:
    """The worst colour of all rules for the month `period`, with each rule's reason."""
    findings = [
        finding
        for finding in (
            _progress_finding(facts, rules),
            _statistics_finding(facts, rules, period),
            _problem_finding(facts, rules),
            _milestone_finding(facts),
        )
        if finding is not None
    ]
    if not findings:
        return GREEN
    colour = max((colour for colour, _ in findings), key=lambda colour: colour.severity)
    return Light(colour, tuple(reason for _, reason in findings))


def progress_colour(ahead: Decimal, rules: LightRules) -> Colour:
    """The colour of the completion rule alone, for 超时序进度 `ahead` (negative: behind)."""
    if -ahead > rules.red_behind:
        return Colour.RED
    if -ahead >= rules.yellow_behind:
        return Colour.YELLOW
    return Colour.GREEN


def _progress_finding(facts: LightFacts, rules: LightRules) -> tuple[Colour, str] | None:
    if facts.ahead is None:
        return None
    colour, behind = progress_colour(facts.ahead, rules), -facts.ahead
    if colour is Colour.RED:
        return colour, f"落后时序进度{behind}个百分点（超过{rules.red_behind}个百分点）"
    if colour is Colour.YELLOW:
        return colour, f"落后时序进度{behind}个百分点"
    return None


def _statistics_finding(facts: LightFacts, rules: LightRules, period: str):
    if facts.in_statistics or not facts.actual_start:
        return None
    months = months_between(facts.actual_start, period)
    if months < rules.statistics_months:
        return None
    return Colour.RED, f"开工已{months}个月仍未纳统"


def _problem_finding(facts: LightFacts, rules: LightRules) -> tuple[Colour, str] | None:
    if not rules.red_when_problem_overdue or facts.overdue_problems == 0:
        return None
    return Colour.RED, f"有{facts.overdue_problems}个问题逾期未解决"


def _milestone_finding(facts: LightFacts) -> tuple[Colour, str] | None:
    """A node past its date is a delay the project's own timeline shows: never green."""
    if facts.late_milestones == 0:
        return None
    return Colour.YELLOW, milestone_reason(facts.late_milestones)


def milestone_reason(late: int) -> str:
    """The light's word for `late` nodes; a bulletin that names the nodes says it instead."""
    return f"有{late}个时间节点逾期未完成"
