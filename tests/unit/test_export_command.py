"""`jimo-desktop export-excel` as officers and scripts run it: a process, its exit status,
its one-line messages, and the file it leaves (or does not)."""

import pytest
from openpyxl import load_workbook

from jimo_desktop.demo.builder import create_demo
from jimo_desktop.excel.sheet_format import FIRST_DATA_ROW, HEADER_ROW
from jimo_desktop.store.monthly import progress
from tests.unit.test_cli import query, run_cli


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A small demo database with one June report, shared by checks that only read it."""
    path = tmp_path_factory.mktemp("export-demo") / "demo.sqlite3"
    db = create_demo(path, project_count=20)
    first = db.execute("SELECT MIN(project_id) FROM project_years WHERE year = 2020").fetchone()[0]
    progress.upsert_report(
        db, first, "2020-06", {"completed_this_year": 123_456, "image_progress": "主体封顶"}
    )
    db.conn.close()
    return path


def listed_count(path, year: int) -> int:
    return query(
        path,
        "SELECT COUNT(*) FROM project_years JOIN projects ON id = project_id"
        f" WHERE year = {year} AND deleted_at IS NULL"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30')",  # none withdrawn by today
    )[0][0]


def headers(sheet) -> list[str]:
    return [cell.value.replace("\n", "") for cell in sheet[HEADER_ROW] if cell.value]


def test_export_writes_the_year_s_projects_and_says_so(tmp_path, demo_file):
    out = tmp_path / "清单.xlsx"
    result = run_cli("export-excel", out, "--db", demo_file, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    count = listed_count(demo_file, 2020)
    assert f"{count} 个项目" in result.stdout
    assert str(out) in result.stdout
    sheet = load_workbook(out).active
    assert sheet.cell(FIRST_DATA_ROW + count, 1).value == "合计"


def test_the_year_defaults_to_the_database_s_current_year(tmp_path, demo_file):
    out = tmp_path / "default.xlsx"
    assert run_cli("export-excel", out, "--db", demo_file, cwd=tmp_path).returncode == 0
    assert load_workbook(out).active["A1"].value.startswith("2020年")


def test_another_year_exports_that_year_s_list(tmp_path, demo_file):
    out = tmp_path / "2019.xlsx"
    result = run_cli("export-excel", out, "--db", demo_file, "--year", "2019", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert load_workbook(out).active["A1"].value.startswith("2019年")
    assert f"{listed_count(demo_file, 2019)} 个项目" in result.stdout


def test_a_period_adds_the_progress_columns(tmp_path, demo_file):
    out = tmp_path / "june.xlsx"
    result = run_cli("export-excel", out, "--db", demo_file, "--period", "2020-06", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).active
    assert "1-6月" in sheet["A1"].value
    assert headers(sheet)[-6:] == [
        "是否纳统",  # the project's, with its date, on every project sheet
        "纳统时间",
        "累计完成投资（万元）",
        "占年度计划（%）",
        "形象进度",
        "存在问题",
    ]
    assert "主体封顶" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_by_batch_writes_a_sheet_per_batch(tmp_path, demo_file):
    out = tmp_path / "batches.xlsx"
    result = run_cli("export-excel", out, "--db", demo_file, "--by-batch", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "开工一批" in load_workbook(out).sheetnames


def test_export_leaves_the_database_unchanged(tmp_path, demo_file):
    before = query(demo_file, "SELECT id, name, updated_at FROM projects ORDER BY id")
    audit_before = query(demo_file, "SELECT COUNT(*) FROM audit_log")
    assert (
        run_cli("export-excel", tmp_path / "x.xlsx", "--db", demo_file, cwd=tmp_path).returncode
        == 0
    )
    assert query(demo_file, "SELECT id, name, updated_at FROM projects ORDER BY id") == before
    assert query(demo_file, "SELECT COUNT(*) FROM audit_log") == audit_before


def test_an_existing_file_is_replaced(tmp_path, demo_file):
    out = tmp_path / "old.xlsx"
    out.write_bytes(b"not a workbook")
    assert run_cli("export-excel", out, "--db", demo_file, cwd=tmp_path).returncode == 0
    assert load_workbook(out).active["A1"].value


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--period", "2020-13"], "2020-13"),
        (["--period", "June"], "June"),
        (["--year", "20"], "20"),
        (["--year", "2019", "--period", "2020-06"], "2020-06"),
    ],
)
def test_a_bad_year_or_period_is_a_usage_error_and_writes_nothing(
    tmp_path, demo_file, arguments, named
):
    out = tmp_path / "bad.xlsx"
    result = run_cli("export-excel", out, "--db", demo_file, *arguments, cwd=tmp_path)
    assert result.returncode == 2
    assert named in result.stderr
    assert not out.exists()


def test_an_output_that_is_not_xlsx_is_a_usage_error(tmp_path, demo_file):
    out = tmp_path / "list.xls"
    result = run_cli("export-excel", out, "--db", demo_file, cwd=tmp_path)
    assert result.returncode == 2
    assert ".xlsx" in result.stderr
    assert not out.exists()


def test_a_missing_database_is_bad_input_and_creates_nothing(tmp_path):
    missing = tmp_path / "missing.sqlite3"
    out = tmp_path / "out.xlsx"
    result = run_cli("export-excel", out, "--db", missing, cwd=tmp_path)
    assert result.returncode == 1
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists()
    assert not out.exists()


def test_a_file_that_is_not_a_database_is_bad_input(tmp_path):
    impostor = tmp_path / "notes.sqlite3"
    impostor.write_text("这不是数据库" * 100, encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = run_cli("export-excel", out, "--db", impostor, cwd=tmp_path)
    assert result.returncode == 1
    assert str(impostor) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_missing_output_folder_is_bad_input(tmp_path, demo_file):
    out = tmp_path / "no-such-folder" / "out.xlsx"
    result = run_cli("export-excel", out, "--db", demo_file, cwd=tmp_path)
    assert result.returncode == 1
    assert "no-such-folder" in result.stderr
    assert not out.parent.exists()
