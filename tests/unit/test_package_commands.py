"""export-package and merge-package as the command line contract has them.

Exit status 0 on success, 1 on bad input (a refused package, an unresolved conflict), 2 on
bad usage; errors on stderr in one line.
"""

import pytest

from jimo_desktop import cli
from jimo_desktop.store.project_library import projects
from tests.unit.field_trip import edit_project, record_inspection, start_trip


@pytest.fixture
def trip(tmp_path):
    trip = start_trip(tmp_path)
    yield trip
    trip.close()


def run(capsys, *args) -> tuple[int, str, str]:
    status = cli.main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_export_package_writes_the_chosen_projects(tmp_path, trip, capsys):
    out = tmp_path / "two.jimopkg"
    ids = ",".join(map(str, trip.project_ids[:2]))
    status, printed, _ = run(
        capsys, "export-package", out, "--db", trip.office_path(), "--projects", ids
    )
    assert status == 0
    assert out.exists()
    assert f"已导出外业包 {out}" in printed and "2 个项目" in printed


def test_export_package_takes_every_project_without_a_choice(tmp_path, trip, capsys):
    status, printed, _ = run(
        capsys, "export-package", tmp_path / "all.jimopkg", "--db", trip.office_path()
    )
    assert status == 0
    assert f"{projects.count(trip.office)} 个项目" in printed


def test_export_package_refuses_an_unknown_project_in_one_line(tmp_path, trip, capsys):
    status, _, error = run(
        capsys,
        "export-package",
        tmp_path / "x.jimopkg",
        "--db",
        trip.office_path(),
        "--projects",
        "999",
    )
    assert status == 1
    assert error.strip() == "没有这些项目（或已删除）：999"


def test_export_package_with_unreadable_project_numbers_is_bad_usage(tmp_path, trip, capsys):
    with pytest.raises(SystemExit) as stopped:
        run(
            capsys,
            "export-package",
            tmp_path / "x.jimopkg",
            "--db",
            trip.office_path(),
            "--projects",
            "a,b",
        )
    assert stopped.value.code == 2
    assert "项目编号应为逗号分隔的数字" in capsys.readouterr().err


def test_a_missing_database_is_bad_input(tmp_path, capsys):
    status, _, error = run(
        capsys, "merge-package", tmp_path / "p.jimopkg", "--db", tmp_path / "no.sqlite3"
    )
    assert status == 1
    assert "数据库文件不存在" in error


def conflicting_return(trip):
    edit_project(trip.office, trip.project_ids[0], land_status="办公室：已挂牌")
    edit_project(trip.laptop, trip.project_ids[0], land_status="现场：已摘牌")
    record_inspection(trip.laptop, trip.project_ids[1], trip.folder / "laptop", photo_count=1)
    return trip.send_back()


def test_the_dry_run_prints_additions_updates_and_conflicts_and_writes_nothing(trip, capsys):
    back = conflicting_return(trip)
    before = "\n".join(trip.office.conn.iterdump())
    status, printed, _ = run(capsys, "merge-package", back, "--db", trip.office_path(), "--dry-run")
    assert status == 0
    lines = printed.splitlines()
    assert (
        lines[0].startswith("将新增：") and "现场督查 1 条" in lines[0] and "照片 1 条" in lines[0]
    )
    assert lines[1] == "将更新：无"
    assert lines[2] == "冲突：1 处"
    assert (
        "土地" in lines[3]
        and "办公室「办公室：已挂牌」" in lines[3]
        and "外业「现场：已摘牌」" in lines[3]
    )
    assert "\n".join(trip.office.conn.iterdump()) == before


def test_a_conflict_without_a_chosen_side_is_reported_and_nothing_is_written(trip, capsys):
    back = conflicting_return(trip)
    before = "\n".join(trip.office.conn.iterdump())
    status, _, error = run(capsys, "merge-package", back, "--db", trip.office_path())
    assert status == 1
    assert "有 1 处冲突，未写入任何内容" in error and "--prefer" in error
    assert "\n".join(trip.office.conn.iterdump()) == before


def test_prefer_decides_every_conflict_and_a_second_merge_reports_no_changes(trip, capsys):
    back = conflicting_return(trip)
    status, printed, _ = run(
        capsys, "merge-package", back, "--db", trip.office_path(), "--prefer", "field"
    )
    assert status == 0
    assert "1 处冲突采用外业的值" in printed and "合并前的备份" in printed
    assert projects.get(trip.office, trip.project_ids[0]).land_status == "现场：已摘牌"
    status, printed, _ = run(capsys, "merge-package", back, "--db", trip.office_path())
    assert status == 0
    assert printed.strip() == "没有需要合并的变化：外业包中的内容都已在本数据库中。"


def test_a_damaged_package_is_refused_in_one_line(tmp_path, trip, capsys):
    damaged = tmp_path / "damaged.jimopkg"
    damaged.write_bytes(trip.outbound.read_bytes()[:2000])
    status, printed, error = run(capsys, "merge-package", damaged, "--db", trip.office_path())
    assert status == 1
    assert printed == ""
    assert len(error.strip().splitlines()) == 1 and "不是完整的外业包" in error


def test_a_long_text_from_the_field_is_cut_in_the_dry_run_with_its_length(trip, capsys):
    """A laptop's 100,000-character remark: the dry run printed it whole on one line."""
    pasted = "长" * 100_000
    edit_project(trip.laptop, trip.project_ids[0], remarks=pasted)
    back = trip.send_back()
    status, printed, _ = run(capsys, "merge-package", back, "--db", trip.office_path(), "--dry-run")
    assert status == 0
    [line] = [text for text in printed.splitlines() if "备注" in text]
    assert "外业「" + "长" * 59 + "…（共100000字）」" in line and len(line) < 300
