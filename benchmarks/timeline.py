"""How long the 时间表 takes: writing the demo's tracking data, building and drawing charts.

Prints the time of `demo.tracking.fill` for the demo projects, then for 10, 108 and 300
projects the time to read their schedules, to build the many-project figure and to render
it, and the time to build and render one project's 路线图.

    uv run python benchmarks/timeline.py [--projects 300]
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from jimo_desktop.demo import tracking
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.reports.timeline import project_figure, projects_figure
from jimo_desktop.store import milestones
from jimo_desktop.store.database import open_database

TODAY = date(2020, 6, 30)
REPEATS = 3


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_of(action) -> float:
    return statistics.median(timed(action)[0] for _ in range(REPEATS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "timeline.sqlite3")
        fill_demo(db, args.projects)
        if not db.execute("SELECT COUNT(*) FROM milestones").fetchone()[0]:
            seconds, _ = timed(lambda: tracking.fill(db, random.Random(1), TODAY))
            print(f"tracking.fill，{args.projects} 个项目：{seconds:.2f} s")
        ids = [row[0] for row in db.execute("SELECT id FROM projects ORDER BY id")]
        for count in (10, 108, args.projects):
            chosen = ids[:count]
            read = median_of(lambda chosen=chosen: milestones.schedules(db, chosen))
            schedules = milestones.schedules(db, chosen)
            build = median_of(lambda s=schedules: projects_figure(s, TODAY))
            render = median_of(
                lambda s=schedules: FigureCanvasAgg(projects_figure(s, TODAY)).draw()
            )
            print(
                f"{count:>4} 个项目：读取 {read * 1000:.0f} ms，建图 {build * 1000:.0f} ms，"
                f"建图并绘制 {render * 1000:.0f} ms"
            )
        nodes = milestones.for_project(db, ids[0])
        one = median_of(lambda: FigureCanvasAgg(project_figure("项目", nodes, TODAY)).draw())
        print(f"单个项目路线图（{len(nodes)} 个节点）建图并绘制：{one * 1000:.0f} ms")
        db.conn.close()


if __name__ == "__main__":
    main()
