"""jimo-desktop self-test: what the built program runs to prove every part of it works.

In a temporary folder: a new database with its migrations, demo data, a backup with its
integrity check, the office database's driver loaded (psycopg with the libpq it brings), the
main window rendered, a chart with Chinese labels, a PDF with an embedded Chinese font and an
Excel workbook, each read back. Prints one line per check as
it finishes; exit status 0 only when all passed. `--report FILE` also writes each line to a
file the moment it is known (an old report is removed first), for the windowed Windows
program, which has no console: a crash half-way leaves the lines up to it.

The window is drawn on the platform the program really uses on Windows (qwindows.dll), so
the self-test proves that plugin; elsewhere it is drawn offscreen, as a build server has no
display.
"""

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from jimo_desktop.commands import EXIT_BAD_INPUT, EXIT_OK

HELP = (
    "自检：建库、演示数据、备份、办公室数据库驱动、主窗口、图表、PDF、Excel，全部通过时退出码为 0"
)
DEMO_PROJECTS = 60
SAMPLE_TEXT = "即墨区重点项目调度台 自检 2020年6月30日"
NATIVE_PLATFORM = {"win32": "windows"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--report", type=Path, metavar="FILE", help="同时把结果逐行写入此文件")


def run(args: argparse.Namespace) -> int:
    _choose_platform()
    with _Report(args.report) as report:
        with tempfile.TemporaryDirectory(prefix="jimo-self-test-") as folder:
            results = [_run_check(name, check, Path(folder), report) for name, check in CHECKS]
        passed = sum(results)
        report.line(f"自检{'通过' if all(results) else '未通过'}：{passed}/{len(results)} 项")
    return EXIT_OK if all(results) else EXIT_BAD_INPUT


def _choose_platform() -> None:
    native = NATIVE_PLATFORM.get(sys.platform)
    if native is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", native)


class _Report:
    """Each line to the console (when there is one) and to the report file, flushed at once."""

    def __init__(self, path: Path | None):
        self._path = path
        self._file: TextIO | None = None

    def __enter__(self) -> "_Report":
        if self._path is not None:
            self._path.unlink(missing_ok=True)
            self._file = self._path.open("w", encoding="utf-8", newline="\n")
        return self

    def __exit__(self, *_) -> None:
        if self._file is not None:
            self._file.close()

    def line(self, text: str, failed: bool = False) -> None:
        stream = sys.stderr if failed else sys.stdout
        if stream is not None:
            print(text, file=stream, flush=True)
        if self._file is not None:
            self._file.write(text + "\n")
            self._file.flush()


def _run_check(name: str, check: Callable[[Path], str], folder: Path, report: _Report) -> bool:
    try:
        detail = check(folder)
    except Exception as error:  # a self-test reports every failure and goes on with the rest
        report.line(f"✗ {name}：{type(error).__name__}: {error}", failed=True)
        if sys.stderr is not None:
            traceback.print_exc(file=sys.stderr)
        return False
    report.line(f"✓ {name}：{detail}")
    return True


def _database(folder: Path) -> Path:
    return folder / "self-test.sqlite3"


def check_database(folder: Path) -> str:
    from jimo_desktop.store.database import latest_version, open_database

    db = open_database(_database(folder))
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.conn.close()
    _expect(version == latest_version(), f"数据库版本 {version}，应为 {latest_version()}")
    return f"新建数据库并升级到第 {version} 版"


def check_demo(folder: Path) -> str:
    from jimo_desktop.demo.builder import fill_demo
    from jimo_desktop.store.database import open_database
    from jimo_desktop.store.project_library import projects

    db = open_database(_database(folder))
    fill_demo(db, DEMO_PROJECTS)
    count = projects.count(db)
    db.conn.close()
    _expect(count == DEMO_PROJECTS, f"演示项目 {count} 个，应为 {DEMO_PROJECTS}")
    return f"载入 {count} 个演示项目"


def check_backup(folder: Path) -> str:
    from jimo_desktop.store.safekeeping import backup
    from jimo_desktop.store.safekeeping.integrity import full_check

    copy = backup.backup_file(_database(folder), "manual")
    problems = full_check(copy) + full_check(_database(folder))
    _expect(not problems, "；".join(problems))
    return f"在线备份 {copy.stat().st_size // 1024} KB，完整性检查通过"


def check_office_driver(folder: Path) -> str:
    """psycopg's compiled part and the libpq it carries: a Windows computer has no libpq of
    its own, so without them the office database cannot be opened."""
    import psycopg

    _expect(psycopg.pq.__impl__ == "binary", f"psycopg 的实现是 {psycopg.pq.__impl__}，应为 binary")
    libpq = psycopg.pq.version()
    return f"psycopg {psycopg.__version__}，libpq {libpq // 10000}.{libpq % 10000}"


def check_main_window(folder: Path) -> str:
    from PySide6.QtGui import QGuiApplication

    image = _rendered_view(folder, "projects")
    platform = QGuiApplication.platformName()
    return f"渲染主窗口 {image.width()}×{image.height()}，平台 {platform}"


def check_chart_on_screen(folder: Path) -> str:
    """The 统计图表 page: charts drawn through matplotlib's Qt canvas, which needs Qt modules
    of its own (QtSvg) that the Agg check does not."""
    image = _rendered_view(folder, "charts")
    return f"统计图表页面的 matplotlib 画布 {image.width()}×{image.height()}"


def _rendered_view(folder: Path, view: str):
    from PySide6.QtGui import QImage

    from jimo_desktop.views.app import screenshot

    out = folder / f"{view}.png"
    screenshot(_database(folder), out, view)
    image = QImage(str(out))
    _expect(image.width() >= 800 and image.height() >= 600, f"截图尺寸 {image.size()}")
    _expect(len({image.pixel(x, 300) for x in range(0, image.width(), 7)}) > 3, "截图是空白的")
    return image


def check_chart(folder: Path) -> str:
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.image import imread

    from jimo_desktop.reports.fonts import resolve

    font = FontProperties(fname=str(resolve("heading").path))
    figure = Figure(figsize=(6, 4), dpi=100)
    axes = figure.subplots()
    axes.bar(["竣工一批", "开工一批", "储备一批", "谋划一批"], [12, 30, 41, 25])
    axes.set_title("四个一批项目个数", fontproperties=font)
    for label in axes.get_xticklabels():
        label.set_fontproperties(font)
    out = folder / "chart.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(out)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    _expect(not missing, f"图表缺字：{missing[:1]}")
    height, width = imread(out).shape[:2]
    return f"matplotlib 图表 {width}×{height}，中文字体 {resolve('heading').face}"


def check_pdf(folder: Path) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from jimo_desktop.reports.fonts import PDF_ROLES, ROLE_NAMES, resolve

    out = folder / "self-test.pdf"
    canvas = Canvas(str(out), pagesize=A4)
    faces = []
    for line, role in enumerate(PDF_ROLES):
        choice = resolve(role)
        font_name = f"SelfTest-{role}"
        pdfmetrics.registerFont(TTFont(font_name, str(choice.path), subfontIndex=0))
        canvas.setFont(font_name, 16)
        canvas.drawString(80, 760 - 30 * line, SAMPLE_TEXT)
        faces.append(f"{ROLE_NAMES[role]}{choice.face}")
    canvas.save()
    data = out.read_bytes()
    _expect(data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), "PDF 文件结构不完整")
    _expect(b"/FontFile2" in data, "PDF 没有嵌入 TrueType 字体")
    return f"ReportLab PDF {len(data) // 1024} KB，已嵌入字体：{'、'.join(faces)}"


