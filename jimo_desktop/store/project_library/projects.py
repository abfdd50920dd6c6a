"""Projects and their yearly listings: read, save with audit, duplicate, soft delete and restore."""

import dataclasses
import json
import operator
import uuid as uuid_module
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.money import format_wan
from jimo_desktop.domain.pinyin import name_initials
from jimo_desktop.domain.project import Level, Nature, Project, Stage, YearListing
from jimo_desktop.domain.validation import validate_project
from jimo_desktop.store import audit, edit_conflicts, engine

TABLE = "projects"
_NOT_STORED_AS_COLUMNS = {"id", "uuid", "years"}
FIELDS = tuple(f.name for f in dataclasses.fields(Project) if f.name not in _NOT_STORED_AS_COLUMNS)
_BOOLEANS = {"is_government", "in_statistics"}


class ValidationError(ValueError):
    """The project cannot be saved; `problems` maps each field to its reason."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("；".join(problems.values()))
        self.problems = problems


class NotFoundError(LookupError):
    pass


def get(db: Database, project_id: int) -> Project:
    found = get_many(db, [project_id])
    if project_id not in found:
        raise NotFoundError(f"项目 {project_id} 不存在或已删除")
    return found[project_id]


def get_many(db: Database, project_ids: Iterable[int]) -> dict[int, Project]:
    """Id → live project, with its listings, of those among `project_ids`; in two queries."""
    wanted = json.dumps(list(project_ids))
    years: dict[int, list[YearListing]] = defaultdict(list)
    for project_id, year, level, plan, batch, added_on, withdrawn_on in db.execute(
        f"SELECT {', '.join(_LISTING_COLUMNS)} FROM project_years"
        f" WHERE project_id IN {engine.json_values(db)} ORDER BY project_id, year",
        [wanted],
    ):
        years[project_id].append(
            YearListing(
                year,
                Level(level) if level else None,
                plan,
                Stage(batch) if batch else None,
                added_on,
                withdrawn_on,
            )
        )
    rows = db.execute(
        f"SELECT id, uuid, {', '.join(FIELDS)} FROM projects"
        f" WHERE deleted_at IS NULL AND id IN {engine.json_values(db)}",
        [wanted],
    )
    return {row[0]: _project_of(row, years[row[0]]) for row in rows}


def _project_of(row: tuple, years: list[YearListing]) -> Project:
    values = dict(zip(("id", "uuid", *FIELDS), row, strict=True))
    values["stage"] = Stage(values["stage"])
    values["nature"] = Nature(values["nature"]) if values["nature"] else None
    for name in _BOOLEANS:
        values[name] = bool(values[name])
    return Project(**values, years=years)


def save(db: Database, project: Project, opened: Project | None = None) -> Project:
    """Insert or update in one transaction, writing every changed field to the audit trail.

    `opened` is the project as the officer's editor read it: when someone else saved it
    since, nothing is written (edit_conflicts.EditedMeanwhile says who, when and what)."""
    problems = validate_project(project)
    if problems:
        raise ValidationError(problems)
    if project.id is not None:
        with db.atomic():
            if opened is not None:
                _refuse_if_saved_meanwhile(db, opened, project)
            update_many(db, [project])
        return dataclasses.replace(project, name=project.name.strip())
    project = dataclasses.replace(project, name=project.name.strip())
    row = _to_row(project)
    stamp = audit.now_stamp()
    with db.atomic():
        project.uuid = str(uuid_module.uuid4())
        row.update(uuid=project.uuid, created_at=stamp, updated_at=stamp)
        project.id = db[TABLE].insert(row).last_pk
        audit.record(db, TABLE, project.id, project.uuid, "insert")
        _replace_listings(db, [project])
    return project


def _refuse_if_saved_meanwhile(db: Database, opened: Project, project: Project) -> None:
    edit_conflicts.lock_row(db, TABLE, project.id)
    stored = get_many(db, [project.id]).get(project.id)
    if stored is None:  # deleted meanwhile: get_many reads live projects only
        row = db[TABLE].get(project.id)
        edit_conflicts.refuse_if_deleted(db, TABLE, project.id, opened.name, row)
        raise NotFoundError(f"项目 {project.id} 不存在或已删除")
    edit_conflicts.refuse_if_changed(
        db,
        TABLE,
        project.id,
        stored.name,
        _changes(opened, stored),
        _changes(opened, project),
    )


def update_many(db: Database, changed: list[Project]) -> list[int]:
    """Save many kept projects in one transaction (imports): all or nothing, every changed
    field audited as one line with its old and new value, as `save` does, but in one
    statement each for the rows, their listings and the audit lines. A project that did not
    change is left untouched. Returns the ids of the projects that changed."""
    _check_valid(changed)
    wanted = [  # copied only where the name needs it: a re-import hands thousands in
        p if p.name == p.name.strip() else dataclasses.replace(p, name=p.name.strip())
        for p in changed
    ]
    stamp = audit.now_stamp()
    with db.atomic():
        kept = get_many(db, [project.id for project in wanted])
        uuids = {project_id: project.uuid for project_id, project in kept.items()}
        written: dict[int, Project] = {}
        audited = []
        for project in wanted:
            if project.id not in kept:
                raise NotFoundError(f"项目 {project.id} 不存在或已删除")
            changes = _changes(kept[project.id], project)
            if changes:
                # A project given twice (two rows the officer matched to it) changes as if
                # saved twice: the second is compared with the first.
                kept[project.id] = written[project.id] = project
                audited.append((project.id, uuids[project.id], changes))
        db.conn.executemany(_UPDATE, [(*_stored_values(p), stamp, p.id) for p in written.values()])
        audit.record_changes(db, TABLE, audited)
        _replace_listings(db, list(written.values()))
    return list(written)


def duplicate(db: Database, project_id: int) -> Project:
    """An unsaved copy for the editor: same fields and listings, a new identity."""
    original = get(db, project_id)
    return dataclasses.replace(
        original,
        id=None,
        uuid=None,
        name=f"{original.name}（副本）",
        code="",
        years=[dataclasses.replace(listing) for listing in original.years],
    )


def delete(db: Database, project_id: int) -> None:
    """Soft delete: the row stays, hidden, and `restore` brings it back."""
    _set_deleted(db, project_id, audit.now_stamp(), "delete")


def restore(db: Database, project_id: int) -> None:
    _set_deleted(db, project_id, None, "restore")


def _set_deleted(db: Database, project_id: int, stamp: str | None, action: str) -> None:
    row = db.execute("SELECT uuid FROM projects WHERE id = ?", [project_id]).fetchone()
    if row is None:
        raise NotFoundError(f"项目 {project_id} 不存在")
    with db.atomic():
        db[TABLE].update(project_id, {"deleted_at": stamp, "updated_at": audit.now_stamp()})
        audit.record(db, TABLE, project_id, row[0], action)


def count(db: Database) -> int:
    return db.execute("SELECT COUNT(*) FROM projects WHERE deleted_at IS NULL").fetchone()[0]


def _to_row(project: Project) -> dict[str, object]:
    return dict(zip(_STORED, _stored_values(project), strict=True))


# The columns in the order _stored_values gives them; insert_many writes these tuples, as a
# dict a row cost more than the insert itself at 20,000 rows.
_CONVERTED = ("stage", "nature", "is_government", "in_statistics")
_AS_KEPT = tuple(name for name in FIELDS if name not in _CONVERTED)
_COLUMNS = (*_AS_KEPT, *_CONVERTED)  # the project's fields as stored, in _column_values order
_STORED = (*_COLUMNS, "name_initials")
_kept_values = operator.attrgetter(*_AS_KEPT)


def _stored_values(project: Project) -> tuple[object, ...]:
    return (*_column_values(project), name_initials(project.name))


def _column_values(project: Project) -> tuple[object, ...]:
    return (
        *_kept_values(project),
        dated_stage(project).value,
        project.nature.value if project.nature else None,
        int(project.is_government),
        int(project.in_statistics),
    )


def dated_stage(project: Project) -> Stage:
    """The stage kept: the actual dates decide started and completed (a stage can never say
    otherwise than the dates beside it); only an undated project keeps the stage it was given."""
    return as_of.stage_on(project.stage, project.actual_start, project.actual_end, date.max)


def _changes(old: Project, new: Project) -> dict[str, tuple[object, object]]:
    """Field → (old, new) of every stored field that differs, and of the listings as text."""
    before = dict(zip(_COLUMNS, _column_values(old), strict=True))
    after = dict(zip(_COLUMNS, _column_values(new), strict=True))
    changes = {
        name: (before[name], after[name])
        for name in FIELDS  # the order of the fields in the history
        if before[name] != after[name]
        and not (before[name] in (None, "") and after[name] in (None, ""))
    }
    if _years_text(old.years) != _years_text(new.years):
        changes["years"] = (_years_text(old.years), _years_text(new.years))
    return changes


def _replace_listings(db: Database, saved: list[Project]) -> None:
    db.conn.executemany(
        "DELETE FROM project_years WHERE project_id = ?", [(project.id,) for project in saved]
    )
    db.conn.executemany(_INSERT_LISTINGS, _listing_values(saved))


_LISTING_COLUMNS = (
    "project_id",
    "year",
    "level",
    "annual_plan",
    "batch",
    "added_on",
    "withdrawn_on",
)


def _listing_values(saved: list[Project]) -> list[tuple[object, ...]]:
    return [
        (
            project.id,
            listing.year,
            listing.level.value if listing.level else None,
            listing.annual_plan,
            listing.batch.value if listing.batch else None,
            listing.added_on,
            listing.withdrawn_on,
        )
        for project in saved
        for listing in project.years
    ]


def _years_text(years: list[YearListing]) -> str:
    return "；".join(
        f"{listing.year}（{listing.level.label if listing.level else '未定级'}，"
        f"{listing.batch.label + '一批，' if listing.batch else ''}"
        f"计划{format_wan(listing.annual_plan) or '—'}万元"
        f"{'，' + listing.added_on + '增补' if listing.added_on else ''}"
        f"{'，' + listing.withdrawn_on + '退出' if listing.withdrawn_on else ''}）"
        for listing in sorted(years, key=lambda listing: listing.year)
    )


_INSERTED = (*_STORED, "id", "uuid", "created_at", "updated_at")
_INSERT_MANY = (
    f"INSERT INTO {TABLE} ({', '.join(_INSERTED)}) VALUES ({', '.join('?' * len(_INSERTED))})"
)
_UPDATE = (
    f"UPDATE {TABLE} SET {', '.join(f'{column} = ?' for column in _STORED)}, updated_at = ?"
    " WHERE id = ?"
)
_INSERT_LISTINGS = (
    f"INSERT INTO project_years ({', '.join(_LISTING_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(_LISTING_COLUMNS))})"
)


def _inserted_row(project: Project, stamp: str) -> tuple[object, ...]:
    """The project's values in the order of _INSERTED."""
    return (*_stored_values(project), project.id, project.uuid, stamp, stamp)


def insert_many(db: Database, new_projects: list[Project]) -> list[int]:
    """Insert many valid projects in one transaction (demo data, imports): all or nothing."""
    _check_valid(new_projects)
    stamp = audit.now_stamp()
    with db.atomic():
        ids = engine.new_ids(db, TABLE, len(new_projects))
        for project, project_id in zip(new_projects, ids, strict=True):
            project.id = project_id
            project.uuid = project.uuid or str(uuid_module.uuid4())
        db.conn.executemany(_INSERT_MANY, [_inserted_row(p, stamp) for p in new_projects])
        db.conn.executemany(_INSERT_LISTINGS, _listing_values(new_projects))
        audit.record_inserted(db, TABLE, ids)
    return [project.id for project in new_projects]


def _check_valid(batch: list[Project]) -> None:
    """Raises ValidationError for the first project of `batch` that may not be saved."""
    for project in batch:
        problems = validate_project(project)
        if problems:
            raise ValidationError({f"{project.name}: {k}": v for k, v in problems.items()})
