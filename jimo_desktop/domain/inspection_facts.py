"""What a 督查报告 prints of a month's site inspections; rows and captions arrive as text."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SiteVisit:
    day: str  # ISO
    projects: str
    place: str
    inspectors: str
    findings: tuple[str, ...]  # "安全需关注（防护网缺失）" for each point that needs attention
    follow_up: str  # "2020年7月14日", blank without one
    photos: tuple[tuple[bytes, str], ...]  # (JPEG, caption)


@dataclass(frozen=True)
class InspectionMonthFacts:
    period: str  # YYYY-MM
    today: date
    visits: tuple[SiteVisit, ...]
    project_count: int
    photo_count: int
    problems_raised: int  # problem-list entries raised from inspections in the month

    @property
    def finding_count(self) -> int:
        return sum(len(visit.findings) for visit in self.visits)
