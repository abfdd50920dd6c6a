"""Start-up: quick, logged, never writing to a damaged database; errors shown, data kept."""

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from jimo_desktop import logs, paths
from jimo_desktop.demo.builder import create_demo
from jimo_desktop.domain.project import Project, YearListing
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping import backup, location
from jimo_desktop.store.safekeeping.integrity import quick_check, start_quick_check
from jimo_desktop.views import error_hook
from jimo_desktop.views.app import READY_FILE_VARIABLE, Desk
from jimo_desktop.views.session import RESTORE, STOP, open_session
from tests.damage import damage_table

ROOT = Path(__file__).resolve().parents[2]
HEAVY_MODULES = ("matplotlib", "reportlab", "openpyxl")


def _program_environment(tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        paths.DATA_DIR_VARIABLE: str(tmp_path / "data-home"),
        READY_FILE_VARIABLE: str(tmp_path / "ready"),
    }


@pytest.fixture
def with_backup(tmp_path):
    """A database of 3 projects with a good backup, then damaged."""
    path = tmp_path / "jimo.sqlite3"
    db = open_database(path)
    for name in ("海洋生物医药产业园", "蓝谷海洋科技中心", "即墨古城保护工程"):
        projects.save(db, Project(name=name, unit_id=1, industry_id=1, years=[YearListing(2020)]))
    backup.backup_copy(db, path, "daily")
    db.close()
    damage_table(path)
    return path


