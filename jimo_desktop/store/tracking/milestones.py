"""时间节点: a project's milestones, kept in the officer's order, every change audited."""

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.milestones import (
    STANDARD_NODES,
    Milestone,
    kind_for_name,
    merged_order,
    milestone_lateness,
    validate_milestone,
)
from jimo_desktop.store import engine, records, settings
from jimo_desktop.store.tracking import work_logs

TABLE = "milestones"
EDITABLE = ("name", "planned_on", "actual_on", "responsible_unit", "note")
_COLUMNS = ("id", "project_id", "kind", "name", "planned_on", "actual_on")
_COLUMNS += ("responsible_unit", "note", "sort_order")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM milestones WHERE deleted_at IS NULL"
_ORDER = "ORDER BY project_id, sort_order, id"


class MilestoneError(ValueError):
    """A node that cannot be saved; `problems` maps each field to its reason."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("；".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class NodePlan:
    """A node to add: a standard code or custom, with what is known of it."""

    kind: str
    name: str
    planned_on: str | None = None
    actual_on: str | None = None
    responsible_unit: str = ""
    note: str = ""


def for_project(db: Database, project_id: int) -> list[Milestone]:
    rows = db.execute(f"{_SELECT} AND project_id = ? {_ORDER}", [project_id]).fetchall()
    return [Milestone(*row) for row in rows]


def for_projects(db: Database, project_ids: Iterable[int]) -> dict[int, list[Milestone]]:
    """Milestones of many projects at once (the timeline of a filtered list), by project."""
    wanted = json.dumps([int(project_id) for project_id in project_ids])
    rows = db.execute(
        f"{_SELECT} AND project_id IN {engine.json_values(db)} {_ORDER}", [wanted]
    ).fetchall()
    found: dict[int, list[Milestone]] = {}
    for row in rows:
        found.setdefault(row[1], []).append(Milestone(*row))
    return found


def get(db: Database, milestone_id: int) -> Milestone:
    row = db.execute(f"{_SELECT} AND id = ?", [milestone_id]).fetchone()
    if row is None:
        raise LookupError(f"时间节点 {milestone_id} 不存在或已删除")
    return Milestone(*row)


def late(db: Database, today: date) -> list[Milestone]:
    """Every node past its planned date and not reached by `today`, across live projects; a
    node reached after `today` was still outstanding then, and is returned as it stood."""
    rows = db.execute(
        f"{_SELECT} AND planned_on IS NOT NULL AND planned_on <= ?"
        " AND (actual_on IS NULL OR actual_on > ?)"
        " AND project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL)"
        f" {_ORDER}",
        [today.isoformat(), today.isoformat()],
    ).fetchall()
    nodes = (as_it_stood(Milestone(*row), today) for row in rows)
    return [node for node in nodes if milestone_lateness(node, today).is_late]


def as_it_stood(node: Milestone, day: date) -> Milestone:
    """The node as it was on `day`: not yet reached if it was reached after."""
    if node.actual_on and not as_of.happened_by(node.actual_on, day):
        return dataclasses.replace(node, actual_on=None)
    return node


def add_nodes(db: Database, project_id: int, nodes: list[NodePlan]) -> list[int]:
    """Append nodes after the project's last one, in one statement and one transaction."""
    with db.atomic():
        start = _next_order(db, project_id)
        return records.insert_many(
            db,
            TABLE,
            [
                {"project_id": project_id, **asdict(node), "sort_order": start + number}
                for number, node in enumerate(nodes)
            ],
        )


def add_standard_set(db: Database, project_id: int) -> list[int]:
    """Add the standard nodes the project lacks, each slotted in at its place in the order.

    开工 and 竣工验收 start from the project's own planned and actual dates, so the
    timeline and the project record never begin by disagreeing.
    """
    existing = for_project(db, project_id)
    present = {node.kind for node in existing}
    missing = [node for node in STANDARD_NODES if node.code not in present]
    if not missing:
        return []
    dates = _project_dates(db, project_id)
    with db.atomic():
        new_ids = add_nodes(
            db,
            project_id,
            [
                NodePlan(node.code, node.name, *dates.get(node.code, (None, None)))
                for node in missing
            ],
        )
        _renumber(
            db,
            merged_order(
                [(node.kind, node.id) for node in existing],
                [(node.code, new_id) for node, new_id in zip(missing, new_ids, strict=True)],
            ),
        )
    return new_ids


