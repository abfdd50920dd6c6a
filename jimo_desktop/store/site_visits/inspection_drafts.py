"""The quick form's autosave: what the officer has typed, kept until the inspection is saved.

A draft is not yet the officer's record, so it is not audited; it is written every few
seconds and on closing, and removed when the inspection is saved or the draft discarded.
Photos in a draft are already stored files (photo_files), so a removed memory card or a
renamed folder does not lose them. The draft of a kept inspection also keeps the inspection as
the form opened it, so that saving the draft days later is still refused when a colleague has
changed the inspection since (store/edit_conflicts.py).
"""

import json
from dataclasses import asdict, dataclass, field

from sqlite_utils import Database

from jimo_desktop.domain.inspections import (
    FoundProblem,
    Inspection,
    PhotoEntry,
    Point,
    PointNote,
    PointState,
)
from jimo_desktop.store import audit

NEW = "new"  # the key of the draft of a new inspection; an edit's key is the inspection's uuid


@dataclass
class Draft:
    inspection: Inspection
    photos: list[PhotoEntry] = field(default_factory=list)
    found: list[FoundProblem] = field(default_factory=list)


def draft_json(draft: Draft) -> str:
    """The draft as stored; equal drafts give equal text, so a form can tell it is unchanged."""
    return json.dumps(asdict(draft), ensure_ascii=False, sort_keys=True)


def save_draft(db: Database, key: str, draft: Draft, opened: Draft | None = None) -> None:
    """Keep the draft; `opened`: the inspection as the form opened it, for `opened_with`."""
    kept = asdict(draft) | ({"opened": asdict(opened)} if opened is not None else {})
    content = json.dumps(kept, ensure_ascii=False, sort_keys=True)
    with db.atomic():
        db["inspection_drafts"].upsert(
            {"draft_key": key, "saved_at": audit.now_stamp(), "content": content}, pk="draft_key"
        )


def load_draft(db: Database, key: str) -> tuple[Draft, str] | None:
    """The draft and when it was saved; None when there is none or it cannot be read."""
    row = db.execute(
        "SELECT content, saved_at FROM inspection_drafts WHERE draft_key = ?", [key]
    ).fetchone()
    if row is None:
        return None
    try:
        return _draft(json.loads(row[0])), row[1]
    except (ValueError, TypeError, KeyError):
        # A draft from an older program that no longer reads is dropped, not a crash.
        return None


def opened_with(db: Database, key: str) -> Draft | None:
    """The inspection as the form that wrote the draft had opened it; None when not kept."""
    row = db.execute("SELECT content FROM inspection_drafts WHERE draft_key = ?", [key]).fetchone()
    try:
        return _draft(json.loads(row[0])["opened"]) if row else None
    except (ValueError, TypeError, KeyError):
        return None


def discard_draft(db: Database, key: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM inspection_drafts WHERE draft_key = ?", [key])


def _draft(content: dict) -> Draft:
    inspection = dict(content["inspection"])
    inspection["points"] = [
        PointNote(Point(note["point"]), PointState(note["state"]), note["note"])
        for note in inspection["points"]
    ]
    return Draft(
        inspection=Inspection(**inspection),
        photos=[PhotoEntry(**entry) for entry in content["photos"]],
        found=[FoundProblem(**problem) for problem in content["found"]],
    )
