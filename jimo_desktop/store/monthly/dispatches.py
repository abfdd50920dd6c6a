"""周调度: weekly dispatch meetings, the projects they discussed, and what they decided.

A follow-up decided at a meeting becomes a problem (问题清单) or a service item (服务清单)
of its project, with a deadline, in the same transaction as the meeting record, so the
lists never hold half a meeting.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain.dates import DateError, format_partial_date, parse_partial_date
from jimo_desktop.domain.problems import ProblemStatus
from jimo_desktop.store import audit, edit_conflicts, engine, records
from jimo_desktop.store.tracking import problems, work_logs

TABLE = "dispatches"
PROBLEM, SERVICE = "problem", "service"
KIND_LABELS = {PROBLEM: "问题", SERVICE: "服务事项"}
_MEETING_FIELDS = ("held_on", "title", "attendees", "decisions", "notes")


@dataclass(frozen=True)
class Meeting:
    held_on: str
    title: str = ""
    attendees: str = ""
    decisions: str = ""
    notes: str = ""
    project_ids: tuple[int, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class FollowUp:
    """A task decided at a meeting: a problem to solve or a service the bureau promises."""

    project_id: int
    kind: str  # PROBLEM or SERVICE
    text: str
    owner: str = ""  # 责任单位 of a problem, provider of a service
    deadline: str | None = None


@dataclass(frozen=True)
class RecordedFollowUp:
    kind: str
    record_id: int
    project_name: str
    text: str
    owner: str
    deadline: str | None
    state: str


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    held_on: str
    title: str
    attendees: str
    decisions: str
    project_count: int
    problem_count: int
    service_count: int
    project_names: tuple[str, ...] = field(default=())


class DispatchError(ValueError):
    """A meeting record that cannot be saved; the message is for the officer."""


def default_title(held_on: str) -> str:
    """ "2020-06-29" → "6月29日周调度会议", as the bureau names its weekly meetings."""
    day = date.fromisoformat(held_on)
    return f"{day.month}月{day.day}日周调度会议"


def save_meeting(
    db: Database,
    meeting: Meeting,
    follow_ups: Sequence[FollowUp] = (),
    *,
    opened: Meeting | None = None,
) -> int:
    """Record a new meeting or change one, and create its new follow-ups: all or nothing.

    `opened`: the meeting as the dialog read it; when anyone changed it (its projects too) or
    deleted it since, nothing is written (edit_conflicts.EditedMeanwhile)."""
    meeting = _checked(meeting, follow_ups)
    values = {name: getattr(meeting, name) for name in _MEETING_FIELDS}
    with db.atomic():
        if meeting.id is None:
            dispatch_id = records.insert(db, TABLE, values)
        else:
            dispatch_id = meeting.id
            if opened is not None:
                _refuse_if_saved_meanwhile(db, opened, meeting)
            records.update(db, TABLE, dispatch_id, values)
        _link_projects(db, dispatch_id, meeting)
        for follow_up in follow_ups:
            _create_follow_up(db, dispatch_id, meeting.held_on, follow_up)
    return dispatch_id


def _refuse_if_saved_meanwhile(db: Database, opened: Meeting, meeting: Meeting) -> None:
    title = edit_conflicts.record_title(db, TABLE, edit_conflicts.fields_of(opened))
    edit_conflicts.locked_live_row(db, TABLE, meeting.id, title)
    edit_conflicts.refuse_if_differs(
        db,
        TABLE,
        meeting.id,
        title,
        _compared(db, opened),
        _compared(db, get(db, meeting.id)),
        _compared(db, meeting),
    )


def _compared(db: Database, meeting: Meeting) -> dict[str, object]:
    """The meeting's fields and the projects it discussed, as a save compares them."""
    values: dict[str, object] = {name: getattr(meeting, name) for name in _MEETING_FIELDS}
    values["projects"] = _names(db, meeting.project_ids) or None
    return values


