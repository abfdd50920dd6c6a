"""Characters nobody can see in a submission: taken out before the sheet is looked at, so a
header, a title or a name reads as the officer sees it, and each cleaned cell said once."""

from jimo_desktop.domain.project import Stage
from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.excel.importing.plan import Action
from tests.unit.excel.workbooks import HEADER, SheetSpec, project_row, submission, write_xlsx


def test_a_header_with_a_zero_width_space_is_recognised_and_the_cell_named(db, tmp_path):
    rows = submission(project_row(1, "海洋产业园"))
    rows[2] = [f"{header[:1]}\u200b{header[1:]}" for header in HEADER]
    plan = plan_import(db, [write_xlsx(tmp_path / "表.xlsx", SheetSpec("新开工", rows))])
    assert plan.all_problems() == []
    assert [row.name for row in plan.rows] == ["海洋产业园"]
    assert "表.xlsx “新开工”表 第3行 B列：有看不见的字符（U+200B），导入时已删除" in plan.notes


def test_a_merged_title_is_cleaned_in_every_cell_and_said_once(db, tmp_path):
    rows = submission(project_row(1, "海洋产业园"), title="\ufeff即墨区2020年重点项目申报表")
    spec = SheetSpec("新开工", rows, merged=["A1:I1"])
    plan = plan_import(db, [write_xlsx(tmp_path / "表.xlsx", spec)])
    assert plan.notes == ["表.xlsx “新开工”表 第1行 A列：有看不见的字符（U+FEFF），导入时已删除"]
    assert plan.rows[0].year == 2020


def test_a_name_differing_only_by_hidden_characters_is_the_kept_project(db, tmp_path):
    first = write_xlsx(
        tmp_path / "一.xlsx", SheetSpec("新开工", submission(project_row(1, "海洋产业园")))
    )
    apply_import(db, plan_import(db, [first]))
    again = submission(project_row(1, "海洋\u200b产业园\u2060"))
    plan = plan_import(db, [write_xlsx(tmp_path / "二.xlsx", SheetSpec("新开工", again))])
    assert [(row.name, row.action) for row in plan.rows] == [("海洋产业园", Action.UNCHANGED)]
    assert plan.rows[0].notes == [
        "二.xlsx “新开工”表 第4行 项目名称：有看不见的字符（U+200B、U+2060），导入时已删除"
    ]


def test_a_sheet_name_is_read_without_hidden_characters_and_said(db, tmp_path):
    rows = submission(project_row(1, "海洋产业园"))
    sheet = SheetSpec("\u202e储\u200b备", rows)
    plan = plan_import(db, [write_xlsx(tmp_path / "表.xlsx", sheet)])
    assert plan.notes == [
        "表.xlsx “储备”表：工作表名称有看不见的字符（U+202E、U+200B），导入时已删除"
    ]
    assert plan.rows[0].project.stage is Stage.RESERVE
    assert str(plan.rows[0].where) == "表.xlsx “储备”表 第4行"
