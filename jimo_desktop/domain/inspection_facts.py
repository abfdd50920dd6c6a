"""What a 督查报告 prints of a month's site inspections; rows and captions arrive as text."""

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from jimo_desktop.domain.dates import format_partial_date


@dataclass(frozen=True)
class SiteVisit:
    day: str  # ISO
    projects: str
    place: str
    inspectors: str
    findings: tuple[str, ...]  # "安全需关注（防护网缺失）" for each point that needs attention
    follow_up: str  # "2020年7月14日", blank without one
    photos: tuple[tuple[bytes, str], ...]  # (JPEG, evidence_caption) as printed
    photos_taken: int = 0  # all the visit's photos, printed or not


@dataclass(frozen=True)
class InspectionMonthFacts:
    period: str  # YYYY-MM
    today: date
    visits: tuple[SiteVisit, ...]
    project_count: int
    photo_count: int
    problems_raised: int  # problem-list entries raised from inspections in the month

    @property
    def photos_printed(self) -> int:
        return sum(len(visit.photos) for visit in self.visits)

    @property
    def finding_count(self) -> int:
        return sum(len(visit.findings) for visit in self.visits)


def evidence_caption(
    caption: str,
    original_name: str,
    place: str,
    taken_at: str | None,
    day: str,
    latitude: float | None,
    longitude: float | None,
) -> str:
    """What a printed photo says of itself as evidence: the officer's caption, else the place;
    the time the camera took it (the inspection's day without one); its position when the
    camera knew it. Never the file's name, which says nothing on paper."""
    what = caption.strip()
    if what in (original_name, PurePath(original_name).stem):
        what = ""
    lines = [what or place.strip() or "现场照片", _when(taken_at) or format_partial_date(day)]
    if latitude is not None and longitude is not None:
        lines.append(_position(latitude, longitude))
    return "\n".join(line for line in lines if line)


def _when(taken_at: str | None) -> str:
    """ "2020-06-25T13:32:04" → "2020年6月25日 13:32"."""
    if not taken_at or len(taken_at) < 16:
        return ""
    return f"{format_partial_date(taken_at[:10])} {taken_at[11:16]}"


def _position(latitude: float, longitude: float) -> str:
    north = "北纬" if latitude >= 0 else "南纬"
    east = "东经" if longitude >= 0 else "西经"
    return f"{north}{abs(latitude):.5f}° {east}{abs(longitude):.5f}°"
