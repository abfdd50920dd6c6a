"""周调度 in the store: the meeting record, its projects and its follow-ups, in one transaction."""

import sqlite3

import pytest

from jimo_desktop.domain.project import Project
from jimo_desktop.store import audit, settings
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.monthly.dispatches import PROBLEM, SERVICE, DispatchError, FollowUp, Meeting
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import work_logs


@pytest.fixture
def project_ids(db) -> list[int]:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    settings.put(db, settings.OFFICER, "李明")
    names = ("青岛国际陆港冷链物流园项目", "鳌山湾未来城综合管廊工程", "蓝谷人工智能产业园项目")
    return [
        projects.save(db, Project(name=name, unit_id=n + 1, industry_id=1)).id
        for n, name in enumerate(names)
    ]


def meeting(discussed, **changes) -> Meeting:
    values = {
        "held_on": "2020-06-22",
        "attendees": "区发改局、区自然资源局、区住建局",
        "decisions": "陆港冷链物流园6月底前完成用地报批。",
        "project_ids": tuple(discussed[:2]),
    }
    return Meeting(**(values | changes))


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]


def test_a_meeting_is_stored_with_its_projects_and_a_default_title(db, project_ids):
    dispatch_id = dispatches.save_meeting(db, meeting(project_ids))
    stored = dispatches.get(db, dispatch_id)
    assert stored.title == "6月22日周调度会议"
    assert stored.project_ids == tuple(project_ids[:2])
    assert stored.attendees == "区发改局、区自然资源局、区住建局"


def test_each_discussed_project_gets_a_work_log_line_dated_the_meeting(db, project_ids):
    dispatches.save_meeting(db, meeting(project_ids))
    [line] = work_logs.for_project(db, project_ids[0])
    assert (line.content, line.logged_on, line.source) == (
        "6月22日周调度会议研究本项目",
        "2020-06-22",
        "dispatch",
    )
    assert work_logs.for_project(db, project_ids[2]) == []


def test_follow_ups_become_a_problem_and_a_service_item_with_deadlines(db, project_ids):
    follow_ups = [
        FollowUp(project_ids[0], PROBLEM, "用地指标不足", "区自然资源局", "2020-07-15"),
        FollowUp(project_ids[1], SERVICE, "协调供电接入方案", "区发改局", "2020-07-10"),
    ]
    dispatch_id = dispatches.save_meeting(db, meeting(project_ids), follow_ups)
    problem = db.execute(
        "SELECT description, deadline, responsible_unit, source, dispatch_id, raised_on"
        " FROM problems"
    ).fetchone()
    assert problem == (
        "用地指标不足",
        "2020-07-15",
        "区自然资源局",
        "dispatch",
        dispatch_id,
        "2020-06-22",
    )
    service = db.execute("SELECT promise, provider, due_on, dispatch_id FROM service_items")
    assert service.fetchone() == ("协调供电接入方案", "区发改局", "2020-07-10", dispatch_id)
    recorded = dispatches.follow_ups(db, dispatch_id)
    assert [(f.kind, f.text, f.state) for f in recorded] == [
        (PROBLEM, "用地指标不足", "待解决"),
        (SERVICE, "协调供电接入方案", "未完成"),
    ]


def test_a_follow_up_on_a_project_not_ticked_adds_it_to_the_discussed_projects(db, project_ids):
    follow_up = FollowUp(project_ids[2], SERVICE, "帮助申请专项债", "区财政局", "2020-08-31")
    dispatch_id = dispatches.save_meeting(db, meeting(project_ids), [follow_up])
    assert dispatches.get(db, dispatch_id).project_ids == tuple(project_ids)


@pytest.mark.parametrize(
    ("changes", "follow_up", "reason"),
    [
        ({"held_on": ""}, None, "请填写会议日期"),
        ({"held_on": "2020-06"}, None, "应具体到日"),
        ({}, FollowUp(1, PROBLEM, "  "), "缺少内容"),
        ({}, FollowUp(1, PROBLEM, "用地", deadline="2020-06-01"), "早于会议日期"),
        ({}, FollowUp(1, SERVICE, "供电", deadline="七月"), "时限"),
    ],
)
def test_a_bad_meeting_is_refused_and_nothing_is_written(
    db, project_ids, changes, follow_up, reason
):
    before = (count(db, "dispatches"), count(db, "problems"), count(db, "work_logs"))
    with pytest.raises(DispatchError, match=reason):
        dispatches.save_meeting(
            db, meeting(project_ids, **changes), [follow_up] if follow_up else []
        )
    assert (count(db, "dispatches"), count(db, "problems"), count(db, "work_logs")) == before


def test_a_failure_half_way_leaves_no_part_of_the_meeting(db, project_ids):
    follow_ups = [
        FollowUp(project_ids[0], PROBLEM, "用地指标不足", deadline="2020-07-15"),
        FollowUp(99999, SERVICE, "不存在的项目", deadline="2020-07-15"),
    ]
    with pytest.raises(sqlite3.IntegrityError):
        dispatches.save_meeting(db, meeting(project_ids), follow_ups)
    assert count(db, "dispatches") == count(db, "problems") == count(db, "work_logs") == 0
    assert db.execute("SELECT COUNT(*) FROM dispatch_projects").fetchone()[0] == 0


def test_changing_a_meeting_audits_fields_and_the_project_list_by_name(db, project_ids):
    dispatch_id = dispatches.save_meeting(db, meeting(project_ids))
    changed = meeting(project_ids, id=dispatch_id, decisions="改期", project_ids=(project_ids[0],))
    dispatches.save_meeting(db, changed)
    lines: dict[str, tuple] = {}
    for entry in audit.history(db, "dispatches", dispatch_id):  # newest first
        lines.setdefault(entry.field, (entry.old_value, entry.new_value))
    assert lines["decisions"] == ("陆港冷链物流园6月底前完成用地报批。", "改期")
    assert lines["projects"] == (
        "青岛国际陆港冷链物流园项目、鳌山湾未来城综合管廊工程",
        "青岛国际陆港冷链物流园项目",
    )
    assert dispatches.get(db, dispatch_id).project_ids == (project_ids[0],)


def test_meetings_list_newest_first_with_counts_and_filter_by_year_and_text(db, project_ids):
    early = dispatches.save_meeting(db, meeting(project_ids, held_on="2019-12-30"))
    late = dispatches.save_meeting(
        db,
        meeting(project_ids, held_on="2020-06-29"),
        [FollowUp(project_ids[0], PROBLEM, "拆迁未完成", deadline="2020-07-31")],
    )
    listed = dispatches.meetings(db)
    assert [m.id for m in listed] == [late, early]
    assert (listed[0].project_count, listed[0].problem_count, listed[0].service_count) == (2, 1, 0)
    assert [m.id for m in dispatches.meetings(db, year=2019)] == [early]
    assert [m.id for m in dispatches.meetings(db, text="综合管廊")] == [late, early]
    assert [m.id for m in dispatches.meetings(db, text="12月30日")] == [early]
    assert dispatches.years(db) == [2020, 2019]


def test_a_deleted_meeting_leaves_the_list_but_its_follow_ups_stay(db, project_ids):
    follow_up = FollowUp(project_ids[0], PROBLEM, "用地指标不足", deadline="2020-07-15")
    dispatch_id = dispatches.save_meeting(db, meeting(project_ids), [follow_up])
    dispatches.delete(db, dispatch_id)
    assert dispatches.meetings(db) == []
    assert count(db, "problems") == 1