def get(db: Database, dispatch_id: int) -> Meeting:
    row = db.execute(
        f"SELECT {', '.join(_MEETING_FIELDS)} FROM dispatches WHERE id = ? AND deleted_at IS NULL",
        [dispatch_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"调度会议 {dispatch_id} 不存在或已删除")
    values = dict(zip(_MEETING_FIELDS, row, strict=True))
    return Meeting(**values, project_ids=tuple(_project_ids(db, dispatch_id)), id=dispatch_id)


def meetings(db: Database, year: int | None = None, text: str = "") -> list[MeetingSummary]:
    """Meetings newest first; `text` keeps those whose words or projects hold it."""
    rows = db.execute(
        f"""
        SELECT d.id, d.held_on, d.title, d.attendees, d.decisions,
               (SELECT COUNT(*) FROM dispatch_projects WHERE dispatch_id = d.id),
               {_count("problems")}, {_count("service_items")},
               (SELECT json_group_array(p.name) FROM dispatch_projects dp
                JOIN projects p ON p.id = dp.project_id WHERE dp.dispatch_id = d.id)
        FROM dispatches d
        WHERE d.deleted_at IS NULL AND (? IS NULL OR substr(d.held_on, 1, 4) = ?)
        ORDER BY d.held_on DESC, d.id DESC
        """,
        [year, None if year is None else str(year)],
    ).fetchall()
    found = [MeetingSummary(*row[:8], tuple(json.loads(row[8]))) for row in rows]
    wanted = text.strip()
    return [meeting for meeting in found if not wanted or wanted in _searchable(meeting)]


def years(db: Database) -> list[int]:
    rows = db.execute(
        "SELECT DISTINCT CAST(substr(held_on, 1, 4) AS INTEGER) FROM dispatches"
        " WHERE deleted_at IS NULL ORDER BY 1 DESC"
    ).fetchall()
    return [row[0] for row in rows]


def follow_ups(db: Database, dispatch_id: int) -> list[RecordedFollowUp]:
    """What the meeting decided, as it stands now in the problem and service lists."""
    problem_rows = db.execute(
        "SELECT 'problem', r.id, p.name, r.description, r.responsible_unit, r.deadline, r.status"
        " FROM problems r JOIN projects p ON p.id = r.project_id"
        " WHERE r.dispatch_id = ? AND r.deleted_at IS NULL ORDER BY r.id",
        [dispatch_id],
    ).fetchall()
    service_rows = db.execute(
        "SELECT 'service', s.id, p.name, s.promise, s.provider, s.due_on, s.done"
        " FROM service_items s JOIN projects p ON p.id = s.project_id"
        " WHERE s.dispatch_id = ? AND s.deleted_at IS NULL ORDER BY s.id",
        [dispatch_id],
    ).fetchall()
    return [
        RecordedFollowUp(*row[:6], _state(row[0], row[6])) for row in problem_rows + service_rows
    ]


def delete(db: Database, dispatch_id: int) -> None:
    """Soft delete the record; its follow-ups stay in their lists, where officers work on them."""
    records.delete(db, TABLE, dispatch_id)


def restore(db: Database, dispatch_id: int) -> None:
    records.restore(db, TABLE, dispatch_id)


def _count(table: str) -> str:
    return f"(SELECT COUNT(*) FROM {table} WHERE dispatch_id = d.id AND deleted_at IS NULL)"


def _searchable(meeting: MeetingSummary) -> str:
    return "\n".join((meeting.title, meeting.attendees, meeting.decisions, *meeting.project_names))


def _state(kind: str, value: object) -> str:
    if kind == PROBLEM:
        return ProblemStatus(value).label
    return "已完成" if value else "未完成"


def _checked(meeting: Meeting, follow_ups: Sequence[FollowUp]) -> Meeting:
    held_on = _full_day(meeting.held_on, "会议日期")
    if held_on is None:
        raise DispatchError("请填写会议日期")
    discussed = set(meeting.project_ids)
    for number, follow_up in enumerate(follow_ups, start=1):
        if follow_up.kind not in KIND_LABELS:
            raise ValueError(f"not a follow-up kind: {follow_up.kind}")
        if not follow_up.text.strip():
            raise DispatchError(f"第 {number} 项跟进事项缺少内容")
        deadline = _full_day(follow_up.deadline, f"第 {number} 项跟进事项的时限")
        if deadline is not None and deadline < held_on:
            raise DispatchError(f"第 {number} 项跟进事项的时限早于会议日期")
        discussed.add(follow_up.project_id)
    # A project with a follow-up was discussed, even if the officer did not tick it.
    ordered = dict.fromkeys((*meeting.project_ids, *sorted(discussed)))
    return replace(
        meeting,
        held_on=held_on,
        title=meeting.title.strip() or default_title(held_on),
        attendees=meeting.attendees.strip(),
        decisions=meeting.decisions.strip(),
        notes=meeting.notes.strip(),
        project_ids=tuple(ordered),
    )


def _full_day(text: str | None, what: str) -> str | None:
    try:
        day = parse_partial_date(text)
    except DateError as error:
        raise DispatchError(f"{what}：{error}") from error
    if day is not None and len(day) != len("2020-06-30"):
        raise DispatchError(f"{what}应具体到日，如 2020-06-30")
    return day


def _project_ids(db: Database, dispatch_id: int) -> list[int]:
    rows = db.execute(
        "SELECT project_id FROM dispatch_projects WHERE dispatch_id = ? ORDER BY rowid",
        [dispatch_id],
    ).fetchall()
    return [row[0] for row in rows]


def _link_projects(db: Database, dispatch_id: int, meeting: Meeting) -> None:
    """Replace the links, noting the meeting in each newly linked project's work log.

    The audit line names the projects as officers know them, not by their ids.
    """
    old_ids = _project_ids(db, dispatch_id)
    if old_ids == list(meeting.project_ids):
        return
    db.execute("DELETE FROM dispatch_projects WHERE dispatch_id = ?", [dispatch_id])
    db["dispatch_projects"].insert_all(
        {"dispatch_id": dispatch_id, "project_id": project_id} for project_id in meeting.project_ids
    )
    for project_id in meeting.project_ids:
        if project_id not in old_ids:
            work_logs.add(db, project_id, f"{meeting.title}研究本项目", "dispatch", meeting.held_on)
    uuid = db.execute("SELECT uuid FROM dispatches WHERE id = ?", [dispatch_id]).fetchone()[0]
    change = (_names(db, old_ids) or None, _names(db, meeting.project_ids) or None)
    audit.record(db, TABLE, dispatch_id, uuid, "update", {"projects": change})


def project_names(db: Database, project_ids: Sequence[int]) -> dict[int, str]:
    rows = db.execute(
        f"SELECT id, name FROM projects WHERE id IN {engine.json_values(db)}",
        [json.dumps(list(project_ids))],
    ).fetchall()
    return dict(rows)


def _names(db: Database, project_ids: Sequence[int]) -> str:
    names = project_names(db, project_ids)
    return "、".join(names.get(project_id, str(project_id)) for project_id in project_ids)


def _create_follow_up(db: Database, dispatch_id: int, held_on: str, follow_up: FollowUp) -> None:
    text, deadline = follow_up.text.strip(), parse_partial_date(follow_up.deadline)
    if follow_up.kind == PROBLEM:
        problems.raise_problem(
            db,
            follow_up.project_id,
            text,
            raised_on=held_on,
            deadline=deadline,
            responsible_unit=follow_up.owner.strip(),
            source="dispatch",
            dispatch_id=dispatch_id,
        )
        return
    records.insert(
        db,
        "service_items",
        {
            "project_id": follow_up.project_id,
            "promise": text,
            "provider": follow_up.owner.strip(),
            "due_on": deadline,
            "dispatch_id": dispatch_id,
        },
    )
    due = f"，{format_partial_date(deadline)}前完成" if deadline else ""
    work_logs.add(db, follow_up.project_id, f"周调度议定服务事项：{text}{due}", "dispatch", held_on)
