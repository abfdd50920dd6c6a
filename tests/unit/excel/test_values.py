"""Values as people type them in a submission, read into the program's types."""

import datetime

import pytest

from jimo_desktop.domain.project import Level, Nature, Stage
from jimo_desktop.domain.stage_words import EarlyStages
from jimo_desktop.excel.importing import values
from jimo_desktop.excel.importing.values import CellError, ImpreciseDate


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        (85000, 8_500_000),
        (12345.5, 1_234_550),
        ("85,000", 8_500_000),
        ("２００００", 2_000_000),
        ("1.5亿元", 1_500_000),
        ("1。5亿元", 1_500_000),  # the point typed with a Chinese input method on
        ("3000万元", 300_000),
        ("约5000", 500_000),
        (" 12 500 ", 1_250_000),
        ("", None),
        (None, None),
        ("—", None),
        ("/", None),
    ],
)
def test_amounts_are_read_in_hundredths_of_wan(typed, cents):
    assert values.amount(typed) == cents


def test_a_bare_number_under_a_yi_header_is_converted_to_wan():
    assert values.amount(1.5, factor=10_000) == 1_500_000
    assert values.amount("2", factor=10_000) == 2_000_000
    assert values.amount("3000万元", factor=10_000) == 300_000  # the cell names its own unit


def test_an_amount_that_cannot_be_read_quotes_it_and_the_expected_form():
    with pytest.raises(CellError) as caught:
        values.amount("待定")
    assert str(caught.value) == "“待定”不是金额，应为数字（万元），如 12500 或 1.5亿元"
    with pytest.raises(CellError) as caught:
        values.amount("待定", factor=10_000)
    assert str(caught.value) == "“待定”不是金额，应为数字（亿元），如 1.5"


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        (datetime.date(2020, 4, 1), "2020-04-01"),
        (datetime.datetime(2020, 5, 15, 0, 0), "2020-05-15"),
        (43922, "2020-04-01"),  # an Excel day number
        (2020.4, "2020-04"),  # 2020.4 typed into a number cell
        (2020.12, "2020-12"),
        (202006, "2020-06"),
        (20200615, "2020-06-15"),
        ("2020.4", "2020-04"),
        ("2020/5/15", "2020-05-15"),
        ("2020年6月", "2020-06"),
        ("2020-06", "2020-06"),
        ("２０２０．４", "2020-04"),
        ("2020。6", "2020-06"),  # the point typed with a Chinese input method on
        ("2020。6。15", "2020-06-15"),
        ("2020.10", "2020-10"),  # as text October; typed as a number it is 2020.1, January
        (2020.1, "2020-01"),
        ("2020年6月底", "2020-06"),
        ("2020年底", "2020-12"),
        ("2020年上半年", "2020-06"),
        ("", None),
    ],
)
def test_dates_are_read_in_every_form_units_use(typed, iso):
    assert values.partial_date(typed) == iso


def test_a_year_alone_is_imprecise_and_says_how_to_write_it():
    with pytest.raises(ImpreciseDate) as caught:
        values.partial_date("2020年")
    assert str(caught.value) == "“2020年”只有年份，时间需写到月（如 2020.3），此项未导入"


@pytest.mark.parametrize("typed", ["待定", "2020年13月", "明年", datetime.time(8, 30)])
def test_a_date_that_cannot_be_read_is_an_error(typed):
    with pytest.raises(CellError):
        values.partial_date(typed)


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("是", True), ("已纳统", True), ("√", True), (True, True), (1, True), ("否", False),
     ("未纳统", False), ("尚未", False), ("", None)],
)  # fmt: skip
def test_yes_and_no_in_their_many_forms(typed, answer):
    assert values.yes_no(typed) is answer


def test_nature_level_and_stage_words():
    early = EarlyStages()
    assert values.stage_words("改扩建", early, nature_column=True).nature is Nature.EXPANSION
    assert values.stage_words("新建", early, nature_column=True).nature is Nature.NEW
    assert values.level("青岛市重点") is Level.QINGDAO
    assert values.level("省重点项目") is Level.PROVINCE
    assert values.level("区级") is Level.DISTRICT
    continued = values.stage_words("续建", early)
    assert (continued.stage, continued.nature) == (Stage.STARTED, Nature.CONTINUED)
    with pytest.raises(CellError):
        values.stage_words("进行中", early)


def test_two_phone_numbers_in_one_cell_are_kept_apart_by_a_space():
    assert values.phone("0532-88888888/13812345678") == "0532-88888888 13812345678"
    assert values.phone(13812345678) == "13812345678"


def test_text_loses_line_breaks_and_stray_spaces_but_long_text_keeps_its_lines():
    assert values.text(" 海洋生物\n医药产业园  项目 ") == "海洋生物医药产业园 项目"
    assert values.text(13812345678.0) == "13812345678"
    assert values.long_text("一、土地手续\n\n  二、资金 ") == "一、土地手续\n二、资金"
