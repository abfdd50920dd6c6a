"""Mutated workbooks through the real planner, each in a worker process with a deadline.

Seeds are real files: submissions and a 调度表 written by openpyxl (shared strings, formulas,
merged cells, dates, text that looks like a formula), one with inline strings, the committed
template, an .xls. Case n mutates one seed with random.Random(n), so every case can be made
again: its zip members (dropped, doubled, renamed, stored, swapped), its XML (cell references,
types, values, the dimension, merged areas, formulas, the shared strings' counts, number
formats, spans cut, doubled or moved, padding) and its bytes (cut, flipped, overwritten).

A worker process plans each file with plan_import against its own database and checks:
nothing but the importer's own refusals is raised, every problem has a message, planning
writes nothing, a plan with problems is refused by apply_import and leaves the database as
it was, and what was imported never exports as a live formula (checked by exporting the
database every EXPORT_EVERY imports and at the end). The parent gives each case a deadline and
a memory ceiling: a worker that overruns it or dies is a failure of that case.

    python -m tests.unit.excel.fuzz --cases 10000      the long run, with its counts
    python -m tests.unit.excel.fuzz --case 1234        one case, in this process, described
"""

import argparse
import io
import json
import os
import random
import re
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

DEADLINE_SECONDS = 30  # a hang guard, far above the tenth of a second a case takes
WORKER_MEMORY = 3 * 1024**3
EXPORT_EVERY = 50
ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = ROOT / "resources" / "templates" / "重点项目申报表模板.xlsx"
NAMES = ("海洋生物医药产业园项目", "鹤山路拓宽改造工程（一期）", "蓝谷科创中心", "温泉污水处理厂")
LOOKS_LIKE_FORMULA = ('=HYPERLINK("http://x","点")', "+86 532 8888", "@SUM(1,1)", "-1+2", "=1/0")


# --- seeds ---------------------------------------------------------------------------------


def make_seeds(folder: Path) -> list[Path]:
    from tests.unit.excel.workbooks import (
        SheetSpec,
        project_row,
        submission,
        write_raw_xlsx,
        write_xls,
        write_xlsx,
    )

    rows = [project_row(n, name) for n, name in enumerate(NAMES, start=1)]
    rows.append(project_row(5, "新材料产业园", builder=LOOKS_LIKE_FORMULA[0], start=43922))
    rows.append(project_row(6, LOOKS_LIKE_FORMULA[2], responsible=LOOKS_LIKE_FORMULA[1]))
    sheet = SheetSpec("新开工", submission(*rows), merged=["A1:I1"])
    header = ["序号", "项目名称", "1-6月累计完成投资（万元）", "形象进度", "存在问题", "是否纳统"]
    report = [["即墨区2020年1-6月重点项目推进情况表"], ["填报单位：通济街道"], header]
    report += [[n, name, 100 * n, LOOKS_LIKE_FORMULA[n % 5], "征地未完成", "是"]
               for n, name in enumerate(NAMES, start=1)]  # fmt: skip
    inline = [
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>%d</v></c></row>'
        % (n, n, text.encode(), n, n)
        for n, text in enumerate(("项目名称", *NAMES), start=1)
    ]
    template = folder / "template.xlsx"
    shutil.copyfile(TEMPLATE, template)
    return [
        write_xlsx(folder / "submission.xlsx", sheet, SheetSpec("说明", [["按要求填写"]])),
        write_xlsx(folder / "report.xlsx", SheetSpec("Sheet1", report)),
        write_raw_xlsx(
            folder / "inline.xlsx",
            [b"<worksheet><sheetData>", *inline, b"</sheetData></worksheet>"],
        ),
        template,
        write_xls(folder / "old.xls", SheetSpec("新开工", submission(*rows[:4]))),
    ]


# --- mutations -----------------------------------------------------------------------------

_REFERENCES = (
    "A1",
    "IV1048576",
    "XFD1",
    "iv65536",
    "A0",
    "1A",
    "",
    "AAAA1",
    "B99999999",
    "Z200001",
)
_TYPES = ("e", "zz", "d", "s", "n", "b", "str", "inlineStr", "", "E", "is")
_VALUES = ("#N/A", "#SPILL!", "#DIV/0!", "2020-13-45", "2020-06-30T12:00:00", "海洋", "1e308",
           "-0", "99999999999", "=SUM(A1:A9)", "NaN", "", "&amp;", "&#1;=1+1",
           *LOOKS_LIKE_FORMULA)  # fmt: skip
_PADDING = (b" ", b"<c/>", b"<row/>", b"<!-- x -->", b"\n", b'<c s="0"/>')


