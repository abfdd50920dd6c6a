"""Tables as district and city offices publish them (issue 17): each form in several
spellings imports exactly, or is refused at the cell with what to change."""

import pytest

from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.store import dictionaries, settings
from tests.unit.excel.office_tables import kept, office_table, problem_lines, unit_id
from tests.unit.excel.workbooks import SheetSpec, write_xls, write_xlsx

HEADER = ("序号", "项目名称", "建设单位", "所属产业", "总投资", "年度计划投资", "建设性质")


@pytest.fixture(autouse=True)
def business_date(db):
    settings.put(db, settings.BUSINESS_DATE, "2022-06-30")


def project(number: int, name: str, total: object = 1.5, plan: object = 0.5, **more) -> list:
    return [number, name, "青岛某某有限公司", "新材料", total, plan, more.get("nature", "新建")]


@pytest.mark.parametrize(
    "statement",
    [
        ("填报单位（盖章）：", None, None, None, "金额单位：亿元"),
        ("填报单位(盖章):", None, None, "单位：亿元"),
        ("填报单位（盖章）：                金额单位：亿元",),
        ("填报单位：", None, "（单位：亿元）", None, "填报日期：2022年3月5日"),
        ("报送单位（公章）：", "金额单位为亿元"),
        ("单位：亿元", None, None, "填报单位（盖章）："),
        ("填报单位：          （盖章）", None, None, "金额单位:亿元"),
        ("填报单位（盖章）：", None, None, None, "（亿元）"),
        ("填报单位（盖章）：", None, None, "金额单位：", "亿元"),
        ("填报单位（盖章）：", None, None, None, "单位（亿元）"),
    ],
)
def test_an_amount_unit_beside_a_blank_unit_line_sets_the_amounts_and_names_no_unit(
    db, tmp_path, statement
):
    path = office_table(tmp_path / "表.xlsx", HEADER, [project(1, "甲项目")], statement=statement)
    plan = plan_import(db, [path], unit="环秀街道")
    assert problem_lines(plan) == []
    assert (
        "表.xlsx “Sheet1”表 E列（总投资）：按表中注明的金额单位“亿元”读取，折合为万元" in plan.notes
    )
    apply_import(db, plan)
    found = kept(db)["甲项目"]
    assert (found.total_investment, found.years[0].annual_plan) == (1_500_000, 500_000)
    assert found.unit_id == unit_id(db, "环秀街道")


def test_a_blank_unit_line_beside_the_amount_unit_asks_for_the_unit_not_for_金额单位(db, tmp_path):
    path = office_table(tmp_path / "计划表.xlsx", HEADER, [project(1, "甲项目")])
    plan = plan_import(db, [path])
    assert plan.needs_unit
    assert not any("金额单位" in line for line in problem_lines(plan))


def test_the_unit_line_names_its_unit_in_the_next_cell_beside_the_amount_unit(db, tmp_path):
    statement = ("填报单位（盖章）：", "龙山街道", None, None, "金额单位：亿元")
    path = office_table(tmp_path / "表.xlsx", HEADER, [project(1, "甲项目")], statement=statement)
    apply_import(db, plan_import(db, [path]))
    found = kept(db)["甲项目"]
    assert (found.unit_id, found.total_investment) == (unit_id(db, "龙山街道"), 1_500_000)


@pytest.mark.parametrize("group", ["投资情况（亿元）", "投资（亿元）", "资金安排(亿元)"])
def test_a_merged_group_heading_sets_the_unit_of_the_amounts_under_it(db, tmp_path, group):
    header = ("序号", "项目名称", "建设单位", "所属产业", "总投资", "年度计划投资", "建设性质")
    path = office_table(
        tmp_path / "计划表.xlsx",
        header,
        [project(1, "甲项目", total=2, plan="0.25")],
        groups=[(group, 5, 6)],
        statement=("填报单位（盖章）：", "通济街道"),
    )
    plan = plan_import(db, [path])
    assert problem_lines(plan) == []
    apply_import(db, plan)
    found = kept(db)["甲项目"]
    assert (found.total_investment, found.years[0].annual_plan) == (2_000_000, 250_000)


