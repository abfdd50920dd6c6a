"""督办单: issued on an unsolved problem, listed while open, signed off once, all traced."""

import pytest

from jimo_desktop.domain.problems import DeadlineState, ProblemStatus
from jimo_desktop.domain.project import Project
from jimo_desktop.store import audit, settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.projects import ValidationError
from jimo_desktop.store.tracking import problems, supervision


@pytest.fixture
def problem(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project_id = projects.save(db, Project("蓝谷大道拓宽改造工程", unit_id=16, industry_id=5)).id
    return problems.raise_problem(
        db,
        project_id,
        "拆迁补偿未谈妥",
        raised_on="2020-04-01",
        deadline="2020-05-31",
        responsible_unit="鳌山卫街道",
    )


def logs(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT content FROM work_logs ORDER BY id")]


def test_the_lifecycle_of_a_supervision_order(db, problem):
    order_id = supervision.issue(
        db, problem, "鳌山卫街道", "报送整改方案", "2020-06-25", "2020-06-15"
    )

    (order,) = supervision.open_orders(db)
    assert (order.id, order.problem, order.addressee, order.plan_deadline) == (
        order_id,
        "拆迁补偿未谈妥",
        "鳌山卫街道",
        "2020-06-25",
    )
    assert order.is_open and order.deadline_state is DeadlineState.OVERDUE
    assert problems.list_problems(db)[0].open_orders == 1

    supervision.sign_off(db, order_id, "整改方案已报送", "2020-06-28")

    assert supervision.open_orders(db) == []
    (closed,) = supervision.orders(db, signed_off=True)
    assert (closed.closed_on, closed.closing_note) == ("2020-06-28", "整改方案已报送")
    assert closed.deadline_state is DeadlineState.SETTLED
    assert problems.list_problems(db)[0].open_orders == 0
    assert logs(db)[1:] == [
        "下发督办单（致鳌山卫街道）：报送整改方案",
        "督办单销号（致鳌山卫街道）：报送整改方案",
    ]
    actions = [(e.action, e.field) for e in audit.history(db, "supervision_orders", order_id)]
    assert ("insert", None) in actions
    assert ("update", "closed_on") in actions


def test_an_order_is_issued_on_the_business_day_by_default(db, problem):
    order_id = supervision.issue(db, problem, "鳌山卫街道", "报送整改方案")
    assert supervision.open_orders(db)[0].issued_on == "2020-06-30"
    supervision.sign_off(db, order_id)
    assert supervision.orders(db, signed_off=None)[0].closed_on == "2020-06-30"


def test_an_order_needs_addressee_demand_and_a_sensible_plan_date(db, problem):
    with pytest.raises(ValidationError) as refused:
        supervision.issue(db, problem, " ", "", "2020-06-01", "2020-06-15")
    assert set(refused.value.problems) == {"addressee", "demand", "plan_deadline"}
    assert supervision.orders(db, signed_off=None) == []


def test_a_settled_problem_needs_no_order(db, problem):
    problems.close(db, problem, "已签约", "2020-06-20", ProblemStatus.RESOLVED)
    with pytest.raises(ValidationError) as refused:
        supervision.issue(db, problem, "鳌山卫街道", "报送整改方案")
    assert refused.value.problems == {"problem": "问题已解决，无需督办"}


def test_an_order_is_signed_off_once_and_not_before_it_was_issued(db, problem):
    order_id = supervision.issue(db, problem, "鳌山卫街道", "报送整改方案", issued_on="2020-06-15")
    with pytest.raises(ValidationError) as early:
        supervision.sign_off(db, order_id, closed_on="2020-06-01")
    assert early.value.problems == {"closed_on": "销号日期不能早于下发日期"}
    supervision.sign_off(db, order_id)
    with pytest.raises(ValidationError):
        supervision.sign_off(db, order_id)


def test_orders_are_searchable_and_hidden_with_their_problem(db, problem):
    supervision.issue(db, problem, "鳌山卫街道", "报送整改方案")
    assert len(supervision.orders(db, text="拆迁")) == 1
    assert supervision.orders(db, text="规划") == []
    problems.delete(db, problem)
    assert supervision.open_orders(db) == []


def test_a_deleted_order_can_be_restored(db, problem):
    order_id = supervision.issue(db, problem, "鳌山卫街道", "报送整改方案")
    supervision.delete(db, order_id)
    assert supervision.open_orders(db) == []
    supervision.restore(db, order_id)
    assert [order.id for order in supervision.open_orders(db)] == [order_id]


def test_closing_a_problem_signs_off_its_open_orders_in_the_same_step(db, problem):
    order_id = supervision.issue(db, problem, "鳌山卫街道", "报送整改方案", issued_on="2020-06-15")
    supervision.close_problem(
        db, problem, "补偿协议已签订", "2020-06-28", ProblemStatus.RESOLVED, sign_off_orders=True
    )
    assert problems.get(db, problem).status is ProblemStatus.RESOLVED
    assert supervision.open_orders(db) == []
    (closed,) = supervision.orders(db, signed_off=True)
    assert (closed.id, closed.closed_on) == (order_id, "2020-06-28")
    assert closed.closing_note == "问题已解决：补偿协议已签订"
    assert logs(db)[-2:] == [
        "解决问题：拆迁补偿未谈妥",
        "督办单销号（致鳌山卫街道）：报送整改方案",
    ]


def test_closing_a_problem_leaves_its_orders_open_unless_asked(db, problem):
    supervision.issue(db, problem, "鳌山卫街道", "报送整改方案", issued_on="2020-06-15")
    supervision.close_problem(db, problem, "补偿协议已签订", "2020-06-28")
    assert problems.get(db, problem).status is ProblemStatus.RESOLVED
    assert len(supervision.open_orders(db)) == 1


def test_an_order_is_not_signed_off_before_it_was_issued_and_the_problem_stays_open(db, problem):
    supervision.issue(db, problem, "鳌山卫街道", "报送整改方案", issued_on="2020-06-15")
    before = logs(db)
    with pytest.raises(ValidationError) as early:
        supervision.close_problem(db, problem, "已签约", "2020-06-10", sign_off_orders=True)
    assert early.value.problems == {
        "sign_off_orders": "督办单于2020年6月15日下发，不能以更早的解决日期销号"
    }
    assert problems.get(db, problem).status is ProblemStatus.OPEN
    assert len(supervision.open_orders(db)) == 1
    assert logs(db) == before