@dataclass
class Mutated:
    data: bytes
    steps: list[str] = field(default_factory=list)


def mutate(seeds: list[Path], case: int) -> tuple[str, Mutated]:
    rng = random.Random(case)
    seed = rng.choice(seeds)
    data = seed.read_bytes()
    if seed.suffix == ".xls":
        mutated = Mutated(data)
        for _ in range(rng.randint(1, 3)):
            _mutate_bytes(rng, mutated, xls=True)
        return seed.name, mutated
    members = _members(data)
    steps: list[str] = []
    for _ in range(rng.randint(1, 3)):
        steps.append(_mutate_members(rng, members))
    mutated = Mutated(_zipped(members, rng), steps)
    if rng.random() < 0.1:
        _mutate_bytes(rng, mutated, xls=False)
    return seed.name, mutated


def _members(data: bytes) -> list[list]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [[info.filename, archive.read(info)] for info in archive.infolist()]


def _zipped(members: list[list], rng: random.Random) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if rng.random() < 0.1 else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members:
            with archive.open(zipfile.ZipInfo(name), "w", force_zip64=rng.random() < 0.05) as entry:
                entry.write(data)
    return out.getvalue()


def _mutate_members(rng: random.Random, members: list[list]) -> str:
    xml = [m for m in members if m[0].endswith((".xml", ".rels"))] or members
    sheets = [m for m in members if "worksheets/" in m[0]] or xml
    operation = rng.choices(
        ["member", "reference", "type", "value", "text", "dimension", "merge", "formula",
         "strings", "style", "span", "padding"],
        weights=[1, 3, 3, 4, 4, 1, 1, 2, 1, 1, 2, 1],
    )[0]  # fmt: skip
    if operation == "member":
        return _member_operation(rng, members)
    if operation == "strings":
        strings = [m for m in members if m[0].endswith("sharedStrings.xml")]
        if strings:
            count = str(rng.choice([0, 1, 10**6, 10**12, 3 * 10**6])).encode()
            strings[0][1] = re.sub(
                rb'(uniqueCount|count)="\d+"', rb'\1="' + count + b'"', strings[0][1]
            )
            return f"shared string counts {count.decode()}"
        operation = "value"
    if operation == "style":
        styles = [m for m in members if m[0].endswith("styles.xml")]
        if styles:
            code = rng.choice([b"yyyy-mm-dd", b"0.00", b"@", b"[$-409]mmm", b"General;;;", b"&#0;"])
            styles[0][1] = styles[0][1].replace(
                b"<cellXfs",
                b'<numFmts count="1"><numFmt numFmtId="%d" formatCode="%s"/></numFmts><cellXfs'
                % (rng.choice([14, 164, 49, 9999]), code),
                1,
            )
            return f"number format {code!r}"
        operation = "span"
    if operation == "text":  # what a cell says, in the shared strings or inline
        sheets = [m for m in xml if b"<t>" in m[1] or b"<t " in m[1]] or sheets
    target = rng.choice(sheets if operation != "span" else xml)
    before = target[1]
    target[1] = _XML_OPERATIONS[operation](rng, before)
    return f"{operation} in {target[0]}"


def _member_operation(rng: random.Random, members: list[list]) -> str:
    if not members:
        members.append(["xl/workbook.xml", b"<workbook/>"])
        return "added a bare workbook to an empty archive"
    choice = rng.randrange(6)
    index = rng.randrange(len(members))
    name = members[index][0]
    if choice == 0:
        del members[index]
        return f"dropped {name}"
    if choice == 1:
        members.append(list(members[index]))
        return f"doubled {name}"
    if choice == 2:
        members[index][0] = rng.choice(
            [name.upper(), name.replace("worksheets", "sheets"), name.replace("/", "\\")]
        )
        return f"renamed {name} to {members[index][0]}"
    if choice == 3:
        other = rng.randrange(len(members))
        members[index][1], members[other][1] = members[other][1], members[index][1]
        return f"swapped {name} and {members[other][0]}"
    if choice == 4:
        members.append(
            [rng.choice(["content.xml", "xl/workbook.bin", "xl/worksheets/sheet9.xml"]), b"<x/>"]
        )
        return f"added {members[-1][0]}"
    rng.shuffle(members)
    return "reordered the members"


def _reference(rng: random.Random, xml: bytes) -> bytes:
    return _replaced(rng, xml, rb'\br="([^"]*)"', [ref.encode() for ref in _REFERENCES])