@pytest.mark.parametrize(
    "under",
    [
        [[None, None, None, None, "亿元", "亿元", None]],
        [[None, None, None, None, "（亿元）", "（亿元）", "%"]],
        [[None, None, None, None, "亿元", "亿元"], [1, 2, 3, 4, 5, 6, 7]],
        [["单位：亿元"] * 7],
        [[None, None, None, None, None, None, "单位：亿元"]],
    ],
)
def test_units_stated_under_the_header_set_the_amounts(db, tmp_path, under):
    path = office_table(
        tmp_path / "计划表.xlsx",
        HEADER,
        [project(1, "甲项目", total=3, plan=1)],
        statement=("填报单位（盖章）：", "通济街道"),
        under_header=under,
    )
    plan = plan_import(db, [path])
    assert problem_lines(plan) == []
    apply_import(db, plan)
    found = kept(db)["甲项目"]
    assert (found.total_investment, found.years[0].annual_plan) == (3_000_000, 1_000_000)


PERIOD_HEADER = ("序号", "项目名称", "所属产业", "总投资（万元）", "建设期", "备注")


def period_table(tmp_path, header_word: str, *periods: object):
    header = (*PERIOD_HEADER[:4], header_word, PERIOD_HEADER[5])
    rows = [[n, f"项目{n}", "新材料", 1000, period, None] for n, period in enumerate(periods, 1)]
    statement = ("填报单位（盖章）：", "环秀街道", None, "单位：万元")
    return office_table(tmp_path / "计划表.xlsx", header, rows, statement=statement)


@pytest.mark.parametrize("header_word", ["建设期", "建设起止年限", "建设年限", "建设起止年月"])
def test_periods_in_one_cell_import_as_start_and_finish(db, tmp_path, header_word):
    path = period_table(
        tmp_path, header_word, "2024.11-2025.12", "2023年3月至2024年12月", "2023—09—2025—10"
    )
    plan = plan_import(db, [path])
    assert problem_lines(plan) == []
    apply_import(db, plan)
    found = {name: (p.planned_start, p.planned_end) for name, p in kept(db).items()}
    assert found == {
        "项目1": ("2024-11", "2025-12"),
        "项目2": ("2023-03", "2024-12"),
        "项目3": ("2023-09", "2025-10"),
    }


def test_a_period_end_given_as_a_year_is_left_unknown_with_a_note_never_a_month(db, tmp_path):
    path = period_table(tmp_path, "建设期", "2022—2025-12", "2020-2022", "3年")
    plan = plan_import(db, [path])
    assert problem_lines(plan) == []
    notes = [note for row in plan.rows for note in row.notes]
    assert any("第4行 E列（建设期）" in n and "开工只写了年份（2022年）" in n for n in notes)
    assert any("第5行" in note and "竣工只写了年份（2022年）" in note for note in notes)
    assert any("第6行" in note and "工期长度" in note for note in notes)
    apply_import(db, plan)
    found = {name: (p.planned_start, p.planned_end) for name, p in kept(db).items()}
    assert found == {"项目1": (None, "2025-12"), "项目2": (None, None), "项目3": (None, None)}


def test_a_period_that_cannot_be_read_is_refused_at_its_cell(db, tmp_path):
    path = period_table(tmp_path, "建设起止年限", "2022.3-2023.6", "2025-2022年")
    plan = plan_import(db, [path])
    assert problem_lines(plan) == [
        "计划表.xlsx “Sheet1”表 第5行 E列（建设起止年限）："
        "“2025-2022年”的结束早于开始，请核对起止年月"
    ]


