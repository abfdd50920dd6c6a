"""Which rows are projects, and what the lines above the table say."""

import pytest

from jimo_desktop.excel.importing.rows import (
    RowClassifier,
    RowKind,
    is_explanation_sheet,
    looks_like_prose,
)
from jimo_desktop.excel.reading.headers import find_layout
from jimo_desktop.excel.reading.titles import read_titles

HEADER = ["序号", "项目名称", "建设单位", "总投资（万元）"]


@pytest.fixture
def classify():
    return RowClassifier(find_layout([HEADER])).kind


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ([1, "海洋产业园项目", "某公司", 1000], RowKind.PROJECT),
        ([None, "海洋产业园项目", "", ""], RowKind.PROJECT),
        (["", "", "", ""], RowKind.BLANK),
        (["  ", None, "/", "—"], RowKind.BLANK),
        (["合计", "", "", 5000], RowKind.TOTAL),
        (["", "小  计", "", 5000], RowKind.TOTAL),
        (["总计（12个）", "", "", 5000], RowKind.TOTAL),
        (["", "", "", 5000], RowKind.TOTAL),  # a SUM formula whose label was left out
        (["填表人：张三", "", "审核人：李四", ""], RowKind.FOOTER),
        (["注：1.金额单位为万元", "", "", ""], RowKind.FOOTER),
        (["填报单位（盖章）：", "", "填表人：", "联系电话："], RowKind.FOOTER),
        (["制表单位：即墨区发展和改革局", "", "", ""], RowKind.FOOTER),
        (["单位负责人（签字）：", "", "报送时间：", ""], RowKind.FOOTER),
        (["一、新开工项目", "一、新开工项目", "一、新开工项目", "一、新开工项目"], RowKind.HEADING),
        (["（二）续建项目", "", "", ""], RowKind.HEADING),
        (["", "一、新开工项目（12个）", "", ""], RowKind.HEADING),
        ([7, "", "", ""], RowKind.NUMBERING),
        (["7", None, None, None], RowKind.NUMBERING),
        ([1, 2, 3, 4], RowKind.NUMBERING),
        (["", "", "", "（万元）"], RowKind.NUMBERING),
        (["序号", "项目名称", "建设单位", "总投资（万元）"], RowKind.HEADER_AGAIN),
        ([3, "", "某公司", 1000], RowKind.NO_NAME),
    ],
)
def test_rows_are_told_apart(classify, row, kind):
    assert classify(row) is kind


def test_a_project_named_like_a_note_is_still_a_project(classify):
    assert classify([2, "注塑产业园项目", "某公司", 100]) is RowKind.PROJECT


def test_explanation_sheets_are_known_by_name_or_by_their_prose():
    assert is_explanation_sheet("填报说明")
    assert is_explanation_sheet("目录")
    assert not is_explanation_sheet("新开工项目")
    assert looks_like_prose(
        [["填表说明"], ["一、项目名称应与立项文件一致。"], ["二、金额单位为万元。"]]
    )
    assert not looks_like_prose([["序号", "名称", "金额"], [1, "甲", 2]])


def test_the_unit_line_and_the_title_year_are_read():
    titles = read_titles(
        [
            ["即墨区2020年重点项目申报表"],
            ["填报单位（盖章）：", "通济街道", "", "填报日期：2021年3月5日"],
        ]
    )
    assert titles.unit == "通济街道"
    assert titles.year == 2020


def test_the_unit_line_in_one_cell_with_the_date_beside_it():
    titles = read_titles([["填报单位（盖章）：鳌山卫街道填报日期：2020年3月"]])
    assert titles.unit == "鳌山卫街道"


def test_the_month_reported_comes_from_the_title_not_from_the_filling_date():
    assert read_titles([["2020年1-6月重点项目推进情况表"]]).period == "2020-06"
    assert read_titles([["2020年5月份重点项目调度表"]]).period == "2020-05"
    assert read_titles([["重点项目调度表"], ["填报日期：2020年7月3日"]]).period is None


@pytest.mark.parametrize(
    "line",
    ["填报时间：2020年7月3日", "填报单位：环秀街道  报送时间：2020年7月3日", "填表时间：2020年7月"],
)
def test_a_filling_in_time_is_not_the_month_reported(line):
    titles = read_titles([["即墨区重点项目推进情况调度表"], [line]])
    assert (titles.period, titles.year) == (None, None)


def test_a_statistics_time_above_the_table_is_the_month_reported():
    assert read_titles([["重点项目调度表"], ["统计时间：2020年6月"]]).period == "2020-06"


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("即墨区2020年上半年重点项目推进情况", "2020-06"),
        ("2020年一季度重点项目调度表", "2020-03"),
        ("2020年前三季度重点项目推进情况表", "2020-09"),
        ("2020年第二季度重点项目调度表", None),
    ],
)
def test_a_report_named_by_part_of_the_year_is_filed_under_its_last_month(title, period):
    assert read_titles([[title]]).period == period


def test_the_amount_unit_above_the_table_is_read():
    assert read_titles([["单位：亿元"]]).amount_factor == 10_000
    assert read_titles([["金额单位：万元", "", "填报单位：龙山街道"]]).unit == "龙山街道"
