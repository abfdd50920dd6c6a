"""How long exporting the project list to a print-ready sheet takes, and what it weighs.

Prints, for a demo database of N projects listed in 2020 (with a June report each), the
time to select and read the list from the database, the time to write the sheet with and
without the month's progress columns, the file size and the peak memory of the process.

    uv run python benchmarks/excel_export.py [--projects 20000] [--db PATH]

The demo database is written once and kept (default under out/) so reruns start fast.
"""

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from jimo_desktop.demo.builder import create_demo
from jimo_desktop.excel.export import write_project_list
from jimo_desktop.store import records
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import export_queries
from jimo_desktop.store.project_library.project_index import ProjectFilter

YEAR, PERIOD = 2020, "2020-06"
PROGRESS_TEXTS = ("主体封顶", "基础施工", "设备安装调试", "完成土方开挖，正在进行桩基施工")


def database(path: Path, count: int):
    if path.exists():
        return open_database(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = create_demo(path, count)
    rng = random.Random(PERIOD)
    ids = [row[0] for row in db.execute("SELECT id FROM projects").fetchall()]
    records.insert_many(
        db,
        "progress_reports",
        [
            {
                "project_id": project_id,
                "period": PERIOD,
                "completed_this_year": rng.randrange(10_000, 5_000_000),
                "image_progress": rng.choice(PROGRESS_TEXTS),
                "in_statistics": rng.randrange(2),
            }
            for project_id in ids
        ],
    )
    return db


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path("out") / f"excel-export-{args.projects}.sqlite3"
    db = database(path, args.projects)
    wanted = ProjectFilter(year=YEAR)
    listing, read = timed(lambda: export_queries.project_export(db, YEAR, wanted))
    monthly, read_monthly = timed(lambda: export_queries.project_export(db, YEAR, wanted, PERIOD))
    print(f"项目 {len(listing.lines)} 个（{path}）")
    print(f"读取清单：{read:.2f} s；含6月进度：{read_monthly:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        for label, exported in (("清单", listing), ("含进度", monthly)):
            out = Path(folder) / f"{label}.xlsx"
            _, seconds = timed(lambda: write_project_list(out, exported))  # noqa: B023
            size = out.stat().st_size / 1_000_000
            print(f"写入{label}：{seconds:.2f} s，{size:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"进程内存峰值：{peak:.0f} MB")


if __name__ == "__main__":
    main()
