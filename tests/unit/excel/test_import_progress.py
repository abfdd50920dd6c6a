"""Importing monthly 调度表: rows matched to kept projects by name, the month from the title
or --period (which must agree), 存在问题 turned into open problems once."""

import pytest

from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.excel.importing.plan import Action, Kind
from jimo_desktop.store import settings
from jimo_desktop.store.monthly import progress
from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx

HEADER = ["序号", "项目名称", "1-6月累计完成投资（万元）", "形象进度", "存在问题", "是否纳统"]


@pytest.fixture
def two_projects(db, tmp_path) -> dict[str, int]:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    rows = submission(
        project_row(1, "海洋生物医药产业园项目"), project_row(2, "鹤山路拓宽改造工程（一期）")
    )
    apply_import(db, plan_import(db, [write_xlsx(tmp_path / "申报.xlsx", SheetSpec("续建", rows))]))
    return {name: pid for pid, name in db.execute("SELECT id, name FROM projects").fetchall()}


def report_file(tmp_path, *rows, title="即墨区2020年1-6月重点项目推进情况表", name="调度.xlsx"):
    sheet = [[title], ["填报单位：通济街道"], HEADER, *rows]
    return write_xlsx(tmp_path / name, SheetSpec("Sheet1", sheet))


def reports(db) -> dict[int, progress.MonthReport]:
    return {row.project_id: row.report for row in progress.month_rows(db, "2020-06")}


def open_problems(db) -> list[tuple[int, str, str]]:
    return db.execute(
        "SELECT project_id, description, source FROM problems WHERE status = 'open' ORDER BY id"
    ).fetchall()


def test_a_report_is_recognised_by_its_columns_and_filed_under_the_title_month(
    db, tmp_path, two_projects
):
    path = report_file(
        tmp_path,
        [1, "海洋生物医药产业园项目", "1,200", "主体封顶", "无", "是"],
        [2, "鹤山路拓宽改造工程(一期)", 800, "路基施工", "征地拆迁未完成", "否"],
    )
    plan = plan_import(db, [path])
    assert {row.kind for row in plan.rows} == {Kind.PROGRESS}
    report = apply_import(db, plan)
    assert (report.added, report.problems_raised) == (2, 1)
    marine = reports(db)[two_projects["海洋生物医药产业园项目"]]
    assert (marine.completed_this_year, marine.image_progress) == (120_000, "主体封顶")
    assert marine.in_statistics is True
    road = two_projects["鹤山路拓宽改造工程（一期）"]
    assert open_problems(db) == [(road, "征地拆迁未完成", "import")]


def test_reimporting_a_report_changes_nothing_and_raises_no_second_problem(
    db, tmp_path, two_projects
):
    path = report_file(
        tmp_path, [1, "海洋生物医药产业园项目", 1200, "主体封顶", "资金未到位", "是"]
    )
    apply_import(db, plan_import(db, [path]))
    again = apply_import(db, plan_import(db, [path]))
    assert (again.added, again.updated, again.unchanged, again.problems_raised) == (0, 0, 1, 0)
    assert len(open_problems(db)) == 1


def test_a_later_report_of_the_month_updates_it(db, tmp_path, two_projects):
    apply_import(
        db,
        plan_import(db, [report_file(tmp_path, [1, "海洋生物医药产业园项目", 1200, "", "", ""])]),
    )
    later = report_file(tmp_path, [1, "海洋生物医药产业园项目", 1500, "", "", ""], name="v2.xlsx")
    assert apply_import(db, plan_import(db, [later])).updated == 1
    assert reports(db)[two_projects["海洋生物医药产业园项目"]].completed_this_year == 150_000


def test_a_month_given_against_the_title_is_refused_naming_both(db, tmp_path, two_projects):
    path = report_file(tmp_path, [1, "海洋生物医药产业园项目", 1200, "", "", ""])
    plan = plan_import(db, [path], period="2020-05")
    assert [str(p) for p in plan.all_problems()] == [
        "调度.xlsx “Sheet1”表：文件写明6月（取自标题），与指定的月份5月不符；"
        "请核对文件或所指定的月份"
    ]
    assert plan_import(db, [path], period="2020-06").rows[0].period == "2020-06"


def test_without_a_month_the_report_asks_for_one(db, tmp_path, two_projects):
    sheet = [
        ["重点项目调度表"],
        ["项目名称", "累计完成投资", "形象进度"],
        ["海洋生物医药产业园项目", 1, "开工"],
    ]
    path = write_xlsx(tmp_path / "无月份.xlsx", SheetSpec("Sheet1", sheet))
    plan = plan_import(db, [path])
    assert plan.needs_period
    assert [str(p) for p in plan.all_problems()] == [
        "无月份.xlsx “Sheet1”表：无法确定报表月份：标题中没有“2020年1-6月”之类的字样；"
        "请指定月份（--period）"
    ]
    assert apply_import(db, plan_import(db, [path], period="2020-06")).added == 1


