"""现场督查 records: saved whole in one transaction, audited, listed, and drafted while typed."""

import json
import random
import sqlite3
from datetime import date, datetime

import pytest

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.demo.inspections import draw_site_photo
from jimo_desktop.domain.inspections import (
    NOTHING_RECORDED,
    FollowUp,
    FoundProblem,
    Inspection,
    Point,
    PointState,
    follow_up_state,
    summary_line,
    validate_found_problem,
    validate_inspection,
)
from jimo_desktop.store import audit, settings
from jimo_desktop.store.database import latest_version, migrations, open_database
from jimo_desktop.store.site_visits import inspection_drafts, inspections, photos
from jimo_desktop.store.site_visits.inspection_drafts import Draft
from tests.demo_parts import without_inspections


@pytest.fixture
def site(db):
    """The demo's projects (business day 2020-06-30) and two of them to visit."""
    fill_demo(db, 6)
    without_inspections(db)
    first, second = (row[0] for row in db.execute("SELECT id FROM projects ORDER BY id LIMIT 2"))
    return db, first, second


def photo(db, number: int):
    data = draw_site_photo(random.Random(number), datetime(2020, 6, 30, 10, number), 36.4, 120.4)
    entry = photos.store_bytes(db, data, f"IMG_{number}.jpg")
    entry.caption = f"照片{number}"
    return entry


def visit(project_ids, day="2020-06-30", **values) -> Inspection:
    """A visit that looked at 形象进度 (one that records nothing is refused)."""
    values.setdefault("place", "烟青路北侧")
    inspection = Inspection(inspected_on=day, project_ids=list(project_ids), **values)
    if "points" not in values:
        inspection.point(Point.PROGRESS).state = PointState.NORMAL
    return inspection


def count(db, sql: str, *params) -> int:
    return db.execute(sql, params).fetchone()[0]


def test_saving_keeps_points_projects_and_photos_and_writes_each_projects_log(site):
    db, first, second = site
    inspection = visit([first, second], inspectors="李明")
    inspection.point(Point.SAFETY).state = PointState.CONCERN
    inspection.point(Point.SAFETY).note = "防护网缺失"
    inspection_id = inspections.save(db, inspection, [photo(db, 1), photo(db, 2)])
    saved = inspections.get(db, inspection_id)
    assert saved.project_ids == [first, second]
    assert saved.point(Point.SAFETY).state is PointState.CONCERN
    assert saved.point(Point.SAFETY).note == "防护网缺失"
    captions = [entry.caption for entry in photos.for_inspection(db, inspection_id)]
    assert captions == ["照片1", "照片2"]
    logs = db.execute(
        "SELECT project_id, content FROM work_logs WHERE source = 'inspection' ORDER BY project_id"
    ).fetchall()
    assert [project for project, _ in logs] == [first, second]
    assert "安全需关注" in logs[0][1] and "照片2张" in logs[0][1]


def test_problems_found_become_open_problems_with_owner_and_deadline(site):
    db, first, _ = site
    found = FoundProblem(first, "围挡缺失", "区住房和城乡建设局", "刘洋", "2020-07")
    inspections.save(db, visit([first]), [], [found])
    row = db.execute(
        "SELECT description, responsible_unit, responsible_person, deadline, status, source,"
        " raised_on FROM problems WHERE source = 'inspection'"
    ).fetchone()
    assert row[:3] == ("围挡缺失", "区住房和城乡建设局", "刘洋")
    assert row[3:] == ("2020-07", "open", "inspection", "2020-06-30")


def test_a_failing_step_leaves_nothing_half_saved(site):
    db, first, _ = site
    tables = ("inspections", "inspection_points", "photos", "work_logs", "problems", "audit_log")
    before = {table: count(db, f"SELECT COUNT(*) FROM {table}") for table in tables}
    found = FoundProblem(first, "x", deadline="not a date")
    with pytest.raises(ValueError):
        inspections.save(db, visit([first]), [photo(db, 1)], [found])
    assert {table: count(db, f"SELECT COUNT(*) FROM {table}") for table in tables} == before


