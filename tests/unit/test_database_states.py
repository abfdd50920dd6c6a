"""Databases in bad states, through the real command line: damaged, from another program,
on a full or read-only disk, held by a program window or another command, left with the
partial files of a killed backup, named on a network share. Bad input changes nothing and
is said in one line; no traceback."""

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jimo_desktop import cli
from jimo_desktop.store.safekeeping import backup
from tests.disks import fill, free, make_read_only
from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx
from tests.unit.test_cli import run_cli

PAGE = 4096


def names(database: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM projects ORDER BY id")]
    finally:
        connection.close()


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.partial*")) if folder.is_dir() else []


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A small demo database with a month of reports, and a field package made from it."""
    folder = tmp_path_factory.mktemp("states-demo")
    database = folder / "demo.sqlite3"
    made = run_cli("demo", "--db", database, "--projects", "6", cwd=folder)
    assert made.returncode == 0, made.stderr
    exported = run_cli("export-package", folder / "field.jimopkg", "--db", database, cwd=folder)
    assert exported.returncode == 0, exported.stderr
    return database


@pytest.fixture
def package(demo) -> Path:
    return demo.parent / "field.jimopkg"


@pytest.fixture
def submission_file(tmp_path) -> Path:
    rows = submission(project_row(1, "海洋生物医药产业园项目"), project_row(2, "石墨烯生产线"))
    return write_xlsx(tmp_path / "通济街道.xlsx", SheetSpec("新开工", rows))


def small_database(folder: Path) -> Path:
    database = folder / "jimo.sqlite3"
    connection = sqlite3.connect(database)
    connection.close()
    from jimo_desktop.store.database import open_database

    open_database(database).conn.close()
    return database


# A damaged file -------------------------------------------------------------------------


def noise_near_the_end(path: Path) -> None:
    """What a failing disk or an interrupted copy leaves: noise over the last pages."""
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(max(PAGE, size - 3 * PAGE))
        file.write(bytes((n * 151 + 7) % 256 for n in range(3 * PAGE)))


@pytest.fixture
def damaged(tmp_path, demo) -> Path:
    database = tmp_path / "damaged.sqlite3"
    shutil.copy(demo, database)
    noise_near_the_end(database)
    checked = run_cli("check", "--db", database, cwd=tmp_path)
    assert checked.returncode == 1, "the noise should damage the file"
    return database


@pytest.mark.parametrize("command", ["import-excel", "merge-package", "backup"])
def test_a_damaged_database_is_neither_written_nor_backed_up(
    command, damaged, submission_file, package, tmp_path
):
    before = damaged.read_bytes()
    given = {"import-excel": [submission_file], "merge-package": [package], "backup": []}

    result = run_cli(command, *given[command], "--db", damaged, cwd=tmp_path)

    assert result.returncode == 1
    assert "已损坏" in result.stderr and "restore" in result.stderr
    assert "Traceback" not in result.stderr
    assert damaged.read_bytes() == before
    assert backup.list_backups(damaged) == []


# Restoring from a file that is not a backup of this program ------------------------------


def test_restoring_a_newer_programs_file_is_refused_before_anything_is_replaced(tmp_path, demo):
    database = tmp_path / "jimo.sqlite3"
    shutil.copy(demo, database)
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(demo, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = database.read_bytes()

    result = run_cli("restore", newer, "--db", database, cwd=tmp_path)

    assert result.returncode == 1
    assert "更新版本" in result.stderr and "没有改变" in result.stderr
    assert database.read_bytes() == before
    assert backup.list_backups(database) == []


def test_restoring_a_foreign_sqlite_file_is_refused_before_anything_is_replaced(tmp_path, demo):
    database = tmp_path / "jimo.sqlite3"
    shutil.copy(demo, database)
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE photos (name TEXT)")
        connection.execute("PRAGMA user_version = 2")
    connection.close()
    before = database.read_bytes()

    result = run_cli("restore", foreign, "--db", database, cwd=tmp_path)

    assert result.returncode == 1
    assert "不是本程序的数据库备份" in result.stderr
    assert database.read_bytes() == before
    assert backup.list_backups(database) == []


# A full disk ----------------------------------------------------------------------------


def test_a_briefing_on_a_full_disk_keeps_the_good_pdf_it_would_replace(tmp_path, demo, disks):
    disk = disks.small(1024)
    out = disk / "通报.pdf"
    made = run_cli("briefing", out, "--db", demo, "--period", "2020-06", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    good = out.read_bytes()
    fill(disk)

    result = run_cli("briefing", out, "--db", demo, "--period", "2020-06", cwd=tmp_path)

    assert result.returncode == 1
    assert "磁盘空间不足" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == good
    assert leftovers(disk) == []


def test_an_import_on_a_full_disk_says_so_and_changes_nothing(tmp_path, submission_file, disks):
    disk = disks.small(2048)
    database = small_database(disk)
    fill(disk)

    result = run_cli("import-excel", submission_file, "--db", database, cwd=tmp_path)

    assert result.returncode == 1
    assert "磁盘空间不足" in result.stderr and "Traceback" not in result.stderr
    free(disk)
    assert names(database) == []
    assert leftovers(disk) == []


def test_a_merge_on_a_full_disk_says_so_and_changes_nothing(tmp_path, package, disks):
    disk = disks.small(2048)
    database = small_database(disk)
    fill(disk)

    result = run_cli("merge-package", package, "--db", database, "--prefer", "office", cwd=tmp_path)

    assert result.returncode == 1
    assert "磁盘空间不足" in result.stderr and "Traceback" not in result.stderr
    free(disk)
    assert names(database) == []
    assert leftovers(disk) == []


def test_a_package_exported_to_a_full_disk_says_so_and_leaves_nothing(tmp_path, demo, disks):
    disk = disks.small(256)
    fill(disk)

    result = run_cli("export-package", disk / "外业包.jimopkg", "--db", demo, cwd=tmp_path)

    assert result.returncode == 1
    assert "磁盘空间不足" in result.stderr and "Traceback" not in result.stderr
    assert list(disk.iterdir()) == [disk / "filler.bin"]


def test_a_restore_on_a_full_disk_says_so_not_that_the_database_is_open(tmp_path, demo, disks):
    disk = disks.small(2048)
    database = disk / "demo.sqlite3"
    shutil.copy(demo, database)
    fill(disk)
    before = database.read_bytes()

    result = run_cli("restore", demo, "--db", database, cwd=tmp_path)

    assert result.returncode == 1
    assert "磁盘空间不足" in result.stderr
    assert "打开" not in result.stderr and "Traceback" not in result.stderr
    assert database.read_bytes() == before


def test_an_excel_export_cut_off_by_a_full_disk_keeps_the_sheet_it_would_replace(
    tmp_path, demo, monkeypatch, capsys
):
    """The same through a write that fails halfway, where no small disk can be mounted."""
    import errno

    from openpyxl import Workbook

    out = tmp_path / "清单.xlsx"
    assert cli.main(["export-excel", str(out), "--db", str(demo)]) == 0
    good = out.read_bytes()
    save = Workbook.save

    def save_half(workbook, filename):
        save(workbook, filename)
        with open(filename, "r+b") as written:
            written.truncate(100)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", save_half)
    capsys.readouterr()

    assert cli.main(["export-excel", str(out), "--db", str(demo)]) == 1

    assert "磁盘空间不足" in capsys.readouterr().err
    assert out.read_bytes() == good
    assert leftovers(tmp_path) == []


# A read-only disk ------------------------------------------------------------------------


@pytest.fixture
def read_only_database(demo, disks) -> Path:
    disk = disks.small(4096)
    database = disk / "demo.sqlite3"
    shutil.copy(demo, database)
    make_read_only(disk)
    return database


def test_a_sound_database_on_a_read_only_disk_is_not_called_damaged(tmp_path, read_only_database):
    result = run_cli("check", "--db", read_only_database, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "完好" in result.stdout


@pytest.mark.parametrize("command", ["import-excel", "export-excel", "export-package"])
def test_a_database_on_a_read_only_disk_is_said_to_be_read_only(
    command, tmp_path, read_only_database, submission_file
):
    given = {
        "import-excel": [submission_file],
        "export-excel": [tmp_path / "清单.xlsx"],
        "export-package": [tmp_path / "外业包.jimopkg"],
    }

    result = run_cli(command, *given[command], "--db", read_only_database, cwd=tmp_path)

    assert result.returncode == 1
    assert "只读" in result.stderr
    assert "损坏" not in result.stderr and "不是本程序" not in result.stderr
    assert "Traceback" not in result.stderr


# One writer at a time ---------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    from jimo_desktop.store.safekeeping.writer_lock import WriterLock
    database, holder, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    lock = WriterLock(database, holder)
    lock.acquire()
    connection = sqlite3.connect(database)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO settings (key, value) VALUES ('held', '1')")
    print("holding", flush=True)
    time.sleep(seconds)
    connection.commit()
    connection.close()
    lock.release()
    """
)