def _type(rng: random.Random, xml: bytes) -> bytes:
    cells = [m.start() for m in re.finditer(rb"<c ", xml)]
    if not cells:
        return xml
    at = rng.choice(cells) + 3
    kind = rng.choice(_TYPES).encode()
    value = rng.choice(
        [b"", b"<v>%s</v>" % rng.choice(_VALUES).encode(), b"<is><t>INLINE</t></is>"]
    )
    close = xml.find(b">", at)
    body_end = xml.find(b"</c>", close)
    head = re.sub(rb'\st="[^"]*"', b"", b" " + xml[at:close]).lstrip()
    if head.endswith(b"/") or body_end < 0:
        return xml[:at] + head.rstrip(b"/") + b' t="%s"/' % kind + xml[close:]
    return xml[:at] + head + b' t="%s">' % kind + value + xml[body_end:]


def _value(rng: random.Random, xml: bytes) -> bytes:
    values = [value.encode().replace(b"<", b"&lt;") for value in _VALUES]
    return _replaced(rng, xml, rb"<v>([^<]*)</v>", values)


def _text(rng: random.Random, xml: bytes) -> bytes:
    """A text, a project's name as often as not, replaced by one of _VALUES."""
    values = [value.encode().replace(b"<", b"&lt;") for value in _VALUES]
    names = b"|".join(re.escape(name.encode()) for name in NAMES)
    if rng.random() < 0.5 and re.search(names, xml):
        return _replaced(rng, xml, rb"<t(?:\s[^>]*)?>(" + names + rb")</t>", values)
    return _replaced(rng, xml, rb"<t(?:\s[^>]*)?>([^<]*)</t>", values)


def _replaced(rng: random.Random, xml: bytes, pattern: bytes, choices: list[bytes]) -> bytes:
    """The group of one match of `pattern`, chosen at random, replaced by one of `choices`."""
    spots = [match.span(1) for match in re.finditer(pattern, xml)]
    if not spots:
        return xml
    start, end = rng.choice(spots)
    return xml[:start] + rng.choice(choices) + xml[end:]


def _dimension(rng: random.Random, xml: bytes) -> bytes:
    ref = f"{rng.choice(_REFERENCES)}:{rng.choice(_REFERENCES)}".encode()
    if b"<dimension" in xml:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', xml)
    return xml.replace(b"<sheetData", b'<dimension ref="' + ref + b'"/><sheetData', 1)


def _merge(rng: random.Random, xml: bytes) -> bytes:
    areas = b"".join(
        b'<mergeCell ref="%s:%s"/>'
        % (rng.choice(_REFERENCES).encode(), rng.choice(_REFERENCES).encode())
        for _ in range(rng.randint(1, 5))
    )
    return xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + areas + b"</mergeCells>", 1)


def _formula(rng: random.Random, xml: bytes) -> bytes:
    spots = [m.end() for m in re.finditer(rb"<c [^>]*[^/]>", xml)]
    if not spots:
        return xml
    at = rng.choice(spots)
    text = rng.choice(LOOKS_LIKE_FORMULA).encode().replace(b"<", b"&lt;").replace(b'"', b"&quot;")
    return xml[:at] + b"<f>" + text + b"</f>" + xml[at:]


def _span(rng: random.Random, xml: bytes) -> bytes:
    if len(xml) < 2:
        return xml
    start = rng.randrange(len(xml))
    end = min(len(xml), start + rng.choice([1, 4, 16, 64, 512]))
    piece = xml[start:end]
    choice = rng.randrange(4)
    if choice == 0:
        return xml[:start] + xml[end:]
    if choice == 1:
        return xml[:end] + piece + xml[end:]
    if choice == 2:
        other = rng.randrange(len(xml))
        return xml[:other] + piece + xml[other:]
    return xml[:start] + bytes([rng.randrange(256)]) + xml[start + 1 :]


def _padding(rng: random.Random, xml: bytes) -> bytes:
    filler = rng.choice(_PADDING) * rng.choice([1, 1000, 100_000, 400_000])
    at = xml.find(b"<row", rng.randrange(max(1, len(xml))))
    at = at if at >= 0 else len(xml) // 2
    return xml[:at] + filler + xml[at:]


_XML_OPERATIONS = {
    "reference": _reference,
    "type": _type,
    "value": _value,
    "text": _text,
    "dimension": _dimension,
    "merge": _merge,
    "formula": _formula,
    "span": _span,
    "padding": _padding,
}


