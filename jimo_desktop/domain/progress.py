"""月推进 figures as the monthly bulletins print them: 时序进度, 占年度计划, 超时序进度,
开工率, the four batches and the unit ranking.

Amounts are integer hundredths of 万元; rates are exact fractions rounded once, half up, to
the one decimal the bulletins print (a percentage as Decimal("55.0")).
"""

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from jimo_desktop.domain.money import format_wan
from jimo_desktop.domain.project import Stage

ONE_DECIMAL = Decimal("0.1")
STARTED_STAGES = frozenset({Stage.STARTED, Stage.COMPLETED, Stage.PRODUCING})
DISTRICT = "全区"

_TRUE_WORDS = {"是", "已纳统", "纳统", "已", "1", "√", "y", "yes", "true"}
_FALSE_WORDS = {"否", "未纳统", "未", "0", "×", "x", "n", "no", "false"}


class PeriodError(ValueError):
    """Text that is not a report month."""


class StatisticsFlagError(ValueError):
    """A 纳统 cell that says neither yes nor no."""


def check_period(period: str) -> tuple[int, int]:
    """ "2020-06" → (2020, 6); a report month is always a year and a month."""
    try:
        year, month = (int(part) for part in period.split("-"))
    except (AttributeError, ValueError) as error:
        raise PeriodError(f"“{period}”不是年月，应为 2020-06") from error
    if not 1 <= month <= 12 or len(period) != len("2020-06"):
        raise PeriodError(f"“{period}”不是年月，应为 2020-06")
    return year, month


def period_label(period: str) -> str:
    year, month = check_period(period)
    return f"{year}年{month}月"


def cumulative_label(period: str) -> str:
    """The bulletins' name for a cumulative figure: 1-6月, or 1月 in January."""
    month = check_period(period)[1]
    return "1月" if month == 1 else f"1-{month}月"


def previous_period(period: str) -> str:
    year, month = check_period(period)
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def last_full_month(today: date) -> str:
    """The last month that ended before today, whose report is due: on 2020-06-30, May.

    A month is complete only once it is over, as the reminders count "last month" too.
    """
    return previous_period(f"{today.year}-{today.month:02d}")


def months_between(earlier: str, later: str) -> int:
    """Whole months from the month of `earlier` (a partial or full date) to that of `later`."""
    year_a, month_a = check_period(earlier[:7])
    year_b, month_b = check_period(later[:7])
    return (year_b - year_a) * 12 + month_b - month_a


def percent(part: int, whole: int | None) -> Decimal | None:
    """part / whole as a percentage with one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    exact = Fraction(part * 100, whole)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        ONE_DECIMAL, rounding=ROUND_HALF_UP
    )


def time_progress(period: str) -> Decimal:
    """时序进度: the share of the year's months elapsed by the end of the report month.

    The rule is months elapsed over twelve (June: 6/12 = 50.0%, January: 8.3%), the way the
    bureau's bulletins count it, not days.
    """
    return percent(check_period(period)[1], 12)


def completion_rate(completed: int | None, annual_plan: int | None) -> Decimal | None:
    """占年度计划: completed this year over the annual plan; None without a plan."""
    return percent(completed or 0, annual_plan)


def ahead_of_time_progress(
    completed: int | None, annual_plan: int | None, period: str
) -> Decimal | None:
    """超时序进度 in percentage points (negative when behind): 55.0% in June → +5.0.

    The difference of the two printed figures, so a reader checking the bulletin by hand
    gets the same number.
    """
    rate = completion_rate(completed, annual_plan)
    return None if rate is None else rate - time_progress(period)


def has_started(stage: Stage, actual_start: str | None, period: str) -> bool:
    """Started by the end of `period`: by its actual start when known, else by its stage."""
    if actual_start:
        return months_between(actual_start, period) >= 0
    return stage in STARTED_STAGES


def format_percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


def format_points(value: Decimal | None) -> str:
    """超时序进度 as printed: "+5.0" ahead, "-12.5" behind."""
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def parse_statistics_flag(text: str | None) -> bool | None:
    """纳统 as officers type it: 是/否, 已纳统/未纳统, 1/0, √/×; None when blank."""
    cleaned = (text or "").strip().lower()
    if not cleaned:
        return None
    if cleaned in _TRUE_WORDS:
        return True
    if cleaned in _FALSE_WORDS:
        return False
    raise StatisticsFlagError(f"“{text}”不是纳统状态，应填“是”或“否”")


def statistics_text(flag: bool | None) -> str:
    return "" if flag is None else ("已纳统" if flag else "未纳统")


def check_report(completed_this_year: int | None, completed_since_start: int | None):
    """Field → reason for figures that cannot be right; empty when the month may be saved."""
    problems: dict[str, str] = {}
    if completed_this_year is not None and completed_this_year < 0:
        problems["completed_this_year"] = "累计完成投资不能为负数"
    if completed_since_start is not None and completed_since_start < 0:
        problems["completed_since_start"] = "开工至今累计不能为负数"
    elif (
        completed_this_year is not None
        and completed_since_start is not None
        and completed_since_start < completed_this_year
    ):
        problems["completed_since_start"] = "开工至今累计不应小于本年累计完成投资"
    return problems


@dataclasses.dataclass(frozen=True)
class SavedCumulative:
    """A 1-N月累计 already saved for another month of the same year."""

    period: str
    completed: int


def cumulative_doubt(
    period: str,
    completed: int | None,
    before: SavedCumulative | None,
    after: SavedCumulative | None,
) -> str | None:
    """Why a month's 1-N月累计 deserves a second look before it is saved, or None.

    A cumulative figure cannot fall within a year, so one below the latest earlier month
    saved, or above the earliest later one, means one of the two is wrong. It may still be
    the earlier figure that was corrected, so this is a question, never a refusal:
    "1-5月累计低于1-4月累计（7,088.00万元）".
    """
    if completed is None:
        return None
    if before is not None and completed < before.completed:
        compared, word = before, "低于"
    elif after is not None and completed > after.completed:
        compared, word = after, "高于"
    else:
        return None
    return (
        f"{cumulative_label(period)}累计{word}{cumulative_label(compared.period)}累计"
        f"（{format_wan(compared.completed)}万元）"
    )


@dataclasses.dataclass(frozen=True)
class ProjectFigures:
    """What the rates need to know of one listed project in one month."""

    project_id: int
    unit: str
    industry: str
    stage: Stage  # as of the end of the month
    actual_start: str | None
    total_investment: int | None
    annual_plan: int | None
    completed_this_year: int | None
    batch: Stage | None = None  # the listing's 四个一批 target that month; None: 续建


@dataclasses.dataclass(frozen=True)
class GroupFigures:
    """A unit's, an industry's or the district's figures for a month."""

    name: str
    listed: int
    started: int
    annual_plan: int
    completed: int
    start_rate: Decimal | None
    completion_rate: Decimal | None
    ahead: Decimal | None
    rank: int | None = None


