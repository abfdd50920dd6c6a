"""外业包 end to end: the office exports five projects, both sides work, the field's work returns.

Each database lives in its own folder, as on two machines, so photos' originals can only
arrive through the package.
"""

import json
import zipfile

import pytest

from jimo_desktop.store import records
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.packages import field_package
from jimo_desktop.store.packages.package_apply import apply_merge
from jimo_desktop.store.packages.package_database import FIRST_SCHEMA_WITH_PACKAGES
from jimo_desktop.store.packages.package_merge import plan_merge
from jimo_desktop.store.packages.package_plan import Side
from jimo_desktop.store.packages.package_tables import PackageError
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping.backup import database_file
from jimo_desktop.store.site_visits import inspections, photos
from jimo_desktop.store.tracking import problems
from tests.unit.field_trip import edit_project, record_inspection, start_trip
from tests.unit.package_forgery import as_older_version, forge


@pytest.fixture
def trip(tmp_path):
    trip = start_trip(tmp_path)
    yield trip
    trip.close()


def planned(db, package):
    with field_package.opened_package(package, database_file(db)) as opened:
        return plan_merge(db, opened)


def merged(db, package, side: Side | None = None):
    with field_package.opened_package(package, database_file(db)) as opened:
        plan = plan_merge(db, opened)
        return plan, apply_merge(db, opened, plan, {c.key: side for c in plan.conflicts})


def dump(db) -> str:
    return "\n".join(db.conn.iterdump())


def count(db, sql: str, *params) -> int:
    return db.execute(sql, params).fetchone()[0]


def of_chosen(db, table: str, project_ids: list[int]) -> int:
    marks = ", ".join("?" * len(project_ids))
    return count(db, f"SELECT COUNT(*) FROM {table} WHERE project_id IN ({marks})", *project_ids)


def test_the_package_holds_the_chosen_projects_and_what_an_inspector_needs(tmp_path, trip):
    office, chosen = trip.office, trip.project_ids
    first = chosen[0]
    problems.raise_problem(office, first, "用电增容未完成", deadline="2020-07-31")
    records.insert(office, "milestones", {"project_id": first, "name": "施工许可"})
    for period, image in (("2020-06", "基础施工"), ("2020-07", "主体施工至3层")):
        progress.upsert_report(office, first, period, {"image_progress": image})
    out = tmp_path / "five.jimopkg"
    summary = field_package.export_package(office, out, chosen)
    assert summary.rows["projects"] == 5
    assert summary.rows["problems"] == of_chosen(office, "problems", chosen)
    assert summary.rows["milestones"] == of_chosen(office, "milestones", chosen)
    reported = of_chosen(office, "(SELECT DISTINCT project_id FROM progress_reports)", chosen)
    assert summary.rows["progress_reports"] == reported, "the latest month's report only"
    assert summary.origin == field_package.OFFICE and summary.originals == 0
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "jimo-field-package" and manifest["format_version"] == 1
    assert set(manifest["files"]) == {"data.sqlite3"}
    with field_package.opened_package(out, trip.office_path()) as opened:
        report = opened.data.execute(
            "SELECT period, image_progress FROM progress_reports WHERE project_id = ?", [first]
        )
        assert report.fetchall() == [("2020-07", "主体施工至3层")]
        assert (
            opened.data.execute("SELECT dispatch_id FROM problems").fetchall()
            == [(None,)] * summary.rows["problems"]
        )
        based = opened.data.execute("SELECT COUNT(*) FROM sync_base").fetchone()[0]
        assert based == sum(summary.rows.values())


def test_the_laptop_opens_the_package_as_its_database(trip):
    laptop = trip.laptop
    assert projects.count(laptop) == 5
    assert sorted(row[0] for row in laptop.execute("SELECT id FROM projects")) == trip.project_ids
    assert count(laptop, "SELECT COUNT(*) FROM sync_base WHERE table_name = 'projects'") == 5
    with pytest.raises(PackageError, match="已存在"):
        field_package.open_as_database(trip.outbound, trip.laptop_path())


