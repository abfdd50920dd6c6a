"""Tables as offices publish them (issue 17), their amounts and what stands beside the rows:
approximate and ranged amounts, 合计 rows and notes under the table, and 调度表 rows of projects
not yet kept."""

import pytest

from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.store import dictionaries, settings
from tests.unit.excel.office_tables import kept, office_table, problem_lines


@pytest.fixture(autouse=True)
def business_date(db):
    settings.put(db, settings.BUSINESS_DATE, "2022-06-30")


def amount_table(tmp_path, *totals: object):
    header = ("序号", "项目名称", "所属产业", "总投资", "备注")
    rows = [[n, f"项目{n}", "新材料", total, None] for n, total in enumerate(totals, 1)]
    statement = ("填报单位（盖章）：", "灵山镇", None, "金额单位：万元")
    return office_table(tmp_path / "项目表.xlsx", header, rows, statement=statement)


@pytest.mark.parametrize(
    ("written", "cents", "word"),
    [
        ("约125.6", 12_560, "约"),
        ("125.6左右", 12_560, "左右"),
        ("不少于10", 1_000, "不少于"),
        ("约1.2亿元", 1_200_000, "约"),
        ("不低于 3000 万元", 300_000, "不低于"),
        ("大约５００", 50_000, "大约"),
        ("3亿元以上", 3_000_000, "以上"),
        ("≈88", 8_800, "≈"),
        ("不足 50", 5_000, "不足"),
        ("1.5亿元（约）", 1_500_000, "(约)"),
    ],
)
def test_an_approximate_amount_is_its_figure_with_a_note(db, tmp_path, written, cents, word):
    plan = plan_import(db, [amount_table(tmp_path, written)])
    assert problem_lines(plan) == []
    (row,) = plan.rows
    assert [note.split("：", 1)[0] for note in row.notes] == [
        "项目表.xlsx “Sheet1”表 第4行 D列（总投资）"
    ]
    assert f"“{written.strip()}”按所写数字记为" in row.notes[0]
    apply_import(db, plan)
    assert kept(db)["项目1"].total_investment == cents


@pytest.mark.parametrize("written", ["5-8亿元", "5亿-8亿元", "5亿元至8亿元", "5～8亿元", "5—8亿"])
def test_a_range_is_refused_at_its_cell_until_the_officer_says_which_end(db, tmp_path, written):
    path = amount_table(tmp_path, 100, written)
    plan = plan_import(db, [path])
    assert plan.needs_range
    assert problem_lines(plan) == [
        f"项目表.xlsx “Sheet1”表 第5行 D列（总投资）：“{written}”是区间，请改为一个数，"
        "或选择取下限、取上限或不填（命令行用 --ranges lower|upper|blank）"
    ]
    for answer, expected in (("lower", 5_000_000), ("upper", 8_000_000), ("blank", None)):
        answered = plan_import(db, [path], ranges=answer)
        assert problem_lines(answered) == []
        assert answered.rows[1].values.get(Field.TOTAL) == expected
        assert "是区间，按选择" in answered.rows[1].notes[0]


def test_a_range_whose_ends_are_the_wrong_way_round_is_refused(db, tmp_path):
    plan = plan_import(db, [amount_table(tmp_path, "8-5亿元")], ranges="lower")
    assert problem_lines(plan) == [
        "项目表.xlsx “Sheet1”表 第4行 D列（总投资）：“8-5亿元”下限大于上限，请核对"
    ]


TOTALS_HEADER = ("序号", "项目名称", "所属产业", "总投资（万元）", "年度计划投资（万元）", "备注")
UNIT_LINE = ("填报单位（盖章）：", "移风店镇")


def totals_table(tmp_path, rows, *, under=(), below=()):
    return office_table(
        tmp_path / "项目表.xlsx", TOTALS_HEADER, rows, statement=UNIT_LINE,
        under_header=under, below=below,
    )  # fmt: skip


def sums_said(plan) -> list[str]:
    return [note.removeprefix("项目表.xlsx “Sheet1”表 ") for note in plan.notes if "合计" in note]


def test_totals_that_agree_with_their_rows_say_nothing(db, tmp_path):
    rows = [[1, "甲", "新材料", 100, 10, None], [2, "乙", "新材料", 200.5, 20, None]]
    plan = plan_import(db, [totals_table(
        tmp_path, rows, under=[["合计", None, None, 300.5, 30]], below=[["总计", None, None, 300.5]]
    )])  # fmt: skip
    assert problem_lines(plan) == [] and sums_said(plan) == []
    assert len(plan.rows) == 2


def test_a_total_that_differs_from_its_rows_is_a_warning_naming_both_sums(db, tmp_path):
    rows = [[1, "甲", "新材料", 100, 10, None], [2, "乙", "新材料", 200, 20, None]]
    below = [["全区合计", None, None, "350", 30]]
    plan = plan_import(db, [totals_table(tmp_path, rows, below=below)])
    assert problem_lines(plan) == []
    assert sums_said(plan) == [
        "第6行 D列（总投资（万元））：合计 350.00 万元，与各行之和 300.00 万元（2 行）不符，"
        "请核对（仅提示，按各行导入）"
    ]
    apply_import(db, plan)
    assert sorted(p.total_investment for p in kept(db).values()) == [10_000, 20_000]


