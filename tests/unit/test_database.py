import shutil
import sqlite3

import pytest

from jimo_desktop import paths
from jimo_desktop.domain.dictionaries import DEFAULT_INDUSTRIES, DEFAULT_UNITS
from jimo_desktop.domain.project import Project, YearListing
from jimo_desktop.store import dictionaries
from jimo_desktop.store.database import (
    DatabaseError,
    backup_copy,
    is_empty,
    latest_version,
    open_database,
)
from jimo_desktop.store.project_library import projects

TABLES = {"settings", "units", "industries", "projects", "project_years", "audit_log"}


def _user_version(path) -> int:
    with sqlite3.connect(path) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    return version


def _save_sample(db, name="海洋生物医药产业园") -> Project:
    project = Project(
        name=name, unit_id=1, industry_id=1, total_investment=1_234_567, years=[YearListing(2020)]
    )
    return projects.save(db, project)


def test_latest_version_is_the_highest_numbered_migration_file():
    numbers = [
        int(path.name[:4]) for path in paths.migrations_dir().glob("[0-9][0-9][0-9][0-9]_*.sql")
    ]
    assert latest_version() == max(numbers)


def test_new_database_has_schema_at_latest_version(db):
    assert set(db.table_names()) >= TABLES
    assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert is_empty(db)


def test_new_database_is_in_wal_mode_with_foreign_keys_enforced(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO project_years (project_id, year) VALUES (999, 2020)")


def test_new_database_is_seeded_with_23_units_and_the_industries(db):
    units = dictionaries.entries(db, "units")
    assert len(units) == 23
    assert [unit.name for unit in units] == [unit.name for unit in DEFAULT_UNITS]
    by_name = {unit.name: unit for unit in units}
    assert set(by_name["青岛蓝谷"].aliases) >= {"蓝谷", "蓝色硅谷"}
    assert by_name["即墨经济开发区"].aliases[0] == "经济开发区"
    assert db.execute("SELECT kind FROM units WHERE name = '马山生态区'").fetchone()[0] == "zone"
    industries = [entry.name for entry in dictionaries.entries(db, "industries")]
    assert industries == list(DEFAULT_INDUSTRIES)
    assert len(industries) == 12


def test_reopening_does_not_seed_twice_and_keeps_officers_edits(tmp_path):
    path = tmp_path / "jimo.sqlite3"
    first = open_database(path)
    dictionaries.add(first, "units", "新设功能区")
    _save_sample(first)
    first.close()

    again = open_database(path)
    names = [entry.name for entry in dictionaries.entries(again, "units")]
    assert len(names) == 24
    assert len(set(names)) == 24
    assert "新设功能区" in names
    assert len(dictionaries.entries(again, "industries")) == 12
    assert projects.count(again) == 1
    assert again.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    again.close()


def test_new_database_gets_no_backup_copy(tmp_path):
    path = tmp_path / "jimo.sqlite3"
    open_database(path).close()
    assert not paths.backups_dir_for(path).exists()


def test_database_from_a_newer_program_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    newer = latest_version() + 1
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {newer}")
        connection.execute("CREATE TABLE future (x)")
    connection.close()

    with pytest.raises(DatabaseError, match=str(newer)):
        open_database(path)
    assert _user_version(path) == newer
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert tables == {"future"}


def test_backup_copy_is_a_readable_database_with_the_same_rows(db, tmp_path):
    for name in ("海洋生物医药产业园", "蓝谷海洋科技中心", "即墨古城保护工程"):
        _save_sample(db, name)
    database_path = tmp_path / "jimo.sqlite3"

    target = backup_copy(db, database_path, "manual")

    assert target.parent == paths.backups_dir_for(database_path)
    assert "manual" in target.name
    query = "SELECT * FROM projects ORDER BY id"
    expected = db.execute(query).fetchall()
    with sqlite3.connect(target) as copy:
        assert copy.execute(query).fetchall() == expected
        assert copy.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 23
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    copy.close()


@pytest.fixture
def migrations(tmp_path, monkeypatch):
    """A private copy of db/ that a test may add migrations to."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for script in paths.migrations_dir().glob("*.sql"):
        shutil.copy(script, folder / script.name)
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    return folder


def test_pending_migration_runs_after_a_backup_and_keeps_data(tmp_path, migrations):
    path = tmp_path / "data" / "jimo.sqlite3"
    old = open_database(path)
    _save_sample(old)
    old_version = latest_version()
    old.close()
    next_version = old_version + 1
    (migrations / f"{next_version:04d}_add_note.sql").write_text(
        "ALTER TABLE projects ADD COLUMN note TEXT NOT NULL DEFAULT '';", encoding="utf-8"
    )

    upgraded = open_database(path)

    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == next_version
    assert "note" in upgraded["projects"].columns_dict
    assert projects.count(upgraded) == 1
    assert len(dictionaries.entries(upgraded, "units")) == 23
    upgraded.close()
    backups = list(paths.backups_dir_for(path).glob(f"*before-migration-{old_version}*"))
    assert len(backups) == 1
    assert _user_version(backups[0]) == old_version


def test_failed_migration_is_rolled_back_whole(tmp_path, migrations):
    path = tmp_path / "jimo.sqlite3"
    old = open_database(path)
    _save_sample(old)
    old_version = latest_version()
    old.close()
    (migrations / f"{old_version + 1:04d}_broken.sql").write_text(
        "ALTER TABLE projects ADD COLUMN note TEXT;\nCREATE TABLE units (x);", encoding="utf-8"
    )

    with pytest.raises(DatabaseError, match="升级"):
        open_database(path)

    assert _user_version(path) == old_version
    with sqlite3.connect(path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(projects)")}
        assert connection.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 1
    connection.close()
    assert "note" not in columns
