"""Killed in the middle of a bulk write, the database holds all of it or none, and is sound.

Each bulk write runs in a child process. The child arms SQLite's progress handler on the
connection the write uses; when the handler has fired a chosen number of times, the child
says so and waits, still inside the transaction, and the test kills it with SIGKILL. A first
run without a kill counts how often the handler fires, so the kill lands at a known share
of the way through. A new bulk write (the Excel import, the package merge) is one more
`BulkWrite` entry.
"""

import importlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from jimo_desktop.store.database import open_database
from jimo_desktop.store.safekeeping.integrity import full_check

ROOT = Path(__file__).resolve().parents[2]
STEP = 1000  # SQLite virtual machine instructions between two progress handler calls
KILL_AT = (0.5, 0.95)  # share of the write done when the child is killed
MIDDLE = "MIDDLE"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _demo_command(path: Path) -> None:
    from jimo_desktop import cli

    cli.main(["demo", "--db", str(path), "--projects", "1500"])


def _prepare_projects(path: Path) -> None:
    from jimo_desktop.demo.builder import fill_demo

    db = open_database(path)
    fill_demo(db, project_count=5)
    db.close()


def _work_logs(path: Path) -> None:
    from jimo_desktop.store import records

    db = open_database(path)
    rows = [
        {"project_id": 1 + n % 5, "logged_on": "2020-06-30", "content": f"现场调度第{n}次"}
        for n in range(20_000)
    ]
    records.insert_many(db, "work_logs", rows)


def _excel_import(path: Path) -> None:
    from jimo_desktop.excel.importing.importer import apply_import, plan_import
    from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx

    rows = [project_row(n + 1, f"海洋产业园{n}号项目") for n in range(1500)]
    workbook = write_xlsx(path.with_name("申报表.xlsx"), SheetSpec("Sheet1", submission(*rows)))
    db = open_database(path)
    apply_import(db, plan_import(db, [workbook]))


def _package_path(database: Path) -> Path:
    from jimo_desktop.store.packages.field_package import SUFFIX

    return database.with_name(f"back{SUFFIX}")


def _prepare_field_trip(path: Path) -> None:
    """The office's database, and the package its inspector brings back: every project of
    the trip edited, and visited four times, with a photo and the problem found each time."""
    from tests.unit.field_trip import edit_project, record_inspection, start_trip

    trip = start_trip(path.parent / "trip")
    for number, project_id in enumerate(trip.project_ids):
        edit_project(trip.laptop, project_id, leader=f"外业核实{number}")
        for _visit in range(4):
            record_inspection(trip.laptop, project_id, trip.folder / "laptop", photo_count=1)
    back = trip.send_back()
    trip.close()
    shutil.copy(trip.office_path(), path)
    shutil.copy(back, _package_path(path))


def _package_merge(path: Path) -> None:
    from jimo_desktop import cli

    cli.main(["merge-package", str(_package_path(path)), "--db", str(path), "--prefer", "field"])


@dataclass(frozen=True)
class BulkWrite:
    name: str
    target: str  # "module:function" whose first argument is the Database it writes to
    run: Callable[[Path], None]  # in the child: the whole write, as an officer starts it
    tables: tuple[str, ...]  # the tables it writes; all change or none
    prepare: Callable[[Path], None] | None = None  # in the test: the database before it


BULK_WRITES = (
    BulkWrite(
        "demo-projects",
        "jimo_desktop.store.project_library.projects:insert_many",
        _demo_command,
        ("projects", "project_years", "audit_log"),
    ),
    BulkWrite(
        "work-logs",
        "jimo_desktop.store.records:insert_many",
        _work_logs,
        ("work_logs", "audit_log"),
        _prepare_projects,
    ),
    BulkWrite(
        "excel-import",
        "jimo_desktop.excel.importing.importer:apply_import",
        _excel_import,
        ("projects", "project_years", "audit_log"),
        _prepare_projects,
    ),
    BulkWrite(
        "package-merge",
        "jimo_desktop.store.packages.package_apply:apply_merge",
        _package_merge,
        ("inspections", "photos", "problems", "work_logs", "audit_log"),
        _prepare_field_trip,
    ),
)
BY_NAME = {write.name: write for write in BULK_WRITES}


