"""The demo's milestones, work logs and weekly meetings are plausible against its projects."""

import random
from datetime import date, timedelta

import pytest

from jimo_desktop.demo import tracking
from jimo_desktop.demo.projects import make_projects
from jimo_desktop.domain.milestones import Status, earliest_day, milestone_lateness
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import milestones

TODAY = date(2020, 6, 30)


@pytest.fixture
def demo(db):
    settings.put(db, settings.BUSINESS_DATE, TODAY.isoformat())
    units = [entry.id for entry in dictionaries.entries(db, "units")]
    industries = {entry.name: entry.id for entry in dictionaries.entries(db, "industries")}
    projects.insert_many(db, make_projects(60, units, industries, seed=5))
    tracking.fill(db, random.Random(5), TODAY)
    return db


def every_project(db):
    return [projects.get(db, row[0]) for row in db.execute("SELECT id FROM projects")]


def test_every_project_gets_the_standard_nodes(demo):
    for project in every_project(demo):
        names = [node.name for node in milestones.for_project(demo, project.id)]
        assert names[:9] == [
            "项目建议书",
            "可研批复",
            "用地预审",
            "规划许可",
            "环评批复",
            "施工许可",
            "开工",
            "主体完工",
            "竣工验收",
        ]


def test_start_nodes_agree_with_the_projects_and_nothing_happens_after_today(demo):
    for project in every_project(demo):
        nodes = {node.kind: node for node in milestones.for_project(demo, project.id)}
        assert nodes["start"].actual_on == project.actual_start
        assert nodes["start"].planned_on[:7] == project.planned_start
        for node in nodes.values():
            assert node.actual_on is None or earliest_day(node.actual_on) <= TODAY


def test_approvals_of_a_started_project_came_before_its_start(demo):
    for project in every_project(demo):
        if not project.actual_start:
            continue
        start = earliest_day(project.actual_start)
        for node in milestones.for_project(demo, project.id)[:6]:
            assert node.actual_on and earliest_day(node.actual_on) < start


def test_some_nodes_are_late_at_the_demo_date_but_most_are_not(demo):
    nodes = [
        node for nodes in milestones.for_projects(demo, range(1, 61)).values() for node in nodes
    ]
    late = [node for node in nodes if milestone_lateness(node, TODAY).status is Status.LATE]
    assert 0.02 < len(late) / len(nodes) < 0.2


def test_a_meeting_is_held_every_monday_of_the_half_year_but_the_spring_festival(demo):
    held = sorted(meeting.held_on for meeting in dispatches.meetings(demo))
    mondays = [date(2020, 1, 6) + timedelta(weeks=n) for n in range(26)]
    assert held == [day.isoformat() for day in mondays if day != date(2020, 1, 27)]
    recent = dispatches.meetings(demo, text="")[0]
    assert recent.project_count >= 3


def test_old_follow_ups_are_delivered_services_and_recent_ones_open_problems(demo):
    for meeting in dispatches.meetings(demo):
        for item in dispatches.follow_ups(demo, meeting.id):
            if meeting.held_on < "2020-05-04":
                assert (item.kind, item.state) == ("service", "已完成")
            elif item.kind == "problem":
                assert item.state == "待解决"
