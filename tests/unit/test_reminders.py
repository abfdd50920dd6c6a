"""提醒: what the program lists at opening, on a small hand-made database and on the demo."""

import random
from datetime import date

import pytest

from jimo_desktop.demo import problems as demo_problems
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.problems import ProblemStatus
from jimo_desktop.domain.project import Project, YearListing
from jimo_desktop.store import records, settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import problems, reminders
from jimo_desktop.store.tracking.reminders import ReminderKind, previous_month

TODAY = "2020-06-30"


@pytest.fixture
def desk(db):
    settings.put(db, settings.BUSINESS_DATE, TODAY)

    def project(name, *years):
        listings = [YearListing(year) for year in years]
        return projects.save(db, Project(name, unit_id=1, industry_id=1, years=listings)).id

    return {
        "db": db,
        "reported": project("已报五月进度的项目", 2020),
        "silent": project("未报五月进度的项目", 2019, 2020),
        "old": project("只在2019年列入的项目", 2019),
    }


def by_kind(found, kind) -> list:
    return [reminder for reminder in found if reminder.kind is kind]


def milestone(db, project_id, name, planned_on, actual_on=None) -> int:
    values = {"project_id": project_id, "name": name, "planned_on": planned_on}
    return records.insert(db, "milestones", values | {"actual_on": actual_on})


def test_previous_month_looks_back_across_the_new_year():
    assert previous_month(date(2020, 6, 30)) == "2020-05"
    assert previous_month(date(2020, 1, 15)) == "2019-12"


def test_problems_past_or_within_a_week_of_their_deadline_are_listed(desk):
    db, project = desk["db"], desk["reported"]
    overdue = problems.raise_problem(
        db, project, "土地未摘牌", raised_on="2020-05-01", deadline="2020-06-29"
    )
    near = problems.raise_problem(db, project, "规划未批复", deadline="2020-07-07")
    problems.raise_problem(db, project, "电力增容未落实", deadline="2020-07-08")
    problems.raise_problem(db, project, "没有时限的问题")
    settled = problems.raise_problem(
        db, project, "坟墓迁移", raised_on="2020-05-01", deadline="2020-06-01"
    )
    problems.close(db, settled, "已迁移", "2020-06-20", ProblemStatus.CLOSED)

    found = reminders.reminders(db)

    (late,) = by_kind(found, ReminderKind.PROBLEM_OVERDUE)
    (soon,) = by_kind(found, ReminderKind.PROBLEM_NEAR)
    assert (late.record_id, late.note, late.project_id) == (overdue, "逾期1天", project)
    assert (soon.record_id, soon.note) == (near, "剩7天")
    assert found.index(late) < found.index(soon)


def test_milestones_past_their_planned_date_without_an_actual_date_are_late(desk):
    db, project = desk["db"], desk["silent"]
    late = milestone(db, project, "施工许可", "2020-05-20")
    milestone(db, project, "开工", "2020-06")  # a month-only plan is late from July
    milestone(db, project, "可研批复", "2020-03-01", actual_on="2020-03-10")
    deleted = milestone(db, project, "用地预审", "2020-01-01")
    records.delete(db, "milestones", deleted)

    (reminder,) = by_kind(reminders.reminders(db), ReminderKind.MILESTONE_LATE)
    assert (reminder.record_id, reminder.project_id, reminder.note) == (late, project, "逾期41天")
    assert reminder.text == "施工许可：计划2020年5月20日，尚未完成"


def test_projects_on_this_years_list_without_last_months_report_are_listed(desk):
    db = desk["db"]
    records.insert(db, "progress_reports", {"project_id": desk["reported"], "period": "2020-05"})
    records.insert(db, "progress_reports", {"project_id": desk["silent"], "period": "2020-04"})

    found = by_kind(reminders.reminders(db), ReminderKind.PROGRESS_MISSING)

    assert [(r.project_id, r.text) for r in found] == [(desk["silent"], "未报2020年5月进度")]


