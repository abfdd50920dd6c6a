"""`jimo-desktop import-excel` on tables as offices publish them (issue 17): a range or a
place naming several units is refused at its cell with exit 1 and nothing written, and the
option that answers it imports the file."""

import sqlite3
from pathlib import Path

from tests.unit.excel.office_tables import office_table, report_table
from tests.unit.test_import_command import run_cli

HEADER = ("序号", "项目名称", "建设地点", "所属产业", "总投资", "项目类别")
STATEMENT = ("填报单位（盖章）：", None, None, None, "金额单位：亿元")


def totals(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name, total_investment FROM projects").fetchall()
    return dict(rows)


def test_a_range_is_refused_at_its_cell_unless_ranges_answers_it(tmp_path):
    rows = [[1, "甲项目", "环秀街道XX路", "新材料", "约1.5", "签约"],
            [2, "乙项目", "蓝谷核心区", "新材料", "5-8", "在建"]]  # fmt: skip
    path = office_table(tmp_path / "表.xlsx", HEADER, rows, statement=STATEMENT)
    database = tmp_path / "jimo.sqlite3"
    refused = run_cli("import-excel", path, "--db", database, cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "表.xlsx “Sheet1”表 第5行 E列（总投资）：“5-8”是区间，请改为一个数，"
        "或选择取下限、取上限或不填（命令行用 --ranges lower|upper|blank）",
        "共 1 处问题，未写入任何数据",
    ]
    assert totals(database) == {}
    done = run_cli("import-excel", path, "--db", database, "--ranges", "upper", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "提示：表.xlsx “Sheet1”表 第4行 E列（总投资）：“约1.5”按所写数字记为 15,000.00 万元" in (
        done.stdout
    )
    assert "“签约”记为阶段“储备”" in done.stdout
    assert totals(database) == {"甲项目": 1_500_000, "乙项目": 8_000_000}


def test_a_place_naming_two_units_is_refused_at_its_cell_unless_a_unit_is_given(tmp_path):
    rows = [[1, "甲项目", "龙泉街道、龙山街道", "新材料", 1, "在建"]]
    path = office_table(tmp_path / "表.xlsx", HEADER, rows, statement=STATEMENT)
    database = tmp_path / "jimo.sqlite3"
    refused = run_cli("import-excel", path, "--db", database, cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        "表.xlsx “Sheet1”表 第4行 C列（建设地点）：无法确定区位：“龙泉街道、龙山街道”"
        "写了多个区位（龙泉街道、龙山街道）；"
        "请写明一个区位，或加“区位”列，或指定区位（命令行用 --unit）"
    )
    done = run_cli("import-excel", path, "--db", database, "--unit", "龙山街道", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert totals(database) == {"甲项目": 1_000_000}


def test_a_report_row_of_a_new_project_is_added_only_with_create_missing(tmp_path):
    rows = [[1, "新签约智能制造产业园", "蓝村镇", 5, 0.12, "土方施工"]]
    path = report_table(tmp_path / "推进表.xlsx", rows, year=2022, statement=STATEMENT)
    database = tmp_path / "jimo.sqlite3"
    asked = run_cli("import-excel", path, "--db", database, cwd=tmp_path)
    assert asked.returncode == 0, asked.stderr
    assert "待确认（未导入）：推进表.xlsx “Sheet1”表 第4行：项目库中没有“新签约智能制造产业园”" in (
        asked.stdout
    )
    assert "可加 --create-missing 一并导入" in asked.stdout
    assert totals(database) == {}
    done = run_cli("import-excel", path, "--db", database, "--create-missing", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert totals(database) == {"新签约智能制造产业园": 5_000_000}
