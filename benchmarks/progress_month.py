"""How fast a month of 月推进 is entered and judged, on the demo database.

Prints the time to open the month grid, the median and p95 time from Enter in a cell to
the rates and totals being up to date, the keystrokes and machine time to enter June for
ten projects from the keyboard alone, the time to save the whole month, and the time to
evaluate every project's light.

    uv run python benchmarks/progress_month.py [--projects 108]
"""

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from jimo_desktop.demo import progress as demo_progress
from jimo_desktop.demo.builder import create_demo
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.project_library import lights
from jimo_desktop.views.progress.progress_grid import ProgressGridPage
from jimo_desktop.views.theme import apply_theme

TEN_PROJECTS = 10
ROW = ("5600", "21000", "主体施工", "是", "")  # one project's June, as typed


def milliseconds(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def type_cell(app: QApplication, page: ProgressGridPage, text: str) -> int:
    """Type `text` into the current cell and press Enter; returns the keystrokes it took."""
    for char in text:
        target = QApplication.focusWidget() or page.grid
        if char.isascii():
            QTest.keyClick(target, char)
        else:
            commit = QInputMethodEvent()
            commit.setCommitString(char)
            QApplication.sendEvent(target, commit)
    QTest.keyClick(QApplication.focusWidget() or page.grid, Qt.Key.Key_Return)
    app.processEvents()
    return len(text) + 1


def enter_ten_projects(app: QApplication, page: ProgressGridPage) -> tuple[int, float, list]:
    page.grid.start()
    keystrokes, enter_times = 0, []
    started = time.perf_counter()
    for _ in range(TEN_PROJECTS):
        for text in ROW:
            before = time.perf_counter()
            keystrokes += type_cell(app, page, text)
            page.model.index(page.model.rowCount() - 1, 3).data()  # the totals row repainted
            enter_times.append(milliseconds(before))
    return keystrokes, milliseconds(started), enter_times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=108)
    args = parser.parse_args()
    app = QApplication([])
    apply_theme(app)
    folder = Path(tempfile.mkdtemp(prefix="progress-bench-"))
    db = create_demo(folder / "demo.sqlite3", args.projects)
    if not any(row.has_report for row in progress.month_rows(db, "2020-05")):
        demo_progress.fill(db, random.Random(2020), date(2020, 6, 30))

    started = time.perf_counter()
    page = ProgressGridPage(db)
    page.resize(1400, 860)
    page.show()
    app.processEvents()
    print(f"月推进表格打开（{page.model.rowCount() - 1} 个项目）：{milliseconds(started):.0f} ms")

    keystrokes, total, enters = enter_ten_projects(app, page)
    p95 = sorted(enters)[int(0.95 * (len(enters) - 1))]
    print(f"回车到比率与合计更新：中位 {statistics.median(enters):.1f} ms，p95 {p95:.1f} ms")
    print(f"键盘录入10个项目6月数据：{keystrokes} 次按键，程序耗时 {total:.0f} ms")

    started = time.perf_counter()
    assert page.save()
    print(f"保存10个项目：{milliseconds(started):.0f} ms")

    everything = {
        row.project_id: MonthReport(1_000_00) for row in progress.month_rows(db, "2020-06")
    }
    started = time.perf_counter()
    counts = progress.save_month(db, "2020-06", everything)
    print(f"整月保存 {len(everything)} 个项目（{counts.text()}）：{milliseconds(started):.0f} ms")

    started = time.perf_counter()
    found = lights.evaluate_year(db, 2020)
    print(f"计算 {len(found)} 个项目的红黄绿灯：{milliseconds(started):.1f} ms")


if __name__ == "__main__":
    main()
