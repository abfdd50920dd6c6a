"""政策清单 and 服务清单: beside its problems, each project keeps the policies it needs and the
services the bureau promised it. Writes go through records (audited); settling an item also
writes a line in the project's work log.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.problems import (
    DeadlineState,
    PolicyState,
    deadline_note,
    deadline_state,
    required_text,
)
from jimo_desktop.store import records, settings
from jimo_desktop.store.project_library.projects import ValidationError
from jimo_desktop.store.tracking import work_logs

POLICIES = "policy_items"
SERVICES = "service_items"
POLICY_FIELDS = ("policy", "state", "note")
SERVICE_FIELDS = ("promise", "provider", "due_on", "note")


@dataclass(frozen=True)
class PolicyItem:
    id: int
    project_id: int
    policy: str
    state: PolicyState
    note: str


@dataclass(frozen=True)
class ServiceItem:
    id: int
    project_id: int
    promise: str
    provider: str
    due_on: str | None
    done: bool
    done_on: str | None
    note: str
    deadline_state: DeadlineState
    deadline_note: str


def policies(db: Database, project_id: int) -> list[PolicyItem]:
    rows = db.execute(
        "SELECT id, project_id, policy, state, note FROM policy_items"
        " WHERE project_id = ? AND deleted_at IS NULL ORDER BY id",
        [project_id],
    ).fetchall()
    return [PolicyItem(*row[:3], PolicyState(row[3]), row[4]) for row in rows]


def add_policy(
    db: Database,
    project_id: int,
    policy: str,
    state: PolicyState = PolicyState.PENDING,
    note: str = "",
) -> int:
    values = _checked_policy({"policy": policy, "state": state, "note": note})
    return records.insert(db, POLICIES, {"project_id": project_id, **values})


def update_policy(
    db: Database,
    item_id: int,
    values: Mapping[str, object],
    *,
    opened: PolicyItem | None = None,
) -> bool:
    """Change the given fields; reaching 已落实 writes a line in the work log. `opened`: the
    item as the form read it; changed or deleted since, nothing is written
    (edit_conflicts.EditedMeanwhile)."""
    _known(values, POLICY_FIELDS)
    old = records.get(db, POLICIES, item_id)
    merged = _checked_policy({field: values.get(field, old[field]) for field in POLICY_FIELDS})
    with db.atomic():
        changed = records.update(db, POLICIES, item_id, merged, opened=opened)
        if (
            changed
            and old["state"] != PolicyState.GRANTED
            and merged["state"] == PolicyState.GRANTED
        ):
            work_logs.add(db, old["project_id"], f"政策已落实：{merged['policy']}", "policy")
    return changed


def grant_policy(db: Database, item_id: int) -> bool:
    """The policy list's "done": the policy has been obtained (已落实)."""
    return update_policy(db, item_id, {"state": PolicyState.GRANTED})


def delete_policy(db: Database, item_id: int) -> None:
    records.delete(db, POLICIES, item_id)


def restore_policy(db: Database, item_id: int) -> None:
    records.restore(db, POLICIES, item_id)


def services(db: Database, project_id: int) -> list[ServiceItem]:
    rows = db.execute(
        "SELECT id, project_id, promise, provider, due_on, done, done_on, note FROM service_items"
        " WHERE project_id = ? AND deleted_at IS NULL ORDER BY done, due_on IS NULL, due_on, id",
        [project_id],
    ).fetchall()
    today = settings.today(db)
    return [
        ServiceItem(
            *row[:5],
            done=bool(row[5]),
            done_on=row[6],
            note=row[7],
            deadline_state=deadline_state(row[4], bool(row[5]), today),
            deadline_note=deadline_note(row[4], bool(row[5]), today),
        )
        for row in rows
    ]


def add_service(
    db: Database,
    project_id: int,
    promise: str,
    provider: str = "",
    due_on: str | None = None,
    note: str = "",
    dispatch_id: int | None = None,
) -> int:
    """A promised service; a dispatch meeting's follow-up passes its `dispatch_id`."""
    values = _checked_service({"promise": promise, "provider": provider, "due_on": due_on})
    return records.insert(
        db,
        SERVICES,
        {"project_id": project_id, **values, "note": note, "dispatch_id": dispatch_id},
    )


def update_service(
    db: Database,
    item_id: int,
    values: Mapping[str, object],
    *,
    opened: ServiceItem | None = None,
) -> bool:
    """Change the given fields; `opened` as for update_policy."""
    _known(values, SERVICE_FIELDS)
    old = records.get(db, SERVICES, item_id)
    merged = {field: values.get(field, old[field]) for field in SERVICE_FIELDS}
    return records.update(db, SERVICES, item_id, _checked_service(merged), opened=opened)


def complete_service(db: Database, item_id: int, done_on: str | None = None) -> bool:
    """The service list's "done", dated `done_on` or the business day; logged once."""
    old = records.get(db, SERVICES, item_id)
    if old["done"]:
        return False
    done_on = done_on or settings.today(db).isoformat()
    with db.atomic():
        records.update(db, SERVICES, item_id, {"done": 1, "done_on": done_on})
        line = f"服务事项已办结：{old['promise']}"
        work_logs.add(db, old["project_id"], line, "service", done_on)
    return True


def delete_service(db: Database, item_id: int) -> None:
    records.delete(db, SERVICES, item_id)


def restore_service(db: Database, item_id: int) -> None:
    records.restore(db, SERVICES, item_id)


def _checked_policy(values: dict[str, object]) -> dict[str, object]:
    found = required_text("policy", str(values["policy"]), "请填写所需政策")
    if found:
        raise ValidationError(found)
    state = PolicyState(values["state"])
    return {"policy": str(values["policy"]).strip(), "state": state.value, "note": values["note"]}


def _checked_service(values: dict[str, object]) -> dict[str, object]:
    found = required_text("promise", str(values["promise"]), "请填写服务事项")
    if found:
        raise ValidationError(found)
    return {**values, "promise": str(values["promise"]).strip()}


def _known(values: Mapping[str, object], fields: tuple[str, ...]) -> None:
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
