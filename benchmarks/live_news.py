"""How soon a colleague's save shows on the open page, and what it costs the window (issue:
"open lists and the lights refresh within a second").

On an office database of N demo projects, a window with every page built shows in turn
问题清单, 月推进 and 时间表 while a second connection raises a problem, saves a month figure
or adds a node; prints the median and worst time from the colleague's commit to the page
showing it (the window asks every NEWS_MS), and the median time the window's GUI thread
spends reading a page again (`show_news`) and walking its pages for news none of them shows.

    uv run python benchmarks/live_news.py [--projects 108] [--repeats 5]

A throwaway PostgreSQL server (tests/postgres_server.py) runs on a local socket.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.problems import Problem
from jimo_desktop.store.database import open_database
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.tracking import milestones, problems
from jimo_desktop.views.common.live_news import deliver
from jimo_desktop.views.main_window import VIEW_NAMES, MainWindow
from tests.postgres_server import Server, binaries

GIVE_UP_S = 5.0


def wait_for(app: QApplication, shown) -> float:
    started = time.perf_counter()
    while not shown():
        app.processEvents()
        if time.perf_counter() - started > GIVE_UP_S:
            raise SystemExit("没有在 5 秒内显示同事的修改")
        time.sleep(0.002)
    return time.perf_counter() - started


def median_ms(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def cases(window: MainWindow, colleague):
    """(page name, the colleague's write of round n, whether the page shows it)."""
    project_id = window.project_list.model.selection().project_id(0)
    period = progress.default_period(colleague)

    def raise_problem(n: int):
        text = f"同事第{n}次提出的问题"
        problems.save(colleague, Problem(project_id, text, raised_on="2020-06-28"))
        page = window.current_page()
        return lambda: text in {row.description for row in page.table.model.rows()}

    def save_figure(n: int):
        page = window.current_page()
        row = page.model.grid_row(0)
        report = MonthReport(**{**row.report.values(), "completed_this_year": 100_00 + n})
        progress.save_month(colleague, period, {row.project_id: report})
        return lambda: page.model.grid_row(0).report.completed_this_year == 100_00 + n

    def add_node(n: int):
        node = milestones.add_custom(colleague, project_id, {"name": f"同事节点{n}"})
        page = window.current_page()
        return lambda: node in page.data.nodes.ids

    return (("problems", raise_problem), ("progress", save_figure), ("timeline", add_node))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=108)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    folder = binaries()
    if folder is None:
        raise SystemExit("需要 PostgreSQL 的 initdb 和 pg_ctl（scripts/setup 会安装）")
    server = Server(folder)
    server.start()
    try:
        address = server.address(server.new_database())
        office = open_database(address)
        fill_demo(office, project_count=arguments.projects)
        # As autovacuum would soon after a bulk fill: without statistics the planner joins
        # the 时间表's nodes to their projects by nested loop (a second at 2,000 projects).
        office.execute("ANALYZE")
        office.close()
        run(address, arguments)
    finally:
        server.stop()


def run(address: str, arguments) -> None:
    app = QApplication.instance() or QApplication([])
    db = open_database(address)
    window = MainWindow(db, Path("office"))
    window.show()
    for name in VIEW_NAMES:
        window.open_view(name)
    colleague = open_database(address)
    print(f"{arguments.projects} 个项目，每 {window._news_timer.interval()} ms 询问一次")
    for name, write in cases(window, colleague):
        window.open_view(name)
        page = window.current_page()
        seen = [wait_for(app, write(n)) * 1000 for n in range(arguments.repeats)]
        tables = set(type(page).NEWS_TABLES)
        again = median_ms(lambda tables=tables: deliver(window, tables), arguments.repeats)
        print(
            f"{name:10s} 同事提交到页面显示 中位 {statistics.median(seen):6.0f} ms，"
            f"最长 {max(seen):6.0f} ms；重读本页（含同表的其他页） {again:6.1f} ms"
        )
    walk = median_ms(lambda: deliver(window, {"briefings"}), arguments.repeats * 4)
    print(f"无关页面的消息：查找各页 {walk:.2f} ms（{len(window.findChildren(object))} 个对象）")
    colleague.close()
    window.stop_news()
    window.close()
    db.close()


if __name__ == "__main__":
    main()