@dataclasses.dataclass(frozen=True)
class BatchFigures:
    """One of 四个一批 as the year's target: the projects listed in it and those that made it.

    竣工一批 is made by a completion, 开工一批 by a start; a 储备 project moves on by starting
    and a 谋划 one by reaching 储备 or beyond.
    """

    stage: Stage
    count: int
    achieved: int
    total_investment: int
    annual_plan: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.achieved, self.count)


def group_total(name: str, projects: Sequence[ProjectFigures], period: str) -> GroupFigures:
    plan = sum(project.annual_plan or 0 for project in projects)
    completed = sum(project.completed_this_year or 0 for project in projects)
    started = sum(has_started(p.stage, p.actual_start, period) for p in projects)
    return GroupFigures(
        name=name,
        listed=len(projects),
        started=started,
        annual_plan=plan,
        completed=completed,
        start_rate=percent(started, len(projects)),
        completion_rate=completion_rate(completed, plan),
        ahead=ahead_of_time_progress(completed, plan, period),
    )


def grouped(
    projects: Iterable[ProjectFigures], period: str, key: Callable[[ProjectFigures], str]
) -> list[GroupFigures]:
    """Figures per group (unit, industry), in the order the groups first appear."""
    groups: dict[str, list[ProjectFigures]] = {}
    for project in projects:
        groups.setdefault(key(project), []).append(project)
    return [group_total(name, members, period) for name, members in groups.items()]


def by_unit(projects: Iterable[ProjectFigures], period: str) -> list[GroupFigures]:
    """Units ranked as the bulletin ranks them: by 占年度计划, best first."""
    return ranked(grouped(projects, period, lambda project: project.unit))


def by_industry(projects: Iterable[ProjectFigures], period: str) -> list[GroupFigures]:
    return grouped(projects, period, lambda project: project.industry)


def ranked(groups: Iterable[GroupFigures]) -> list[GroupFigures]:
    """Best completion rate first; equal rates share a place (1, 2, 2, 4); no plan, no place."""
    groups = list(groups)
    with_rate = sorted(
        (group for group in groups if group.completion_rate is not None),
        key=lambda group: group.completion_rate,
        reverse=True,
    )
    without = [group for group in groups if group.completion_rate is None]
    result: list[GroupFigures] = []
    for position, group in enumerate(with_rate, start=1):
        tied = result and result[-1].completion_rate == group.completion_rate
        place = result[-1].rank if tied else position
        result.append(dataclasses.replace(group, rank=place))
    return result + without


BATCHES = (Stage.COMPLETED, Stage.STARTED, Stage.RESERVE, Stage.PLANNING)  # as bulletins list
_MADE_BY = {
    Stage.COMPLETED: frozenset({Stage.COMPLETED, Stage.PRODUCING}),
    Stage.STARTED: STARTED_STAGES,
    Stage.RESERVE: STARTED_STAGES,
    Stage.PLANNING: STARTED_STAGES | {Stage.RESERVE},
}


def batch_achieved(batch: Stage, stage: Stage) -> bool:
    """Whether a project of `batch` standing at `stage` has made its batch's target."""
    return stage in _MADE_BY[batch]


def four_batches(projects: Iterable[ProjectFigures]) -> list[BatchFigures]:
    """竣工一批、开工一批、储备一批、谋划一批 against the year's targets, empty ones included;
    projects continuing under construction belong to none."""
    members: dict[Stage, list[ProjectFigures]] = {batch: [] for batch in BATCHES}
    for project in projects:
        if project.batch is not None:
            members[project.batch].append(project)
    return [
        BatchFigures(
            stage=batch,
            count=len(listed),
            achieved=sum(batch_achieved(batch, project.stage) for project in listed),
            total_investment=sum(project.total_investment or 0 for project in listed),
            annual_plan=sum(project.annual_plan or 0 for project in listed),
        )
        for batch, listed in members.items()
    ]
