"""纳统, the project's one home for it: a flag and the date it was counted from.

The editor, the month grid and the 调度表 all write it here, and every figure reads it as of
its day (domain/as_of.in_statistics_on). A month's report says 已纳统 for its month: the
project is counted from that month, unless it was counted earlier.
"""

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.store import audit


class StatisticsError(ValueError):
    """A month that cannot take back a 纳统 it did not give; the message is for the officer."""


def record_month(
    db: Database, project_id: int, period: str, counted: bool | None, *, strict: bool = True
) -> bool:
    """Make the project's 纳统 say `counted` for the month `period`; True when it changed.

    None says nothing and changes nothing. Counted: from `period` on, unless already counted
    by its end. Not counted: only a 纳统
    given in this very month (or an undated one) is taken back; an earlier one is the project
    record's to change,
    and saying otherwise is refused (`strict`, an officer's edit) or left alone (a unit's
    调度表, which often repeats last year's column).
    """
    if counted is None:
        return False
    row = db.execute(
        "SELECT uuid, in_statistics, statistics_date, name FROM projects WHERE id = ?",
        [project_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"项目 {project_id} 不存在")
    uuid, flag, since, name = row
    counted_then = as_of.in_statistics_on(bool(flag), since, as_of.period_end(period))
    if counted and not counted_then:
        new_since = period if not flag or not since or since[:7] > period else since
        return _write(db, project_id, uuid, (flag, since), (1, new_since))
    if counted is False and counted_then:
        if since is not None and since[:7] != period:
            if not strict:
                return False
            when = format_partial_date(since)
            raise StatisticsError(
                f"{name}：已于{when}纳统，本月不能改为未纳统；如需更正，请在项目信息中修改纳统日期"
            )
        return _write(db, project_id, uuid, (flag, since), (0, None))
    return False


def _write(db: Database, project_id: int, uuid: str, old: tuple, new: tuple) -> bool:
    changes = {
        field: (before, after)
        for field, before, after in zip(("in_statistics", "statistics_date"), old, new, strict=True)
        if before != after
    }
    if not changes:
        return False
    with db.atomic():
        db.execute(
            "UPDATE projects SET in_statistics = ?, statistics_date = ?, updated_at = ?"
            " WHERE id = ?",
            [*new, audit.now_stamp(), project_id],
        )
        audit.record(db, "projects", project_id, uuid, "update", changes)
    return True
