"""How the 时间表 keeps up at district scale: first paint, scrolling and zooming, memory.

For 1,000 and 10,000 demo projects with 10 nodes each (the demo gives 9 or 10; each is
topped up with a 土地摘牌 node in a copy of the database), offscreen at 1500×900: the time
from building the 时间表 page (rows read, filters applied) to its first painted frame (wall
clock, and the process's CPU time beside it: on a shared machine the wall clock also counts
the other programs' turns); the p95 wall clock of a step of the wheel (a real QWheelEvent,
then the frame painted) over 200 steps down, and of Ctrl+wheel zoom steps across the four
levels; beside them a bare QTableView over the same rows scrolled by the same wheel steps;
and the view's peak memory (tracemalloc: Python objects and numpy arrays made while the page
is built, painted, scrolled and zoomed). Goals: a step within a frame (16 ms) and 4× the
table's; first paint under 0.5 s; the view under 100 MB at 10,000 projects.

    uv run python benchmarks/timeline.py
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from launching import ROOT, demo_database

sys.path.insert(0, str(ROOT))  # the GUI tests' wheel, turned here the same way
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.theme import apply_theme
from jimo_desktop.views.timeline.page import TimelinePage
from tests.gui.wheel import wheel

SIZES = (1_000, 10_000)
NODES = 10
WINDOW = (1500, 900)
SCROLL_STEPS = 200
ZOOM_STEPS = 60
TOP_UP = """
INSERT INTO milestones (uuid, project_id, kind, name, planned_on, responsible_unit,
                        sort_order, created_at, updated_at)
SELECT lower(hex(randomblob(16))), p.id, 'custom', '土地摘牌', COALESCE(p.planned_start, '2021-03'),
       '区自然资源局', 100 + (SELECT count(*) FROM milestones m WHERE m.project_id = p.id),
       '2020-01-01T00:00:00', '2020-01-01T00:00:00'
FROM projects p
WHERE (SELECT count(*) FROM milestones m WHERE m.project_id = p.id AND m.deleted_at IS NULL) < ?
"""


def database_with_nodes(projects: int, folder: Path) -> Path:
    """A copy of the demo database in which every project has exactly NODES nodes."""
    path = folder / f"timeline-{projects}.sqlite3"
    shutil.copyfile(demo_database(projects), path)
    db = open_database(path)
    with db.atomic():
        while db.execute(TOP_UP, [NODES]).rowcount:
            pass
    counts = {row[0] for row in db.execute("SELECT count(*) FROM milestones GROUP BY project_id")}
    assert counts == {NODES}, counts
    db.conn.close()
    return path


class Steps(list):
    """Wall clock of each step and the frame painted after it, in milliseconds; `cpu` holds
    the process's CPU time for the same steps."""

    cpu: list[float]


def frame_times(viewport: QWidget, step, count: int) -> Steps:
    times, times.cpu = Steps(), []
    for number in range(count):
        start, cpu = time.perf_counter(), time.process_time()
        step(number)
        viewport.repaint()
        times.append((time.perf_counter() - start) * 1000)
        times.cpu.append((time.process_time() - cpu) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def both(times: Steps) -> str:
    return f"{p95(times):.2f} ms（CPU {p95(times.cpu):.2f} ms）"


class BareModel(QAbstractTableModel):
    """The same rows as plain text cells: what any list of 10,000 projects costs to scroll."""

    HEADERS = ("项目名称", "区位", "挂钩领导", "节点")

    def __init__(self, lines):
        super().__init__()
        data = lines.data
        self._rows = lines.rows().tolist()
        self._columns = (
            data.labels,
            data.units,
            data.leaders,
            [str(count) for count in (data.first_node[1:] - data.first_node[:-1]).tolist()],
        )

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][self._rows[index.row()]]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


def open_page(db, index) -> TimelinePage:
    """Built, shown and painted: until the window is exposed Qt paints nothing, and then a
    repaint is painted at once (the upper bound of the first frame: it may be the second)."""
    page = TimelinePage(db, index)
    page.resize(*WINDOW)
    page.show()
    QApplication.processEvents()
    page.canvas.viewport().repaint()
    return page


def measure(app: QApplication, path: Path, projects: int) -> str:
    db = open_database(path)
    index = ProjectIndex(db, settings.current_year(db))
    start, cpu = time.perf_counter(), time.process_time()
    page = open_page(db, index)
    first_paint = (time.perf_counter() - start) * 1000
    first_paint_cpu = (time.process_time() - cpu) * 1000  # the same, without others' load
    canvas = page.canvas
    viewport = canvas.viewport()
    scroll = frame_times(viewport, lambda _n: wheel(viewport, -1), SCROLL_STEPS)
    control = Qt.KeyboardModifier.ControlModifier
    direction = [+1] * 3 + [-1] * 3  # quarter → month → week → …, back to year, and again

    def zoom_step(number: int) -> None:
        wheel(viewport, direction[number % len(direction)], control)

    canvas.set_zoom(canvas.zoom.wider())
    zoom = frame_times(viewport, zoom_step, ZOOM_STEPS)
    table = QTableView()
    model = BareModel(canvas.lines)
    table.setModel(model)
    table.resize(*WINDOW)
    table.show()
    QApplication.processEvents()
    table.viewport().repaint()
    table_scroll = frame_times(
        table.viewport(), lambda _n: wheel(table.viewport(), -1), SCROLL_STEPS
    )
    shown = len(canvas.lines.rows())
    table.close()
    page.close()
    app.processEvents()
    tracemalloc.start()
    page = open_page(db, index)
    frame_times(page.canvas.viewport(), lambda _n: wheel(page.canvas.viewport(), -1), 20)
    frame_times(page.canvas.viewport(), zoom_step, 12)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    page.close()
    db.conn.close()
    print(
        f"{projects} 个项目（在列 {shown} 个，节点 {len(canvas.lines.data.nodes.ids)} 个）："
        f"首帧 {first_paint:.0f} ms（CPU {first_paint_cpu:.0f} ms），"
        f"滚动 p95 {both(scroll)}，缩放 p95 {both(zoom)}，表格滚动 p95 {both(table_scroll)}；"
        f"视图峰值内存 {peak:.1f} MB（目标 < 100 MB）"
    )
    return (
        f"timeline {projects}: first paint {first_paint:.0f} ms, scroll p95 {p95(scroll):.0f} ms, "
        f"zoom p95 {p95(zoom):.0f} ms, table scroll p95 {p95(table_scroll):.0f} ms"
    )


def main() -> None:
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    with tempfile.TemporaryDirectory() as folder:
        paths = {size: database_with_nodes(size, Path(folder)) for size in SIZES}
        for size in SIZES:
            print(measure(app, paths[size], size), flush=True)


if __name__ == "__main__":
    main()