def child(name: str, database: str, stop_after: int) -> None:
    """Run one bulk write; stop_after 0 runs it whole and prints the handler's call count."""
    write = BY_NAME[name]
    module_name, function_name = write.target.split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, function_name)
    calls = [0]

    def progress() -> int:
        calls[0] += 1
        if calls[0] == stop_after:
            print(MIDDLE, flush=True)
            time.sleep(120)
        return 0

    def armed(db, *args, **kwargs):
        # Counted only while the bulk write runs, so the kill lands inside its transaction.
        db.conn.set_progress_handler(progress, STEP)
        try:
            return original(db, *args, **kwargs)
        finally:
            db.conn.set_progress_handler(None, STEP)

    setattr(module, function_name, armed)
    write.run(Path(database))
    print(json.dumps({"calls": calls[0]}), flush=True)


def _spawn(name: str, database: Path, stop_after: int) -> subprocess.Popen:
    code = (
        "import sys; from tests.unit.test_crash_safety import child;"
        "child(*sys.argv[1:3], int(sys.argv[3]))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, name, str(database), str(stop_after)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _counts(database: Path, tables: tuple[str, ...]) -> dict[str, int]:
    if not database.exists():
        return dict.fromkeys(tables, 0)
    connection = sqlite3.connect(database)
    try:
        return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    except sqlite3.OperationalError:  # the schema itself was not written yet
        return dict.fromkeys(tables, 0)
    finally:
        connection.close()


def _fresh(tmp_path: Path, write: BulkWrite, label: str) -> Path:
    database = tmp_path / label / "jimo.sqlite3"
    database.parent.mkdir()
    if write.prepare is not None:
        write.prepare(database)
    return database


def _reached_the_middle(process: subprocess.Popen) -> bool:
    """Whether the child says it waits inside the write; what the write printed before (a
    command's report of its plan) is passed over."""
    return any(line.strip() == MIDDLE for line in process.stdout)


@pytest.fixture(scope="module")
def complete_runs(tmp_path_factory) -> dict[str, tuple[int, dict[str, int], dict[str, int]]]:
    """Per bulk write: handler calls of a whole run, table counts before and after it."""
    found = {}
    for write in BULK_WRITES:
        database = _fresh(tmp_path_factory.mktemp(write.name), write, "whole")
        before = _counts(database, write.tables)
        output, _ = _spawn(write.name, database, 0).communicate(timeout=120)
        calls = json.loads(output.strip().splitlines()[-1])["calls"]
        found[write.name] = (calls, before, _counts(database, write.tables))
    return found


@pytest.mark.parametrize("write", BULK_WRITES, ids=lambda write: write.name)
def test_a_whole_bulk_write_adds_rows_to_every_table_it_writes(write, complete_runs):
    calls, before, after = complete_runs[write.name]
    assert calls > 20
    assert all(after[table] > before[table] for table in write.tables)


@pytest.mark.parametrize("share", KILL_AT)
@pytest.mark.parametrize("write", BULK_WRITES, ids=lambda write: write.name)
def test_killed_bulk_write_leaves_nothing_of_it_and_a_sound_database(
    write, share, complete_runs, tmp_path
):
    calls, _, _ = complete_runs[write.name]
    database = _fresh(tmp_path, write, f"killed-{share}")
    before = _counts(database, write.tables)
    process = _spawn(write.name, database, max(1, int(calls * share)))
    assert _reached_the_middle(process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert _counts(database, write.tables) == before
    assert full_check(database) == []
    reopened = open_database(database)
    assert reopened.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()