def place_table(tmp_path, header_word: str, *places: str):
    header = ("序号", "项目名称", header_word, "所属产业", "总投资（万元）")
    rows = [[n, f"项目{n}", place, "新材料", 1000] for n, place in enumerate(places, 1)]
    statement = ("填报单位（盖章）：", None, None, "金额单位：万元")
    return office_table(tmp_path / "全区重点项目.xlsx", header, rows, statement=statement)


@pytest.mark.parametrize("header_word", ["建设地点", "项目地址", "所在镇街", "所在区域"])
def test_the_unit_comes_from_the_place_when_it_names_exactly_one(db, tmp_path, header_word):
    places = ("环秀街道", "即墨区通济新经济区XX路", "蓝谷核心区海岸路", "鳌山卫镇东城村", "汽车城")
    plan = plan_import(db, [place_table(tmp_path, header_word, *places)])
    assert problem_lines(plan) == []
    apply_import(db, plan)
    units = dictionaries.names_by_id(db, "units")
    found = {name: units[p.unit_id] for name, p in kept(db).items()}
    assert found == {
        "项目1": "环秀街道",
        "项目2": "通济新经济区",
        "项目3": "青岛蓝谷",
        "项目4": "鳌山卫街道",
        "项目5": "青岛汽车产业新城",
    }


@pytest.mark.parametrize(
    ("place", "said"),
    [
        ("潮海街道、北安街道", "写了多个区位（潮海街道、北安街道）"),
        ("龙山街道与灵山镇交界处", "写了多个区位（龙山街道、灵山镇）"),
        ("烟青路以东", "中没有可识别的区位名称"),
    ],
)
def test_a_place_naming_no_unit_or_several_is_asked_at_its_cell(db, tmp_path, place, said):
    path = place_table(tmp_path, "建设地点", "环秀街道", place)
    plan = plan_import(db, [path])
    assert plan.needs_unit
    assert [line for line in problem_lines(plan)] == [
        f"全区重点项目.xlsx “Sheet1”表 第5行 C列（建设地点）：无法确定区位：“{place}”{said}；"
        "请写明一个区位，或加“区位”列，或指定区位（命令行用 --unit）"
    ]
    answered = plan_import(db, [path], unit="温泉街道")  # the officer's answer
    assert problem_lines(answered) == []
    apply_import(db, answered)
    units = dictionaries.names_by_id(db, "units")
    assert {units[p.unit_id] for p in kept(db).values()} == {"环秀街道", "温泉街道"}


STAGE_HEADER = ("序号", "项目名称", "所属产业", "总投资（万元）", "项目类别", "建设性质")


def stage_table(tmp_path, *rows: tuple[str | None, str | None]):
    table = [
        [n, f"项目{n}", "新材料", 1000, kind, nature] for n, (kind, nature) in enumerate(rows, 1)
    ]
    statement = ("填报单位（盖章）：", "潮海街道")
    return office_table(tmp_path / "项目表.xlsx", STAGE_HEADER, table, statement=statement)


def stages_and_natures(db) -> dict[str, tuple]:
    return {
        name: (p.stage.label, p.nature.label if p.nature else None, p.years[0].batch.label)
        for name, p in kept(db).items()
    }


