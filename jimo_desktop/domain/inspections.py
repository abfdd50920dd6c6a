"""现场督查: a site inspection, the standard points the work plan names, and what makes it valid.

The work plan asks officers at a site for "土地、规划现状、拆迁进度等第一手资料"; the bulletins
add progress, people and machines on site, and safety. Each point gets a state and a note.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from jimo_desktop.domain.dates import DateError, parse_partial_date

MAX_TEXT_LENGTH = 500
FOLLOW_UP_DAYS = 14  # the usual 复查: two weeks after the visit
NAME_SEPARATOR = "、"


class Point(StrEnum):
    LAND = "land"
    PLANNING = "planning"
    DEMOLITION = "demolition"
    PROGRESS = "progress"
    WORKFORCE = "workforce"
    SAFETY = "safety"

    @property
    def label(self) -> str:
        return POINT_LABELS[self]

    @property
    def hint(self) -> str:
        return POINT_HINTS[self]


POINT_LABELS = {
    Point.LAND: "土地",
    Point.PLANNING: "规划现状",
    Point.DEMOLITION: "拆迁进度",
    Point.PROGRESS: "形象进度",
    Point.WORKFORCE: "现场人员机械",
    Point.SAFETY: "安全",
}
POINT_HINTS = {
    Point.LAND: "用地手续、土地平整",
    Point.PLANNING: "规划许可、方案与现场是否一致",
    Point.DEMOLITION: "拆迁户数、完成比例",
    Point.PROGRESS: "如：主体封顶、基础施工",
    Point.WORKFORCE: "如：工人120人，塔吊3台",
    Point.SAFETY: "围挡、防护、消防、扬尘",
}


class PointState(StrEnum):
    NOT_SEEN = "not_seen"
    NORMAL = "normal"
    CONCERN = "concern"
    PROBLEM = "problem"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def needs_attention(self) -> bool:
        return self in (PointState.CONCERN, PointState.PROBLEM)

    @property
    def looked_at(self) -> bool:
        """Seen on site and judged: only then does a visit say anything about the point."""
        return self in (PointState.NORMAL, PointState.CONCERN, PointState.PROBLEM)


STATE_LABELS = {
    PointState.NOT_SEEN: "未查看",
    PointState.NORMAL: "正常",
    PointState.CONCERN: "需关注",
    PointState.PROBLEM: "存在问题",
    PointState.NOT_APPLICABLE: "不涉及",
}


# The inspection tables in the officers' words, for the history and the package conflict list.
TABLE_LABELS = {"inspections": "现场督查", "inspection_points": "督查要点", "photos": "照片"}
FIELD_LABELS = {
    "inspections": {
        "inspected_on": "督查日期",
        "place": "地点",
        "inspectors": "督查人员",
        "follow_up_on": "复查日期",
        "notes": "备注",
        "projects": "督查项目",
    },
    "inspection_points": {
        "inspection_id": "所属督查",
        "point": "要点",
        "state": "情况",
        "note": "说明",
    },
    "photos": {
        "inspection_id": "所属督查",
        "file_sha256": "照片文件",
        "caption": "照片说明",
        "taken_at": "拍摄时间",
        "latitude": "纬度",
        "longitude": "经度",
        "original_name": "文件名",
        "sort_order": "顺序",
    },
}


@dataclass
class PointNote:
    point: Point
    state: PointState = PointState.NOT_SEEN
    note: str = ""


def default_points() -> list[PointNote]:
    return [PointNote(point) for point in Point]


@dataclass
class PhotoEntry:
    """A photo on an inspection: the stored file it shows and what the officer wrote about it."""

    file_sha256: str
    caption: str = ""
    taken_at: str | None = None  # YYYY-MM-DDTHH:MM:SS
    latitude: float | None = None
    longitude: float | None = None
    original_name: str = ""
    id: int | None = None


@dataclass
class FoundProblem:
    """A problem seen on site, to become an entry of the project's problem list on saving."""

    project_id: int
    description: str
    responsible_unit: str = ""
    responsible_person: str = ""
    deadline: str | None = None


