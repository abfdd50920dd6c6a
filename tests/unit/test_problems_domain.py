"""问题清单 rules: statuses and their steps, overdue and near-deadline on the business day."""

from datetime import date

import pytest

from jimo_desktop.domain.problems import (
    Attention,
    DeadlineState,
    PolicyState,
    Problem,
    ProblemStatus,
    can_change,
    count_problems,
    deadline_day,
    deadline_note,
    deadline_state,
    needs,
    problem_deadline_state,
    transition_refusal,
    validate_problem,
    validate_resolution,
    validate_supervision_order,
)

TODAY = date(2020, 6, 30)
OPEN, COORDINATING = ProblemStatus.OPEN, ProblemStatus.COORDINATING
RESOLVED, CLOSED = ProblemStatus.RESOLVED, ProblemStatus.CLOSED


def test_statuses_and_policy_states_speak_the_bureaus_words():
    assert [s.label for s in ProblemStatus] == ["待解决", "协调中", "已解决", "已销号"]
    assert [s.label for s in PolicyState] == ["待申报", "申报中", "已落实", "未获批"]


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (OPEN, COORDINATING, True),
        (OPEN, RESOLVED, True),
        (OPEN, CLOSED, True),
        (COORDINATING, RESOLVED, True),
        (COORDINATING, CLOSED, True),
        (RESOLVED, CLOSED, True),
        (COORDINATING, OPEN, False),
        (RESOLVED, OPEN, False),
        (RESOLVED, COORDINATING, False),
        (CLOSED, OPEN, False),
        (CLOSED, RESOLVED, False),
        (OPEN, OPEN, False),
    ],
)
def test_a_problem_moves_forward_only_and_closing_is_final(old, new, allowed):
    assert can_change(old, new) is allowed
    assert (transition_refusal(old, new) is None) is allowed


def test_a_refused_step_is_explained_in_chinese():
    assert transition_refusal(CLOSED, COORDINATING) == "“已销号”的问题不能改为“协调中”"


def test_a_year_month_deadline_means_the_end_of_that_month():
    assert deadline_day("2020-06") == date(2020, 6, 30)
    assert deadline_day("2020-02") == date(2020, 2, 29)
    assert deadline_day("2020-06-15") == date(2020, 6, 15)


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (None, DeadlineState.NONE),
        ("2020-06-29", DeadlineState.OVERDUE),
        ("2020-05", DeadlineState.OVERDUE),
        ("2020-06-30", DeadlineState.NEAR),  # due today: not yet late
        ("2020-06", DeadlineState.NEAR),
        ("2020-07-07", DeadlineState.NEAR),
        ("2020-07-08", DeadlineState.ON_TIME),
        ("2020-07", DeadlineState.ON_TIME),
    ],
)
def test_an_unsettled_problem_is_overdue_the_day_after_its_deadline_and_near_a_week_before(
    deadline, expected
):
    assert problem_deadline_state(deadline, OPEN, TODAY) is expected
    assert problem_deadline_state(deadline, COORDINATING, TODAY) is expected


@pytest.mark.parametrize("status", [RESOLVED, CLOSED])
def test_a_settled_problem_is_never_overdue(status):
    assert problem_deadline_state("2019-01-01", status, TODAY) is DeadlineState.SETTLED


def test_deadline_notes_count_days():
    assert deadline_note("2020-06-18", False, TODAY) == "逾期12天"
    assert deadline_note("2020-06-30", False, TODAY) == "今天到期"
    assert deadline_note("2020-07-03", False, TODAY) == "剩3天"
    assert deadline_note("2020-09-01", False, TODAY) == ""
    assert deadline_note("2020-06-18", True, TODAY) == ""


@pytest.mark.parametrize(
    ("today", "note"),
    [
        (date(2020, 6, 23), "剩7天"),  # a 6月底 deadline is near a week before June ends
        (date(2020, 6, 30), "今天到期"),
        (date(2020, 7, 1), "逾期1个月"),  # overdue from July, counted in months
        (date(2020, 7, 31), "逾期1个月"),
        (date(2020, 8, 1), "逾期2个月"),
        (date(2021, 2, 10), "逾期8个月"),
    ],
)
def test_a_deadline_given_as_a_month_is_overdue_by_months(today, note):
    assert deadline_note("2020-06", False, today) == note