def test_stages_outside_the_six_map_to_stage_and_nature_and_the_preview_says_so(db, tmp_path):
    path = stage_table(
        tmp_path,
        ("签约项目", None),
        ("已签约", "新建"),
        ("前期", None),
        ("在建", None),
        (None, "在建"),
        ("拟建", None),
        (None, "拟建"),
        ("续建项目", None),
        ("新建", None),
        ("续建", "新建"),
    )
    plan = plan_import(db, [path])
    assert problem_lines(plan) == []
    said = [note.removeprefix("项目表.xlsx “Sheet1”表 ") for note in plan.notes if "记为" in note]
    by_setting = "（按“设置”中签约、前期项目的归类）"
    assert f"E列（项目类别）：“签约项目”记为阶段“储备”{by_setting}（第4行）" in said
    assert f"E列（项目类别）：“已签约”记为阶段“储备”{by_setting}（第5行）" in said
    assert "E列（项目类别）：“在建”记为阶段“开工”、建设性质“续建”（第7行）" in said
    assert "F列（建设性质）：“拟建”记为阶段“储备”、建设性质“新建”（第10行）" in said
    assert "E列（项目类别）：“新建”记为建设性质“新建”（第12行）" in said
    apply_import(db, plan)
    assert stages_and_natures(db) == {
        "项目1": ("储备", None, "储备"),
        "项目2": ("储备", "新建", "储备"),
        "项目3": ("储备", None, "储备"),
        "项目4": ("开工", "续建", "开工"),
        "项目5": ("开工", "续建", "开工"),
        "项目6": ("储备", "新建", "储备"),
        "项目7": ("储备", "新建", "储备"),
        "项目8": ("开工", "续建", "开工"),
        "项目9": ("谋划", "新建", "谋划"),
        "项目10": ("开工", "新建", "开工"),
    }


def test_signed_and_preparing_projects_count_as_the_settings_say(db, tmp_path):
    settings.put(db, settings.SIGNED_STAGE, "planning")
    path = stage_table(
        tmp_path, ("签约", None), ("前期工作", None), ("签约", "拟建"), ("预备项目", None)
    )
    plan = plan_import(db, [path])
    assert any("“签约”记为阶段“谋划”" in note for note in plan.notes)
    apply_import(db, plan)
    stages = [found[0] for found in stages_and_natures(db).values()]
    assert stages == ["谋划", "储备", "谋划", "储备"]


def test_a_stage_word_that_maps_to_nothing_is_refused_at_its_cell(db, tmp_path):
    plan = plan_import(db, [stage_table(tmp_path, ("在建", None), ("进行中", None))])
    assert problem_lines(plan) == [
        "项目表.xlsx “Sheet1”表 第5行 E列（项目类别）：“进行中”不是项目阶段，"
        "应为谋划、储备、新开工、续建、竣工或投产（也可写签约、前期、在建、拟建）"
    ]


def test_a_unit_stated_in_a_cell_of_the_header_row_sets_the_amounts(db, tmp_path):
    header = (*HEADER, "单位：亿元")
    path = office_table(
        tmp_path / "表.xlsx", header, [[*project(1, "甲项目", total=2, plan=1), None]],
        statement=("填报单位（盖章）：", "通济街道"),
    )  # fmt: skip
    plan = plan_import(db, [path])
    assert problem_lines(plan) == [] and not any("未识别的列" in note for note in plan.notes)
    apply_import(db, plan)
    assert kept(db)["甲项目"].total_investment == 2_000_000


@pytest.mark.parametrize(
    "note", ["注：金额单位为亿元", "注：1.金额单位：亿元。", "说明：单位：亿元"]
)
def test_a_unit_stated_in_a_note_under_the_table_sets_the_amounts_and_is_no_remark(
    db, tmp_path, note
):
    path = office_table(
        tmp_path / "表.xlsx", HEADER, [project(1, "甲项目", total=2, plan=1)],
        statement=("填报单位（盖章）：", "通济街道"), below=[[note]],
    )  # fmt: skip
    plan = plan_import(db, [path])
    assert problem_lines(plan) == []
    apply_import(db, plan)
    found = kept(db)["甲项目"]
    assert (found.total_investment, found.remarks) == (2_000_000, "")


def test_signature_lines_under_the_table_are_no_rows(db, tmp_path):
    below = [
        ["填报单位（盖章）：", None, "填表人：", None, "联系电话："],
        ["制表单位：即墨区发展和改革局"],
        ["单位负责人（签字）：", None, None, "报送时间："],
    ]
    path = office_table(
        tmp_path / "表.xlsx", HEADER, [project(1, "甲项目")],
        statement=("填报单位（盖章）：", "通济街道", None, "金额单位：亿元"), below=below,
    )  # fmt: skip
    plan = plan_import(db, [path])
    assert problem_lines(plan) == [] and [row.name for row in plan.rows] == ["甲项目"]


