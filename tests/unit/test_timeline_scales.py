"""The 时间表's time axis: four zoom levels and the periods each marks in its header."""

from datetime import date

from jimo_desktop.views.timeline.scales import Zoom


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def labelled(ticks) -> list[tuple[str, str]]:
    return [(date.fromordinal(tick.day).isoformat(), tick.label) for tick in ticks]


def test_the_year_level_marks_years_and_their_quarters():
    assert labelled(Zoom.YEAR.upper_ticks(day("2019-11-20"), day("2020-05-01"))) == [
        ("2019-01-01", "2019年"),
        ("2020-01-01", "2020年"),
    ]
    assert labelled(Zoom.YEAR.lower_ticks(day("2019-11-20"), day("2020-05-01"))) == [
        ("2019-10-01", "四季度"),
        ("2020-01-01", "一季度"),
        ("2020-04-01", "二季度"),
    ]


def test_the_quarter_level_marks_months():
    ticks = labelled(Zoom.QUARTER.lower_ticks(day("2020-11-03"), day("2021-02-01")))
    assert ticks == [
        ("2020-11-01", "11月"),
        ("2020-12-01", "12月"),
        ("2021-01-01", "1月"),
        ("2021-02-01", "2月"),
    ]


def test_the_month_level_marks_mondays_under_each_month():
    assert labelled(Zoom.MONTH.upper_ticks(day("2020-06-20"), day("2020-07-10"))) == [
        ("2020-06-01", "2020年6月"),
        ("2020-07-01", "2020年7月"),
    ]
    mondays = labelled(Zoom.MONTH.lower_ticks(day("2020-06-20"), day("2020-07-10")))
    assert mondays == [
        ("2020-06-15", "15日"),
        ("2020-06-22", "22日"),
        ("2020-06-29", "29日"),
        ("2020-07-06", "6日"),
    ]


def test_the_week_level_marks_every_day():
    ticks = labelled(Zoom.WEEK.lower_ticks(day("2020-02-27"), day("2020-03-02")))
    assert ticks == [
        ("2020-02-27", "27"),
        ("2020-02-28", "28"),
        ("2020-02-29", "29"),
        ("2020-03-01", "1"),
        ("2020-03-02", "2"),
    ]


def test_zooming_goes_through_the_levels_and_stops_at_either_end():
    assert [Zoom.YEAR.closer(), Zoom.QUARTER.closer(), Zoom.MONTH.closer()] == [
        Zoom.QUARTER,
        Zoom.MONTH,
        Zoom.WEEK,
    ]
    assert Zoom.WEEK.closer() is Zoom.WEEK
    assert Zoom.YEAR.wider() is Zoom.YEAR
    assert all(
        wider.pixels_per_day < closer.pixels_per_day
        for wider, closer in zip(list(Zoom), list(Zoom)[1:], strict=False)
    )


def test_paper_takes_the_closest_level_its_scale_can_carry():
    assert Zoom.fitting(0.3) is Zoom.YEAR
    assert Zoom.fitting(1.8) is Zoom.QUARTER
    assert Zoom.fitting(20) is Zoom.WEEK
