"""Filling a package's database: the chosen projects and what an inspector needs with them.

Rows are copied with SQL between the officer's database and the package's (attached), ids
and all, so the package is a database this program opens like any other. Problems keep no
link to the weekly dispatch meetings, which stay in the office; photos go downsized, without
originals.
"""

from pathlib import Path

from sqlite_utils import Database

from jimo_desktop.store.packages.package_tables import (
    TABLES,
    PackageError,
    base_rows,
    portable_rows,
    write_base,
)

_CHOSEN = "SELECT id FROM temp.package_projects"
_OF_CHOSEN = f"project_id IN ({_CHOSEN})"
_OF_PACKAGE_INSPECTIONS = "inspection_id IN (SELECT id FROM package.inspections)"
_LATEST_REPORT = (
    "deleted_at IS NULL AND period = (SELECT MAX(latest.period) FROM main.progress_reports latest"
    " WHERE latest.project_id = progress_reports.project_id AND latest.deleted_at IS NULL)"
)
_DICTIONARIES = ("units", "industries", "problem_categories")
CARRIED_SETTINGS = ("business_date", "is_demo")
# (table, which rows, columns left empty), in an order that satisfies the foreign keys.
_COPIES = (
    ("projects", f"id IN ({_CHOSEN})", ()),
    ("project_years", _OF_CHOSEN, ()),
    ("problems", _OF_CHOSEN, ("dispatch_id",)),
    ("milestones", _OF_CHOSEN, ()),
    ("work_logs", _OF_CHOSEN, ()),
    ("progress_reports", f"{_OF_CHOSEN} AND {_LATEST_REPORT}", ()),
    (
        "inspections",
        f"id IN (SELECT inspection_id FROM main.inspection_projects WHERE {_OF_CHOSEN})",
        (),
    ),
    ("inspection_projects", f"{_OF_PACKAGE_INSPECTIONS} AND {_OF_CHOSEN}", ()),
    ("inspection_points", _OF_PACKAGE_INSPECTIONS, ()),
    (
        "photo_files",
        f"sha256 IN (SELECT file_sha256 FROM main.photos WHERE {_OF_PACKAGE_INSPECTIONS})",
        ("original",),
    ),
    ("photos", _OF_PACKAGE_INSPECTIONS, ()),
)
# What a package's database holds, in an order that satisfies the foreign keys.
CARRIED_TABLES = (*_DICTIONARIES, *(table for table, _, _ in _COPIES), "sync_base")
LEFT_EMPTY = {table: emptied for table, _, emptied in _COPIES if emptied}


def chosen_projects(db: Database, project_ids: list[int] | None) -> list[int]:
    """The projects to export: those given, which must exist, or all of them."""
    existing = [
        row[0] for row in db.execute("SELECT id FROM projects WHERE deleted_at IS NULL ORDER BY id")
    ]
    if project_ids is None:
        chosen = existing
    else:
        unknown = sorted(set(project_ids) - set(existing))
        if unknown:
            raise PackageError(f"没有这些项目（或已删除）：{'、'.join(map(str, unknown))}")
        chosen = list(dict.fromkeys(project_ids))
    if not chosen:
        raise PackageError("没有可导出的项目")
    return chosen


def copy_rows(db: Database, data_path: Path, project_ids: list[int]) -> None:
    """Copy the chosen projects' rows into the (new, empty) package database at `data_path`."""
    db.execute("ATTACH DATABASE ? AS package", [str(data_path)])
    try:
        with db.atomic():
            db.execute("CREATE TEMP TABLE package_projects (id INTEGER PRIMARY KEY)")
            db.conn.executemany(
                "INSERT INTO temp.package_projects (id) VALUES (?)", [(i,) for i in project_ids]
            )
            for table in _DICTIONARIES:
                db.execute(f"DELETE FROM package.{table}")
                _copy(db, table, "1", ())
            marks = ", ".join("?" * len(CARRIED_SETTINGS))
            db.execute(
                "INSERT OR REPLACE INTO package.settings (key, value)"
                f" SELECT key, value FROM main.settings WHERE key IN ({marks})",
                list(CARRIED_SETTINGS),
            )
            for table, condition, emptied in _COPIES:
                _copy(db, table, condition, emptied)
            db.execute("DROP TABLE temp.package_projects")
    finally:
        db.execute("DETACH DATABASE package")


def _copy(db: Database, table: str, condition: str, emptied: tuple[str, ...]) -> None:
    columns = [row[1] for row in db.execute(f"PRAGMA main.table_info({table})").fetchall()]
    values = ", ".join("NULL" if column in emptied else column for column in columns)
    db.execute(
        f"INSERT INTO package.{table} ({', '.join(columns)})"
        f" SELECT {values} FROM main.{table} WHERE {condition}"
    )


def record_bases(
    db: Database, package: Database, from_field: bool
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Record every packaged row's base in the package; returns row counts and new photos.

    From the office, a row's base is the row itself. From the laptop, it is the base the row
    came with from the office; a row made in the field has none, and its photo's original
    travels with the package.
    """
    counts: dict[str, int] = {}
    new_photos: list[str] = []
    with package.atomic():
        for spec in TABLES:
            current = portable_rows(package, spec)
            counts[spec.name] = len(current)
            if from_field:
                known = base_rows(db, spec.name)
                base = {uuid: known[uuid] for uuid in current if uuid in known}
            else:
                base = current
            write_base(package, spec.name, base)
            if spec.name == "photos":
                new_photos = [uuid for uuid in current if uuid not in base]
    return counts, _files_of(package, new_photos)


def _files_of(package: Database, photo_uuids: list[str]) -> list[tuple[str, str]]:
    found = []
    for photo_uuid in photo_uuids:
        found.extend(
            package.execute(
                "SELECT f.sha256, f.extension FROM photos p"
                " JOIN photo_files f ON f.sha256 = p.file_sha256 WHERE p.uuid = ?",
                [photo_uuid],
            ).fetchall()
        )
    return list(dict.fromkeys(found))
