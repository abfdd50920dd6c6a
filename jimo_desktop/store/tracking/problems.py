"""问题清单: problems raised on projects, their status and resolution, and the log lines they leave.

Every change goes through records (the audited write path); raising, coordinating, resolving
and escalating a problem also write a line in the project's work log in the same transaction.
"""

import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from jimo_desktop.domain.as_of import settled_on
from jimo_desktop.domain.problems import (
    NEAR_DAYS,
    Attention,
    DeadlineState,
    Problem,
    ProblemCounts,
    ProblemStatus,
    count_problems,
    deadline_note,
    deadline_state,
    needs,
    problem_deadline_state,
    transition_refusal,
    validate_problem,
    validate_resolution,
)
from jimo_desktop.store import edit_conflicts, records, settings
from jimo_desktop.store.project_library.projects import ValidationError
from jimo_desktop.store.tracking import work_logs

TABLE = "problems"
# Status, resolution and escalation change through their own steps, each with its log line.
_STEPS = {"id", "status", "resolution", "resolved_on", "escalated"}
_EDITABLE = tuple(field.name for field in dataclasses.fields(Problem) if field.name not in _STEPS)


@dataclass(frozen=True)
class ProblemFilter:
    status: ProblemStatus | Attention | None = None
    category_id: int | None = None
    unit_id: int | None = None  # the project's 区位
    leader: str | None = None  # the project's 挂钩领导
    project_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class ProblemRow:
    """One line of a problem list, with the names it shows and its deadline judged for today."""

    id: int
    project_id: int
    project_name: str
    unit: str
    leader: str
    category: str
    description: str
    raised_on: str
    deadline: str | None
    responsible_unit: str
    responsible_person: str
    status: ProblemStatus
    resolution: str
    resolved_on: str | None
    escalated: bool
    open_orders: int
    deadline_state: DeadlineState
    deadline_note: str


_ROWS = """
SELECT pr.id, pr.project_id, p.name, COALESCE(u.name, ''), p.leader, COALESCE(c.name, ''),
       pr.description, pr.raised_on, pr.deadline, pr.responsible_unit, pr.responsible_person,
       pr.status, pr.resolution, pr.resolved_on, pr.escalated,
       (SELECT COUNT(*) FROM supervision_orders s
         WHERE s.problem_id = pr.id AND s.closed_on IS NULL AND s.deleted_at IS NULL)
FROM problems pr
JOIN projects p ON p.id = pr.project_id
LEFT JOIN units u ON u.id = p.unit_id
LEFT JOIN problem_categories c ON c.id = pr.category_id
WHERE pr.deleted_at IS NULL AND p.deleted_at IS NULL
"""
_SEARCHED = ("pr.description", "p.name", "pr.responsible_unit", "pr.responsible_person")


def raise_problem(
    db: Database,
    project_id: int,
    description: str,
    *,
    category_id: int | None = None,
    raised_on: str | None = None,
    deadline: str | None = None,
    responsible_unit: str = "",
    responsible_person: str = "",
    source: str = "manual",
    dispatch_id: int | None = None,
) -> int:
    """Record an open problem and write its line in the project's work log, in one transaction."""
    raised_on = raised_on or settings.today(db).isoformat()
    with db.atomic():
        problem_id = records.insert(
            db,
            TABLE,
            {
                "project_id": project_id,
                "category_id": category_id,
                "description": description,
                "raised_on": raised_on,
                "deadline": deadline,
                "responsible_unit": responsible_unit,
                "responsible_person": responsible_person,
                "status": "open",
                "source": source,
                "dispatch_id": dispatch_id,
            },
        )
        work_logs.add(db, project_id, f"提出问题：{description}", "problem", raised_on)
    return problem_id


def list_problems(db: Database, chosen: ProblemFilter | None = None) -> list[ProblemRow]:
    """The problems the filter lets through, newest first."""
    chosen = chosen or ProblemFilter()
    where, params = _conditions(chosen)
    today = settings.today(db)
    if isinstance(chosen.status, Attention):
        where, params = _attention_prefilter(chosen.status, today, where, params)
    rows = db.execute(f"{_ROWS} {where} ORDER BY pr.raised_on DESC, pr.id DESC", params)
    found = [_row(values, today) for values in rows]
    if not isinstance(chosen.status, Attention):
        return found
    # Overdue and near are judged by the domain's rule in Python, the one place it lives.
    return [
        row for row in found if needs(chosen.status, row.status, row.deadline_state, row.escalated)
    ]


def needing(db: Database, attention: Attention) -> list[tuple[int, int, str | None]]:
    """(id, project id, deadline) of every problem under `attention`: what list_problems would
    list, for when there may be tens of thousands and few are shown (`problem_row`) or only
    counted (`overdue_by_project`)."""
    today = settings.today(db)
    where, params = _attention_prefilter(attention, today, "", [])
    rows = db.execute(
        "SELECT pr.id, pr.project_id, pr.deadline, pr.status, pr.escalated FROM problems pr"
        " JOIN projects p ON p.id = pr.project_id"
        f" WHERE pr.deleted_at IS NULL AND p.deleted_at IS NULL {where}",
        params,
    )
    found = []
    for problem_id, project_id, deadline, status, escalated in rows:
        status = ProblemStatus(status)
        state = problem_deadline_state(deadline, status, today)
        if needs(attention, status, state, bool(escalated)):
            found.append((problem_id, project_id, deadline))
    return found


