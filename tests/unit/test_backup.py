"""Backups: consistent copies named for when and why, rotation, live restore, the commands."""

import random
import sqlite3
from datetime import datetime, timedelta

import pytest

from jimo_desktop import cli
from jimo_desktop.demo.inspections import draw_site_photo
from jimo_desktop.domain.project import Project, YearListing
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping import backup
from jimo_desktop.store.site_visits import photos

NOW = datetime(2020, 6, 30, 18, 0, 0)


def _save(db, name: str) -> Project:
    project = Project(name=name, unit_id=1, industry_id=1, years=[YearListing(2020)])
    return projects.save(db, project)


def _names(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM projects ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def database_path(db):
    return backup.database_file(db)


def test_backup_copy_is_complete_single_file_named_for_its_reason(db, database_path):
    _save(db, "海洋生物医药产业园")

    target = backup.backup_copy(db, database_path, "manual", now=NOW)

    assert target.name == f"{database_path.stem}-20200630-180000-manual.sqlite3"
    assert _names(target) == ["海洋生物医药产业园"]
    assert not list(target.parent.glob("*.partial"))
    assert not target.with_name(target.name + "-wal").exists()
    [listed] = backup.list_backups(database_path)
    assert (listed.path, listed.taken_at, listed.reason) == (target, NOW, "manual")
    assert listed.reason_label == "手动备份"


def test_two_backups_in_the_same_second_both_survive(db, database_path):
    first = backup.backup_copy(db, database_path, "manual", now=NOW)
    second = backup.backup_copy(db, database_path, "manual", now=NOW)
    assert first != second
    assert len(backup.list_backups(database_path)) == 2


def test_migration_backups_are_labelled_with_their_kind(db, database_path):
    backup.backup_copy(db, database_path, "before-migration-1", now=NOW)
    assert backup.list_backups(database_path)[0].reason_label == "升级数据库前"


def test_backup_before_an_import_is_offered_for_a_database_file(db):
    target = backup.backup_before(db, "before-import")
    assert target is not None
    assert backup.list_backups(backup.database_file(db))[0].reason_label == "导入前"


def _touch_backups(db, database_path, moments):
    return [backup.backup_copy(db, database_path, "daily", now=moment) for moment in moments]


def test_rotation_keeps_seven_days_four_weeks_twelve_months(db, database_path):
    # One backup a day for two years, the newest today.
    moments = [NOW - timedelta(days=days) for days in range(730)]
    _touch_backups(db, database_path, moments)

    removed = backup.rotate(database_path, now=NOW)

    kept = sorted(b.taken_at for b in backup.list_backups(database_path))
    assert len(removed) == 730 - len(kept)
    assert [moment.date() for moment in kept[-7:]] == [
        (NOW - timedelta(days=days)).date() for days in range(6, -1, -1)
    ]
    assert len({moment.isocalendar()[:2] for moment in kept}) >= 4
    months = {(moment.year, moment.month) for moment in kept}
    assert len(months) == 12
    assert len(kept) <= 7 + 4 + 12


def test_rotation_keeps_every_backup_of_the_last_day(db, database_path):
    moments = [NOW - timedelta(hours=hours) for hours in range(0, 20, 2)]
    _touch_backups(db, database_path, moments)
    assert backup.rotate(database_path, now=NOW) == []


def test_daily_backup_is_due_only_when_none_was_taken_today(db, database_path):
    assert backup.daily_backup_due(database_path, now=NOW)
    backup.backup_copy(db, database_path, "close", now=NOW - timedelta(hours=3))
    assert not backup.daily_backup_due(database_path, now=NOW)
    assert backup.daily_backup_due(database_path, now=NOW + timedelta(days=1))


def test_live_restore_brings_back_the_backup_and_keeps_the_current_state(db, database_path):
    _save(db, "海洋生物医药产业园")
    older = backup.backup_copy(db, database_path, "manual", now=NOW - timedelta(days=1))
    _save(db, "蓝谷海洋科技中心")

    saved = backup.restore_into(db, older)

    assert [row[0] for row in db.execute("SELECT name FROM projects")] == ["海洋生物医药产业园"]
    assert _names(saved) == ["海洋生物医药产业园", "蓝谷海洋科技中心"]
    assert "before-restore" in saved.name
    _save(db, "即墨古城保护工程")
    assert projects.count(db) == 2


def test_live_restore_of_a_backup_from_another_schema_version_is_refused(db, database_path):
    older = backup.backup_copy(db, database_path, "before-migration-1", now=NOW)
    connection = sqlite3.connect(older)
    connection.execute("PRAGMA user_version = 1")
    connection.close()
    with pytest.raises(backup.BackupError, match="另一版本"):
        backup.restore_into(db, older)


def test_backup_command_writes_a_copy_to_the_folder_asked_for(db, tmp_path, capsys):
    _save(db, "海洋生物医药产业园")
    database_path = backup.database_file(db)
    db.close()

    assert cli.main(["backup", "--db", str(database_path), "--to", str(tmp_path / "u盘")]) == 0

    [copy] = (tmp_path / "u盘").glob("*.sqlite3")
    assert _names(copy) == ["海洋生物医药产业园"]
    assert backup.list_backups(database_path) == []
    assert "已备份到" in capsys.readouterr().out


def test_a_backup_to_another_folder_takes_the_photo_originals_along(db, tmp_path, capsys):
    data = draw_site_photo(random.Random(5), datetime(2020, 6, 30, 9), 36.4, 120.4)
    original = photos.original_path(db, photos.store_bytes(db, data, "IMG_5.jpg").file_sha256)
    database_path = backup.database_file(db)
    db.close()
    stick = tmp_path / "u盘"

    for _ in range(2):  # the second time, the stick holds the original already
        assert cli.main(["backup", "--db", str(database_path), "--to", str(stick)]) == 0
    copy = stick / "photos" / original.relative_to(tmp_path / "photos")
    assert copy.read_bytes() == original.read_bytes()
    assert capsys.readouterr().out.count("照片原件 1 个已复制") == 1


def test_restore_command_replaces_the_database_and_backs_up_the_old_one(tmp_path):
    path = tmp_path / "jimo.sqlite3"
    db = open_database(path)
    _save(db, "海洋生物医药产业园")
    older = backup.backup_copy(db, path, "manual", now=NOW - timedelta(days=1))
    _save(db, "蓝谷海洋科技中心")
    db.close()

    assert cli.main(["restore", str(older), "--db", str(path)]) == 0

    assert _names(path) == ["海洋生物医药产业园"]
    [saved] = [b for b in backup.list_backups(path) if b.reason == "before-restore"]
    assert _names(saved.path) == ["海洋生物医药产业园", "蓝谷海洋科技中心"]


def test_backup_command_without_database_is_bad_usage(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["backup", "--db"])
    assert stop.value.code == 2
    assert cli.main(["backup"]) == 2
    assert "--db" in capsys.readouterr().err
