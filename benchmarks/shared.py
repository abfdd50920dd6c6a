"""The office database against the embedded file, side by side in one run (issue 13).

Prints, for each engine, the median of several runs of: opening the project list of N
projects (loading its index), saving one project from the editor (with the check that no one
saved it meanwhile), saving a month of 108 reports (as the grid does, checking that no one
saved them meanwhile), importing a 500-row submission (its backup copy included) and a
month's 调度表 of 108 rows; then the project list of --large projects (100,000) as
benchmarks/list_filter.py measures it: opening it (index and first screen) and the p95 of a
keystroke in its search box to the list shown, over list_filter's queries; then ten
simulated officers saving edits to the same few projects on the office database for a while:
saves, conflicts refused, p95 save latency, and the lost updates found by replaying the audit
trail against the final rows (must be 0).

    uv run python benchmarks/shared.py [--projects 10000] [--large 100000] [--officers 10]
        [--seconds 60] [--office postgresql://user@host/dbname]

--large 0 leaves the 100,000-project list out (filling it takes a minute per engine).

Without --office a throwaway PostgreSQL server (tests/postgres_server.py) runs on a local
socket: the loopback case of the issue.
"""

import argparse
import dataclasses
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

from benchmarks.excel_import import make_submission
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.demo.projects import make_projects
from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.store import dictionaries
from jimo_desktop.store.database import open_database
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.store.safekeeping import backup
from tests.postgres_server import Server, binaries

REPEATS = 5
SHARED_PROJECTS = 4  # the projects every simulated officer edits


