"""The month's inspections as the 督查报告 prints them, read through the inspection stores."""

from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.inspection_facts import (
    InspectionMonthFacts,
    SiteVisit,
    evidence_caption,
)
from jimo_desktop.domain.wording import joined
from jimo_desktop.store import settings
from jimo_desktop.store.site_visits import inspections, photos


def month_facts(
    db: Database, period: str, photos_per_visit: int | None = None
) -> InspectionMonthFacts:
    """The month's visits; each with its photos, all of them or the first `photos_per_visit`."""
    rows = [
        row
        for row in reversed(inspections.list_inspections(db))
        if row.inspected_on.startswith(period)
    ]
    visits = tuple(_visit(db, row, photos_per_visit) for row in rows)
    projects = {
        project_id for row in rows for project_id in inspections.linked_projects(db, row.id)
    }
    raised = db.execute(
        "SELECT COUNT(*) FROM problems WHERE source = 'inspection' AND deleted_at IS NULL"
        " AND substr(raised_on, 1, 7) = ?",
        [period],
    ).fetchone()[0]
    return InspectionMonthFacts(
        period=period,
        today=settings.today(db),
        visits=visits,
        project_count=len(projects),
        photo_count=sum(row.photo_count for row in rows),
        problems_raised=raised,
    )


def _visit(db: Database, row: inspections.InspectionRow, most: int | None) -> SiteVisit:
    inspection = inspections.get(db, row.id)
    findings = tuple(
        joined(note.point.label, note.state.label) + (f"（{note.note}）" if note.note else "")
        for note in inspection.points
        if note.state.needs_attention
    )
    pictures = []
    entries = photos.for_inspection(db, row.id)
    for entry in entries[:most]:
        image = photos.image(db, entry.file_sha256)
        if image:
            caption = evidence_caption(
                entry.caption,
                entry.original_name,
                row.place,
                entry.taken_at,
                row.inspected_on,
                entry.latitude,
                entry.longitude,
            )
            pictures.append((image, caption))
    return SiteVisit(
        day=row.inspected_on,
        projects=row.projects or "",
        place=row.place,
        inspectors=row.inspectors,
        findings=findings,
        follow_up=format_partial_date(row.follow_up_on),
        photos=tuple(pictures),
        photos_taken=len(entries),
    )
