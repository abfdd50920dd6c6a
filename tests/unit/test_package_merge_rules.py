"""What merge-package decides, and shows, beyond row-by-row three-way merging: a deletion met
by the field's changes, a package from another database, the changes listed field by field,
and a merge that changes nothing.
"""

import pytest

from jimo_desktop import cli
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import problems
from tests.unit.field_trip import (
    another_office,
    backups_of,
    edit_project,
    leader_conflict,
    record_inspection,
    start_trip,
)


@pytest.fixture
def trip(tmp_path):
    trip = start_trip(tmp_path)
    yield trip
    trip.close()


def dump(db) -> str:
    return "\n".join(db.conn.iterdump())


def merge(capsys, database, package, *options) -> tuple[int, str, str]:
    status = cli.main(["merge-package", str(package), "--db", str(database), *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def problem_texts(db) -> list[str]:
    """The 问题清单 as the office sees it."""
    return [row.description for row in problems.list_problems(db)]


def deleted_in_the_office_changed_in_the_field(trip):
    a = trip.project_ids[0]
    projects.delete(trip.office, a)
    edit_project(trip.laptop, a, land_status="现场：土地已摘牌")
    problems.raise_problem(trip.laptop, a, "围挡缺失，需督促施工单位整改")
    return a, trip.send_back()


def test_a_project_deleted_in_the_office_and_changed_in_the_field_is_a_conflict(trip, capsys):
    a, back = deleted_in_the_office_changed_in_the_field(trip)
    name = projects.get(trip.laptop, a).name
    status, printed, _ = merge(capsys, trip.office_path(), back, "--dry-run")
    assert status == 0
    lines = printed.splitlines()
    assert lines[2] == "冲突：1 处"
    assert name[:10] in lines[3] and "删除" in lines[3]
    assert "办公室「已删除」" in lines[3] and "土地" in lines[3] and "问题清单" in lines[3]
    before = dump(trip.office)
    status, _, error = merge(capsys, trip.office_path(), back)
    assert status == 1 and "1 处冲突" in error
    assert dump(trip.office) == before


def test_taking_the_fields_side_restores_the_project_with_its_new_problem(trip, capsys):
    a, back = deleted_in_the_office_changed_in_the_field(trip)
    status, _, _ = merge(capsys, trip.office_path(), back, "--prefer", "field")
    assert status == 0
    assert projects.get(trip.office, a).land_status == "现场：土地已摘牌"
    assert "围挡缺失，需督促施工单位整改" in problem_texts(trip.office)


def test_keeping_the_deletion_adds_nothing_to_the_deleted_project(trip, capsys):
    a, back = deleted_in_the_office_changed_in_the_field(trip)
    status, _, _ = merge(capsys, trip.office_path(), back, "--prefer", "office")
    assert status == 0
    with pytest.raises(projects.NotFoundError):
        projects.get(trip.office, a)
    attached = trip.office.execute(
        "SELECT COUNT(*) FROM problems WHERE description = '围挡缺失，需督促施工单位整改'"
    ).fetchone()[0]
    assert attached == 0, "no problem hidden under a deleted project"
    status, printed, _ = merge(capsys, trip.office_path(), back)
    assert status == 0
    assert printed.strip() == "没有需要合并的变化：外业包中的内容都已在本数据库中。"


@pytest.fixture
def other_office(tmp_path):
    db = another_office(tmp_path / "other")
    yield db, tmp_path / "other" / "jimo.sqlite3"
    db.conn.close()


def test_a_package_from_another_database_is_refused(trip, other_office, capsys):
    other, other_path = other_office
    edit_project(trip.laptop, trip.project_ids[1], demolition_status="现场：拆迁完成")
    back = trip.send_back()
    before = dump(other)
    status, printed, error = merge(capsys, other_path, back, "--prefer", "field")
    assert status == 1 and printed == ""
    assert "不是从本数据库导出的" in error and "--foreign" in error
    assert len(error.strip().splitlines()) == 1
    assert dump(other) == before


def test_a_foreign_package_is_matched_by_code_and_name_when_the_officer_insists(
    trip, other_office, capsys
):
    other, other_path = other_office
    b = trip.project_ids[1]
    name = projects.get(trip.laptop, b).name
    edit_project(trip.laptop, b, demolition_status="现场：拆迁完成")
    record_inspection(trip.laptop, b, trip.folder / "laptop", photo_count=1)
    back = trip.send_back()
    count = projects.count(other)

    status, printed, _ = merge(capsys, other_path, back, "--foreign", "--dry-run")
    assert status == 0
    matches = [line for line in printed.splitlines() if "→ 本数据库" in line]
    assert len(matches) == len(trip.project_ids)
    assert any(name[:10] in line and "项目代码" in line for line in matches)

    status, printed, _ = merge(capsys, other_path, back, "--foreign", "--prefer", "field")
    assert status == 0
    assert projects.count(other) == count, "no project twice"
    (matched,) = other.execute("SELECT id FROM projects WHERE name = ?", [name]).fetchall()
    assert projects.get(other, matched[0]).demolition_status == "现场：拆迁完成"
    visited = other.execute(
        "SELECT COUNT(*) FROM inspection_projects WHERE project_id = ?", matched
    ).fetchone()[0]
    assert visited == 1


def test_the_dry_run_lists_each_changed_field_with_base_office_and_field(trip, capsys):
    b, c = trip.project_ids[1:3]
    base_text = projects.get(trip.office, b).demolition_status or "（空）"
    edit_project(trip.laptop, b, demolition_status="现场：拆迁完成")
    record_inspection(trip.laptop, c, trip.folder / "laptop", photo_count=1)
    back = trip.send_back()
    status, printed, _ = merge(capsys, trip.office_path(), back, "--dry-run")
    assert status == 0
    name_b = projects.get(trip.office, b).name
    name_c = projects.get(trip.office, c).name
    (changed,) = [line for line in printed.splitlines() if "外业「现场：拆迁完成」" in line]
    assert name_b[:10] in changed
    assert f"拆迁：原值「{base_text}」｜办公室「{base_text}」｜外业「现场：拆迁完成」" in changed
    added = [line for line in printed.splitlines() if "新增" in line and name_c[:10] in line]
    assert any("现场督查" in line for line in added)


def test_a_merge_that_changes_nothing_writes_no_backup(trip, capsys):
    a = trip.project_ids[0]
    back = leader_conflict(trip)
    before = backups_of(trip.office_path())
    status, printed, _ = merge(capsys, trip.office_path(), back, "--prefer", "office")
    assert status == 0
    assert backups_of(trip.office_path()) == before
    assert "合并前的备份" not in printed and "未改变" in printed
    assert projects.get(trip.office, a).leader == "王守仁"
    status, printed, _ = merge(capsys, trip.office_path(), back)
    assert printed.strip() == "没有需要合并的变化：外业包中的内容都已在本数据库中。"