def seconds_of(function, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def filled(target: str, count: int) -> None:
    db = open_database(target)
    unit_ids = [entry.id for entry in dictionaries.entries(db, "units")]
    industry_ids = {entry.name: entry.id for entry in dictionaries.entries(db, "industries")}
    projects.insert_many(db, make_projects(count, unit_ids, industry_ids, seed=2020))
    db.close()


def measure(target: str, month_target: str, submission: Path) -> dict[str, float]:
    db = open_database(target)
    figures = {"open list": seconds_of(lambda: ProjectIndex(db, 2020))}
    project_id = db.execute("SELECT MIN(id) FROM projects").fetchone()[0]
    counter = iter(range(10**6))

    def save_one() -> None:
        opened = projects.get(db, project_id)
        projects.save(db, dataclasses.replace(opened, remarks=f"第{next(counter)}次"), opened)

    figures["save a project"] = seconds_of(save_one, 20)
    figures["import 500 rows"] = seconds_of(
        lambda: apply_import(db, plan_import(db, [submission])), 1
    )
    # Part of the import: the copy of the whole database it takes first (a page copy of the
    # file, a copy into an embedded file of the office database).
    figures["  of it: the backup"] = seconds_of(
        lambda: backup.backup_before(db, "before-import"), 1
    )
    db.close()

    month = open_database(month_target)
    amounts = iter(range(1, 10**6))

    def save_month() -> None:
        shown = {row.project_id: row.report for row in progress.month_rows(month, "2020-06")}
        ids = list(shown)[:108]
        started = time.perf_counter()
        progress.save_month(
            month,
            "2020-06",
            {i: MonthReport(1_000_00 + next(amounts)) for i in ids},
            {i: shown[i] for i in ids},
        )
        return time.perf_counter() - started

    figures["save a month (108)"] = statistics.median(save_month() for _ in range(REPEATS))
    folder = submission.parent / f"调度表-{month_target.rsplit('/', 1)[-1]}"
    files = monthly_submissions(month, folder)
    figures["import month (108)"] = seconds_of(
        lambda: apply_import(month, plan_import(month, files)), 1
    )
    month.close()
    return figures


def monthly_submissions(db, folder: Path) -> list[Path]:
    """June's 调度表 of every 区位, as the units send them back: each listed project by
    name with figures above anything saved for it."""
    folder.mkdir()
    header = [
        "序号",
        "项目名称",
        "1-6月累计完成投资（万元）",
        "开工至今累计完成投资（万元）",
        "形象进度",
    ]
    by_unit: dict[str, list] = {}
    for number, row in enumerate(progress.month_rows(db, "2020-06"), start=1):
        figures = [900_000 + number, 2_000_000 + number, "主体施工"]
        by_unit.setdefault(row.unit, []).append([number, row.name, *figures])
    files = []
    for unit, rows in by_unit.items():
        workbook = Workbook()
        sheet = workbook.active
        for line in (["即墨区2020年1-6月重点项目推进情况表"], [f"填报单位：{unit}"], header):
            sheet.append(line)
        for line in rows:
            sheet.append(line)
        files.append(folder / f"{unit}6月调度.xlsx")
        workbook.save(files[-1])
    return files


def large_list(target: str, count: int) -> dict[str, float]:
    """The project list of `count` projects as benchmarks/list_filter.py measures it."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.list_filter import QUERIES, percentile, time_keystrokes
    from jimo_desktop.views.projects.project_list import ProjectListView
    from jimo_desktop.views.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    filled(target, count)
    started = time.perf_counter()
    db = open_database(target)
    view = ProjectListView(db, ProjectIndex(db, 2020))
    view.resize(1400, 800)
    view.show()
    app.processEvents()
    opened = time.perf_counter() - started
    view.year.setCurrentIndex(0)  # all years: the widest list
    keys = [
        milliseconds
        for kind, queries in QUERIES.items()
        for milliseconds in time_keystrokes(view, queries, filtered=kind == "筛选+搜索")
    ]
    view.close()
    db.close()
    return {f"open list ({count:,})": opened, "search p95": percentile(keys, 0.95) / 1000}


def officers_at_work(address: str, officers: int, seconds: float) -> dict[str, float]:
    """Each officer opens one of the shared projects, thinks, and saves a change of its own."""
    setup = open_database(address)
    shared = [
        row[0]
        for row in setup.execute("SELECT id FROM projects ORDER BY id LIMIT ?", [SHARED_PROJECTS])
    ]
    setup.close()
    latencies: list[float] = []
    refused = saved = 0
    lock = threading.Lock()
    ends = time.monotonic() + seconds

    def work(number: int) -> None:
        nonlocal refused, saved
        rng = random.Random(number)
        db = open_database(address)
        edit = 0
        while time.monotonic() < ends:
            project_id = rng.choice(shared)
            opened = projects.get(db, project_id)
            time.sleep(rng.uniform(0.0, 0.05))
            edit += 1
            started = time.perf_counter()
            try:
                projects.save(
                    db, dataclasses.replace(opened, remarks=f"科员{number}第{edit}次"), opened
                )
                outcome = "saved"
            except EditedMeanwhile:
                outcome = "refused"
            with lock:
                latencies.append(time.perf_counter() - started)
                saved += outcome == "saved"
                refused += outcome == "refused"
        db.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(officers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "saves": saved,
        "refused as edited meanwhile": refused,
        "p95 save ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
        "lost updates": lost_updates(address, shared),
    }


def lost_updates(address: str, shared: list[int]) -> int:
    """Projects whose stored 备注 is not the last value the audit trail says was saved."""
    db = open_database(address)
    lost = 0
    for project_id in shared:
        last = db.execute(
            "SELECT new_value FROM audit_log WHERE table_name = 'projects' AND row_id = ?"
            " AND field = 'remarks' ORDER BY id DESC LIMIT 1",
            [project_id],
        ).fetchone()
        stored = projects.get(db, project_id).remarks
        lost += last is not None and last[0] != stored
    db.close()
    return lost


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--office", help="an office database to use (its tables are written)")
    args = parser.parse_args()
    # The office database's backups go to the user data folder: a throwaway one here.
    os.environ.setdefault("JIMO_DESKTOP_DATA_DIR", tempfile.mkdtemp(prefix="jimo-shared-data-"))
    server = None
    if args.office is None:
        server = Server(binaries())
        server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="jimo-shared-") as folder:
            folder = Path(folder)
            submission = folder / "通济街道.xlsx"
            make_submission(submission, 500)
            results = {}
            for engine in ("embedded", "office"):
                if engine == "office":
                    target = args.office or server.address(server.new_database())
                    month = server.address(server.new_database()) if server else target
                else:
                    target, month = str(folder / "list.sqlite3"), str(folder / "month.sqlite3")
                filled(target, args.projects)
                month_db = open_database(month)
                fill_demo(month_db, 108)
                month_db.close()
                results[engine] = measure(target, month, submission)
                if args.large:
                    large = (
                        (args.office or server.address(server.new_database()))
                        if engine == "office"
                        else str(folder / "large.sqlite3")
                    )
                    results[engine] |= large_list(large, args.large)
            print(f"{'':<22}{'embedded':>12}{'office':>12}{'ratio':>8}")
            for name in results["embedded"]:
                embedded, office = results["embedded"][name], results["office"][name]
                print(
                    f"{name:<22}{embedded * 1000:>10.1f}ms{office * 1000:>10.1f}ms"
                    f"{office / embedded:>8.2f}"
                )
            address = server.address(server.new_database()) if server else args.office
            filled(address, 100)
            work = officers_at_work(address, args.officers, args.seconds)
            print(f"{args.officers} officers, {args.seconds:.0f} s, {SHARED_PROJECTS} projects:")
            for name, value in work.items():
                print(
                    f"  {name}: {value:.1f}" if isinstance(value, float) else f"  {name}: {value}"
                )
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