def test_start_up_imports_no_chart_pdf_or_excel_library():
    code = (
        "import sys, json, jimo_desktop.views.app, jimo_desktop.cli;"
        f"print(json.dumps([m for m in {HEAVY_MODULES!r} if m in sys.modules]))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(output) == []


def test_program_reaches_a_usable_window_logs_and_backs_up_on_close(tmp_path):
    database = tmp_path / "demo.sqlite3"
    create_demo(database, 30).close()
    environment = _program_environment(tmp_path)

    finished = subprocess.run(
        [sys.executable, "-m", "jimo_desktop", "--db", str(database)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert finished.returncode == 0, finished.stderr
    assert (tmp_path / "ready").read_text() == "ready"
    log = next((tmp_path / "data-home").rglob(logs.LOG_FILE_NAME)).read_text(encoding="utf-8")
    assert f"启动，数据库 {database}" in log
    assert [b.reason for b in backup.list_backups(database)] == ["close"]
    assert not Path(str(database) + ".lock").exists()


def test_damaged_database_is_replaced_by_the_latest_good_backup(with_backup, answers):
    asked, prepared = answers
    prepared.append(RESTORE)
    damaged = with_backup.read_bytes()

    session = open_session(with_backup)

    assert "数据库文件已损坏" in asked[0] and "恢复这份备份吗" in asked[0]
    assert projects.count(session.db) == 3
    session.close()
    kept = [b for b in backup.list_backups(with_backup) if b.reason.startswith("before-restore")]
    assert len(kept) == 1 and kept[0].size >= len(damaged) // 2


def test_damaged_database_is_left_untouched_when_the_officer_stops(with_backup, answers):
    answers[1].append(STOP)
    damaged = with_backup.read_bytes()
    assert open_session(with_backup, checked=start_quick_check(with_backup)) is None
    assert with_backup.read_bytes() == damaged


def test_damaged_database_without_backups_is_refused_with_a_message(with_backup, shown):
    for found in backup.list_backups(with_backup):
        found.path.unlink()
    assert open_session(with_backup) is None
    [(kind, text)] = shown
    assert kind == "critical" and "没有可用的备份" in text


def test_database_on_a_network_share_is_warned_about(tmp_path, shown, monkeypatch):
    monkeypatch.setattr(location, "is_network_path", lambda path: True)
    session = open_session(tmp_path / "jimo.sqlite3")
    [(kind, text)] = shown
    assert kind == "warning" and "网络共享" in text
    session.close()


def test_cifs_and_nfs_mounts_count_as_network_shares(tmp_path):
    mounts = (
        "/dev/sda1 / ext4 rw 0 0\n"
        f"//server/科室 {tmp_path}/share cifs rw 0 0\n"
        f"nas:/export {tmp_path}/nfs nfs4 rw 0 0\n"
    )
    assert location.is_network_path(tmp_path / "share" / "jimo.sqlite3", mounts)
    assert location.is_network_path(tmp_path / "nfs" / "a" / "jimo.sqlite3", mounts)
    assert not location.is_network_path(tmp_path / "sharex" / "jimo.sqlite3", mounts)
    assert not location.is_network_path(tmp_path / "jimo.sqlite3", mounts)


def test_daily_backup_is_taken_once_a_day(tmp_path, qtbot):
    session = open_session(tmp_path / "jimo.sqlite3")
    session.start_backups()
    session._backup_thread.join()
    session.start_backups()
    session.close()
    reasons = [b.reason for b in backup.list_backups(tmp_path / "jimo.sqlite3")]
    assert reasons.count("daily") == 1


def test_unhandled_error_is_logged_shown_and_keeps_saved_data(tmp_path, shown, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_file = logs.configure(tmp_path)
    db = open_database(tmp_path / "jimo.sqlite3")
    projects.save(db, Project(name="已保存的项目", unit_id=1, industry_id=1))
    error_hook.install(lambda: db, log_file)
    db.conn.execute("BEGIN")
    db.conn.execute("UPDATE projects SET name = '写到一半'")

    try:
        raise RuntimeError("模拟的程序错误")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())

    [(kind, text)] = shown
    assert kind == "critical" and str(log_file) in text and "模拟的程序错误" in text
    assert not db.conn.in_transaction
    assert [row[0] for row in db.execute("SELECT name FROM projects")] == ["已保存的项目"]
    assert "RuntimeError: 模拟的程序错误" in log_file.read_text(encoding="utf-8")
    db.close()


def test_a_moved_database_is_followed_at_the_next_start(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path)
    assert location.remembered_database_path() == paths.default_database_path()
    location.remember_database_path(tmp_path / "D盘" / "jimo.sqlite3")
    assert location.remembered_database_path() == tmp_path / "D盘" / "jimo.sqlite3"


def _checked_later(path: Path) -> Future:
    """A quick check still running when the session opens, as on a large file."""
    checked = Future()
    threading.Timer(0.3, lambda: checked.set_result(quick_check(path))).start()
    return checked


def test_the_window_opens_before_the_check_and_writes_once_the_file_is_sound(tmp_path, qtbot):
    path = tmp_path / "jimo.sqlite3"
    create_demo(path, 12).close()
    checked = _checked_later(path)

    session = open_session(path, checked=checked, check_later=True)
    desk = Desk(session)
    qtbot.addWidget(desk.window)
    assert not checked.done() and desk.window.isVisible()  # shown while the check runs
    projects.save(session.db, Project(name="检查期间保存的项目", unit_id=1, industry_id=1))
    assert checked.done()  # the save waited for the answer
    assert projects.count(session.db) == 13
    QApplication.processEvents()  # what the window queued at its start, before it quits
    desk.close()


def test_a_damage_found_after_the_window_opened_offers_the_backup(with_backup, answers, qtbot):
    asked, prepared = answers
    prepared.append(RESTORE)
    damaged = with_backup.read_bytes()

    desk = Desk(open_session(with_backup, checked=_checked_later(with_backup), check_later=True))
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)

    assert "数据库文件已损坏" in asked[0]
    qtbot.waitUntil(lambda: desk.window is not None)
    qtbot.addWidget(desk.window)
    assert projects.count(desk.session.db) == 3
    kept = [b for b in backup.list_backups(with_backup) if b.reason.startswith("before-restore")]
    assert len(kept) == 1 and kept[0].size >= len(damaged) // 2
    desk.close()


def test_a_damage_found_after_the_window_opened_is_left_untouched_on_stop(
    with_backup, answers, qtbot
):
    asked, prepared = answers
    prepared.append(STOP)
    damaged = with_backup.read_bytes()

    desk = Desk(open_session(with_backup, checked=_checked_later(with_backup), check_later=True))
    with qtbot.waitSignal(desk.stopped, timeout=5000) as stopped:
        pass

    assert stopped.args == [1] and "数据库文件已损坏" in asked[0]
    assert desk.window is None and desk.session.closed
    assert with_backup.read_bytes() == damaged
    assert not Path(str(with_backup) + ".lock").exists()


def test_a_damage_found_before_the_window_is_built_is_still_offered_the_backup(
    with_backup, answers, qtbot
):
    asked, prepared = answers
    prepared.append(RESTORE)
    checked = Future()  # answered the moment the session opens, before anyone listens
    session = open_session(with_backup, checked=checked, check_later=True)
    checked.set_result(quick_check(with_backup))

    desk = Desk(session)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)

    assert "数据库文件已损坏" in asked[0]
    qtbot.waitUntil(lambda: desk.window is not None)
    qtbot.addWidget(desk.window)
    assert projects.count(desk.session.db) == 3
    desk.close()