def problem_row(db: Database, problem_id: int) -> ProblemRow:
    values = db.execute(f"{_ROWS} AND pr.id = ?", [problem_id]).fetchone()
    if values is None:
        raise LookupError(f"问题 {problem_id} 不存在或已删除")
    return _row(values, settings.today(db))


def counts(db: Database, chosen: ProblemFilter | None = None) -> ProblemCounts:
    rows = list_problems(db, chosen)
    return count_problems(((row.deadline, row.status) for row in rows), settings.today(db))


def overdue_by_project(db: Database) -> dict[int, int]:
    """Project id → number of its overdue problems (the traffic lights and bulletins use it)."""
    return Counter(project_id for _, project_id, _ in needing(db, Attention.OVERDUE))


def as_of(db: Database, day: date, project_ids: set[int] | None = None) -> list[ProblemRow]:
    """The problems raised by `day` (of `project_ids`, or all), each with its status and
    deadline as they stood that day: one resolved later was still unsettled then."""
    rows = db.execute(
        f"{_ROWS} AND pr.raised_on <= ? ORDER BY pr.raised_on DESC, pr.id DESC",
        [day.isoformat() + "~"],  # "~" sorts after every day of the month: 2020-03-31 ≤ it
    )
    return [
        _row_then(values, day) for values in rows if project_ids is None or values[1] in project_ids
    ]


def overdue_as_of(db: Database, day: date) -> Counter[int]:
    """Project id → number of its problems overdue on `day` (the lights of a past month)."""
    rows = db.execute(
        "SELECT pr.project_id, pr.deadline, pr.status, pr.resolved_on FROM problems pr"
        " JOIN projects p ON p.id = pr.project_id"
        " WHERE pr.deleted_at IS NULL AND p.deleted_at IS NULL"
        " AND pr.deadline < ? AND pr.raised_on <= ?",
        [day.isoformat(), day.isoformat() + "~"],
    )
    return Counter(
        project_id
        for project_id, deadline, status, resolved_on in rows
        if deadline_state(
            deadline, settled_on(ProblemStatus(status).settled, resolved_on, day), day
        )
        is DeadlineState.OVERDUE
    )


def leaders(db: Database) -> list[str]:
    """The 挂钩领导 named on live projects, for the leader filter."""
    rows = db.execute(
        "SELECT DISTINCT leader FROM projects WHERE deleted_at IS NULL AND leader != ''"
        " ORDER BY leader"
    )
    return [row[0] for row in rows.fetchall()]


def project_choices(db: Database) -> list[tuple[str, int]]:
    """(text, id) for choosing a project by name; a repeated name carries its 区位 to tell apart."""
    rows = db.execute(
        "SELECT p.id, p.name, COALESCE(u.name, '') FROM projects p"
        " LEFT JOIN units u ON u.id = p.unit_id WHERE p.deleted_at IS NULL ORDER BY p.name, p.id"
    ).fetchall()
    seen = Counter(name for _, name, _ in rows)
    return [
        (name if seen[name] == 1 else f"{name}（{unit}，{pid}号）", pid) for pid, name, unit in rows
    ]


def get(db: Database, problem_id: int) -> Problem:
    row = records.get(db, TABLE, problem_id)
    values = {field.name: row[field.name] for field in dataclasses.fields(Problem)}
    values.update(status=ProblemStatus(row["status"]), escalated=bool(row["escalated"]))
    return Problem(**values)


def save(db: Database, problem: Problem, *, opened: Problem | None = None) -> int:
    """Raise a new problem or change an existing one's fields (status has its own steps).

    `opened`: the problem as the form read it; a save over anyone's later change is refused
    (edit_conflicts.EditedMeanwhile)."""
    found = validate_problem(problem)
    if found:
        raise ValidationError(found)
    values = {field: getattr(problem, field) for field in _EDITABLE}
    values["description"] = problem.description.strip()
    if problem.id is None:
        return raise_problem(db, **values)
    if problem.status.settled:
        values.update(resolution=problem.resolution.strip(), resolved_on=problem.resolved_on)
    records.update(db, TABLE, problem.id, values, opened=opened)
    return problem.id


def change_status(
    db: Database, problem_id: int, status: ProblemStatus, on: str | None = None
) -> None:
    """Move to 协调中 (logged `on` that day or the business day); settling goes through `close`."""
    status = ProblemStatus(status)
    if status.settled:
        raise ValueError("resolving a problem needs a resolution: use close()")
    problem = _moving(db, problem_id, status)
    with db.atomic():
        records.update(db, TABLE, problem_id, {"status": status.value})
        line = f"问题转入协调：{problem.description}"
        work_logs.add(db, problem.project_id, line, "problem", on)


