"""What an import needs to know of the data already kept, each in one query: the live
projects by name, unit and code, the month's progress reports, the unsettled problems; and
for the editor, a project of the same 区位 with the same name.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.project_names import normalise_name
from jimo_desktop.store.monthly.progress import STORED_FIELDS

UNSETTLED = ("open", "coordinating")


@dataclass(frozen=True)
class ProjectKey:
    id: int
    name: str
    unit_id: int | None
    code: str


def project_keys(db: Database) -> list[ProjectKey]:
    rows = db.execute(
        "SELECT id, name, unit_id, code FROM projects WHERE deleted_at IS NULL ORDER BY id"
    ).fetchall()
    return [ProjectKey(*row) for row in rows]


def same_name_in_unit(
    db: Database, name: str, unit_id: int, other_than: int | None
) -> ProjectKey | None:
    """Another live project of the 区位 whose name reads as `name` (domain/project_names)."""
    wanted = normalise_name(name)
    rows = db.execute(
        "SELECT id, name, unit_id, code FROM projects"
        " WHERE deleted_at IS NULL AND unit_id = ? AND id IS NOT ? ORDER BY id",
        [unit_id, other_than],
    )
    return next((ProjectKey(*row) for row in rows if normalise_name(row[1]) == wanted), None)


def month_reports(db: Database, period: str) -> dict[int, dict[str, object]]:
    """Project id → its live report for `period` (YYYY-MM), field by field, with the project's
    纳统 at the month's end (1 or 0) as the month's 纳统."""
    rows = db.execute(
        f"SELECT r.project_id, {', '.join(f'r.{field}' for field in STORED_FIELDS)},"
        " p.in_statistics = 1"
        " AND (p.statistics_date IS NULL OR substr(p.statistics_date, 1, 7) <= ?)"
        " FROM progress_reports r JOIN projects p ON p.id = r.project_id"
        " WHERE r.period = ? AND r.deleted_at IS NULL",
        [period, period],
    ).fetchall()
    fields = (*STORED_FIELDS, "in_statistics")
    return {row[0]: dict(zip(fields, row[1:], strict=True)) for row in rows}


def statistics_flags(db: Database) -> dict[int, int]:
    """Project id → its own 纳统 (1 or 0): what a month without a report counts it as."""
    rows = db.execute("SELECT id, in_statistics FROM projects WHERE deleted_at IS NULL")
    return {project_id: int(flag) for project_id, flag in rows}


def unsettled_problems(db: Database, project_ids: Iterable[int]) -> set[tuple[int, str]]:
    """(project id, description) of every problem still open or being coordinated."""
    wanted = set(project_ids)
    rows = db.execute(
        "SELECT project_id, description FROM problems"
        f" WHERE deleted_at IS NULL AND status IN ({', '.join('?' * len(UNSETTLED))})",
        list(UNSETTLED),
    ).fetchall()
    return {(project_id, text) for project_id, text in rows if project_id in wanted}