CITY_TABLE = [
    ["2022年即墨区市级重点项目建设计划表"],
    ["填报单位（盖章）：", None, None, None, None, "金额单位：亿元", None, None],
    ["序号", "项目名称", "项目地址", "建设性质", "投资情况", None, "建设期", "备注"],
    [None, None, None, None, "总投资", "年度计划", None, None],
    ["合计", None, None, None, 7.5, 1.2, None, None],
    ["一、签约项目"],
    [1, "智能装备产业园", "即墨区通济新经济区华山路", "新建", "约3", "0.5", "2022.3-2024.12", None],
    [2, "冷链物流中心", "青岛国际陆港", "拟建", "2.5左右", "0.4", "2022年6月至2023年底",
     "用地已摘牌"],
    ["二、在建项目"],
    [3, "海洋科技城二期", "蓝谷", "续建", "2", "0.3", "2021—2023-06", None],
    ["注：总投资栏为一期投资"],
    ["填表人：张三", None, None, "审核人：李四", None, "联系电话：88512345"],
]  # fmt: skip
CITY_MERGES = ("A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4", "H3:H4", "A6:H6",
               "A9:H9", "A11:H11")  # fmt: skip


@pytest.mark.parametrize("write", [write_xlsx, write_xls])
def test_a_city_table_with_every_form_imports_exactly(db, tmp_path, write):
    path = write(
        tmp_path / f"市级重点项目.{write.__name__[-4:]}",
        SheetSpec("Sheet1", CITY_TABLE, CITY_MERGES),
    )
    plan = plan_import(db, [path])
    assert problem_lines(plan) == []
    apply_import(db, plan)
    units = dictionaries.names_by_id(db, "units")
    found = {
        name: (units[p.unit_id], p.stage.label, p.nature.label, p.total_investment,
               p.years[0].annual_plan, p.planned_start, p.planned_end, p.remarks)
        for name, p in kept(db).items()
    }  # fmt: skip
    note = "注：总投资栏为一期投资"
    assert found == {
        "智能装备产业园": ("通济新经济区", "储备", "新建", 3_000_000, 500_000, "2022-03",
                          "2024-12", note),
        "冷链物流中心": ("青岛国际陆港", "储备", "新建", 2_500_000, 400_000, "2022-06", "2023-12",
                        f"用地已摘牌；{note}"),
        "海洋科技城二期": ("青岛蓝谷", "开工", "续建", 2_000_000, 300_000, None, "2023-06", note),
    }  # fmt: skip
    said = "\n".join([*plan.notes, *(n for row in plan.rows for n in row.notes)])
    assert "第5行 E列（投资情况/总投资）：合计 75,000.00 万元，与各行之和 75,000.00" not in said
    assert "“约3”按所写数字记为 30,000.00 万元" in said
    assert "“拟建”记为阶段“储备”、建设性质“新建”" in said
    assert "“2021—2023-06”的开工只写了年份（2021年）" in said
    by_setting = "（按“设置”中签约、前期项目的归类）"
    assert f"第6行的小标题“一、签约项目”：以下各行记为阶段“储备”{by_setting}" in said


def test_a_unit_column_naming_two_units_is_refused_at_its_cell(db, tmp_path):
    plan = plan_import(db, [place_table(tmp_path, "所在镇街", "环秀街道", "潮海街道、北安街道")])
    assert problem_lines(plan) == [
        "全区重点项目.xlsx “Sheet1”表 第5行 C列（所在镇街）："
        "“潮海街道、北安街道”写了多个区位（潮海街道、北安街道），请只填一个"
    ]
