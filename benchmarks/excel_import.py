"""How long an Excel import takes beside merely reading the same file.

Generates a 20,000-row submission in the manner of the units' own (title, 填报单位 line,
a two-row merged header, amounts as numbers and as text, dates in several forms, a totals
row), then, in one run, times

  - the bare read of the file with python-calamine (every sheet to Python lists), and
  - the whole import into a fresh database: read, recognise, validate (plan_import), then
    write with the audit trail in one transaction (apply_import),

and prints both, the ratio, and where the import's time goes. The goal (issue 4) is an
import at most 2x the bare read. It then times a re-import into the same database of a later
version of the file in which every fourth row changed (a new 总投资 and 责任人): those rows
are updated with the audit trail, the others left unchanged. Each figure is the median of
--repeats runs; the breakdown comes from one more run with timers around the import's steps
(they cost a little time of their own, so its parts add up to a little more).

    uv run python benchmarks/excel_import.py [--rows 20000] [--repeats 3] [--kept 0]

--kept N imports into a database already holding N demo projects, as an office's does: every
new row is then also compared with them for near matches.
"""

import argparse
import contextlib
import operator
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from jimo_desktop.demo.projects import make_projects
from jimo_desktop.excel.importing import importer, project_rows
from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.excel.importing.plan import ImportReport
from jimo_desktop.excel.reading import workbook
from jimo_desktop.store import dictionaries
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import projects

HEADER = (
    "序号", "项目名称", "建设单位", "所属产业", "建设性质", "总投资\n（万元）",
    "2020年计划投资（万元）", "建设起止年限", None, "责任单位", "责任人", "建设规模及内容",
)  # fmt: skip
INDUSTRIES = ("现代海洋", "新材料", "大健康", "微电子", "城建", "现代服务业")
STARTS = ("2020.4", "2020年5月", "2020/6/15", "2020-03")


REVISED_EVERY = 4  # in the later version of the file, every fourth row has changed


def make_submission(path: Path, rows: int, revised: bool = False) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "新开工项目"
    sheet.append(["即墨区2020年重点项目申报表"])
    sheet.append(["填报单位（盖章）：通济街道", None, None, None, None, "填报日期：2020年3月5日"])
    sheet.append(HEADER)
    sheet.append([None] * 7 + ["开工时间", "竣工时间"])
    for column in "ABCDEFGJKL":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("H3:I3")
    for number in range(1, rows + 1):
        changed = revised and number % REVISED_EVERY == 0
        total = 5000 + number % 90000 + (100 if changed else 0)
        sheet.append(
            [
                number,
                f"青岛海润第{number}号产业园项目",
                "青岛海润投资发展有限公司",
                INDUSTRIES[number % len(INDUSTRIES)],
                "新建",
                f"{total:,}" if number % 3 == 0 else total,
                round(total * 0.3, 2),
                STARTS[number % len(STARTS)],
                "2021年12月",
                "区发展和改革局",
                "李强" if changed else "王伟",
                "占地约100亩，总建筑面积约50000平方米，主要建设厂房、研发中心及配套设施",
            ]
        )
    sheet.append(["合计", None, None, None, None, f"=SUM(F5:F{rows + 4})"])
    sheet.append(["填表人：张三", None, None, "审核人：李四"])
    workbook.save(path)


def bare_read(path: Path) -> float:
    started = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - started


def whole_import(path: Path, folder: Path, run: int, kept: int) -> tuple[float, float, int]:
    """Seconds to plan and to apply, and the projects added, into a new database that holds
    `kept` demo projects."""
    db = open_database(database_path(folder, run))
    if kept:
        unit_ids = [entry.id for entry in dictionaries.entries(db, "units")]
        industry_ids = {entry.name: entry.id for entry in dictionaries.entries(db, "industries")}
        projects.insert_many(db, make_projects(kept, unit_ids, industry_ids, seed=2020))
    seconds, report = timed_import(db, path)
    db.conn.close()
    return *seconds, report.added


def database_path(folder: Path, run: int) -> Path:
    return folder / f"import-{run}.sqlite3"


def timed_import(db, path: Path) -> tuple[tuple[float, float], ImportReport]:
    started = time.perf_counter()
    plan = plan_import(db, [path])
    planned = time.perf_counter()
    report = apply_import(db, plan)
    return (planned - started, time.perf_counter() - planned), report


