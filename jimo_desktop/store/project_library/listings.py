"""四个一批 on a year's list: each listing's batch, and its 调整、增补、退出 during the year.

A listing's batch and dates live in `project_years`; every change made during the year is
also a dated, audited row of `listing_changes` with its reason, so a past month's figures
count the list and the batches as they stood then (domain/as_of.py).
"""

from collections import defaultdict

from sqlite_utils import Database

from jimo_desktop.domain.as_of import ListingChange
from jimo_desktop.domain.project import Stage
from jimo_desktop.store import records

TABLE = "listing_changes"


class ListingError(ValueError):
    """A change the listing cannot take; the message is for the officer."""


def adjustments(db: Database, year: int) -> dict[int, list[ListingChange]]:
    """Project id → the batch adjustments of its `year` listing, oldest first."""
    found: dict[int, list[ListingChange]] = defaultdict(list)
    rows = db.execute(
        f"SELECT project_id, changed_on, kind, old_batch, new_batch FROM {TABLE}"
        " WHERE year = ? AND kind = 'adjust' AND deleted_at IS NULL ORDER BY changed_on, id",
        [year],
    )
    for project_id, changed_on, kind, old, new in rows:
        found[project_id].append(
            ListingChange(
                changed_on, kind, Stage(old) if old else None, Stage(new) if new else None
            )
        )
    return found


def adjust_batch(
    db: Database, project_id: int, year: int, batch: Stage | None, on: str, reason: str
) -> None:
    """调整: move the listing to another batch from `on`, for `reason`."""
    current = _listing(db, project_id, year)
    old = current[0]
    if (Stage(old) if old else None) == batch:
        return
    with db.atomic():
        db.execute(
            "UPDATE project_years SET batch = ? WHERE project_id = ? AND year = ?",
            [batch.value if batch else None, project_id, year],
        )
        _record(db, project_id, year, on, "adjust", old, batch, reason)


def withdraw(db: Database, project_id: int, year: int, on: str, reason: str) -> None:
    """退出: the project leaves the year's list from `on`; the months before still count it."""
    batch, _, withdrawn_on = _listing(db, project_id, year)
    if withdrawn_on:
        raise ListingError(f"该项目已于{withdrawn_on}退出{year}年清单")
    with db.atomic():
        db.execute(
            "UPDATE project_years SET withdrawn_on = ? WHERE project_id = ? AND year = ?",
            [on, project_id, year],
        )
        _record(db, project_id, year, on, "withdraw", batch, None, reason)


def mark_added(db: Database, project_id: int, year: int, on: str, reason: str) -> None:
    """增补: the listing joined the year's list on `on`; the months before do not count it."""
    batch, _, _ = _listing(db, project_id, year)
    with db.atomic():
        db.execute(
            "UPDATE project_years SET added_on = ? WHERE project_id = ? AND year = ?",
            [on, project_id, year],
        )
        _record(db, project_id, year, on, "add", None, batch, reason)


def _listing(db: Database, project_id: int, year: int) -> tuple:
    row = db.execute(
        "SELECT batch, added_on, withdrawn_on FROM project_years WHERE project_id = ? AND year = ?",
        [project_id, year],
    ).fetchone()
    if row is None:
        raise ListingError(f"该项目未列入{year}年清单")
    return row


def _record(db, project_id, year, on, kind, old, new, reason) -> None:
    records.insert(
        db,
        TABLE,
        {
            "project_id": project_id,
            "year": year,
            "changed_on": on,
            "kind": kind,
            "old_batch": old.value if isinstance(old, Stage) else old,
            "new_batch": new.value if isinstance(new, Stage) else new,
            "reason": reason,
        },
    )