def close(
    db: Database,
    problem_id: int,
    resolution: str,
    resolved_on: str | None,
    status: ProblemStatus = ProblemStatus.RESOLVED,
    *,
    opened: Problem | None = None,
) -> None:
    """Resolve (已解决) or close (已销号) with the resolution; the work log says it was solved.
    `opened`: the problem as the form read it, as for `save`."""
    status = ProblemStatus(status)
    if not status.settled:
        raise ValueError(f"not a closing status: {status}")
    resolution = resolution.strip()
    values = {"status": status.value, "resolution": resolution, "resolved_on": resolved_on}
    with db.atomic():
        # Before the steps' own checks: who moved it meanwhile says more.
        edit_conflicts.refuse_if_saved_meanwhile(db, TABLE, problem_id, opened, values)
        problem = _moving(db, problem_id, status)
        found = validate_resolution(resolution, resolved_on, problem.raised_on)
        if found:
            raise ValidationError(found)
        records.update(db, TABLE, problem_id, values)
        work_logs.add(
            db, problem.project_id, _closing_line(problem, status), "problem", resolved_on
        )


def _closing_line(problem: Problem, status: ProblemStatus) -> str:
    if problem.status.settled:
        return f"问题销号：{problem.description}"
    done = "解决问题并销号" if status is ProblemStatus.CLOSED else "解决问题"
    return f"{done}：{problem.description}"


def set_escalated(
    db: Database, problem_id: int, escalated: bool = True, on: str | None = None
) -> None:
    """Mark (or unmark) the problem as taken to the district leaders' 联席会议."""
    problem = get(db, problem_id)
    if problem.escalated == escalated:
        return
    line = "提交区重点项目联席会议" if escalated else "撤回联席会议议题"
    with db.atomic():
        records.update(db, TABLE, problem_id, {"escalated": int(escalated)})
        work_logs.add(db, problem.project_id, f"{line}：{problem.description}", "problem", on)


def delete(db: Database, problem_id: int) -> None:
    records.delete(db, TABLE, problem_id)


def restore(db: Database, problem_id: int) -> None:
    records.restore(db, TABLE, problem_id)


def _moving(db: Database, problem_id: int, status: ProblemStatus) -> Problem:
    problem = get(db, problem_id)
    refusal = transition_refusal(problem.status, status)
    if refusal:
        raise ValidationError({"status": refusal})
    return problem


def _conditions(chosen: ProblemFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    column_values = (
        ("pr.category_id", chosen.category_id),
        ("p.unit_id", chosen.unit_id),
        ("p.leader", chosen.leader),
        ("pr.project_id", chosen.project_id),
    )
    for column, value in column_values:
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if isinstance(chosen.status, ProblemStatus):
        clauses.append("pr.status = ?")
        params.append(chosen.status.value)
    if chosen.text.strip():
        clauses.append(text_clause(_SEARCHED))
        params.extend([chosen.text.strip()] * len(_SEARCHED))
    return "".join(f" AND {clause}" for clause in clauses), params


def _attention_prefilter(
    attention: Attention, today: date, where: str, params: list[object]
) -> tuple[str, list[object]]:
    """Narrow an attention filter in SQL to the problems that can meet it; the domain's rule
    still decides each row. ISO text compares as dates do, and a year-month deadline sorts
    before every day of its month, so `deadline <= cutoff` keeps every candidate."""
    unsettled = [status.value for status in ProblemStatus if not status.settled]
    if attention is Attention.ESCALATED:
        return f"{where} AND pr.escalated = 1", params
    clause = f"pr.status IN ({', '.join('?' * len(unsettled))})"
    params = [*params, *unsettled]
    if attention is Attention.OVERDUE:
        clause += " AND pr.deadline < ?"
        params.append(today.isoformat())
    elif attention is Attention.NEAR:
        clause += " AND pr.deadline <= ?"
        params.append((today + timedelta(days=NEAR_DAYS)).isoformat())
    return f"{where} AND {clause}", params


def text_clause(columns: tuple[str, ...]) -> str:
    """SQL: one of `columns` holds the text (a parameter each); instr keeps % and _ literal."""
    return "(" + " OR ".join(f"instr({column}, ?) > 0" for column in columns) + ")"


def _row_then(values: tuple, day: date) -> ProblemRow:
    """A problem's row as it stood on `day`: settled only if resolved by then."""
    *head, status, resolution, resolved_on, escalated, open_orders = values
    status = ProblemStatus(status)
    if status.settled and not settled_on(True, resolved_on, day):
        status, resolution, resolved_on = ProblemStatus.OPEN, "", None
    return _row((*head, status.value, resolution, resolved_on, escalated, open_orders), day)


def _row(values: tuple, today) -> ProblemRow:
    *head, status, resolution, resolved_on, escalated, open_orders = values
    status = ProblemStatus(status)
    deadline = head[8]
    return ProblemRow(
        *head,
        status=status,
        resolution=resolution,
        resolved_on=resolved_on,
        escalated=bool(escalated),
        open_orders=open_orders,
        deadline_state=problem_deadline_state(deadline, status, today),
        deadline_note=deadline_note(deadline, status.settled, today),
    )
