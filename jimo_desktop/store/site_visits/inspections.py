"""现场督查 records: an inspection is saved with its points, photos, project links, log lines and
the problems found on site, in one transaction; lists for the views.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.dates import parse_partial_date
from jimo_desktop.domain.inspections import (
    NAME_SEPARATOR,
    NOTHING_RECORDED,
    FollowUp,
    FoundProblem,
    Inspection,
    PhotoEntry,
    Point,
    PointNote,
    PointState,
    follow_up_state,
    nothing_recorded,
    summary_line,
    validate_inspection,
)
from jimo_desktop.store import audit, edit_conflicts, engine, records, settings
from jimo_desktop.store.site_visits import photos
from jimo_desktop.store.site_visits.inspection_drafts import Draft
from jimo_desktop.store.tracking import problems, work_logs

TABLE = "inspections"
LAST_PROJECT = "last_inspection_project"
_FIELDS = ("inspected_on", "place", "inspectors", "follow_up_on", "notes")


class ValidationError(ValueError):
    """The inspection cannot be saved; `problems` maps each field to its reason."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("；".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class ProjectOption:
    id: int
    name: str
    unit: str
    location: str
    initials: str = ""  # pinyin initials of the name, for finding it by typing them


@dataclass(frozen=True)
class InspectionRow:
    """One line of the inspection list."""

    id: int
    inspected_on: str
    place: str
    inspectors: str
    projects: str
    notes: str
    attention: int  # points that need attention or show a problem
    photo_count: int
    follow_up_on: str | None
    follow_up: FollowUp | None


@dataclass(frozen=True)
class InspectionFilter:
    project_id: int | None = None
    follow_up: FollowUp | None = None
    attention_only: bool = False
    text: str = ""


def save(
    db: Database,
    inspection: Inspection,
    photo_entries: list[PhotoEntry],
    found: Sequence[FoundProblem] = (),
    *,
    opened: Draft | None = None,
) -> int:
    """Insert or update the inspection and everything on its form; returns its id.

    A new inspection writes a line in each visited project's work log; each problem found
    becomes an open entry of its project's problem list. One that records nothing is refused.
    `opened`: the inspection and its photos as the form read them; when anyone changed it
    (its points, photos and projects too) or deleted it since, nothing is written
    (edit_conflicts.EditedMeanwhile).
    """
    reasons = validate_inspection(inspection)
    if nothing_recorded(inspection, len(photo_entries), len(found)):
        reasons["points"] = NOTHING_RECORDED
    if reasons:
        raise ValidationError(reasons)
    with db.atomic():
        if inspection.id is None:
            inspection_id = _insert(db, inspection, photo_entries)
        else:
            inspection_id = inspection.id
            if opened is not None:
                _refuse_if_saved_meanwhile(db, opened, Draft(inspection, photo_entries))
            _update(db, inspection, photo_entries)
        for problem in found:
            problems.raise_problem(
                db,
                problem.project_id,
                problem.description.strip(),
                raised_on=inspection.inspected_on,
                deadline=parse_partial_date(problem.deadline),
                responsible_unit=problem.responsible_unit.strip(),
                responsible_person=problem.responsible_person.strip(),
                source="inspection",
            )
        settings.put(db, LAST_PROJECT, str(inspection.project_ids[0]))
    return inspection_id


def _refuse_if_saved_meanwhile(db: Database, opened: Draft, mine: Draft) -> None:
    inspection_id = mine.inspection.id
    title = edit_conflicts.record_title(db, TABLE, _values(opened.inspection))
    edit_conflicts.locked_live_row(db, TABLE, inspection_id, title)
    stored = Draft(get(db, inspection_id), photos.for_inspection(db, inspection_id))
    edit_conflicts.refuse_if_differs(
        db,
        TABLE,
        inspection_id,
        title,
        _compared(db, opened),
        _compared(db, stored),
        _compared(db, mine),
    )