def test_the_field_work_comes_back_with_one_conflict_offered_and_nothing_doubled(trip):
    office, laptop = trip.office, trip.laptop
    a, b, c, d, _ = trip.project_ids
    edit_project(office, a, land_status="已完成土地挂牌（办公室核实）")
    edit_project(laptop, a, land_status="现场：土地已摘牌，正在平整")
    edit_project(laptop, b, demolition_status="现场：拆迁完成")
    edit_project(office, c, responsible_person="赵文明")
    inspection_id = record_inspection(laptop, d, trip.folder / "laptop")
    inspection_uuid = inspections.get(laptop, inspection_id).uuid
    back = trip.send_back()
    tables = ("projects", "problems", "work_logs", "inspections", "inspection_points", "photos")
    before = {table: count(office, f"SELECT COUNT(*) FROM {table}") for table in tables}

    plan = planned(office, back)
    assert [(c.table, c.field, c.office, c.field_value) for c in plan.conflicts] == [
        ("projects", "land_status", "已完成土地挂牌（办公室核实）", "现场：土地已摘牌，正在平整")
    ]
    added = sorted(change.table for change in plan.additions)
    assert added.count("photos") == 3 and added.count("inspections") == 1
    assert added.count("inspection_points") == 6 and added.count("problems") == 1
    assert [(u.table, u.values) for u in plan.updates] == [
        ("projects", {"demolition_status": "现场：拆迁完成"})
    ]
    plan, result = merged(office, back, Side.FIELD)
    assert result.decided == 1 and result.files == 3

    assert projects.get(office, a).land_status == "现场：土地已摘牌，正在平整"
    assert projects.get(office, b).demolition_status == "现场：拆迁完成"
    assert projects.get(office, c).responsible_person == "赵文明", "the office's own edit stays"
    arrived = office.execute("SELECT id FROM inspections WHERE uuid = ?", [inspection_uuid])
    arrived_id = arrived.fetchone()[0]
    assert inspections.get(office, arrived_id).project_ids == [d]
    entries = photos.for_inspection(office, arrived_id)
    assert [entry.caption for entry in entries] == ["现场照片1", "现场照片2", "现场照片3"]
    for entry in entries:
        original = photos.original_path(office, entry.file_sha256)
        assert original is not None and original.is_relative_to(trip.folder / "office")
    found = "SELECT description, responsible_person FROM problems WHERE source = 'inspection'"
    assert office.execute(found).fetchall() == [("部分地块未完成征收", "刘洋")]
    grown = {
        table: count(office, f"SELECT COUNT(*) FROM {table}") - before[table] for table in tables
    }
    # One inspection of six points and three photos, its problem, and two log lines (the
    # inspection's and the problem's): nothing twice.
    assert grown == {
        "projects": 0,
        "problems": 1,
        "work_logs": 2,
        "inspections": 1,
        "inspection_points": 6,
        "photos": 3,
    }
    inserted = "SELECT COUNT(*) FROM audit_log WHERE table_name = ? AND action = 'insert'"
    assert count(office, inserted, "photos") == 3
    assert result.backup is not None and result.backup.exists()

    again = planned(office, back)
    assert again.is_empty
    assert again.lines() == ["没有需要合并的变化：外业包中的内容都已在本数据库中。"]


def test_keeping_the_office_value_is_remembered_so_the_same_package_asks_no_more(trip):
    office, laptop = trip.office, trip.laptop
    a = trip.project_ids[0]
    edit_project(office, a, leader="王守仁")
    edit_project(laptop, a, leader="张居正")
    back = trip.send_back()
    _, result = merged(office, back, Side.OFFICE)
    assert result.decided == 1
    assert projects.get(office, a).leader == "王守仁"
    before = dump(office)
    assert planned(office, back).is_empty
    assert dump(office) == before


def test_merging_refuses_while_a_conflict_is_undecided_and_writes_nothing(trip):
    office, laptop = trip.office, trip.laptop
    edit_project(office, trip.project_ids[0], scale="办公室")
    edit_project(laptop, trip.project_ids[0], scale="现场")
    back = trip.send_back()
    before = dump(office)
    with field_package.opened_package(back, trip.office_path()) as opened:
        plan = plan_merge(office, opened)
        with pytest.raises(PackageError, match="1 处冲突没有决定"):
            apply_merge(office, opened, plan, {})
    assert dump(office) == before


def test_the_merge_is_one_transaction(trip):
    office, laptop = trip.office, trip.laptop
    record_inspection(laptop, trip.project_ids[1], trip.folder / "laptop")
    # A name the project editor would refuse, written past it: the merge must not half-happen.
    laptop.execute("UPDATE projects SET name = '' WHERE id = ?", [trip.project_ids[2]])
    back = trip.send_back()
    before = dump(office)
    with pytest.raises(PackageError, match="未合并任何内容"):
        merged(office, back)
    assert dump(office) == before


