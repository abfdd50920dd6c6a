"""The figures a briefing prints, gathered by the store and handed to the reports as plain data.

The rates themselves (时序进度, 占年度计划, 开工率, rankings) come from domain/progress.py;
these records only carry them, with the names and texts a printed page needs.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jimo_desktop.domain.milestones import Milestone
from jimo_desktop.domain.progress import BatchFigures, GroupFigures


@dataclass(frozen=True)
class MonthTotal:
    """1-N月累计完成投资 of the listed projects at the end of `month`."""

    month: int
    completed: int  # hundredths of 万元


@dataclass(frozen=True)
class ListingTotal:
    """One year's key-project list: how many projects and how much they plan to invest."""

    year: int
    projects: int
    annual_plan: int
    total_investment: int


@dataclass(frozen=True)
class ProblemTally:
    category: str
    status: str  # the status label officers read: 待解决, 协调中, 已解决, 已销号
    count: int


@dataclass(frozen=True)
class LaggingProject:
    """A project the bulletin names, with every reason in the officers' words."""

    name: str
    unit: str
    leader: str
    completion_rate: Decimal | None
    ahead: Decimal | None  # 超时序进度, negative when behind
    light: str  # 红灯, 黄灯 or 绿灯
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class OverdueProblem:
    project: str
    unit: str
    category: str
    description: str
    deadline: str
    responsible_unit: str
    note: str  # "逾期12天"


@dataclass(frozen=True)
class MonthlyFacts:
    period: str
    today: date
    scope: str  # "全区", or the filter the charts were drawn for ("通济街道 · 城建")
    time_progress: Decimal
    district: GroupFigures
    units: tuple[GroupFigures, ...]  # ranked by 占年度计划
    industries: tuple[GroupFigures, ...]
    batches: tuple[BatchFigures, ...]
    months: tuple[MonthTotal, ...]
    listings: tuple[ListingTotal, ...]
    in_statistics: int
    problem_tallies: tuple[ProblemTally, ...] = ()
    overdue_problems: tuple[OverdueProblem, ...] = ()
    lagging: tuple[LaggingProject, ...] = ()
    late_milestones: int = 0

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def month(self) -> int:
        return int(self.period[5:7])


@dataclass(frozen=True)
class CardLine:
    """One labelled line of a project's card: "建设单位", "青岛海润有限公司"."""

    label: str
    value: str


@dataclass(frozen=True)
class ProjectFacts:
    """What a 项目简报 prints of one project; tables arrive as rows of text."""

    project_id: int
    name: str
    period: str
    today: date
    card: tuple[CardLine, ...]
    figures: tuple[CardLine, ...]  # 年度计划, 1-N月累计, 占年度计划, 超时序进度 …
    light: str
    light_reasons: tuple[str, ...]
    milestones: tuple[Milestone, ...]  # for the timeline figure
    milestone_rows: tuple[tuple[str, ...], ...]
    problem_rows: tuple[tuple[str, ...], ...]
    policy_rows: tuple[tuple[str, ...], ...]
    service_rows: tuple[tuple[str, ...], ...]
    log_rows: tuple[tuple[str, ...], ...]
    progress_rows: tuple[tuple[str, ...], ...]
    photos: tuple[tuple[bytes, str], ...] = field(default=())  # (JPEG/PNG bytes, caption)
