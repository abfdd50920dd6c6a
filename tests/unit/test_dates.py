from datetime import date, timedelta

import pytest

from jimo_desktop.domain.dates import (
    DateError,
    format_date,
    format_partial_date,
    month_of,
    parse_partial_date,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020.4", "2020-04"),
        ("2020/5/15", "2020-05-15"),
        ("2020年6月", "2020-06"),
        ("2020-06", "2020-06"),
        ("2020年6月15日", "2020-06-15"),
        ("2020年06月15日", "2020-06-15"),
        ("2020年6月15", "2020-06-15"),
        ("2020.12.31", "2020-12-31"),
        ("２０２０．４", "2020-04"),
        ("２０２０年６月１５日", "2020-06-15"),
        ("２０２０／５／１５", "2020-05-15"),
        (" 2020 年 6 月 ", "2020-06"),
    ],
)
def test_parse_partial_date_reads_the_ways_officers_write_dates(text, iso):
    assert parse_partial_date(text) == iso


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_parse_partial_date_gives_none_for_blank(blank):
    assert parse_partial_date(blank) is None


@pytest.mark.parametrize("text", ["2020-13", "2020-00", "2020年13月", "1989-01", "2101-01"])
def test_parse_partial_date_rejects_invalid_month_or_year(text):
    with pytest.raises(DateError, match="不是有效的年月"):
        parse_partial_date(text)


@pytest.mark.parametrize("text", ["2020-02-30", "2021-02-29", "2020-04-31", "2020年6月0日"])
def test_parse_partial_date_rejects_days_that_do_not_exist(text):
    with pytest.raises(DateError, match="不是有效的日期"):
        parse_partial_date(text)


def test_parse_partial_date_accepts_leap_day():
    assert parse_partial_date("2020-02-29") == "2020-02-29"


def test_parse_partial_date_requires_a_month():
    with pytest.raises(DateError, match="缺少月份"):
        parse_partial_date("2020")


@pytest.mark.parametrize("text", ["六月", "2020年6月15日日", "20-06", "2020-06-15-01", "明年"])
def test_parse_partial_date_rejects_text_that_is_not_a_date(text):
    with pytest.raises(DateError) as caught:
        parse_partial_date(text)
    assert text in str(caught.value)


def test_format_partial_date_year_month_and_full_day():
    assert format_partial_date("2020-06") == "2020年6月"
    assert format_partial_date("2020-06-15") == "2020年6月15日"
    assert format_partial_date("2020-11-01") == "2020年11月1日"
    assert format_partial_date(None) == ""
    assert format_partial_date("") == ""


def test_every_day_of_a_leap_year_survives_format_and_parse():
    day = date(2020, 1, 1)
    while day.year == 2020:
        iso = day.isoformat()
        assert parse_partial_date(format_partial_date(iso)) == iso
        assert parse_partial_date(format_date(day)) == iso
        assert parse_partial_date(format_partial_date(iso[:7])) == iso[:7]
        day += timedelta(days=1)


def test_month_of_compares_year_months_with_full_dates():
    assert month_of("2020-06-15") == "2020-06"
    assert month_of("2020-06") == "2020-06"
    assert month_of(None) is None
