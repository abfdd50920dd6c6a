"""督办单: a problem that stays unsolved is escalated to a supervision order — to whom, what is
demanded, by when a rectification plan is due — until the order is signed off (销号).

Issuing and signing off write lines in the project's work log in the same transaction. A
problem resolved or closed may take its open 督办单 with it (`close_problem`): the order is
done with when its problem is.
"""

from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.problems import (
    DeadlineState,
    Problem,
    ProblemStatus,
    deadline_day,
    deadline_note,
    deadline_state,
    first_day,
    validate_supervision_order,
)
from jimo_desktop.store import edit_conflicts, records, settings
from jimo_desktop.store.project_library.projects import ValidationError
from jimo_desktop.store.tracking import problems, work_logs

TABLE = "supervision_orders"


@dataclass(frozen=True)
class OrderRow:
    id: int
    problem_id: int
    project_id: int
    project_name: str
    unit: str
    problem: str
    issued_on: str
    addressee: str
    demand: str
    plan_deadline: str | None
    closed_on: str | None
    closing_note: str
    deadline_state: DeadlineState
    deadline_note: str

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


_ROWS = """
SELECT s.id, s.problem_id, pr.project_id, p.name, COALESCE(u.name, ''), pr.description,
       s.issued_on, s.addressee, s.demand, s.plan_deadline, s.closed_on, s.closing_note
FROM supervision_orders s
JOIN problems pr ON pr.id = s.problem_id
JOIN projects p ON p.id = pr.project_id
LEFT JOIN units u ON u.id = p.unit_id
WHERE s.deleted_at IS NULL AND pr.deleted_at IS NULL AND p.deleted_at IS NULL
"""
_SEARCHED = ("p.name", "pr.description", "s.addressee", "s.demand")


def issue(
    db: Database,
    problem_id: int,
    addressee: str,
    demand: str,
    plan_deadline: str | None = None,
    issued_on: str | None = None,
) -> int:
    """A new 督办单 on an unsolved problem."""
    problem = problems.get(db, problem_id)
    issued_on = issued_on or settings.today(db).isoformat()
    found = validate_supervision_order(addressee, demand, issued_on, plan_deadline)
    if problem.status.settled:
        found["problem"] = f"问题{problem.status.label}，无需督办"
    if found:
        raise ValidationError(found)
    values = {
        "problem_id": problem_id,
        "issued_on": issued_on,
        "addressee": addressee.strip(),
        "demand": demand.strip(),
        "plan_deadline": plan_deadline,
    }
    with db.atomic():
        order_id = records.insert(db, TABLE, values)
        line = f"下发督办单（致{values['addressee']}）：{values['demand']}"
        work_logs.add(db, problem.project_id, line, "problem", issued_on)
    return order_id


def sign_off(
    db: Database,
    order_id: int,
    closing_note: str = "",
    closed_on: str | None = None,
    *,
    opened: OrderRow | None = None,
) -> None:
    """销号: the order is done with; its note says how the demand was met. `opened`: the
    order as the officer's list showed it; signed off or changed since, nothing is written
    (edit_conflicts.EditedMeanwhile)."""
    closed_on = closed_on or settings.today(db).isoformat()
    values = {"closed_on": closed_on, "closing_note": closing_note.strip()}
    with db.atomic():
        edit_conflicts.refuse_if_saved_meanwhile(db, TABLE, order_id, opened, values)
        order = records.get(db, TABLE, order_id)
        if order["closed_on"]:
            raise ValidationError({"closed_on": "该督办单已销号"})
        if deadline_day(closed_on) < first_day(order["issued_on"]):
            raise ValidationError({"closed_on": "销号日期不能早于下发日期"})
        project_id = problems.get(db, order["problem_id"]).project_id
        records.update(db, TABLE, order_id, values)
        line = f"督办单销号（致{order['addressee']}）：{order['demand']}"
        work_logs.add(db, project_id, line, "problem", closed_on)


def close_problem(
    db: Database,
    problem_id: int,
    resolution: str,
    resolved_on: str | None,
    status: ProblemStatus = ProblemStatus.RESOLVED,
    sign_off_orders: bool = False,
    *,
    opened: Problem | None = None,
) -> None:
    """Resolve or close the problem (problems.close, refused as it is when `opened` is not as
    the problem stands); with `sign_off_orders`, its open 督办单 are signed off on the same
    day in the same transaction, the resolution as their note."""
    found = orders(db, problem_id=problem_id) if sign_off_orders else []
    with db.atomic():
        problems.close(db, problem_id, resolution, resolved_on, status, opened=opened)
        for order in found:
            if resolved_on and deadline_day(resolved_on) < first_day(order.issued_on):
                issued = format_partial_date(order.issued_on)
                raise ValidationError(
                    {"sign_off_orders": f"督办单于{issued}下发，不能以更早的解决日期销号"}
                )
            sign_off(db, order.id, f"问题已解决：{resolution.strip()}", resolved_on)


def orders(
    db: Database,
    *,
    signed_off: bool | None = False,
    problem_id: int | None = None,
    text: str = "",
) -> list[OrderRow]:
    """督办单 newest first: open ones (the default), signed-off ones, or all with None."""
    clauses, params = [], []
    if signed_off is not None:
        clauses.append("s.closed_on IS NOT NULL" if signed_off else "s.closed_on IS NULL")
    if problem_id is not None:
        clauses.append("s.problem_id = ?")
        params.append(problem_id)
    if text.strip():
        clauses.append(problems.text_clause(_SEARCHED))
        params.extend([text.strip()] * len(_SEARCHED))
    where = "".join(f" AND {clause}" for clause in clauses)
    rows = db.execute(f"{_ROWS}{where} ORDER BY s.issued_on DESC, s.id DESC", params)
    today = settings.today(db)
    return [_row(values, today) for values in rows.fetchall()]


def open_orders(db: Database) -> list[OrderRow]:
    return orders(db, signed_off=False)


def delete(db: Database, order_id: int) -> None:
    records.delete(db, TABLE, order_id)


def restore(db: Database, order_id: int) -> None:
    records.restore(db, TABLE, order_id)


def _row(values: tuple, today) -> OrderRow:
    plan_deadline, closed_on = values[9], values[10]
    settled = closed_on is not None
    return OrderRow(
        *values,
        deadline_state=deadline_state(plan_deadline, settled, today),
        deadline_note=deadline_note(plan_deadline, settled, today),
    )