def test_a_deleted_report_counts_as_missing(desk):
    db = desk["db"]
    report = records.insert(
        db, "progress_reports", {"project_id": desk["reported"], "period": "2020-05"}
    )
    records.delete(db, "progress_reports", report)
    missing = {
        r.project_id for r in by_kind(reminders.reminders(db), ReminderKind.PROGRESS_MISSING)
    }
    assert missing == {desk["reported"], desk["silent"]}


def test_dismissing_lasts_for_the_business_day(desk):
    db = desk["db"]
    assert reminders.dismissed_today(db) is False
    reminders.dismiss_for_today(db)
    assert reminders.dismissed_today(db) is True
    settings.put(db, settings.BUSINESS_DATE, "2020-07-01")
    assert reminders.dismissed_today(db) is False


@pytest.fixture
def demo(tmp_path):
    from jimo_desktop.store.database import open_database

    db = open_database(tmp_path / "demo.sqlite3")
    fill_demo(db, project_count=60)
    # Only the problems demo writes policy items: add it unless the demo builder already did.
    if not db.execute("SELECT COUNT(*) FROM policy_items").fetchone()[0]:
        demo_problems.fill(db, random.Random(2020), date(2020, 6, 30))
    yield db
    db.close()


END_OF = "CASE WHEN length({0}) = 7 THEN date({0} || '-01', '+1 month', '-1 day') ELSE {0} END"
LIVE_PROJECT = "project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL)"


def ids(db, sql: str) -> set[int]:
    return {row[0] for row in db.execute(sql)}


def test_reminders_on_the_demo_match_the_rules_checked_in_sql(demo):
    found = reminders.reminders(demo)
    unsettled = (
        f"SELECT id FROM problems WHERE deleted_at IS NULL AND {LIVE_PROJECT}"
        " AND status IN ('open', 'coordinating') AND deadline IS NOT NULL"
    )
    deadline = END_OF.format("deadline")
    overdue = ids(demo, f"{unsettled} AND {deadline} < '{TODAY}'")
    near = ids(demo, f"{unsettled} AND {deadline} BETWEEN '{TODAY}' AND '2020-07-07'")
    late = ids(
        demo,
        f"SELECT id FROM milestones WHERE deleted_at IS NULL AND {LIVE_PROJECT}"
        f" AND actual_on IS NULL AND {END_OF.format('planned_on')} < '{TODAY}'",
    )
    missing = ids(
        demo,
        "SELECT id FROM projects WHERE deleted_at IS NULL"
        " AND id IN (SELECT project_id FROM project_years WHERE year = 2020)"
        " AND id NOT IN (SELECT project_id FROM progress_reports"
        "   WHERE period = '2020-05' AND deleted_at IS NULL)",
    )

    def listed(kind, field="record_id"):
        return {getattr(r, field) for r in by_kind(found, kind)}

    assert overdue and near, "the demo has overdue and near-deadline problems"
    assert listed(ReminderKind.PROBLEM_OVERDUE) == overdue
    assert listed(ReminderKind.PROBLEM_NEAR) == near
    assert listed(ReminderKind.MILESTONE_LATE) == late
    assert listed(ReminderKind.PROGRESS_MISSING, "project_id") == missing
    assert len(found) == len(overdue) + len(near) + len(late) + len(missing)


def test_at_most_so_many_of_each_kind_the_most_pressing_with_every_kind_counted(demo):
    every = reminders.reminders(demo)
    judged = reminders.todays_reminders(demo, most=2)

    assert all(count > 2 for count in judged.counts.values())
    assert judged.counts == {kind: len(by_kind(every, kind)) for kind in ReminderKind}
    assert judged.shown == [r for kind in ReminderKind for r in by_kind(every, kind)[:2]]
    assert reminders.todays_reminders(demo).shown == every
