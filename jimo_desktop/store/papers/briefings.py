"""Briefing drafts as the officer edited them: kept with the briefing, every change audited.

There is one live draft per kind, month and project. Saving again replaces its text; the
audit trail keeps the old text, so an officer can see what the last bulletin said before.
"""

import uuid as uuid_module
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.briefing import Draft, Kind
from jimo_desktop.store import audit

TABLE = "briefings"


@dataclass(frozen=True)
class SavedBriefing:
    id: int
    draft: Draft
    updated_at: str
    exported_at: str | None
    exported_to: str


def saved(
    db: Database, kind: Kind, period: str, project_id: int | None = None
) -> SavedBriefing | None:
    """The officer's draft for this briefing, or None when none was kept yet."""
    row = db.execute(
        "SELECT id, draft, updated_at, exported_at, exported_to FROM briefings"
        " WHERE kind = ? AND period = ? AND project_id IS ? AND deleted_at IS NULL",
        [kind.value, period, project_id],
    ).fetchone()
    if row is None:
        return None
    return SavedBriefing(row[0], Draft.from_json(row[1]), row[2], row[3], row[4])


def save(db: Database, draft: Draft) -> int:
    """Keep the draft in one transaction: a new row, or the live one's text replaced."""
    existing = saved(db, draft.kind, draft.period, draft.project_id)
    text = draft.to_json()
    stamp = audit.now_stamp()
    with db.atomic():
        if existing is None:
            row_uuid = str(uuid_module.uuid4())
            briefing_id = (
                db[TABLE]
                .insert(
                    {
                        "uuid": row_uuid,
                        "kind": draft.kind.value,
                        "period": draft.period,
                        "project_id": draft.project_id,
                        "draft": text,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                .last_pk
            )
            audit.record(db, TABLE, briefing_id, row_uuid, "insert", {"draft": (None, text)})
            return briefing_id
        old_text = existing.draft.to_json()
        if old_text != text:
            db[TABLE].update(existing.id, {"draft": text, "updated_at": stamp})
            audit.record(
                db,
                TABLE,
                existing.id,
                _uuid(db, existing.id),
                "update",
                {"draft": (old_text, text)},
            )
        return existing.id


def mark_exported(db: Database, briefing_id: int, path: str) -> None:
    """Remember where and when the draft was last written as PDF."""
    with db.atomic():
        old = db.execute(
            "SELECT uuid, exported_to FROM briefings WHERE id = ?", [briefing_id]
        ).fetchone()
        db[TABLE].update(briefing_id, {"exported_at": audit.now_stamp(), "exported_to": path})
        audit.record(db, TABLE, briefing_id, old[0], "update", {"exported_to": (old[1], path)})


def discard(db: Database, briefing_id: int) -> None:
    """Set the draft aside (softly) so the next one is written afresh from the data."""
    with db.atomic():
        db[TABLE].update(briefing_id, {"deleted_at": audit.now_stamp()})
        audit.record(db, TABLE, briefing_id, _uuid(db, briefing_id), "delete")


def _uuid(db: Database, briefing_id: int) -> str:
    return db.execute("SELECT uuid FROM briefings WHERE id = ?", [briefing_id]).fetchone()[0]
