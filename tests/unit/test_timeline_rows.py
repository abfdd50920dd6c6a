"""The 时间表's rows: two queries for any number of projects, nodes judged by the domain's
month-precision rule as they stood on the business day, days where they are drawn."""

import random
from datetime import date

import numpy as np
import pytest

from jimo_desktop.demo import tracking
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.milestones import Status
from jimo_desktop.domain.project import Project, Stage, YearListing
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import milestones, timeline_rows
from jimo_desktop.store.tracking.milestones import NodePlan

TODAY = date(2020, 6, 30)


@pytest.fixture
def project_id(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, TODAY.isoformat())
    project = Project(
        name="蓝谷海洋科技创新中心项目",
        unit_id=1,
        industry_id=1,
        stage=Stage.STARTED,
        leader="王建国",
        planned_start="2020-03",
        planned_end="2022-06-10",
        actual_start="2020-04-08",
        years=[YearListing(2020, batch=Stage.STARTED)],
    )
    return projects.save(db, project).id


def add(db, project_id: int, *nodes: tuple[str, str | None, str | None]) -> list[int]:
    plans = [
        NodePlan("custom", name, planned, actual, "区自然资源局") for name, planned, actual in nodes
    ]
    return milestones.add_nodes(db, project_id, plans)


def statuses(data: timeline_rows.TimelineData, row: int) -> list[Status]:
    start, end = data.first_node[row], data.first_node[row + 1]
    return [timeline_rows.STATUSES[code] for code in data.nodes.status[start:end]]


def test_a_node_due_in_a_month_is_late_only_from_the_next_month(db, project_id):
    add(db, project_id, ("土地摘牌", "2020-06", None), ("规划许可", "2020-05", None))
    on_time = timeline_rows.load(db, date(2020, 6, 30))
    assert statuses(on_time, 0) == [Status.PENDING, Status.LATE]
    a_day_later = timeline_rows.load(db, date(2020, 7, 1))
    assert statuses(a_day_later, 0) == [Status.LATE, Status.LATE]
    assert list(a_day_later.late_counts) == [2]


def test_a_node_reached_in_the_month_after_a_month_is_done_late_by_a_month(db, project_id):
    add(
        db,
        project_id,
        ("可研批复", "2020-03", "2020-04-01"),
        ("环评批复", "2020-03", "2020-03-31"),
        ("施工许可", "2020-03-10", "2020-03-12"),
    )
    data = timeline_rows.load(db, TODAY)
    assert statuses(data, 0) == [Status.DONE_LATE, Status.DONE, Status.DONE_LATE]
    assert list(data.late_counts) == [0]


def test_a_node_reached_after_the_business_day_was_still_open_on_it(db, project_id):
    add(db, project_id, ("开工", "2020-03", "2020-08-01"))
    data = timeline_rows.load(db, TODAY)
    assert statuses(data, 0) == [Status.LATE]
    assert data.nodes.actual[0] == timeline_rows.NO_DAY


def test_the_late_projects_are_those_the_store_finds_late(db):
    fill_demo(db, project_count=40)
    if not db.execute("SELECT COUNT(*) FROM milestones").fetchone()[0]:
        tracking.fill(db, random.Random(3), settings.today(db))
    today = settings.today(db)
    data = timeline_rows.load(db, today)
    late = {node.project_id for node in milestones.late(db, today)}
    assert late and set(data.ids[data.late_counts > 0].tolist()) == late
    for row in range(len(data)):
        nodes = milestones.for_project(db, int(data.ids[row]))
        expected = sum(1 for node in milestones.late(db, today) if node.project_id == data.ids[row])
        assert data.late_counts[row] == expected
        assert data.first_node[row + 1] - data.first_node[row] == len(nodes)


def test_dates_are_drawn_where_the_domain_says_and_an_open_period_runs_to_today(db, project_id):
    add(db, project_id, ("可研批复", "2019-11", "2019-12-20"))
    data = timeline_rows.load(db, TODAY)
    assert data.planned[0].tolist() == [
        date(2020, 3, 15).toordinal(),
        date(2022, 6, 10).toordinal(),
    ]
    assert data.actual[0].tolist() == [date(2020, 4, 8).toordinal(), TODAY.toordinal()]
    assert data.nodes.planned[0] == date(2019, 11, 15).toordinal()
    assert data.nodes.actual[0] == date(2019, 12, 20).toordinal()
    assert data.days_spanned() == (date(2019, 11, 15).toordinal(), date(2022, 6, 10).toordinal())