def test_subtotals_are_checked_against_their_own_section(db, tmp_path):
    rows = [
        ["一、新开工项目"], [1, "甲", "新材料", 100, 10, None], [2, "乙", "新材料", 50, 5, None],
        ["小计", None, None, 150, 15], ["二、续建项目"], [3, "丙", "新材料", 70, 7, None],
        ["小 计", None, None, 80, 7], ["合计", None, None, 220, 22],
    ]  # fmt: skip
    plan = plan_import(db, [totals_table(tmp_path, rows)])
    assert problem_lines(plan) == []
    assert sums_said(plan) == [
        "第10行 D列（总投资（万元））：合计 80.00 万元，与各行之和 70.00 万元（1 行）不符，"
        "请核对（仅提示，按各行导入）"
    ]


@pytest.mark.parametrize(
    ("below", "carried"),
    [
        ([["注：总投资栏为一期投资"]], "注：总投资栏为一期投资"),
        ([["备注：年度计划投资含土地费用"]], "备注：年度计划投资含土地费用"),
        ([["注:1.总投资栏为一期投资；"], ["2.年度计划为预估数"]],
         "注:1.总投资栏为一期投资；2.年度计划为预估数"),
        ([["注1：总投资栏为一期投资"] * 6], "注1：总投资栏为一期投资"),
        ([["注：", "总投资栏为一期投资"]], "注：总投资栏为一期投资"),
    ],
)  # fmt: skip
def test_notes_under_the_table_go_into_every_projects_remarks(db, tmp_path, below, carried):
    rows = [[1, "甲", "新材料", 100, 10, "已签约"], [2, "乙", "新材料", 200, 20, None]]
    plan = plan_import(db, [totals_table(tmp_path, rows, below=below)])
    assert problem_lines(plan) == []
    assert f"项目表.xlsx “Sheet1”表：表下注释“{carried}”记入本表 2 个项目的备注" in plan.notes
    apply_import(db, plan)
    remarks = {name: found.remarks for name, found in kept(db).items()}
    assert remarks == {"甲": f"已签约；{carried}", "乙": carried}
    again = plan_import(db, [totals_table(tmp_path, rows, below=below)])
    assert {row.action.value for row in again.rows} == {"unchanged"}


PROGRESS_HEADER = (
    "序号",
    "项目名称",
    "建设地点",
    "总投资",
    "1-6月累计完成投资",
    "形象进度",
    "存在问题",
)


def progress_table(tmp_path, rows):
    return office_table(
        tmp_path / "推进表.xlsx", PROGRESS_HEADER, rows,
        title="即墨区2022年1-6月重点项目推进情况表", statement=("金额单位：万元",),
    )  # fmt: skip


def month_reports(db) -> dict[str, tuple]:
    rows = db.execute(
        "SELECT p.name, r.completed_this_year, r.image_progress FROM progress_reports r"
        " JOIN projects p ON p.id = r.project_id WHERE r.period = '2022-06'"
    ).fetchall()
    return {name: (done, image) for name, done, image in rows}


def test_a_report_row_of_a_project_not_kept_offers_to_create_it_in_the_same_import(db, tmp_path):
    rows = [[1, "新签约智能制造产业园", "蓝村镇", 50_000, 1_200, "土方施工", "无"],
            [2, "未入库项目", "蓝村镇", None, 300, "办理手续", "无"],
            [3, "无地点项目", "烟青路", 8_000, 300, "办理手续", "无"]]  # fmt: skip
    plan = plan_import(db, [progress_table(tmp_path, rows)])
    (asked,) = plan.questions()
    assert asked.name == "新签约智能制造产业园"
    assert asked.question() == (
        "推进表.xlsx “Sheet1”表 第4行：项目库中没有“新签约智能制造产业园”："
        "是否按本行的名称、区位和总投资新建该项目，并记入本月进度？"
    )
    assert [line.split("：")[0] for line in problem_lines(plan)] == [
        "推进表.xlsx “Sheet1”表 第5行 B列（项目名称）",
        "推进表.xlsx “Sheet1”表 第6行 B列（项目名称）",
    ]
    answers = plan.creations_confirmed()
    apply_import(db, plan, confirmed_matches=answers, skip_bad_rows=True)
    created = kept(db)["新签约智能制造产业园"]
    units = dictionaries.names_by_id(db, "units")
    assert (units[created.unit_id], created.total_investment) == ("蓝村镇", 5_000_000)
    assert [listing.year for listing in created.years] == [2022]
    assert month_reports(db) == {"新签约智能制造产业园": (120_000, "土方施工")}


def test_an_unanswered_offer_creates_nothing(db, tmp_path):
    rows = [[1, "新签约智能制造产业园", "蓝村镇", 50_000, 1_200, "土方施工", "无"]]
    plan = plan_import(db, [progress_table(tmp_path, rows)])
    report = apply_import(db, plan)
    assert (report.added, report.skipped, kept(db)) == (0, 1, {})


def test_two_rows_offering_the_same_new_project_are_refused_as_repeated(db, tmp_path):
    rows = [[1, "新项目", "蓝村镇", 500, 100, "施工", "无"],
            [2, "新 项 目", "蓝村镇", 500, 120, "施工", "无"]]  # fmt: skip
    plan = plan_import(db, [progress_table(tmp_path, rows)])
    assert problem_lines(plan) == [
        "推进表.xlsx “Sheet1”表 第5行：与 推进表.xlsx “Sheet1”表 第4行 是同一项目同一月份，重复填报"
    ]