@dataclass
class Inspection:
    inspected_on: str
    project_ids: list[int] = field(default_factory=list)
    place: str = ""
    inspectors: str = ""
    follow_up_on: str | None = None
    notes: str = ""
    points: list[PointNote] = field(default_factory=default_points)
    id: int | None = None
    uuid: str | None = None

    def point(self, point: Point) -> PointNote:
        return next(note for note in self.points if note.point == point)


def follow_up_after(day: date) -> str:
    return (day + timedelta(days=FOLLOW_UP_DAYS)).isoformat()


def validate_inspection(inspection: Inspection) -> dict[str, str]:
    """Field name → reason for each field that is wrong; empty when it may be saved."""
    problems: dict[str, str] = {}
    day = _full_day(inspection.inspected_on)
    if day is None:
        problems["inspected_on"] = "请填写督查日期，如 2020-06-30"
    if not inspection.project_ids:
        problems["project_ids"] = "请至少选择一个项目"
    follow_up = inspection.follow_up_on
    if follow_up and day is not None and follow_up[: len(day)] < day[: len(follow_up)]:
        problems["follow_up_on"] = "复查日期不能早于督查日期"
    for name in ("place", "inspectors", "notes"):
        if len(getattr(inspection, name)) > MAX_TEXT_LENGTH:
            problems[name] = f"不超过{MAX_TEXT_LENGTH}个字"
    if any(len(note.note) > MAX_TEXT_LENGTH for note in inspection.points):
        problems["points"] = f"要点说明不超过{MAX_TEXT_LENGTH}个字"
    return problems


NOTHING_RECORDED = "督查记录是空的：请至少查看一项督查要点，或填写发现的问题、照片、备注"


def nothing_recorded(inspection: Inspection, photo_count: int, found_count: int) -> bool:
    """A visit that records nothing seen (no point judged or noted, no problem, photo or
    remark) is no finding, and is not kept as one."""
    noted = any(
        note.state is not PointState.NOT_SEEN or note.note.strip() for note in inspection.points
    )
    return not (noted or photo_count or found_count or inspection.notes.strip())


def validate_found_problem(problem: FoundProblem) -> str | None:
    """Why the problem cannot go on the list, in the officer's words; None when it can."""
    if not problem.description.strip():
        return "请填写问题描述"
    if len(problem.description) > MAX_TEXT_LENGTH:
        return f"问题描述不超过{MAX_TEXT_LENGTH}个字"
    try:
        parse_partial_date(problem.deadline)
    except DateError as error:
        return str(error)
    return None


def summary_line(inspection: Inspection, photo_count: int) -> str:
    """The work log line an inspection leaves: where, what needs attention, how many photos.

    "未发现需关注的问题" is said only of a visit that looked at a point; of one that looked
    at none, the line says nothing about the points.
    """
    flagged = [
        f"{note.point.label}{note.state.label}"
        for note in inspection.points
        if note.state.needs_attention
    ]
    parts = [f"现场督查（{inspection.place or '现场'}）"]
    if flagged:
        parts.append("：" + "、".join(flagged))
    elif any(note.state.looked_at for note in inspection.points):
        parts.append("：未发现需关注的问题")
    if photo_count:
        parts.append(f"；照片{photo_count}张")
    return "".join(parts)


def _full_day(text: str | None) -> str | None:
    try:
        day = parse_partial_date(text)
    except DateError:
        return None
    return day if day and len(day) == len("2020-06-30") else None


class FollowUp(StrEnum):
    """Where an inspection's 复查 stands on the business day."""

    DONE = "done"
    PENDING = "pending"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return FOLLOW_UP_LABELS[self]


FOLLOW_UP_LABELS = {
    FollowUp.DONE: "已复查",
    FollowUp.PENDING: "待复查",
    FollowUp.OVERDUE: "复查逾期",
}


def follow_up_state(follow_up_on: str | None, revisited: bool, today: date) -> FollowUp | None:
    """None without a follow-up date; a later visit to the project counts as the follow-up.

    A year-month counts as its last day, as deadlines do.
    """
    if not follow_up_on:
        return None
    if revisited:
        return FollowUp.DONE
    return FollowUp.OVERDUE if _last_day(follow_up_on) < today else FollowUp.PENDING


def _last_day(partial: str) -> date:
    parts = [int(part) for part in partial.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
