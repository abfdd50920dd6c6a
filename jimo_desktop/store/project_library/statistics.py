"""纳统, the project's one home for it: a flag and the date it was counted from.

The editor, the month grid and the 调度表 all write it here, and every figure reads it as of
its day (domain/as_of.in_statistics_on). A month's report says 已纳统 for its month: the
project is counted from that month, unless it was counted earlier.
"""

import json
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.store import audit, engine

FIELDS = ("in_statistics", "statistics_date")
State = tuple[int, str | None]  # the stored flag and the date counted from


class StatisticsError(ValueError):
    """A month that cannot take back a 纳统 it did not give; the message is for the officer."""


@dataclass(frozen=True)
class Kept:
    """A project's 纳统 as stored."""

    uuid: str
    name: str
    state: State

    def on(self, period: str) -> bool:
        """Counted at the end of the month `period`."""
        flag, since = self.state
        return as_of.in_statistics_on(bool(flag), since, as_of.period_end(period))


def kept(db: Database, project_ids: list[int]) -> dict[int, Kept]:
    """Project → its 纳统 as stored, for many projects in one query."""
    rows = db.execute(
        "SELECT id, uuid, name, in_statistics, statistics_date FROM projects"
        f" WHERE id IN {engine.json_values(db)}",
        [json.dumps(project_ids)],
    )
    return {row[0]: Kept(row[1], row[2], (row[3], row[4])) for row in rows}


def record_month(
    db: Database, project_id: int, period: str, counted: bool | None, *, strict: bool = True
) -> bool:
    """Make the project's 纳统 say `counted` for the month `period`; True when it changed."""
    if counted is None:
        return False
    found = kept(db, [project_id]).get(project_id)
    if found is None:
        raise LookupError(f"项目 {project_id} 不存在")
    new = month_state(found, period, counted, strict=strict)
    return bool(write_many(db, {project_id: (found, new)} if new else {}))


def month_state(found: Kept, period: str, counted: bool | None, *, strict: bool) -> State | None:
    """The 纳统 the project gets when its month `period` says `counted`; None: unchanged.

    None says nothing and changes nothing. Counted: from `period` on, unless already counted
    by its end. Not counted: only a 纳统 given in this very month (or an undated one) is
    taken back; an earlier one is the project record's to change, and saying otherwise is
    refused (`strict`, an officer's edit) or left alone (a unit's 调度表, which often repeats
    last year's column).
    """
    flag, since = found.state
    counted_then = found.on(period)
    if counted and not counted_then:
        new = (1, period if not flag or not since or since[:7] > period else since)
    elif counted is False and counted_then:
        if since is not None and since[:7] != period:
            if not strict:
                return None
            when = format_partial_date(since)
            raise StatisticsError(
                f"{found.name}：已于{when}纳统，本月不能改为未纳统；如需更正，请在项目信息中修改纳统日期"
            )
        new = (0, None)
    else:
        return None
    return new if _changes(found.state, new) else None


def write_many(db: Database, changes: dict[int, tuple[Kept, State]]) -> list[int]:
    """Write each project's new 纳统 (project → (as kept, new)) with one audit line per
    changed field, in one statement each; returns the projects written."""
    if not changes:
        return []
    stamp = audit.now_stamp()
    with db.atomic():
        db.conn.executemany(
            "UPDATE projects SET in_statistics = ?, statistics_date = ?, updated_at = ?"
            " WHERE id = ?",
            [(*new, stamp, project_id) for project_id, (_, new) in changes.items()],
        )
        audit.record_changes(
            db,
            "projects",
            [
                (project_id, found.uuid, _changes(found.state, new))
                for project_id, (found, new) in changes.items()
            ],
        )
    return list(changes)


def _changes(old: State, new: State) -> dict[str, tuple[object, object]]:
    return {
        field: (before, after)
        for field, before, after in zip(FIELDS, old, new, strict=True)
        if before != after
    }
