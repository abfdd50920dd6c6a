"""How fast the project list answers a keystroke, on 100,000 demo projects.

Prints, for each kind of query, the median and p95 time from a keystroke in the search
box of the real project list to its model being reset with the result, and in the same run
the time of a bare `LIKE '%…%'` scan for the same text; then the time to open the list and
the peak memory of the process.

    uv run python benchmarks/list_filter.py [--projects 100000] [--db PATH]

The demo database is written once and kept (default under out/) so reruns start fast.
"""

import argparse
import os
import resource
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from jimo_desktop.demo.builder import create_demo
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.projects.project_list import ProjectListView
from jimo_desktop.views.theme import apply_theme

QUERIES = {
    "1 个字": ["海", "园", "新", "馆", "墨"],
    "2 个字": ["海洋", "产业", "改造", "中心", "青岛"],
    "3 个字": ["生物医", "孵化器", "产业园", "综合体", "冷链物"],
    "拼音首字母": ["hyswy", "cyy", "jmct", "qdhr", "zxxj"],
    "筛选+搜索": ["海洋", "产业", "hy", "园", "改造"],
}
REPEATS = 6
FRAME_MS = 16.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def press(widget: QWidget, character: str) -> None:
    """A key press carrying `character`, as an input method delivers a Chinese character."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


def time_keystrokes(view: ProjectListView, queries: list[str], filtered: bool) -> list[float]:
    """Milliseconds for the last keystroke of each query, typed into the real search box."""
    view.clear_filters()
    if filtered:
        view.stage.setCurrentIndex(3)  # 开工
        view.scale.setCurrentIndex(1)  # 5000万元以上
    timings = []
    for _ in range(REPEATS):
        for query in queries:
            view.search.clear()
            for character in query[:-1]:
                press(view.search, character)
            start = time.perf_counter()
            press(view.search, query[-1])
            timings.append((time.perf_counter() - start) * 1000)
            if view.search.text() != query:
                raise RuntimeError(f"search box holds {view.search.text()!r}, not {query!r}")
    return timings


def time_like(db, queries: list[str]) -> list[float]:
    timings = []
    for _ in range(REPEATS):
        for query in queries:
            start = time.perf_counter()
            db.execute(
                "SELECT id FROM projects WHERE deleted_at IS NULL AND name LIKE ?", [f"%{query}%"]
            ).fetchall()
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path("out") / f"bench-{args.projects}.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        create_demo(path, args.projects).conn.close()
        print(
            f"写入演示数据库 {path}：{args.projects} 个项目，{time.perf_counter() - started:.1f} s"
        )

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    start = time.perf_counter()
    db = open_database(path)
    index = ProjectIndex(db, settings.current_year(db))
    view = ProjectListView(db, index)
    view.resize(1400, 800)
    view.show()
    app.processEvents()
    open_ms = (time.perf_counter() - start) * 1000
    view.year.setCurrentIndex(0)  # all years: the widest list

    print(f"项目数 {len(index)}；每类 {len(QUERIES['1 个字'])} 个查询 × {REPEATS} 次")
    print(
        f"{'查询':<10}{'按键→模型 中位':>14}{'p95':>9}{'LIKE 中位':>12}{'p95':>9}{'LIKE/按键':>10}"
    )
    for kind, queries in QUERIES.items():
        keys = time_keystrokes(view, queries, filtered=kind == "筛选+搜索")
        like = time_like(db, queries)
        ratio = statistics.median(like) / statistics.median(keys)
        verdict = "≤1帧" if percentile(keys, 0.95) <= FRAME_MS else ">1帧"
        print(
            f"{kind:<10}{statistics.median(keys):>12.2f}ms{percentile(keys, 0.95):>7.2f}ms"
            f"{statistics.median(like):>10.2f}ms{percentile(like, 0.95):>7.2f}ms"
            f"{ratio:>9.1f}×  {verdict}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"打开项目库（建索引+首屏）：{open_ms:.0f} ms")
    print(f"进程峰值内存：{peak_mb:.0f} MB")
    view.close()


if __name__ == "__main__":
    main()