def test_the_near_window_can_be_widened():
    assert deadline_state("2020-07-20", False, TODAY) is DeadlineState.ON_TIME
    assert deadline_state("2020-07-20", False, TODAY, near_days=30) is DeadlineState.NEAR


def test_attention_picks_unsettled_overdue_near_and_escalated_problems():
    late, soon = DeadlineState.OVERDUE, DeadlineState.NEAR
    assert needs(Attention.UNSETTLED, COORDINATING, DeadlineState.NONE, False)
    assert not needs(Attention.UNSETTLED, RESOLVED, DeadlineState.SETTLED, False)
    assert needs(Attention.OVERDUE, OPEN, late, False)
    assert not needs(Attention.OVERDUE, OPEN, soon, False)
    assert needs(Attention.NEAR, OPEN, soon, False)
    assert needs(Attention.ESCALATED, CLOSED, DeadlineState.SETTLED, True)
    assert not needs(Attention.ESCALATED, OPEN, late, False)


def test_counts_tell_overdue_near_and_each_status():
    counts = count_problems(
        [
            ("2020-06-01", OPEN),
            ("2020-06-20", COORDINATING),
            ("2020-07-02", OPEN),
            ("2020-05-01", RESOLVED),
            (None, CLOSED),
            (None, OPEN),
        ],
        TODAY,
    )
    assert (counts.total, counts.overdue, counts.near, counts.unsettled) == (6, 2, 1, 4)
    assert counts.by_status == {OPEN: 3, COORDINATING: 1, RESOLVED: 1, CLOSED: 1}
    assert counts.summary() == "共6条，逾期2条"


def test_counts_of_nothing_are_zero():
    counts = count_problems([], TODAY)
    assert counts.summary() == "共0条，逾期0条"
    assert counts.unsettled == 0


def valid_problem(**changes) -> Problem:
    values = {"project_id": 1, "description": "电力增容未落实", "raised_on": "2020-06-01"}
    return Problem(**(values | changes))


def test_a_complete_problem_is_valid():
    assert validate_problem(valid_problem(deadline="2020-06-30")) == {}


def test_a_problem_needs_a_project_a_description_and_a_date():
    found = validate_problem(Problem(project_id=None, description="  ", raised_on=None))
    assert set(found) == {"project_id", "description", "raised_on"}
    assert found["description"] == "请填写问题描述"


def test_a_deadline_before_the_problem_was_raised_is_refused():
    found = validate_problem(valid_problem(deadline="2020-05-31"))
    assert found == {"deadline": "解决时限不能早于提出日期"}


def test_a_month_deadline_in_the_month_raised_is_accepted():
    assert validate_problem(valid_problem(raised_on="2020-06-20", deadline="2020-06")) == {}


def test_an_overlong_description_is_refused():
    assert "description" in validate_problem(valid_problem(description="问" * 501))


def test_a_settled_problem_needs_its_resolution_and_date():
    found = validate_problem(valid_problem(status=RESOLVED))
    assert set(found) == {"resolution", "resolved_on"}


def test_a_resolution_cannot_predate_the_problem():
    found = validate_resolution("已送电", "2020-05-01", "2020-06-01")
    assert found == {"resolved_on": "解决日期不能早于提出日期"}
    assert validate_resolution("已送电", "2020-06-01", "2020-06-01") == {}


def test_a_supervision_order_names_addressee_and_demand_and_a_plan_after_it_is_issued():
    found = validate_supervision_order("", " ", "2020-06-30", "2020-06-29")
    assert set(found) == {"addressee", "demand", "plan_deadline"}
    assert validate_supervision_order("区自然资源局", "报送整改方案", "2020-06-30", "2020-07") == {}
