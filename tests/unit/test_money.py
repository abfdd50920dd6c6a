import random
from decimal import Decimal

import pytest

from jimo_desktop.domain.money import (
    THRESHOLD_50M_CENTS,
    MoneyError,
    format_wan,
    format_yi,
    parse_wan,
)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("85,000", 8_500_000),
        ("85000", 8_500_000),
        ("２００００", 2_000_000),
        ("１２，３４５．６７", 1_234_567),
        ("1.5亿元", 1_500_000),
        ("1.5亿", 1_500_000),
        ("3000万", 300_000),
        ("3000万元", 300_000),
        ("5000元", 50),
        ("  12 500.5 ", 1_250_050),
        ("-20", -2_000),
        ("+20", 2_000),
        ("123456789012.34", 12_345_678_901_234),
    ],
)
def test_parse_wan_reads_the_ways_officers_write_amounts(text, cents):
    assert parse_wan(text) == cents


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        (85000, 8_500_000),
        (0.1, 10),
        (12345.67, 1_234_567),
        (Decimal("1234.56"), 123_456),
        (Decimal("-3.5"), -350),
    ],
)
def test_parse_wan_accepts_numbers_from_spreadsheet_cells(value, cents):
    assert parse_wan(value) == cents


@pytest.mark.parametrize("blank", [None, "", "   ", "\u3000", ","])
def test_parse_wan_gives_none_for_blank(blank):
    assert parse_wan(blank) is None


@pytest.mark.parametrize(
    "garbage", ["abc", "12abc", "1.2.3", "一千万", "1e5", "--5", "5万元元", "亿元", "1,5.亿"]
)
def test_parse_wan_rejects_garbage_with_chinese_message_naming_the_text(garbage):
    with pytest.raises(MoneyError) as caught:
        parse_wan(garbage)
    message = str(caught.value)
    assert garbage in message
    assert "不是金额" in message


def test_parse_wan_rejects_booleans_rather_than_reading_them_as_one():
    with pytest.raises(MoneyError, match="金额应为数字"):
        parse_wan(True)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_parse_wan_rejects_non_finite_numbers_with_money_error(value):
    with pytest.raises(MoneyError):
        parse_wan(value)


def test_parse_wan_bare_number_uses_default_unit_factor_but_explicit_unit_wins():
    assert parse_wan("1.5", default_unit_factor=10_000) == 1_500_000
    assert parse_wan(2, default_unit_factor=10_000) == 2_000_000
    assert parse_wan("3000万", default_unit_factor=10_000) == 300_000


def test_parse_wan_rounds_half_cents_away_from_zero():
    assert parse_wan("0.005") == 1
    assert parse_wan("-0.005") == -1
    assert parse_wan("0.004") == 0
    assert parse_wan(Decimal("1234.565")) == 123_457


def test_parse_wan_is_exact_where_binary_floats_are_not():
    assert 0.1 + 0.2 != 0.3  # the trap the module exists to avoid
    assert parse_wan("0.1") + parse_wan("0.2") == parse_wan("0.3")
    assert parse_wan(0.1) + parse_wan(0.2) == parse_wan(0.3)
    assert format_wan(parse_wan("0.1") + parse_wan("0.2")) == "0.30"


def test_threshold_is_five_thousand_wan():
    assert parse_wan("5000万元") == THRESHOLD_50M_CENTS == 500_000


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (12_345_678, "123,456.78"),
        (5, "0.05"),
        (100, "1.00"),
        (0, "0.00"),
        (123_456_789_012, "1,234,567,890.12"),
        (-12_345_678, "-123,456.78"),
        (-5, "-0.05"),
        (-100, "-1.00"),
    ],
)
def test_format_wan_groups_thousands_and_keeps_two_decimals(cents, text):
    assert format_wan(cents) == text


def test_format_wan_without_grouping_and_for_unknown():
    assert format_wan(12_345_678, grouping=False) == "123456.78"
    assert format_wan(-12_345_678, grouping=False) == "-123456.78"
    assert format_wan(None) == ""


def test_format_wan_output_parses_back_to_the_same_cents():
    rng = random.Random(20200415)
    for _ in range(500):
        cents = rng.randint(-(10**12), 10**12)
        assert parse_wan(format_wan(cents)) == cents


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (1_500_000, "1.50"),
        (0, "0.00"),
        (1_005_000, "1.01"),  # half up, not banker's rounding to 1.00
        (1_004_999, "1.00"),
        (123_456_789_012, "123,456.79"),
        (-1_500_000, "-1.50"),
    ],
)
def test_format_yi_speaks_of_hundreds_of_millions_with_two_decimals(cents, text):
    assert format_yi(cents) == text
