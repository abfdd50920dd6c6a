"""时间节点 rules: the standard nodes, when a node is late, and reading a node as typed."""

from datetime import date

import pytest

from jimo_desktop.domain.milestones import (
    CUSTOM,
    STANDARD_CODES,
    STANDARD_NODES,
    Milestone,
    Status,
    earliest_day,
    kind_for_name,
    lateness,
    merged_order,
    tally,
    validate_milestone,
)

TODAY = date(2020, 6, 30)


def test_standard_nodes_run_from_proposal_to_production_in_the_work_plans_order():
    names = [node.name for node in STANDARD_NODES]
    assert names == [
        "项目建议书",
        "可研批复",
        "用地预审",
        "规划许可",
        "环评批复",
        "施工许可",
        "开工",
        "主体完工",
        "竣工验收",
        "投产",
    ]
    assert len(set(STANDARD_CODES)) == len(STANDARD_CODES)


def test_a_standard_name_typed_by_hand_is_that_standard_node():
    assert kind_for_name(" 施工许可 ") == "construction_permit"
    assert kind_for_name("管线迁改") == CUSTOM


def test_a_year_month_begins_on_its_first_day():
    assert earliest_day("2020-02") == date(2020, 2, 1)
    assert earliest_day("2020-02-10") == date(2020, 2, 10)


@pytest.mark.parametrize(
    ("planned", "actual", "described"),
    [
        ("2020-06-29", None, "逾期未完成 1 天"),
        ("2020-06-30", None, "未到期"),
        ("2020-06", None, "未到期"),  # June is not over until its last day
        ("2020-05", None, "逾期未完成 1 个月"),  # open a month after its planned month
        ("2020-05-20", "2020-05-18", "按期完成"),
        ("2020-05-20", "2020-05-20", "按期完成"),
        ("2020-05-20", "2020-06-01", "滞后完成 12 天"),
        ("2020-05", "2020-05-31", "按期完成"),
        ("2020-05-10", "2020-05", "按期完成"),  # a month-only actual: the same month
        ("2020-04", "2020-06", "滞后完成 2 个月"),
        (None, None, "未定计划"),
        (None, "2020-03-01", "按期完成"),
    ],
)
def test_lateness_on_the_demo_date(planned, actual, described):
    assert lateness(planned, actual, TODAY).describe() == described


@pytest.mark.parametrize(
    ("planned", "actual", "status", "described"),
    [
        ("2020-03", "2020-04", Status.DONE_LATE, "滞后完成 1 个月"),
        ("2020-03", "2020-05", Status.DONE_LATE, "滞后完成 2 个月"),
        ("2020-03-10", "2020-04-09", Status.DONE_LATE, "滞后完成 30 天"),
        ("2020-03", "2020-03-31", Status.DONE, "按期完成"),
        ("2020-03", "2020-03", Status.DONE, "按期完成"),
        # Either date given to the month only: the two compare as months.
        ("2020-03", "2020-04-01", Status.DONE_LATE, "滞后完成 1 个月"),
        ("2020-03-31", "2020-05", Status.DONE_LATE, "滞后完成 2 个月"),
        ("2020-03-20", "2020-03", Status.DONE, "按期完成"),
        ("2019-11", "2020-02-03", Status.DONE_LATE, "滞后完成 3 个月"),
    ],
)
def test_a_done_node_is_late_in_the_precision_its_dates_were_given(
    planned, actual, status, described
):
    result = lateness(planned, actual, TODAY)
    assert (result.status, result.describe()) == (status, described)


@pytest.mark.parametrize(
    ("today", "status", "described"),
    [
        (date(2020, 3, 31), Status.PENDING, "未到期"),  # March is not over
        (date(2020, 4, 1), Status.LATE, "逾期未完成 1 个月"),
        (date(2020, 4, 30), Status.LATE, "逾期未完成 1 个月"),
        (date(2020, 5, 1), Status.LATE, "逾期未完成 2 个月"),
        (date(2021, 1, 15), Status.LATE, "逾期未完成 10 个月"),
    ],
)
def test_an_open_node_planned_for_a_month_is_late_by_the_months_since_that_month(
    today, status, described
):
    result = lateness("2020-03", None, today)
    assert (result.status, result.describe()) == (status, described)


def test_an_open_node_planned_for_a_day_is_late_by_days():
    assert lateness("2020-03-10", None, date(2020, 4, 9)).describe() == "逾期未完成 30 天"


def test_late_nodes_order_by_how_late_whatever_the_precision():
    nodes = [
        lateness("2020-06-01", None, TODAY),  # 29 days
        lateness("2020-03", None, TODAY),  # 3 months
        lateness("2020-05", None, TODAY),  # 1 month
        lateness("2020-06-25", None, TODAY),  # 5 days
    ]
    ordered = sorted(nodes, key=lambda state: state.delay.rough_days)
    assert [str(state.delay) for state in ordered] == ["5天", "29天", "1个月", "3个月"]


def test_late_and_done_late_nodes_count_as_late_and_say_by_how_many_days():
    assert lateness("2020-06-20", None, TODAY).describe() == "逾期未完成 10 天"
    assert lateness("2020-06-20", "2020-06-25", TODAY).describe() == "滞后完成 5 天"
    assert lateness("2020-07-20", None, TODAY).describe() == "未到期"
    assert lateness("2020-06-20", None, TODAY).is_late
    assert not lateness("2020-06-20", "2020-06-19", TODAY).is_late


def test_the_same_node_becomes_late_as_the_days_pass():
    assert lateness("2020-07-15", None, TODAY).status is Status.PENDING
    assert lateness("2020-07-15", None, date(2020, 7, 16)).status is Status.LATE


def test_tally_counts_nodes_by_status():
    nodes = [
        Milestone(1, 1, "start", "开工", "2020-03", "2020-03-05"),
        Milestone(2, 1, "eia", "环评批复", "2020-01", None),
        Milestone(3, 1, "acceptance", "竣工验收", "2021-12", None),
        Milestone(4, 1, CUSTOM, "管线迁改", "2020-02", None),
    ]
    counts = tally(nodes, TODAY)
    assert counts[Status.LATE] == 2
    assert counts[Status.DONE] == 1
    assert counts[Status.PENDING] == 1


def test_a_typed_node_is_read_into_iso_dates():
    values, problems = validate_milestone(" 管线迁改 ", "2020年7月", "2020/6/5", TODAY)
    assert problems == {}
    assert values == {"name": "管线迁改", "planned_on": "2020-07", "actual_on": "2020-06-05"}


def test_a_node_needs_a_name_and_dates_that_are_dates():
    _, problems = validate_milestone("  ", "明年", None, TODAY)
    assert problems["name"] == "请填写节点名称"
    assert "不是日期" in problems["planned_on"]


def test_an_actual_date_cannot_lie_in_the_future():
    _, problems = validate_milestone("开工", "2020-06", "2020-07-01", TODAY)
    assert "不能晚于今天" in problems["actual_on"]
    _, problems = validate_milestone("开工", "2020-06", "2020-06", TODAY)
    assert problems == {}


def test_new_standard_nodes_slot_in_after_their_predecessors_and_custom_nodes_keep_place():
    existing = [("start", "a"), (CUSTOM, "b"), ("acceptance", "c")]
    adding = [("proposal", 1), ("structure_done", 2), ("production", 3)]
    assert merged_order(existing, adding) == [1, "a", 2, "b", "c", 3]


def test_merging_into_nothing_keeps_the_standard_order():
    adding = [(code, code) for code in STANDARD_CODES]
    assert merged_order([], adding) == list(STANDARD_CODES)
