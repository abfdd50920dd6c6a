"""A damaged database is detected; a restore replaces it and keeps what was there."""

import sqlite3
import threading
import time
from concurrent.futures import Future

import pytest

from jimo_desktop import cli
from jimo_desktop.domain.project import Project, YearListing
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping import backup
from jimo_desktop.store.safekeeping.integrity import (
    full_check,
    hold_writes_until_checked,
    quick_check,
    release_writes,
)
from tests.damage import damage_table


@pytest.fixture
def filled(tmp_path):
    """A closed database file with enough projects to span many pages, and a backup of it."""
    path = tmp_path / "jimo.sqlite3"
    db = open_database(path)
    sample = [
        Project(name=f"海洋产业园{n}", unit_id=1, industry_id=1, years=[YearListing(2020)])
        for n in range(400)
    ]
    projects.insert_many(db, sample)
    good = backup.backup_copy(db, path, "daily")
    db.close()
    return path, good


def test_sound_database_passes_both_checks(filled):
    path, _ = filled
    assert quick_check(path) == []
    assert full_check(path) == []


def test_overwritten_page_is_detected_by_both_checks(filled):
    path, _ = filled
    damage_table(path)
    assert quick_check(path)
    assert full_check(path)
    assert all(problem.startswith("数据库损坏") for problem in full_check(path))


def test_file_that_is_not_a_database_is_detected(tmp_path):
    path = tmp_path / "jimo.sqlite3"
    path.write_bytes(b"PK\x03\x04 this is a zip file, renamed")
    assert quick_check(path)
    assert full_check(path)


def test_missing_file_is_reported_not_created(tmp_path):
    path = tmp_path / "nothing.sqlite3"
    assert quick_check(path) == [f"数据库文件不存在：{path}"]
    assert not path.exists()


def test_checking_never_writes_to_the_file(filled):
    path, _ = filled
    before = path.read_bytes()
    full_check(path)
    quick_check(path)
    assert path.read_bytes() == before


def test_check_command_exits_1_on_a_damaged_database(filled, capsys):
    path, _ = filled
    assert cli.main(["check", "--db", str(path)]) == 0
    assert "完好" in capsys.readouterr().out
    damage_table(path)
    assert cli.main(["check", "--db", str(path)]) == 1
    assert "数据库损坏" in capsys.readouterr().err


def test_latest_good_backup_skips_damaged_backups(filled):
    path, good = filled
    db = open_database(path)
    newer = backup.backup_copy(db, path, "close")
    db.close()
    damage_table(newer)
    assert backup.latest_good_backup(path).path == good


def test_restore_replaces_a_damaged_database_and_keeps_the_damaged_file(filled):
    path, good = filled
    damage_table(path)
    damaged_bytes = path.read_bytes()

    saved = backup.restore(good, path)

    assert full_check(path) == []
    db = open_database(path)
    assert projects.count(db) == 400
    db.close()
    assert saved is not None and "before-restore" in saved.name
    assert saved.read_bytes() == damaged_bytes or quick_check(saved)


def test_restore_from_a_damaged_backup_is_refused_and_leaves_the_database(filled):
    path, good = filled
    damage_table(good)
    before = path.read_bytes()
    with pytest.raises(backup.BackupError, match="已损坏"):
        backup.restore(good, path)
    assert path.read_bytes() == before


def test_restore_command_refuses_while_the_program_has_the_database_open(filled):
    from jimo_desktop.store.safekeeping.writer_lock import WriterLock

    path, good = filled
    with WriterLock(path):
        assert cli.main(["restore", str(good), "--db", str(path)]) == 1


def test_restore_of_a_sound_database_keeps_a_readable_backup_of_it(filled):
    path, good = filled
    db = open_database(path)
    db.execute("UPDATE projects SET name = '改名后的项目' WHERE id = 1")
    db.conn.commit()
    db.close()

    saved = backup.restore(good, path)

    with sqlite3.connect(saved) as connection:
        name = connection.execute("SELECT name FROM projects WHERE id = 1").fetchone()[0]
    connection.close()
    assert name == "改名后的项目"


def _later(seconds: float, then) -> threading.Thread:
    worker = threading.Thread(target=lambda: (time.sleep(seconds), then()))
    worker.start()
    return worker


def test_while_the_check_runs_reads_go_ahead_and_a_write_waits_for_it(filled):
    path, _ = filled
    db = open_database(path)
    checked = Future()
    hold_writes_until_checked(db.conn, checked)

    assert projects.count(db) == 400  # reading does not wait
    answered = _later(0.2, lambda: checked.set_result([]))
    projects.save(db, Project(name="检查后保存的项目", unit_id=1, industry_id=1))
    assert checked.done()  # the save waited for the answer
    answered.join()
    release_writes(db.conn)
    projects.save(db, Project(name="放开后保存的项目", unit_id=1, industry_id=1))
    assert projects.count(db) == 402
    db.close()


def test_a_damaged_file_is_never_written_while_its_reads_still_work(filled):
    path, _ = filled
    db = open_database(path)
    checked = Future()
    checked.set_result(["数据库损坏：page 5 is never used"])
    hold_writes_until_checked(db.conn, checked)
    before = path.read_bytes()

    assert projects.count(db) == 400
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        projects.save(db, Project(name="不该写入的项目", unit_id=1, industry_id=1))
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        db.execute("DELETE FROM projects")
    assert db.conn.total_changes == 0
    db.close()
    assert path.read_bytes() == before