def _compared(db: Database, draft: Draft) -> dict[str, object]:
    """The inspection as a save compares it: its fields, projects, each point and the photos."""
    values: dict[str, object] = _values(draft.inspection)
    values["projects"] = project_names(db, draft.inspection.project_ids)
    for note in draft.inspection.points:
        said = note.state.label + (f"，{note.note.strip()}" if note.note.strip() else "")
        values[f"{note.point.label}（督查要点）"] = said
    captions = [entry.caption.strip() or "无说明" for entry in draft.photos]
    values["照片"] = edit_conflicts.Words(
        tuple((entry.id, entry.file_sha256, entry.caption.strip()) for entry in draft.photos),
        f"{len(captions)}张" + (f"：{'、'.join(captions)}" if captions else ""),
    )
    return values


def _insert(db: Database, inspection: Inspection, photo_entries: list[PhotoEntry]) -> int:
    inspection_id = records.insert(db, TABLE, _values(inspection))
    _link(db, inspection_id, inspection.project_ids)
    for note in inspection.points:
        _insert_point(db, inspection_id, note)
    _sync_photos(db, inspection_id, photo_entries)
    line = summary_line(inspection, len(photo_entries))
    for project_id in inspection.project_ids:
        work_logs.add(db, project_id, line, "inspection", inspection.inspected_on)
    return inspection_id


def _update(db: Database, inspection: Inspection, photo_entries: list[PhotoEntry]) -> None:
    records.update(db, TABLE, inspection.id, _values(inspection))
    set_projects(db, inspection.id, inspection.project_ids)
    point_ids = _point_ids(db, inspection.id)
    for note in inspection.points:
        values = {"state": note.state.value, "note": note.note.strip()}
        if note.point in point_ids:
            records.update(db, "inspection_points", point_ids[note.point], values)
        else:
            _insert_point(db, inspection.id, note)
    _sync_photos(db, inspection.id, photo_entries)


def _values(inspection: Inspection) -> dict[str, object]:
    values = {name: getattr(inspection, name) for name in _FIELDS}
    for name in ("place", "inspectors", "notes"):
        values[name] = values[name].strip()
    return values


def set_projects(db: Database, inspection_id: int, project_ids: list[int]) -> bool:
    """Change the projects an inspection visited; the audit line names them before and after."""
    old_ids = linked_projects(db, inspection_id)
    if set(old_ids) == set(project_ids):
        return False
    row_uuid = records.get(db, TABLE, inspection_id)["uuid"]
    names = (project_names(db, old_ids), project_names(db, project_ids))
    with db.atomic():
        db.execute("DELETE FROM inspection_projects WHERE inspection_id = ?", [inspection_id])
        _link(db, inspection_id, project_ids)
        audit.record(db, TABLE, inspection_id, row_uuid, "update", {"projects": names})
    return True


def _link(db: Database, inspection_id: int, project_ids: list[int]) -> None:
    db["inspection_projects"].insert_all(
        {"inspection_id": inspection_id, "project_id": project_id}
        for project_id in dict.fromkeys(project_ids)
    )


def _insert_point(db: Database, inspection_id: int, note: PointNote) -> None:
    records.insert(
        db,
        "inspection_points",
        {
            "inspection_id": inspection_id,
            "point": note.point.value,
            "state": note.state.value,
            "note": note.note.strip(),
        },
    )


def _point_ids(db: Database, inspection_id: int) -> dict[Point, int]:
    rows = db.execute(
        "SELECT point, id FROM inspection_points WHERE inspection_id = ? AND deleted_at IS NULL",
        [inspection_id],
    ).fetchall()
    return {Point(point): point_id for point, point_id in rows}


def _sync_photos(db: Database, inspection_id: int, entries: list[PhotoEntry]) -> None:
    """Attach new photos, keep captions and order of the others, delete those taken off."""
    kept = {entry.id for entry in entries if entry.id is not None}
    for old in photos.for_inspection(db, inspection_id):
        if old.id not in kept:
            records.delete(db, "photos", old.id)
    for order, entry in enumerate(entries):
        if entry.id is None:
            entry.id = photos.attach(db, inspection_id, entry, order)
        else:
            values = {"caption": entry.caption.strip(), "sort_order": order}
            records.update(db, "photos", entry.id, values)