def re_import(path: Path, folder: Path, run: int) -> tuple[float, ImportReport]:
    """Seconds to import the later version of the file into the database of an earlier run."""
    db = open_database(database_path(folder, run))
    (plan_seconds, apply_seconds), report = timed_import(db, path)
    db.conn.close()
    return plan_seconds + apply_seconds, report


class Stopwatch:
    """Seconds spent in chosen functions, timed by wrapping them where the import calls them."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)

    def timed(self, label: str, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started

        return wrapper


@contextlib.contextmanager
def replaced(module, name: str, replacement):
    original = getattr(module, name)
    setattr(module, name, replacement)
    try:
        yield
    finally:
        setattr(module, name, original)


def breakdown(path: Path, folder: Path, run: int, kept: int) -> dict[str, float]:
    """One more import, with each step timed: file check, calamine, recognising, deciding,
    pinyin initials, and the rest of the write."""
    watch = Stopwatch()
    loader = workbook._loader  # returns the function that reads one sheet with calamine
    with contextlib.ExitStack() as stack:
        for module, name, label in (
            (workbook, "check_file", "guard"),
            (importer, "workbook_words", "sheets"),
            (importer, "read_sheet", "sheets"),
            (project_rows, "decide", "decide"),
            (projects, "name_initials", "pinyin"),
        ):
            stack.enter_context(replaced(module, name, watch.timed(label, getattr(module, name))))

        def timed_loader(*args):
            return watch.timed("calamine", loader(*args))

        stack.enter_context(replaced(workbook, "_loader", timed_loader))
        plan_seconds, apply_seconds, _ = whole_import(path, folder, run, kept)
    seconds = watch.seconds
    seconds["sheets"] -= seconds["calamine"]  # sheets are read from the file when first used
    timed = ("guard", "calamine", "sheets", "decide")
    seconds["plan_rest"] = plan_seconds - sum(seconds[key] for key in timed)
    seconds["write"] = apply_seconds - seconds["pinyin"]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--kept", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submission.xlsx"
        make_submission(path, args.rows)
        reads, plans, applies = [], [], []
        for run in range(args.repeats):
            reads.append(bare_read(path))
            plan_seconds, apply_seconds, added = whole_import(path, Path(folder), run, args.kept)
            plans.append(plan_seconds)
            applies.append(apply_seconds)
        parts = breakdown(path, Path(folder), args.repeats, args.kept)
        later = Path(folder) / "submission-later.xlsx"
        make_submission(later, args.rows, revised=True)
        re_imports = sorted(
            (re_import(later, Path(folder), run) for run in range(args.repeats)),
            key=operator.itemgetter(0),
        )
        again, again_report = re_imports[len(re_imports) // 2]
    read, plan, apply = (statistics.median(times) for times in (reads, plans, applies))
    kept = f"，导入已有 {args.kept:,} 个项目的数据库" if args.kept else ""
    print(f"{args.rows:,} 行的填报表（{path.name}），{args.repeats} 次取中位数{kept}")
    print(f"  calamine 直接读取：      {read:6.3f} s")
    print(f"  整个导入：              {plan + apply:6.3f} s  （{(plan + apply) / read:.1f} 倍）")
    print(f"    读取、识别、校验：    {plan:6.3f} s  （{plan / read:.1f} 倍）")
    print(f"    写入与留痕（一次事务）：{apply:6.3f} s  （新增 {added:,} 个项目）")
    print("  目标：整个导入不超过直接读取的 2 倍")
    print(f"  再次导入更新后的文件：  {again:6.3f} s  （{again / read:.1f} 倍）")
    print(f"    {again_report.summary()}")
    print("  分步（另一次运行，各步计时）：")
    for label, key in (
        ("检查文件（防损坏、压缩炸弹）", "guard"),
        ("calamine 读入工作表", "calamine"),
        ("找表头、分行、转换单元格", "sheets"),
        ("对照已有项目、校验", "decide"),
        ("读取的其余部分", "plan_rest"),
        ("拼音首字母（写入时）", "pinyin"),
        ("写入的其余部分（uuid、行、SQLite、留痕、提交）", "write"),
    ):
        print(f"    {label}：{parts[key]:6.3f} s")


if __name__ == "__main__":
    main()
