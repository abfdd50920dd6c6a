"""The program window on a database in a bad state: on a read-only disk, written by the
command line while the window is open, left with a killed backup's partial file, named on a
Windows share where none can be reached."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jimo_desktop import cli
from jimo_desktop.store.database import open_database
from jimo_desktop.store.safekeeping import backup
from jimo_desktop.views.app import Desk
from jimo_desktop.views.session import READ_ONLY, open_session
from tests.disks import make_read_only
from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx


def project_count(session) -> int:
    return session.db.execute("SELECT COUNT(*) FROM projects").fetchone()[0]


def opens_read_only_when_asked(database: Path, answers, qtbot) -> Desk:
    """The officer is told the file is read-only (never damaged) and answers 只读打开."""
    asked, prepared = answers
    prepared.append(READ_ONLY)

    desk = Desk(open_session(database))
    qtbot.addWidget(desk.window)

    assert "只读" in asked[0] and "损坏" not in asked[0]
    assert desk.session.read_only
    assert desk.window.windowTitle().endswith("（只读）")
    assert project_count(desk.session) == 40
    return desk


def test_a_database_on_a_read_only_disk_opens_read_only_when_asked(demo_db, disks, answers, qtbot):
    disk = disks.small(4096)
    database = disk / "jimo.sqlite3"
    demo_db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as a closed database is
    shutil.copy(backup.database_file(demo_db), database)
    make_read_only(disk)
    desk = opens_read_only_when_asked(database, answers, qtbot)
    qtbot.wait(10)
    desk.close()


def test_the_command_line_does_not_write_beside_an_open_window(tmp_path, capsys, qtbot):
    database = tmp_path / "jimo.sqlite3"
    open_database(database).conn.close()
    rows = submission(project_row(1, "海洋生物医药产业园项目"))
    sheet = write_xlsx(tmp_path / "通济街道.xlsx", SheetSpec("新开工", rows))
    window = open_session(database)
    try:
        refused = cli.main(["import-excel", str(sheet), "--db", str(database)])
        assert refused == 1
        assert "程序窗口" in capsys.readouterr().err
        assert project_count(window) == 0
    finally:
        window.close()

    assert cli.main(["import-excel", str(sheet), "--db", str(database)]) == 0


def test_opening_removes_what_a_killed_backup_left(tmp_path):
    database = tmp_path / "jimo.sqlite3"
    open_database(database).conn.close()
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    folder = backup.backups_dir(database)
    folder.mkdir()
    killed = folder / f"jimo-20200630-120000-daily.sqlite3.{int(finished.stdout)}-0a0b0c0d.partial"
    killed.write_bytes(b"\0" * 65536)

    session = open_session(database)
    session.close()

    assert not killed.exists()


def test_opening_removes_what_a_killed_package_merge_left(tmp_path):
    from jimo_desktop import paths

    database = tmp_path / "jimo.sqlite3"
    open_database(database).conn.close()
    killed = paths.package_work_dir_for(database) / "unpack-killed"
    (killed / "originals").mkdir(parents=True)
    (killed / "data.sqlite3").write_bytes(b"\0" * 65536)
    (killed / "owner.lock").touch()  # its merge is gone: nobody holds the lock

    session = open_session(database)
    session.close()

    assert not killed.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="there the share is reachable")
def test_a_windows_share_is_warned_about_and_not_made_a_local_folder(shown):
    if Path("/server").exists():
        pytest.skip("a folder /server exists on this machine")

    assert open_session(Path("//server/share/jimo.sqlite3")) is None

    assert [kind for kind, _ in shown] == ["warning", "critical"]
    assert "网络共享" in shown[0][1]
    assert not Path("/server").exists()


def test_a_database_file_nobody_may_write_opens_read_only_when_asked(
    demo_db, answers, qtbot, tmp_path, immutable
):
    database = tmp_path / "只读.sqlite3"
    demo_db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as a closed database is
    shutil.copy(backup.database_file(demo_db), database)
    immutable(database)
    opens_read_only_when_asked(database, answers, qtbot)