def _mutate_bytes(rng: random.Random, mutated: Mutated, xls: bool) -> None:
    data = bytearray(mutated.data or b"\x00")  # an earlier cut may have left nothing
    choice = rng.randrange(4 if not xls else 5)
    if choice == 0:
        cut = rng.randrange(len(data))
        del data[cut:]
        mutated.steps.append(f"cut at {cut}")
    elif choice == 1:
        flips = rng.randint(1, 8)
        for _ in range(flips):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        mutated.steps.append(f"{flips} bits flipped")
    elif choice == 2:
        at = rng.randrange(len(data))
        data[at : at + 8] = bytes(rng.randrange(256) for _ in range(8))
        mutated.steps.append(f"8 bytes overwritten at {at}")
    elif choice == 3:
        at = rng.randrange(len(data))
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        mutated.steps.append(f"bytes inserted at {at}")
    else:  # an .xls record's place or length
        records = [
            m.start() for m in re.finditer(rb"[\x00-\xff][\x00-\x02][\x04-\x40]\x00", bytes(data))
        ]
        at = rng.choice(records or [0]) + rng.choice([2, 4, 6])
        data[at : at + 2] = rng.randrange(65536).to_bytes(2, "little")
        mutated.steps.append(f"record field at {at} set")
    mutated.data = bytes(data)


# --- the worker ----------------------------------------------------------------------------


def worker(seed_folder: Path) -> None:
    """Reads case numbers from stdin, one a line; answers each with a line of JSON."""
    from jimo_desktop.store.database import open_database

    seeds = sorted(seed_folder.iterdir())
    place = Path(tempfile.mkdtemp(prefix="fuzz-worker-"))
    db = open_database(place / "fuzz.sqlite3")
    since_export: list[int] = []
    try:
        for line in sys.stdin:
            case = int(line)
            answer = run_case(db, seeds, case, place)
            if answer["outcome"] == "imported":
                since_export.append(case)
            if len(since_export) >= EXPORT_EVERY:
                answer["export"] = _export_check(db, place, since_export)
                since_export = []
            print(json.dumps(answer, ensure_ascii=False), flush=True)
        print(json.dumps({"final": _export_check(db, place, since_export)}), flush=True)
    finally:
        db.conn.close()
        shutil.rmtree(place, ignore_errors=True)


def run_case(db, seeds: list[Path], case: int, place: Path) -> dict:
    from jimo_desktop.excel.importing.importer import apply_import, plan_import
    from jimo_desktop.excel.importing.plan import ImportRefused

    seed, mutated = mutate(seeds, case)
    path = place / f"case{case}{'.xls' if seed.endswith('.xls') else '.xlsx'}"
    path.write_bytes(mutated.data)
    answer = {"case": case, "seed": seed, "steps": mutated.steps, "failure": None}
    started = time.perf_counter()
    before = db.conn.total_changes
    try:
        plan = plan_import(db, [path])
        problems = plan.all_problems()
        if db.conn.total_changes != before:
            answer["failure"] = "planning wrote to the database"
        elif any(not problem.message for problem in problems):
            answer["failure"] = "a problem without a message"
        elif problems:
            try:
                apply_import(db, plan)
                answer["failure"] = "a plan with problems was imported"
            except ImportRefused as refused:
                if db.conn.total_changes != before:
                    answer["failure"] = "a refused import changed the database"
                elif not refused.problems:
                    answer["failure"] = "refused without saying why"
            answer["outcome"] = "refused" if str(path) in plan.refused_files else "problems"
        else:
            report = apply_import(db, plan)
            changed = report.added + report.updated
            answer["outcome"] = "imported" if changed else "unchanged" if plan.rows else "no rows"
    except Exception as error:  # anything else is the failure this looks for
        where = traceback.extract_tb(error.__traceback__)[-1]
        place = f"{Path(where.filename).name}:{where.lineno}"
        answer["failure"] = f"{type(error).__name__}: {error} (at {place})"
        answer["outcome"] = "crashed"
    finally:
        path.unlink()
    answer["seconds"] = round(time.perf_counter() - started, 3)
    return answer


def _export_check(db, place: Path, cases: list[int]) -> str | None:
    """Every year and month imported, exported the way officers export; a cell written as a
    formula is a failure of one of `cases`."""
    from openpyxl import load_workbook

    from jimo_desktop.excel.export import write_project_list
    from jimo_desktop.store.project_library import export_queries
    from jimo_desktop.store.project_library.project_index import ProjectFilter
    from tests.unit.xlsx_cells import is_totals_formula

    if not cases:
        return None
    years = [row[0] for row in db.execute("SELECT DISTINCT year FROM project_years").fetchall()]
    periods = [
        row[0] for row in db.execute("SELECT DISTINCT period FROM progress_reports").fetchall()
    ]
    for year in years:
        for period in [None, *(p for p in periods if p.startswith(str(year)))]:
            out = place / "export.xlsx"
            listing = export_queries.project_export(db, year, ProjectFilter(year=year), period)
            write_project_list(out, listing)
            sheets = load_workbook(out).worksheets
            # The 合计 row's own SUM formulas are the program's; any other formula came in.
            formulas = [
                cell
                for sheet in sheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.data_type == "f"
                and not is_totals_formula(cell.column_letter, cell.row, cell.value)
            ]
            if formulas:
                cell = formulas[0]
                return f"{cell.coordinate} exported as the formula {cell.value!r} (cases {cases})"
    return None


