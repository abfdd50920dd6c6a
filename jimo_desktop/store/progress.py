"""月推进: one progress report per project and month (1-N月累计, 开工至今累计, 形象进度 …)."""

from collections.abc import Mapping
from typing import Literal

from sqlite_utils import Database

from jimo_desktop.store import records

REPORT_FIELDS = (
    "completed_this_year",
    "completed_since_start",
    "image_progress",
    "in_statistics",
    "problems_noted",
)
Outcome = Literal["added", "updated", "unchanged"]


def upsert_report(
    db: Database, project_id: int, period: str, values: Mapping[str, object]
) -> Outcome:
    """Add the month's report or change the fields given; the same figures again change nothing."""
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"not progress report fields: {sorted(unknown)}")
    existing = db.execute(
        "SELECT id FROM progress_reports WHERE project_id = ? AND period = ?", [project_id, period]
    ).fetchone()
    if existing is None:
        records.insert(
            db, "progress_reports", {"project_id": project_id, "period": period, **values}
        )
        return "added"
    changed = records.update(db, "progress_reports", existing[0], dict(values))
    return "updated" if changed else "unchanged"
