"""A submission crafted to smuggle formulas into the bureau's exports, run through the real
commands: `import-excel` cleans what nobody can see and says where, and every `export-excel`
(the project sheet, --period, --by-batch) writes text as text, never a formula."""

import sqlite3

import pytest

from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx
from tests.unit.test_cli import run_cli
from tests.unit.xlsx_cells import formula_elements, text_cells, unsafe_cells

# _x0001_ is how a cell's XML holds U+0001: openpyxl writes it as it is, Excel and the
# importer's reader read the control character.
HYPERLINK = '=HYPERLINK("http://example.invalid/x","点此查看")'
DDE = "=cmd|' /C calc'!A0"
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
NAMES = {
    f"_x0001_{HYPERLINK}": HYPERLINK,
    f"\u200b\u202e{DDE}": DDE,
    f"\ufeff{SUM}": SUM,
    "海洋\u200d生物\u2066医药\u2069产业园": "海洋生物医药产业园",
}
PROGRESS_HEADER = [
    "序号",
    "项目名称",
    "1-6月累计完成投资（万元）",
    "形象进度",
    "存在问题",
    "是否纳统",
]
PROGRESS_TITLE = "即墨区2020年1-6月重点项目推进情况表"


def imported_names(database) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM projects ORDER BY id")]


def progress_texts(database) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT image_progress, problems_noted FROM progress_reports ORDER BY project_id"
        ).fetchall()


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """A database that imported the crafted 申报表 and then a crafted 调度表 of June."""
    folder = tmp_path_factory.mktemp("attack")
    database = folder / "jimo.sqlite3"
    rows = [project_row(number, name) for number, name in enumerate(NAMES, start=1)]
    projects = write_xlsx(folder / "申报.xlsx", SheetSpec("新开工", submission(*rows)))
    imported = run_cli("import-excel", projects, "--db", database, cwd=folder)
    # Names starting with "=" would be formulas here: the two others are reported on.
    report_rows = [
        [1, SUM, 1200, f"_x0007_{HYPERLINK}", "\t_x000B_+1+cmd|' /C calc'!A0", "是"],
        [2, "海洋生物医药产业园", 300, "＝1+1", "\u2067-2+3\u2069", "否"],
    ]
    sheet = [[PROGRESS_TITLE], ["填报单位：通济街道"], PROGRESS_HEADER, *report_rows]
    report = write_xlsx(folder / "调度.xlsx", SheetSpec("Sheet1", sheet))
    reported = run_cli("import-excel", report, "--db", database, cwd=folder)
    return folder, database, imported, reported


def test_the_import_cleans_every_hidden_character_and_says_at_which_cell(attacked):
    _, database, imported, reported = attacked
    assert imported.returncode == 0, imported.stderr
    assert imported_names(database) == list(NAMES.values())
    notes = [line for line in imported.stdout.splitlines() if line.startswith("提示：")]
    assert notes == [
        "提示：申报.xlsx “新开工”表 第4行 项目名称：有看不见的字符（U+0001），导入时已删除",
        "提示：申报.xlsx “新开工”表 第5行 项目名称：有看不见的字符（U+200B、U+202E），导入时已删除",
        "提示：申报.xlsx “新开工”表 第6行 项目名称：有看不见的字符（U+FEFF），导入时已删除",
        "提示：申报.xlsx “新开工”表 第7行 项目名称："
        "有看不见的字符（U+200D、U+2066、U+2069），导入时已删除",
    ]
    assert reported.returncode == 0, reported.stderr
    assert "调度.xlsx “Sheet1”表 第4行 形象进度：有看不见的字符（U+0007）" in reported.stdout
    assert "调度.xlsx “Sheet1”表 第4行 存在问题：有看不见的字符（U+000B）" in reported.stdout
    assert (
        "调度.xlsx “Sheet1”表 第5行 存在问题：有看不见的字符（U+2067、U+2069）" in reported.stdout
    )
    assert progress_texts(database) == [
        (HYPERLINK, "+1+cmd|' /C calc'!A0"),
        ("＝1+1", "-2+3"),
    ]


@pytest.mark.parametrize(
    "options",
    [[], ["--by-batch"], ["--period", "2020-06"], ["--period", "2020-06", "--by-batch"]],
    ids=["sheet", "by-batch", "period", "period-by-batch"],
)
def test_every_export_writes_the_crafted_texts_as_text(attacked, tmp_path, options):
    folder, database, _, _ = attacked
    out = tmp_path / "清单.xlsx"
    year = [] if options[:1] == ["--period"] else ["--year", "2020"]
    result = run_cli("export-excel", out, "--db", database, *year, *options, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert formula_elements(out) == []
    assert unsafe_cells(out) == []
    written = {cell.value: cell for cell in text_cells(out).values()}
    for name in NAMES.values():
        assert written[name].data_type == "s"
    if options[:1] == ["--period"]:
        assert {HYPERLINK, "+1+cmd|' /C calc'!A0", "＝1+1", "-2+3"} <= written.keys()
        assert written["＝1+1"].quotePrefix