def test_an_inspection_without_a_project_or_with_an_early_follow_up_is_refused(site):
    db, first, _ = site
    with pytest.raises(inspections.ValidationError) as refused:
        inspections.save(db, visit([], follow_up_on="2020-06-01"), [])
    assert set(refused.value.problems) == {"project_ids", "follow_up_on"}
    assert validate_inspection(visit([first], follow_up_on="2020-06")) == {}
    assert set(validate_inspection(visit([first], day=""))) == {"inspected_on"}


def test_every_insert_and_each_changed_field_is_audited_with_the_officer(site):
    db, first, second = site
    settings.put(db, settings.OFFICER, "张静")
    inspection_id = inspections.save(db, visit([first]), [photo(db, 1)])
    edited = inspections.get(db, inspection_id)
    edited.place = "鹤山路以东"
    edited.project_ids = [second]
    edited.point(Point.LAND).state = PointState.NORMAL
    inspections.save(db, edited, [])
    lines = audit.history(db, "inspections", inspection_id)
    changed = {line.field: (line.old_value, line.new_value) for line in lines if line.field}
    assert changed["place"] == ("烟青路北侧", "鹤山路以东")
    assert (
        changed["projects"][1]
        == db.execute("SELECT name FROM projects WHERE id = ?", [second]).fetchone()[0]
    )
    assert {line.officer for line in lines} == {"张静"}
    assert count(db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'inspection_points'"
                 " AND action = 'update' AND field = 'state'") == 1  # fmt: skip
    assert count(db, "SELECT COUNT(*) FROM photos WHERE deleted_at IS NOT NULL") == 1


def test_captions_and_order_of_kept_photos_follow_the_form(site):
    db, first, _ = site
    inspection_id = inspections.save(db, visit([first]), [photo(db, 1), photo(db, 2)])
    kept = photos.for_inspection(db, inspection_id)
    kept[1].caption = "塔吊作业"
    inspections.save(db, inspections.get(db, inspection_id), [kept[1], kept[0], photo(db, 3)])
    shown = photos.for_inspection(db, inspection_id)
    assert [entry.caption for entry in shown] == ["塔吊作业", "照片1", "照片3"]


def test_the_list_filters_by_project_follow_up_attention_and_text(site):
    db, first, second = site
    flagged = visit([first], day="2020-06-01", follow_up_on="2020-06-15")
    flagged.point(Point.DEMOLITION).state = PointState.PROBLEM
    inspections.save(db, flagged, [])
    inspections.save(db, visit([second], day="2020-06-20", follow_up_on="2020-07-04"), [])
    rows = inspections.list_inspections(db)
    assert [row.inspected_on for row in rows] == ["2020-06-20", "2020-06-01"]
    assert [row.follow_up for row in rows] == [FollowUp.PENDING, FollowUp.OVERDUE]
    assert rows[1].attention == 1
    wanted = inspections.InspectionFilter
    assert len(inspections.list_inspections(db, wanted(project_id=second))) == 1
    assert len(inspections.list_inspections(db, wanted(follow_up=FollowUp.OVERDUE))) == 1
    assert len(inspections.list_inspections(db, wanted(attention_only=True))) == 1
    assert len(inspections.list_inspections(db, wanted(text="烟青路 北侧"))) == 2
    assert inspections.list_inspections(db, wanted(text="鹤山路")) == []


def test_a_later_visit_to_the_project_counts_as_the_follow_up(site):
    db, first, _ = site
    inspections.save(db, visit([first], day="2020-06-01", follow_up_on="2020-06-15"), [])
    inspections.save(db, visit([first], day="2020-06-16"), [])
    assert inspections.list_inspections(db)[1].follow_up is FollowUp.DONE


def test_a_deleted_inspection_leaves_the_lists_and_its_project_photos(site):
    db, first, _ = site
    inspection_id = inspections.save(db, visit([first]), [photo(db, 1)])
    inspections.delete(db, inspection_id)
    assert inspections.list_inspections(db) == []
    assert photos.for_project(db, first) == []


def test_the_last_project_visited_is_remembered_for_the_next_form(site):
    db, first, second = site
    assert inspections.last_project(db) is None
    inspections.save(db, visit([second, first]), [])
    assert inspections.last_project(db) == second


