"""Test set-up: the demo database without one of its parts, for tests that state it themselves."""

from sqlite_utils import Database

from jimo_desktop.store.site_visits import inspections


def without_inspections(db: Database) -> Database:
    """The demo minus its site inspections, their photos and the lines they wrote."""
    with db.atomic():
        for table in ("photos", "inspection_points", "inspection_projects", "inspections"):
            db.execute(f"DELETE FROM {table}")
        db.execute("DELETE FROM photo_files")
        db.execute("DELETE FROM work_logs WHERE source = 'inspection'")
        db.execute("DELETE FROM problems WHERE source = 'inspection'")
        db.execute(
            "DELETE FROM audit_log WHERE table_name IN"
            " ('inspections', 'inspection_points', 'photos')"
        )
        db.execute("DELETE FROM settings WHERE key = ?", [inspections.LAST_PROJECT])
    return db
