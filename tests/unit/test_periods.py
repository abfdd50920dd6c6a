"""A construction period in one cell, as offices write it, split into start and finish."""

import pytest

from jimo_desktop.domain.periods import Duration, End, PeriodError, split_period


def ends(text: str) -> tuple[str | int | None, str | int | None]:
    """Each end as its ISO date, or its year when only the year was written."""
    start, finish = split_period(text)
    shown = [None if end is None else end.iso or end.year for end in (start, finish)]
    return shown[0], shown[1]


@pytest.mark.parametrize(
    ("typed", "start", "finish"),
    [
        ("2024.11-2025.12", "2024-11", "2025-12"),
        ("2023年3月至2024年12月", "2023-03", "2024-12"),
        ("2023年3月到2024年12月底", "2023-03", "2024-12"),
        ("2022—2025-12", 2022, "2025-12"),
        ("2022–2025.12", 2022, "2025-12"),
        ("2020-2022", 2020, 2022),
        ("2022年-2025年", 2022, 2025),
        ("2022年至2023年底", 2022, "2023-12"),
        ("2023—09—2025—10", "2023-09", "2025-10"),
        ("2020-03-2021-12", "2020-03", "2021-12"),
        ("2023年3月-12月", "2023-03", "2023-12"),
        ("2022.3-12", "2022-03", "2022-12"),
        ("2023.3.12-2024.6.30", "2023-03-12", "2024-06-30"),
        ("2023-03-12至2024-06-30", "2023-03-12", "2024-06-30"),
        ("2022.3 – 2023.6", "2022-03", "2023-06"),
        ("2022/3~2023/6", "2022-03", "2023-06"),
        ("２０２２．３－２０２３．６", "2022-03", "2023-06"),
        ("2020.3", "2020-03", None),
        ("2022", 2022, None),
        ("2022.3至今", "2022-03", None),
        ("2022年3月-2023年12月（一期）", "2022-03", "2023-12"),
        ("2021年10月—2023年10月", "2021-10", "2023-10"),
    ],
)
def test_a_period_splits_into_start_and_finish_each_as_precise_as_written(typed, start, finish):
    assert ends(typed) == (start, finish)


def test_a_year_alone_stays_a_year_without_a_month():
    assert split_period("2020-2022") == (End(2020, None), End(2022, None))


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2025-2022", "结束早于开始"),
        ("2023.13-2024.1", "月份13不对"),
        ("2022年3月开工", "无法识别的“开”"),
        ("2022.3-2023.6-2024.1", "应为起止年月"),
        ("2022-3-12", "看不出是日期还是起止月份"),
        ("3月-12月", "应以年份开头"),
        ("1850-1860", "年份1850不对"),
        ("36个月（2022-2024）", "应以年份开头"),
    ],
)
def test_what_is_no_period_is_refused_saying_why(typed, said):
    with pytest.raises(PeriodError, match=said):
        split_period(typed)


@pytest.mark.parametrize("typed", ["3年", "24个月", "约18个月", "工期2年", "建设期2年", "1.5年"])
def test_a_length_of_time_is_no_period(typed):
    with pytest.raises(Duration):
        split_period(typed)