def add_custom(db: Database, project_id: int, values: Mapping[str, str | None]) -> int:
    """A node the officer names; a standard name typed by hand becomes that standard node."""
    checked = _checked(db, values)
    node = NodePlan(kind_for_name(checked["name"]), **checked)
    with db.atomic():
        node_id = add_nodes(db, project_id, [node])[0]
        if node.actual_on:
            _log_reached(db, project_id, node.name, node.actual_on)
    return node_id


def update(
    db: Database,
    milestone_id: int,
    values: Mapping[str, str | None],
    *,
    opened: Milestone | None = None,
) -> bool:
    """Change the fields given; reaching a node for the first time writes a work-log line.
    `opened`: the node as the form read it; changed or deleted since, nothing is written
    (edit_conflicts.EditedMeanwhile)."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable milestone fields: {sorted(unknown)}")
    old = opened or get(db, milestone_id)  # opened is refused below unless it is as stored
    current = {field: getattr(old, field) for field in EDITABLE}
    checked = _checked(db, {**current, **values})
    if "name" in values:
        checked["kind"] = kind_for_name(checked["name"])
    with db.atomic():
        changed = records.update(db, TABLE, milestone_id, checked, opened=opened)
        if checked["actual_on"] and not old.actual_on:
            _log_reached(db, old.project_id, checked["name"], checked["actual_on"])
    return changed


def _log_reached(db: Database, project_id: int, name: str, actual_on: str) -> None:
    when = format_partial_date(actual_on)
    work_logs.add(db, project_id, f"时间节点“{name}”完成（{when}）", "milestone")


def move(db: Database, milestone_id: int, step: int) -> bool:
    """Move a node up (-1) or down (+1) among its project's nodes; False at either end."""
    node = get(db, milestone_id)
    ids = [other.id for other in for_project(db, node.project_id)]
    here = ids.index(milestone_id)
    there = here + step
    if not 0 <= there < len(ids):
        return False
    ids[here], ids[there] = ids[there], ids[here]
    reorder(db, node.project_id, ids)
    return True


def reorder(db: Database, project_id: int, ordered_ids: list[int]) -> None:
    """Put the project's nodes in the given order; each moved node leaves one audit line."""
    present = {node.id for node in for_project(db, project_id)}
    if set(ordered_ids) != present:
        raise ValueError("the new order must name every node of the project once")
    _renumber(db, ordered_ids)


def delete(db: Database, milestone_id: int) -> None:
    records.delete(db, TABLE, milestone_id)


def restore(db: Database, milestone_id: int) -> None:
    """Bring a deleted node back at its old place in the order."""
    records.restore(db, TABLE, milestone_id)


def _checked(db: Database, values: Mapping[str, str | None]) -> dict[str, str | None]:
    read, problems = validate_milestone(
        values.get("name") or "",
        values.get("planned_on"),
        values.get("actual_on"),
        settings.today(db),
    )
    if problems:
        raise MilestoneError(problems)
    extra = {field: (values.get(field) or "").strip() for field in ("responsible_unit", "note")}
    return {**read, **extra}


def _renumber(db: Database, ordered_ids: list[int]) -> None:
    with db.atomic():
        for position, milestone_id in enumerate(ordered_ids):
            records.update(db, TABLE, milestone_id, {"sort_order": position})


def _next_order(db: Database, project_id: int) -> int:
    return db.execute(
        "SELECT COALESCE(MAX(sort_order), -1) + 1 FROM milestones"
        " WHERE project_id = ? AND deleted_at IS NULL",
        [project_id],
    ).fetchone()[0]


def _project_dates(db: Database, project_id: int) -> dict[str, tuple[str | None, str | None]]:
    row = db.execute(
        "SELECT planned_start, actual_start, planned_end, actual_end FROM projects WHERE id = ?",
        [project_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"项目 {project_id} 不存在")
    planned_start, actual_start, planned_end, actual_end = row
    return {"start": (planned_start, actual_start), "acceptance": (planned_end, actual_end)}