# --- the parent ----------------------------------------------------------------------------


@dataclass
class FuzzReport:
    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    slowest: float = 0.0

    def summary(self) -> str:
        counted = ", ".join(f"{name} {count}" for name, count in sorted(self.outcomes.items()))
        return (
            f"{self.cases} cases in {self.seconds:.0f} s ({counted}); slowest case "
            f"{self.slowest:.2f} s; {len(self.failures)} failures"
        )


def run_fuzz(cases: range, folder: Path, workers: int = 2, deadline: float = DEADLINE_SECONDS):
    seeds = folder / "seeds"
    seeds.mkdir(exist_ok=True)
    make_seeds(seeds)
    report = FuzzReport(cases=len(cases))
    lock = threading.Lock()
    started = time.perf_counter()
    shares = [cases[n::workers] for n in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        for done in pool.map(lambda share: _drive(share, seeds, deadline), shares):
            with lock:
                for answer in done:
                    _count(report, answer)
    report.seconds = time.perf_counter() - started
    return report


def _count(report: FuzzReport, answer: dict) -> None:
    if "final" in answer or answer.get("export"):
        failure = answer.get("final") or answer.get("export")
        if failure:
            report.failures.append(f"live formula: {failure}")
        if "final" in answer:
            return
    report.outcomes[answer["outcome"]] += 1
    report.slowest = max(report.slowest, answer.get("seconds", 0))
    if answer["failure"]:
        steps = "; ".join(answer["steps"])
        report.failures.append(
            f"case {answer['case']} ({answer['seed']}: {steps}): {answer['failure']}"
        )


def _drive(cases: range, seeds: Path, deadline: float) -> list[dict]:
    answers = []
    worker = _Worker(seeds)
    try:
        for case in cases:
            answer = worker.ask(case, deadline)
            if answer is None:
                why = worker.why_not()
                answers.append({"case": case, "seed": "?", "steps": [], "outcome": "crashed",
                                "failure": why, "seconds": deadline})  # fmt: skip
                worker.stop()
                worker = _Worker(seeds)
            else:
                answers.append(answer)
        answers.append(worker.finish(deadline))
    finally:
        worker.stop()
    return answers


class _Worker:
    def __init__(self, seeds: Path):
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (the worker's stderr, closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.unit.excel.fuzz", "--worker", str(seeds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            cwd=ROOT,
            preexec_fn=_limit_memory,
        )
        self.buffer = b""
        self.late = False

    def ask(self, case: int, deadline: float) -> dict | None:
        try:
            self.process.stdin.write(f"{case}\n".encode())
            self.process.stdin.flush()
        except BrokenPipeError:
            return None
        return self._answer(deadline)

    def finish(self, deadline: float) -> dict:
        self.process.stdin.close()
        return self._answer(deadline) or {
            "final": f"the last export check failed: {self.why_not()}"
        }

    def _answer(self, deadline: float) -> dict | None:
        end = time.monotonic() + deadline
        stream = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            left = end - time.monotonic()
            if left <= 0:
                self.late = True
                return None
            ready, _, _ = select.select([stream], [], [], left)
            if ready:
                chunk = os.read(stream, 1 << 16)
                if not chunk:
                    return None
                self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def why_not(self) -> str:
        if self.late:
            return "no answer within the deadline (hung)"
        self.process.wait(5)
        self.errors.seek(0)
        tail = self.errors.read()[-400:].decode("utf-8", "replace")
        return f"the worker died (exit {self.process.returncode}): {tail}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.errors.close()


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--case", type=int, help="run one case here and describe it")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    with tempfile.TemporaryDirectory() as folder:
        if args.case is not None:
            seeds = Path(folder) / "seeds"
            seeds.mkdir()
            make_seeds(seeds)
            from jimo_desktop.store.database import open_database

            db = open_database(Path(folder) / "one.sqlite3")
            print(
                json.dumps(
                    run_case(db, sorted(seeds.iterdir()), args.case, Path(folder)),
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        report = run_fuzz(range(args.first, args.first + args.cases), Path(folder), args.workers)
    print(report.summary())
    for failure in report.failures:
        print(failure)


if __name__ == "__main__":
    main()
