"""`jimo-desktop import-excel` as scripts and officers run it: exit 0 when imported, 1 with
one line per problem on stderr and nothing written, 2 for usage slips."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jimo_desktop import paths
from tests.unit.excel.workbooks import (
    SheetSpec,
    project_row,
    submission,
    write_encrypted_xlsx,
    write_xls,
    write_xlsx,
)

# Registers the subcommand when cli.COMMANDS does not list it yet; `python -m jimo_desktop`
# behaves the same once it does.
_MAIN = (
    "import sys; from jimo_desktop import cli; "
    "cli.COMMANDS.setdefault('import-excel', 'import_excel'); sys.exit(cli.main(sys.argv[1:]))"
)


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, paths.DATA_DIR_VARIABLE: str(cwd / "user-data"), "HOME": str(cwd / "home")}
    return subprocess.run(
        [sys.executable, "-c", _MAIN, *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def names(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name FROM projects ORDER BY id").fetchall()
    return [row[0] for row in rows]


@pytest.fixture
def good_file(tmp_path) -> Path:
    rows = submission(project_row(1, "海洋生物医药产业园项目"), project_row(2, "石墨烯生产线"))
    return write_xlsx(tmp_path / "通济街道.xlsx", SheetSpec("新开工", rows))


def test_a_submission_is_imported_once_however_often_it_is_given(tmp_path, good_file):
    database = tmp_path / "jimo.sqlite3"
    result = run_cli("import-excel", good_file, "--db", database, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已导入 1 个文件：新增 2 项，更新 0 项，无变化 0 项，跳过 0 项" in result.stdout
    assert names(database) == ["海洋生物医药产业园项目", "石墨烯生产线"]
    again = run_cli("import-excel", good_file, "--db", database, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "新增 0 项，更新 0 项，无变化 2 项" in again.stdout
    assert len(names(database)) == 2


def test_a_dry_run_says_what_would_happen_and_writes_nothing(tmp_path, good_file):
    database = tmp_path / "jimo.sqlite3"
    result = run_cli("import-excel", good_file, "--db", database, "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "试运行，未写入数据库。将要：新增 2 行" in result.stdout
    assert names(database) == []


def test_bad_values_exit_1_with_one_line_each_and_nothing_written(tmp_path, good_file):
    rows = submission(project_row(1, "好项目"), project_row(2, "坏项目", total="待定"))
    bad = write_xls(tmp_path / "龙山.xls", SheetSpec("新开工", rows))
    database = tmp_path / "jimo.sqlite3"
    result = run_cli("import-excel", good_file, bad, "--db", database, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "龙山.xls “新开工”表 第5行 E列（总投资（万元））："
        "“待定”不是金额，应为数字（万元），如 12500 或 1.5亿元",
        "共 1 处问题，未写入任何数据",
    ]
    assert names(database) == []


def test_a_password_protected_file_is_bad_input(tmp_path):
    locked = write_encrypted_xlsx(tmp_path / "加密.xlsx")
    result = run_cli("import-excel", locked, "--db", tmp_path / "j.sqlite3", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "加密.xlsx：文件有密码保护，请在Excel中去掉密码另存后再导入"
    )


def test_the_unit_option_places_a_sheet_that_names_none(tmp_path):
    rows = [["项目名称", "总投资"], ["无区位项目", 100]]
    path = write_xlsx(tmp_path / "表.xlsx", SheetSpec("Sheet1", rows))
    database = tmp_path / "jimo.sqlite3"
    refused = run_cli("import-excel", path, "--db", database, cwd=tmp_path)
    assert refused.returncode == 1
    assert "请指定区位（命令行用 --unit）" in refused.stderr
    result = run_cli(
        "import-excel", path, "--db", database, "--unit", "蓝谷", "--year", "2020", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert names(database) == ["无区位项目"]


def test_near_matches_are_listed_and_not_imported(tmp_path, good_file):
    database = tmp_path / "jimo.sqlite3"
    run_cli("import-excel", good_file, "--db", database, cwd=tmp_path)
    near = write_xlsx(
        tmp_path / "v2.xlsx", SheetSpec("新开工", submission(project_row(1, "海洋生物医药产业园")))
    )
    result = run_cli("import-excel", near, "--db", database, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "待确认（未导入）：v2.xlsx “新开工”表 第4行：“海洋生物医药产业园”是否就是已有项目"
        "“海洋生物医药产业园项目”（通济街道）？" in result.stdout
    )
    assert "跳过 1 项" in result.stdout
    assert len(names(database)) == 2


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--period", "2020-13"], "月份应为 YYYY-MM"),
        (["--year", "20"], "年度应为 2000–2100 之间的数字"),
        (["--kind", "budget"], "无效的选择："),
        (["--unit", "城阳街道"], "区位“城阳街道”不在区位字典中"),
    ],
)
def test_usage_slips_exit_2(tmp_path, good_file, arguments, expected):
    database = tmp_path / "jimo.sqlite3"
    result = run_cli("import-excel", good_file, "--db", database, *arguments, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr


def test_without_db_it_is_a_usage_error_and_touches_no_database(tmp_path, good_file):
    result = run_cli("import-excel", good_file, cwd=tmp_path)
    assert result.returncode == 2
    assert "--db" in result.stderr
    assert not list(tmp_path.rglob("*.sqlite3"))


@pytest.fixture
def database_in_2031(tmp_path) -> Path:
    """A database whose business date (the clock the program works on) is in 2031."""
    from jimo_desktop.store import settings
    from jimo_desktop.store.database import open_database

    database = tmp_path / "jimo.sqlite3"
    db = open_database(database)
    settings.put(db, settings.BUSINESS_DATE, "2031-06-30")
    db.conn.close()
    return database


def dump(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return list(connection.iterdump())


def listed_years(database: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT p.name, y.year FROM project_years y JOIN projects p ON p.id = y.project_id"
        ).fetchall()


@pytest.fixture
def yearless_file(tmp_path) -> Path:
    rows = submission(project_row(1, "海洋生物医药产业园项目"), title="即墨区重点项目申报表")
    rows[2] = [header.replace("2020年", "") for header in rows[2]]
    return write_xlsx(tmp_path / "通济街道.xlsx", SheetSpec("新开工", rows))


def test_a_sheet_stating_no_year_is_refused_in_one_line_and_nothing_written(
    tmp_path, database_in_2031, yearless_file
):
    before = dump(database_in_2031)
    result = run_cli("import-excel", yearless_file, "--db", database_in_2031, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "通济街道.xlsx “新开工”表：未能从表名、标题或文件名确定年度，请指定年度（命令行用 --year）",
        "共 1 处问题，未写入任何数据",
    ]
    assert dump(database_in_2031) == before


def test_the_year_given_files_a_sheet_stating_none_and_the_summary_says_so(
    tmp_path, database_in_2031, yearless_file
):
    arguments = ("import-excel", yearless_file, "--db", database_in_2031, "--year", "2020")
    result = run_cli(*arguments, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "已导入 1 个文件：新增 1 项，更新 0 项，无变化 0 项，跳过 0 项；归入2020年（按指定）"
    )
    assert listed_years(database_in_2031) == [("海洋生物医药产业园项目", 2020)]


def test_the_summary_line_names_the_year_read_from_the_file(tmp_path, database_in_2031, good_file):
    result = run_cli("import-excel", good_file, "--db", database_in_2031, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("；归入2020年（取自标题）")
    assert {year for _, year in listed_years(database_in_2031)} == {2020}


def test_a_year_given_against_the_file_is_refused_naming_both(
    tmp_path, database_in_2031, good_file
):
    before = dump(database_in_2031)
    arguments = ("import-excel", good_file, "--db", database_in_2031, "--year", "2021")
    result = run_cli(*arguments, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "通济街道.xlsx “新开工”表：文件写明2020年（取自标题），与指定的年度2021年不符；"
        "请核对文件或所指定的年度"
    )
    assert dump(database_in_2031) == before


def test_a_period_outside_the_year_given_is_a_usage_error(tmp_path, good_file):
    arguments = ("--year", "2020", "--period", "2021-06")
    result = run_cli("import-excel", good_file, "--db", tmp_path / "j.sqlite3", *arguments,
                     cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert "--period 2021-06 不在 --year 2020 年内" in result.stderr


def month_report(tmp_path, month: int, *rows) -> Path:
    header = ["序号", "项目名称", f"1-{month}月累计完成投资（万元）", "形象进度", "存在问题"]
    title = f"即墨区2020年1-{month}月重点项目推进情况表"
    sheet = [[title], ["填报单位：通济街道"], header, *rows]
    return write_xlsx(tmp_path / f"{month}月调度.xlsx", SheetSpec("Sheet1", sheet))


def completed(database: Path, period: str) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT p.name, r.completed_this_year FROM progress_reports r"
            " JOIN projects p ON p.id = r.project_id WHERE r.period = ?",
            [period],
        ).fetchall()
    return dict(rows)


def test_a_cumulative_below_last_month_is_asked_and_imported_only_when_confirmed(
    tmp_path, good_file
):
    database = tmp_path / "jimo.sqlite3"
    run_cli("import-excel", good_file, "--db", database, cwd=tmp_path)
    may = month_report(
        tmp_path,
        5,
        [1, "海洋生物医药产业园项目", 7088, "主体施工", "无"],
        [2, "石墨烯生产线", 500, "", ""],
    )
    assert run_cli("import-excel", may, "--db", database, cwd=tmp_path).returncode == 0
    june = month_report(
        tmp_path,
        6,
        [1, "海洋生物医药产业园项目", 7000, "主体封顶", "无"],
        [2, "石墨烯生产线", 600, "", ""],
    )

    asked = run_cli("import-excel", june, "--db", database, cwd=tmp_path)

    assert asked.returncode == 0, asked.stderr
    question = (
        "6月调度.xlsx “Sheet1”表 第4行 C列（1-6月累计完成投资（万元））："
        "“海洋生物医药产业园项目”1-6月累计低于1-5月累计（7,088.00万元），确认？"
    )
    assert f"待确认（未导入）：{question}" in asked.stdout.splitlines()
    assert "跳过 1 项" in asked.stdout
    assert completed(database, "2020-06") == {"石墨烯生产线": 600_00}

    confirmed = run_cli(
        "import-excel", june, "--db", database, "--confirm-cumulative", cwd=tmp_path
    )

    assert confirmed.returncode == 0, confirmed.stderr
    assert f"已确认：{question}" in confirmed.stdout.splitlines()
    assert completed(database, "2020-06") == {
        "海洋生物医药产业园项目": 7_000_00,
        "石墨烯生产线": 600_00,
    }


def test_a_report_with_since_start_below_this_year_is_refused_at_its_cell(tmp_path, good_file):
    database = tmp_path / "jimo.sqlite3"
    run_cli("import-excel", good_file, "--db", database, cwd=tmp_path)
    header = ["序号", "项目名称", "1-6月累计完成投资（万元）", "开工至今累计完成投资（万元）"]
    sheet = [["即墨区2020年1-6月重点项目推进情况表"], ["填报单位：通济街道"], header]
    sheet.append([1, "海洋生物医药产业园项目", 7000, 6000])
    path = write_xlsx(tmp_path / "6月调度.xlsx", SheetSpec("Sheet1", sheet))

    result = run_cli("import-excel", path, "--db", database, cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "6月调度.xlsx “Sheet1”表 第4行 D列（开工至今累计完成投资（万元））："
        "开工至今累计不应小于本年累计完成投资",
        "共 1 处问题，未写入任何数据",
    ]
    assert completed(database, "2020-06") == {}