def test_a_draft_comes_back_as_it_was_typed(site):
    db, first, _ = site
    inspection = visit([first], follow_up_on="7月中旬")
    inspection.point(Point.PROGRESS).note = "主体封顶"
    draft = Draft(inspection, [photo(db, 1)], [FoundProblem(first, "围挡缺失")])
    inspection_drafts.save_draft(db, inspection_drafts.NEW, draft)
    restored, saved_at = inspection_drafts.load_draft(db, inspection_drafts.NEW)
    assert restored == draft
    assert saved_at
    inspection_drafts.discard_draft(db, inspection_drafts.NEW)
    assert inspection_drafts.load_draft(db, inspection_drafts.NEW) is None


def test_a_draft_that_no_longer_reads_is_dropped_not_a_crash(db):
    db["inspection_drafts"].insert(
        {"draft_key": "new", "saved_at": "2020-06-30T10:00:00", "content": json.dumps({"x": 1})}
    )
    assert inspection_drafts.load_draft(db, "new") is None


def test_follow_up_by_month_is_due_after_the_months_last_day():
    assert follow_up_state("2020-06", False, date(2020, 6, 30)) is FollowUp.PENDING
    assert follow_up_state("2020-06", False, date(2020, 7, 1)) is FollowUp.OVERDUE
    assert follow_up_state("2020-12", False, date(2020, 12, 31)) is FollowUp.PENDING
    assert follow_up_state(None, False, date(2020, 7, 1)) is None


def test_the_log_line_names_what_needs_attention():
    inspection = visit([1], place="")
    assert summary_line(inspection, 0) == "现场督查（现场）：未发现需关注的问题"
    inspection.point(Point.LAND).state = PointState.PROBLEM
    assert summary_line(inspection, 3) == "现场督查（现场）：土地存在问题；照片3张"


def test_a_visit_that_looked_at_no_point_claims_nothing_about_them():
    inspection = Inspection(inspected_on="2020-06-30", project_ids=[1], place="鹤山路")
    inspection.point(Point.SAFETY).state = PointState.NOT_APPLICABLE
    assert summary_line(inspection, 2) == "现场督查（鹤山路）；照片2张"


def test_an_inspection_that_records_nothing_is_refused_and_writes_nothing(site):
    db, first, _ = site
    empty = Inspection(inspected_on="2020-06-30", project_ids=[first], place="烟青路北侧")
    with pytest.raises(inspections.ValidationError) as refused:
        inspections.save(db, empty, [])
    assert refused.value.problems == {"points": NOTHING_RECORDED}
    assert count(db, "SELECT COUNT(*) FROM inspections") == 0
    assert count(db, "SELECT COUNT(*) FROM work_logs WHERE source = 'inspection'") == 0
    empty.notes = "项目未开工，现场无人"
    assert inspections.save(db, empty, [])  # a remark is something recorded


def test_a_problem_found_needs_a_description_and_a_readable_deadline():
    assert validate_found_problem(FoundProblem(1, " ")) == "请填写问题描述"
    assert "不是日期" in validate_found_problem(FoundProblem(1, "围挡", deadline="下周"))
    assert validate_found_problem(FoundProblem(1, "围挡", deadline="2020年7月15日")) is None


def test_a_schema_2_database_gains_the_inspection_tables_and_keeps_its_projects(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        for number, script in migrations():
            if number <= 2:
                old.executescript(script.read_text(encoding="utf-8"))
        old.execute("PRAGMA user_version = 2")
        old.execute(
            "INSERT INTO projects (uuid, name, created_at, updated_at)"
            " VALUES ('u-1', '旧项目', '2020-01-01', '2020-01-01')"
        )
    old.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert db.execute("SELECT name FROM projects").fetchall() == [("旧项目",)]
    for table in ("inspections", "inspection_points", "photos", "photo_files", "sync_base"):
        assert db[table].exists(), table
    db.conn.close()


def test_a_projects_photos_come_with_the_day_and_place_of_their_inspection(site):
    db, first, second = site
    inspections.save(db, visit([first], day="2020-06-01"), [photo(db, 1)])
    inspections.save(db, visit([first, second], day="2020-06-20", place="鹤山路"), [photo(db, 2)])
    found = photos.for_project(db, first)
    assert [(p.inspected_on, p.place, p.entry.caption) for p in found] == [
        ("2020-06-20", "鹤山路", "照片2"),
        ("2020-06-01", "烟青路北侧", "照片1"),
    ]
    assert [p.entry.caption for p in photos.for_project(db, second)] == ["照片2"]
