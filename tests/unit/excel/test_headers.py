"""Finding the table: header rows anywhere in the first rows, merged two-row headers, line
breaks, full- and half-width, the many names of one column, 亿元 columns."""

from decimal import Decimal

import pytest

from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.reading.headers import find_layout, read_label
from jimo_desktop.excel.reading.workbook import fill_merged


def fields_of(grid) -> dict[Field, str]:
    layout = find_layout(grid)
    assert layout is not None
    return {column.field: column.header for column in layout.columns}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("项目名称", Field.NAME),
        ("项目名", Field.NAME),
        ("建设单位", Field.BUILDER),
        ("项目单位", Field.BUILDER),
        ("实施主体", Field.BUILDER),
        ("业主单位", Field.BUILDER),
        ("总投资（万元）", Field.TOTAL),
        ("计划总投资(万元)", Field.TOTAL),
        ("总投资（亿元）", Field.TOTAL),
        ("所属产业", Field.INDUSTRY),
        ("产业类别", Field.INDUSTRY),
        ("行业", Field.INDUSTRY),
        ("2020年计划投资", Field.ANNUAL_PLAN),
        ("年度投资计划", Field.ANNUAL_PLAN),
        ("开工时间", Field.PLANNED_START),
        ("计划开工", Field.PLANNED_START),
        ("开工年月", Field.PLANNED_START),
        ("1-6月累计完成投资", Field.COMPLETED_THIS_YEAR),
        ("形象进度", Field.IMAGE_PROGRESS),
        ("存在问题", Field.PROBLEMS),
        ("是否纳统", Field.IN_STATISTICS),
        ("镇街（功能区）", Field.UNIT),
        ("区位", Field.UNIT),
        ("占年度计划（%）", Field.IGNORED),
        ("占年度计划%", Field.IGNORED),
    ],
)
def test_the_many_names_of_a_column(header, field):
    assert read_label(header).field is field


def test_line_breaks_spaces_and_full_width_are_ignored_and_units_remembered():
    label = read_label("总 投 资\n（亿元）")
    assert (label.core, label.factor, label.field) == ("总投资", 10_000, Field.TOTAL)
    assert read_label("总投资(元)").factor == Decimal("0.0001")
    assert read_label("总投资万元").factor == 1
    assert read_label("２０２０年度计划投资").year == 2020
    assert read_label("截至6月底累计完成投资（万元）").month == 6
    assert read_label("1-12月累计完成投资").month == 12


def test_the_header_is_found_below_title_rows_and_columns_come_in_any_order():
    grid = [
        ["即墨区2020年重点项目申报表", "", ""],
        ["填报单位：通济街道", "", ""],
        ["", "", ""],
        ["总投资（万元）", "序号", "项目名称", "建设单位"],
        [1000, 1, "某项目", "某公司"],
    ]
    layout = find_layout(grid)
    assert layout.header_rows == (3,)
    assert [(c.index, c.field) for c in layout.columns] == [
        (0, Field.TOTAL),
        (1, Field.SERIAL),
        (2, Field.NAME),
        (3, Field.BUILDER),
    ]


def test_a_merged_two_row_header_reads_the_columns_under_a_group_heading():
    grid = [
        ["序号", "项目名称", "建设起止年限", "", "总投资"],
        ["", "", "开工时间", "竣工时间", ""],
        [1, "某项目", "2020.3", "2021.12", 100],
    ]
    merged = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3)), ((0, 4), (1, 4))]
    layout = find_layout(fill_merged(grid, merged))
    assert layout.header_rows == (0, 1)
    assert layout.first_data_row == 2
    assert {c.field: c.header for c in layout.columns} == {
        Field.SERIAL: "序号",
        Field.NAME: "项目名称",
        Field.PLANNED_START: "建设起止年限/开工时间",
        Field.PLANNED_END: "建设起止年限/竣工时间",
        Field.TOTAL: "总投资",
    }


def test_an_unmerged_two_row_header_works_the_same():
    grid = [
        ["项目名称", "建设年限", "", "2020年", ""],
        ["", "起", "止", "计划投资", "1-6月完成投资"],
        ["某项目", "2020.3", "2021.12", 100, 50],
    ]
    found = fields_of(grid)
    assert set(found) == {
        Field.NAME,
        Field.PLANNED_START,
        Field.PLANNED_END,
        Field.ANNUAL_PLAN,
        Field.COMPLETED_THIS_YEAR,
    }
    layout = find_layout(grid)
    assert layout.column(Field.ANNUAL_PLAN).year == 2020
    assert layout.column(Field.COMPLETED_THIS_YEAR).month == 6


def test_a_project_row_under_a_single_header_is_not_taken_for_a_second_header_row():
    grid = [["序号", "项目名称", "建设单位"], [1, "海洋产业园", "某公司"]]
    assert find_layout(grid).header_rows == (0,)


def test_contact_and_phone_belong_to_their_neighbours():
    grid = [["项目名称", "建设单位", "联系人", "联系电话", "责任单位", "责任人", "联系电话"]]
    found = fields_of(grid)
    assert found[Field.BUILDER_CONTACT] == "联系人"
    assert Field.BUILDER_PHONE in found
    assert Field.RESPONSIBLE_PHONE in found


def test_unknown_and_repeated_columns_are_set_aside_by_name():
    layout = find_layout([["项目名称", "总投资", "投资总额", "占地面积"]])
    assert [c.field for c in layout.columns] == [Field.NAME, Field.TOTAL]
    assert layout.ignored_headers == ("投资总额", "占地面积")


def test_a_sheet_without_a_name_column_has_no_table():
    assert find_layout([["填报说明"], ["一、请按要求填写"], ["总投资", "建设单位"]]) is None