def test_deleted_projects_and_nodes_are_left_out(db, project_id):
    kept, dropped = add(
        db, project_id, ("土地摘牌", "2020-01", None), ("规划许可", "2020-02", None)
    )
    milestones.delete(db, dropped)
    other = projects.save(db, Project(name="即发集团商业综合体项目", unit_id=2, industry_id=2)).id
    add(db, other, ("开工", "2020-01", None))
    projects.delete(db, other)
    data = timeline_rows.load(db, TODAY)
    assert data.ids.tolist() == [project_id]
    assert data.nodes.ids.tolist() == [kept]


def test_rows_come_from_one_query_for_projects_and_one_for_nodes_at_any_size(db):
    settings.put(db, settings.BUSINESS_DATE, TODAY.isoformat())
    for count in (3, 30):
        for number in range(count):
            made = projects.save(
                db, Project(name=f"项目{count}-{number}", unit_id=1, industry_id=1)
            ).id
            add(db, made, ("开工", "2020-01", None), ("竣工验收", "2021-01", None))
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)
        data = timeline_rows.load(db, TODAY)
        db.conn.set_trace_callback(None)
        assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
        assert len(data.nodes.ids) == 2 * len(data)


def test_the_unit_leader_and_batch_of_each_project_are_held(db, project_id):
    data = timeline_rows.load(db, TODAY)
    unit = db.execute("SELECT name FROM units WHERE id = 1").fetchone()[0]
    assert (data.units, data.leaders) == ([unit], ["王建国"])
    assert timeline_rows.in_batch(db, data, 2020, Stage.STARTED).tolist() == [True]
    assert timeline_rows.in_batch(db, data, 2020, Stage.RESERVE).tolist() == [False]
    assert timeline_rows.in_batch(db, data, 2021, Stage.STARTED).tolist() == [False]


def test_an_empty_database_has_no_rows_and_knows_no_ids(db):
    data = timeline_rows.load(db, TODAY)
    assert len(data) == 0 and data.first_node.tolist() == [0]
    assert data.rows_of(np.array([1, 2])).tolist() == []
    assert data.days_spanned() == (TODAY.toordinal(), TODAY.toordinal())


def test_rows_of_keeps_the_order_asked_and_skips_unknown_ids(db, project_id):
    other = projects.save(db, Project(name="即发集团商业综合体项目", unit_id=2, industry_id=2)).id
    data = timeline_rows.load(db, TODAY)
    rows = data.rows_of(np.array([other, 999_999, project_id]))
    assert data.ids[rows].tolist() == [other, project_id]


def test_a_projects_roadmap_has_its_period_then_a_line_per_node_in_order(db, project_id):
    first, second = add(db, project_id, ("可研批复", "2019-11", None), ("开工", "2020-03", None))
    milestones.move(db, second, -1)
    data = timeline_rows.project_nodes(db, project_id, TODAY)
    assert data.labels == ["蓝谷海洋科技创新中心项目（建设期）", "开工", "可研批复"]
    assert data.ids.tolist() == [project_id, second, first]
    assert data.first_node.tolist() == [0, 0, 1, 2]
    assert data.nodes.ids.tolist() == [second, first]


def test_a_nodes_details_say_its_dates_state_and_responsible_unit(db, project_id):
    (node,) = add(db, project_id, ("规划许可", "2020-03", None))
    assert timeline_rows.node_details(db, node, TODAY) == [
        "蓝谷海洋科技创新中心项目 — 规划许可",
        "计划时间：2020年3月",
        "实际时间：未完成",
        "状态：逾期未完成 3 个月",
        "责任单位：区自然资源局",
    ]


def test_the_version_moves_with_every_write_and_with_the_business_day(db, project_id):
    before = timeline_rows.version(db)
    assert timeline_rows.version(db) == before
    add(db, project_id, ("开工", "2020-03", None))
    after_node = timeline_rows.version(db)
    assert after_node != before
    settings.put(db, settings.BUSINESS_DATE, "2020-07-31")
    assert timeline_rows.version(db)[0] == date(2020, 7, 31)


def test_the_version_moves_with_a_write_on_the_office_database_too(office_address):
    office = open_database(office_address)
    try:
        project = projects.save(office, Project(name="鳌山湾未来城项目", unit_id=1, industry_id=1))
        before = timeline_rows.version(office)
        add(office, project.id, ("开工", "2020-03", None))
        assert timeline_rows.version(office) != before
    finally:
        office.close()