def hold(database: Path, holder: str, seconds: float) -> subprocess.Popen:
    """Another program writing to the database: it holds the lock and a write transaction."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), holder, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "holding"
    return process


def test_an_import_beside_an_open_program_window_is_refused(tmp_path, submission_file):
    database = small_database(tmp_path)
    window = hold(database, "window", 30)
    try:
        result = run_cli("import-excel", submission_file, "--db", database, cwd=tmp_path)
    finally:
        window.kill()
        window.wait()

    assert result.returncode == 1
    assert "程序窗口" in result.stderr and "未写入任何数据" in result.stderr
    assert names(database) == []


def test_an_import_waits_for_another_command_writing_the_same_database(tmp_path, submission_file):
    database = small_database(tmp_path)
    other = hold(database, "import-excel", 6.5)  # longer than SQLite's busy timeout
    try:
        result = run_cli("import-excel", submission_file, "--db", database, cwd=tmp_path)
    finally:
        other.wait()

    assert result.returncode == 0, result.stderr
    assert "等它完成" in result.stderr
    assert names(database) == ["海洋生物医药产业园项目", "石墨烯生产线"]


# What a killed backup leaves ---------------------------------------------------------------


def dead_process_id() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True)  # fmt: skip
    return int(finished.stdout)


def test_the_next_backup_removes_the_partial_files_of_killed_ones(tmp_path, demo):
    database = tmp_path / "demo.sqlite3"
    shutil.copy(demo, database)
    folder = backup.backups_dir(database)
    folder.mkdir()
    killed = folder / f"demo-20200630-120000-manual.sqlite3.{dead_process_id()}-ab12cd34.partial"
    older = folder / "demo-20200629-120000-daily.sqlite3.partial"  # an earlier version's name
    restoring = tmp_path / f"demo.sqlite3.{dead_process_id()}-0f0f0f0f.partial"
    running = folder / f"demo-20200630-130000-manual.sqlite3.{os.getpid()}-feedbeef.partial"
    for partial in (killed, older, restoring, running):
        shutil.copy(demo, partial)

    result = run_cli("backup", "--db", database, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert not killed.exists() and not older.exists() and not restoring.exists()
    assert running.exists()  # its writer still runs


# A database named on a network share --------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="there the share is reachable")
@pytest.mark.parametrize("share", ["//server/share/jimo.sqlite3", r"\\server\share\jimo.sqlite3"])
def test_a_windows_share_is_warned_about_and_nothing_is_made_locally(
    share, tmp_path, submission_file
):
    if Path("/server").exists():
        pytest.skip("a folder /server exists on this machine")
    before = sorted(tmp_path.iterdir())

    result = run_cli("import-excel", submission_file, "--db", share, cwd=tmp_path)

    assert result.returncode == 1
    assert "网络共享" in result.stderr
    assert not Path("/server").exists()
    assert sorted(tmp_path.iterdir()) == before


def test_a_database_file_nobody_may_write_is_said_to_be_read_only(
    tmp_path, demo, submission_file, immutable
):
    database = tmp_path / "只读.sqlite3"
    shutil.copy(demo, database)
    before = database.read_bytes()
    immutable(database)

    result = run_cli("import-excel", submission_file, "--db", database, cwd=tmp_path)

    assert result.returncode == 1
    assert "只读" in result.stderr
    assert "损坏" not in result.stderr and "Traceback" not in result.stderr
    assert database.read_bytes() == before