def check_excel(folder: Path) -> str:
    from openpyxl import load_workbook

    from jimo_desktop.excel.export import export_table
    from jimo_desktop.excel.sheet_format import FIRST_DATA_ROW, HEADER_ROW
    from jimo_desktop.store.database import open_database

    db = open_database(_database(folder))
    rows = db.execute("SELECT name, total_investment FROM projects ORDER BY id").fetchall()
    db.conn.close()
    amount = "总投资（万元）"
    out = export_table(
        folder / "self-test.xlsx", "项目库", ["项目名称", amount], rows, amount_columns={amount}
    )
    read = list(load_workbook(out, read_only=True)["项目库"].iter_rows(values_only=True))
    _expect(read[HEADER_ROW - 1][0] == "项目名称", "表头读回不一致")
    names = [row[0] for row in read[FIRST_DATA_ROW - 1 :]]
    _expect(names == [name for name, _ in rows], "项目名称读回不一致")
    return f"openpyxl 写入并读回 {len(names)} 行"


def _expect(condition: bool, failure: str) -> None:
    if not condition:
        raise AssertionError(failure)


CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("数据库", check_database),
    ("演示数据", check_demo),
    ("备份", check_backup),
    ("办公室数据库驱动", check_office_driver),
    ("主窗口", check_main_window),
    ("图表", check_chart),
    ("图表页面", check_chart_on_screen),
    ("PDF", check_pdf),
    ("Excel", check_excel),
)