def get(db: Database, inspection_id: int) -> Inspection:
    row = records.get(db, TABLE, inspection_id)
    notes = {
        Point(point): PointNote(Point(point), PointState(state), note)
        for point, state, note in db.execute(
            "SELECT point, state, note FROM inspection_points"
            " WHERE inspection_id = ? AND deleted_at IS NULL",
            [inspection_id],
        ).fetchall()
    }
    return Inspection(
        **{name: row[name] for name in _FIELDS},
        project_ids=linked_projects(db, inspection_id),
        points=[notes.get(point, PointNote(point)) for point in Point],
        id=row["id"],
        uuid=row["uuid"],
    )


def linked_projects(db: Database, inspection_id: int) -> list[int]:
    rows = db.execute(
        "SELECT project_id FROM inspection_projects WHERE inspection_id = ? ORDER BY rowid",
        [inspection_id],
    ).fetchall()
    return [row[0] for row in rows]


def delete(db: Database, inspection_id: int) -> None:
    """Soft delete: the inspection and its photos leave every list and stay in the history."""
    records.delete(db, TABLE, inspection_id)


_LIST = """
SELECT i.id, i.inspected_on, i.place, i.inspectors,
       (SELECT group_concat(p.name, '、') FROM inspection_projects ip
          JOIN projects p ON p.id = ip.project_id WHERE ip.inspection_id = i.id),
       i.notes,
       (SELECT COUNT(*) FROM inspection_points pt WHERE pt.inspection_id = i.id
          AND pt.deleted_at IS NULL AND pt.state IN ('concern', 'problem')),
       (SELECT COUNT(*) FROM photos ph WHERE ph.inspection_id = i.id AND ph.deleted_at IS NULL),
       i.follow_up_on,
       EXISTS (SELECT 1 FROM inspection_projects mine
          JOIN inspection_projects later_link ON later_link.project_id = mine.project_id
          JOIN inspections later ON later.id = later_link.inspection_id
          WHERE mine.inspection_id = i.id AND later.deleted_at IS NULL
            AND later.inspected_on > i.inspected_on)
FROM inspections i
WHERE i.deleted_at IS NULL
  AND (:project IS NULL OR EXISTS (SELECT 1 FROM inspection_projects ip
        WHERE ip.inspection_id = i.id AND ip.project_id = :project))
ORDER BY i.inspected_on DESC, i.id DESC
"""


def list_inspections(db: Database, wanted: InspectionFilter | None = None) -> list[InspectionRow]:
    """The inspections the filter lets through, the latest first."""
    wanted = wanted or InspectionFilter()
    today = settings.today(db)
    rows = [
        InspectionRow(*values[:9], follow_up_state(values[8], bool(values[9]), today))
        for values in db.execute(_LIST, {"project": wanted.project_id}).fetchall()
    ]
    return [row for row in rows if _allows(wanted, row)]


def _allows(wanted: InspectionFilter, row: InspectionRow) -> bool:
    if wanted.follow_up is not None and row.follow_up != wanted.follow_up:
        return False
    if wanted.attention_only and not row.attention:
        return False
    haystack = " ".join((row.place, row.inspectors, row.projects or "", row.notes))
    return all(word in haystack for word in wanted.text.split())


def project_options(db: Database) -> list[ProjectOption]:
    """Projects to visit, by name, with the place a visit to them usually is."""
    rows = db.execute(
        "SELECT p.id, p.name, COALESCE(u.name, ''), p.location, p.name_initials FROM projects p"
        " LEFT JOIN units u ON u.id = p.unit_id WHERE p.deleted_at IS NULL ORDER BY p.name"
    ).fetchall()
    return [ProjectOption(*row) for row in rows]


def project_names(db: Database, project_ids: list[int]) -> str:
    names = dict(
        db.execute(
            f"SELECT id, name FROM projects WHERE id IN {engine.json_values(db)}",
            [json.dumps(project_ids)],
        )
    )
    return NAME_SEPARATOR.join(names.get(project_id, str(project_id)) for project_id in project_ids)


def last_project(db: Database) -> int | None:
    """The project of the last inspection saved, if it still exists: the form's default."""
    stored = settings.get(db, LAST_PROJECT)
    if not stored:
        return None
    row = db.execute(
        "SELECT id FROM projects WHERE id = ? AND deleted_at IS NULL", [int(stored)]
    ).fetchone()
    return row[0] if row else None