def test_a_project_not_kept_is_a_problem_never_a_new_project(db, tmp_path, two_projects):
    path = report_file(tmp_path, [1, "蓝谷人工智能产业园", 100, "", "", ""])
    assert [str(p) for p in plan_import(db, [path]).all_problems()] == [
        "调度.xlsx “Sheet1”表 第4行 B列（项目名称）：项目库中没有“蓝谷人工智能产业园”："
        "月报只记已有项目，请先导入申报表或新建该项目（本行同时写明总投资和区位时，可在导入时一并新建）"
    ]


def test_a_near_name_is_asked_and_reported_on_the_kept_project_when_confirmed(
    db, tmp_path, two_projects
):
    plan = plan_import(db, [report_file(tmp_path, [1, "海洋生物医药产业园", 900, "", "", ""])])
    (row,) = plan.rows
    assert row.action is Action.ASK
    assert apply_import(db, plan).skipped == 1
    assert reports(db)[two_projects["海洋生物医药产业园项目"]].completed_this_year is None
    answers = {row.ref: two_projects["海洋生物医药产业园项目"]}
    assert apply_import(db, plan, confirmed_matches=answers).added == 1
    assert reports(db)[two_projects["海洋生物医药产业园项目"]].completed_this_year == 90_000


def test_forcing_the_kind_of_a_sheet_without_progress_columns_is_a_problem(
    db, tmp_path, two_projects
):
    path = write_xlsx(tmp_path / "申报.xlsx", SheetSpec("Sheet1", submission(project_row(1, "甲"))))
    assert [str(p) for p in plan_import(db, [path], kind="progress").all_problems()] == [
        "申报.xlsx “Sheet1”表：表中没有进度列（如“1-N月累计完成投资”“形象进度”“存在问题”）"
    ]


def test_a_row_saying_only_what_the_project_already_counts_as_reports_nothing(
    db, tmp_path, two_projects
):
    # Neither project is counted in the statistics yet (a new submission's default).
    path = report_file(
        tmp_path,
        [1, "海洋生物医药产业园项目", None, None, None, "否"],
        [2, "鹤山路拓宽改造工程（一期）", None, None, None, "是"],
    )
    plan = plan_import(db, [path])
    assert [row.action for row in plan.rows] == [Action.UNCHANGED, Action.ADD]
    report = apply_import(db, plan)
    assert (report.updated, report.unchanged) == (1, 1)
    road = two_projects["鹤山路拓宽改造工程（一期）"]
    # 纳统 has one home, the project: counted from the sheet's month, and no report row for it.
    assert db.execute("SELECT COUNT(*) FROM progress_reports").fetchone()[0] == 0
    counted = db.execute(
        "SELECT id, statistics_date FROM projects WHERE in_statistics = 1"
    ).fetchall()
    assert counted == [(road, "2020-06")]


def month_file(tmp_path, month: int, *rows):
    title = f"即墨区2020年1-{month}月重点项目推进情况表"
    header = ["序号", "项目名称", f"1-{month}月累计完成投资（万元）", "形象进度", "存在问题"]
    sheet = [[title], ["填报单位：通济街道"], header, *rows]
    return write_xlsx(tmp_path / f"{month}月.xlsx", SheetSpec("Sheet1", sheet))


def test_months_imported_together_are_checked_against_each_other(db, tmp_path, two_projects):
    april = month_file(tmp_path, 4, [1, "海洋生物医药产业园项目", 900, "", ""])
    may = month_file(tmp_path, 5, [1, "海洋生物医药产业园项目", 800, "", ""])
    plan = plan_import(db, [april, may])
    assert [row.action for row in plan.rows] == [Action.ADD, Action.ASK]
    assert plan.rows[1].question() == (
        "5月.xlsx “Sheet1”表 第4行 C列（1-5月累计完成投资（万元））："
        "“海洋生物医药产业园项目”1-5月累计低于1-4月累计（900.00万元），确认？"
    )
    assert apply_import(db, plan).skipped == 1
    assert apply_import(db, plan, confirmed_matches=plan.figures_confirmed()).added == 1


def test_a_near_name_with_a_falling_cumulative_asks_both_at_once(db, tmp_path, two_projects):
    marine = two_projects["海洋生物医药产业园项目"]
    progress.save_month(db, "2020-05", {marine: progress.MonthReport(completed_this_year=90_000)})
    plan = plan_import(db, [report_file(tmp_path, [1, "海洋生物医药产业园", 800, "", "", ""])])
    (row,) = plan.rows
    assert row.question() == (
        "调度.xlsx “Sheet1”表 第4行：“海洋生物医药产业园”是否就是已有项目“海洋生物医药产业园项目”"
        "（通济街道）？名称相差“项目”“工程”等字样；若是，"
        "“海洋生物医药产业园”1-6月累计低于1-5月累计（900.00万元）"
    )
    assert plan.figures_confirmed() == {}