def test_a_truncated_package_is_refused_and_the_database_is_untouched(tmp_path, trip):
    record_inspection(trip.laptop, trip.project_ids[0], trip.folder / "laptop")
    back = trip.send_back()
    truncated = tmp_path / "truncated.jimopkg"
    truncated.write_bytes(back.read_bytes()[: back.stat().st_size * 2 // 3])
    before = dump(trip.office)
    with pytest.raises(PackageError, match="不完整"):
        planned(trip.office, truncated)
    assert dump(trip.office) == before


def repacked(source, target, change) -> None:
    """A copy of the package with one entry's bytes changed but the manifest left as it was."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            copy.writestr(name, change(name, data))


def test_a_tampered_package_is_refused_and_the_database_is_untouched(tmp_path, trip):
    tampered = tmp_path / "tampered.jimopkg"

    def change(name, data):
        if name != "data.sqlite3":
            return data
        return data.replace("外业王磊".encode(), "外业李四".encode())

    edit_project(trip.laptop, trip.project_ids[0], remarks="外业王磊")
    back = trip.send_back()
    repacked(back, tampered, change)
    before = dump(trip.office)
    with pytest.raises(PackageError, match="校验失败"):
        planned(trip.office, tampered)
    assert dump(trip.office) == before


def test_an_entry_slipped_into_a_package_is_refused(tmp_path, trip):
    back = trip.send_back()
    with zipfile.ZipFile(back, "a") as archive:
        archive.writestr("originals/extra.jpg", b"not listed")
    with pytest.raises(PackageError, match="内容与清单不符"):
        planned(trip.office, back)


def test_a_package_of_another_format_version_is_refused(tmp_path, trip):
    newer = tmp_path / "newer.jimopkg"

    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["format_version"] = 2
        return json.dumps(manifest).encode()

    repacked(trip.outbound, newer, change)
    with pytest.raises(PackageError, match="格式版本为 2"):
        planned(trip.office, newer)


def test_a_file_that_is_not_a_package_is_refused(trip):
    with pytest.raises(PackageError, match="不是完整的外业包"):
        planned(trip.office, trip.office_path())
    with pytest.raises(PackageError, match="找不到"):
        planned(trip.office, trip.folder / "missing.jimopkg")


def test_the_laptop_takes_the_offices_later_edits_and_keeps_its_own(tmp_path, trip):
    office, laptop = trip.office, trip.laptop
    a, b = trip.project_ids[:2]
    edit_project(office, a, planning_status="规划方案已审定")
    edit_project(laptop, b, demolition_status="现场：拆迁完成")
    fresh = tmp_path / "fresh.jimopkg"
    field_package.export_package(office, fresh, trip.project_ids)
    plan, _ = merged(laptop, fresh)
    assert plan.conflicts == []
    assert projects.get(laptop, a).planning_status == "规划方案已审定"
    assert projects.get(laptop, b).demolition_status == "现场：拆迁完成"
    assert planned(laptop, fresh).is_empty


def test_a_deletion_in_the_field_travels_back(tmp_path, trip):
    office, laptop, a = trip.office, trip.laptop, trip.project_ids[0]
    problem_id = problems.raise_problem(office, a, "围挡缺失")
    problem_uuid = records.get(office, "problems", problem_id)["uuid"]
    fresh = tmp_path / "fresh.jimopkg"
    field_package.export_package(office, fresh, trip.project_ids)
    merged(laptop, fresh)
    on_laptop = laptop.execute("SELECT id FROM problems WHERE uuid = ?", [problem_uuid]).fetchone()
    records.delete(laptop, "problems", on_laptop[0])
    merged(office, trip.send_back())
    assert records.get(office, "problems", problem_id)["deleted_at"] is not None


def test_a_month_reported_on_both_sides_meets_its_twin_instead_of_doubling(trip):
    office, laptop, a = trip.office, trip.laptop, trip.project_ids[0]
    progress.upsert_report(office, a, "2020-07", {"image_progress": "主体施工"})
    progress.upsert_report(laptop, a, "2020-07", {"image_progress": "主体封顶"})
    plan, _ = merged(office, trip.send_back(), Side.FIELD)
    assert [(c.field, c.has_base) for c in plan.conflicts] == [("image_progress", False)]
    july = "SELECT image_progress FROM progress_reports WHERE project_id = ? AND period = '2020-07'"
    assert office.execute(july, [a]).fetchall() == [("主体封顶",)]


def test_exporting_an_unknown_project_is_refused(tmp_path, trip):
    with pytest.raises(PackageError, match="没有这些项目"):
        field_package.export_package(trip.office, tmp_path / "x.jimopkg", [9999])


def test_a_package_from_an_older_version_is_migrated_like_any_database(tmp_path, trip):
    """Its rows are checked at the version it claims, then migrated as a database would be."""

    record_inspection(trip.laptop, trip.project_ids[1], trip.folder / "laptop", photo_count=1)
    older = forge(
        trip.send_back(),
        tmp_path / "older.jimopkg",
        change_data=lambda data: as_older_version(data, FIRST_SCHEMA_WITH_PACKAGES),
    )
    plan, result = merged(trip.office, older)
    assert result.added == len(plan.additions) > 0 and result.files == 1
    assert planned(trip.office, older).is_empty
