"""The package fuzzer: spoiled field packages through the real merge-package command.

A sandbox holds an office's data folder, the laptop's folder, a secret file and an empty
system temporary folder. Each case spoils the laptop's honest package one to three ways
(package_mutations.py) and runs `merge-package PKG --db OFFICE --prefer field`, sometimes with
--foreign. Every case must end in status 0 or in status 1 with one Chinese line; no exception
may escape, no case may run past the hang guard, nothing outside the data folder may change,
the secret must not arrive in it, no unpacked folder may stay behind, and a refused package
must leave the office's database and folder exactly as they were. A merge that was accepted
is undone from a pristine copy before the next case.
"""

import contextlib
import faulthandler
import hashlib
import io
import json
import random
import re
import shutil
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jimo_desktop import cli
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import problems
from tests.unit import package_mutations
from tests.unit.field_trip import edit_project, record_inspection, start_trip
from tests.unit.package_forgery import MANIFEST, entries_of, facts

HANG_GUARD_SECONDS = 120  # far above the fraction of a second a case takes: a hang, not speed
SECRET = "机密：不得外传的文件内容".encode()
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
ROWS, MANIFEST_FAMILY, ENTRIES, ZIP = "数据库中的记录", "清单", "文件条目", "zip 字节"
FAMILIES = (
    (ROWS, (package_mutations.rows,)),
    (MANIFEST_FAMILY, package_mutations.MANIFEST_MUTATIONS),
    (ENTRIES, package_mutations.ENTRY_MUTATIONS),
    (ZIP, (lambda rng, parts: None,)),
)


@dataclass
class Sandbox:
    root: Path
    office: Path  # the data folder: the database, photos/, backups/, package-work/
    pristine: Path
    honest: tuple[dict, dict[str, bytes]]
    package: Path

    @property
    def database(self) -> Path:
        return self.office / "jimo.sqlite3"


@dataclass
class FuzzReport:
    cases: int = 0
    refused: int = 0
    accepted: int = 0
    slowest: float = 0.0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    families: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        common = "；".join(f"{reason}… {n}" for reason, n in self.reasons.most_common(8))
        spoiled_parts = "，".join(f"{family} {n}" for family, n in self.families.items())
        return (
            f"外业包模糊测试：{self.cases} 个变异包，拒绝 {self.refused}，接受 {self.accepted}，"
            f"失败 {len(self.failures)}；用时 {self.seconds:.0f} 秒，"
            f"最慢一个 {self.slowest:.2f} 秒。变异的部分：{spoiled_parts}。常见拒绝：{common}"
        )


def make_sandbox(root: Path) -> Sandbox:
    """The office, a laptop that worked on five projects, and the package it brought back."""
    trip = start_trip(root, project_count=8)
    a, b, c, d, _ = trip.project_ids
    projects.delete(trip.office, d)
    edit_project(trip.laptop, d, remarks="现场核实仍在建设")
    edit_project(trip.office, a, leader="王守仁")
    edit_project(trip.laptop, a, leader="张居正")
    edit_project(trip.laptop, b, demolition_status="现场：拆迁完成")
    problems.raise_problem(trip.laptop, c, "围挡缺失")
    record_inspection(trip.laptop, c, root / "laptop", photo_count=2)
    back = trip.send_back()
    trip.close()
    (root / "secret.docx").write_bytes(SECRET)
    (root / "tmp").mkdir()
    (root / "packages").mkdir()
    shutil.copytree(root / "office", root / "pristine")
    return Sandbox(root, root / "office", root / "pristine", entries_of(back), back)


def spoiled(sandbox: Sandbox, rng: random.Random) -> tuple[str, bytes]:
    """A spoiled copy of the honest package, and which part of it was spoiled."""
    manifest, contents = sandbox.honest
    parts = package_mutations.Parts(json.loads(json.dumps(manifest)), dict(contents), rehash=False)
    family, mutations = rng.choices(FAMILIES, weights=(50, 20, 15, 15))[0]
    for _ in range(rng.randint(1, 2)):
        rng.choice(mutations)(rng, parts)
    if parts.rehash:
        parts.manifest["files"] = {name: facts(data) for name, data in parts.contents.items()}
    buffer = io.BytesIO()
    manifest_bytes = parts.manifest_bytes or json_bytes(parts.manifest)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        for name, data in parts.contents.items():
            with contextlib.suppress(ValueError):  # a name zipfile itself will not write
                archive.writestr(name, data)
    data = buffer.getvalue()
    if family == ZIP:
        data = rng.choice(package_mutations.BYTE_MUTATIONS)(rng, data)
    return family, data


def json_bytes(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=str).encode()


def run_fuzz(sandbox: Sandbox, count: int, seed: int = 2020) -> FuzzReport:
    report = FuzzReport()
    original_tempdir = tempfile.tempdir
    tempfile.tempdir = str(sandbox.root / "tmp")
    started = time.perf_counter()
    try:
        for case in range(count):
            rng = random.Random(seed * 1_000_003 + case)
            package = sandbox.root / "packages" / "case.jimopkg"
            family, data = spoiled(sandbox, rng)
            package.write_bytes(data)
            report.families[family] += 1
            foreign = rng.random() < 0.2
            _run_case(sandbox, package, foreign, case, report)
    finally:
        tempfile.tempdir = original_tempdir
        report.seconds = time.perf_counter() - started
    return report


def _run_case(sandbox: Sandbox, package: Path, foreign: bool, case: int, report) -> None:
    outside, office = _outside(sandbox), _office_state(sandbox.office)
    arguments = ["merge-package", str(package), "--db", str(sandbox.database), "--prefer", "field"]
    out, err = io.StringIO(), io.StringIO()
    faulthandler.dump_traceback_later(HANG_GUARD_SECONDS, exit=True)
    began = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(arguments + (["--foreign"] if foreign else []))
    except BaseException:
        status = None
        report.failures.append(f"第 {case} 例崩溃：{traceback.format_exc(limit=-3)}")
    finally:
        faulthandler.cancel_dump_traceback_later()
    took = time.perf_counter() - began
    report.cases += 1
    report.slowest = max(report.slowest, took)
    message = err.getvalue().strip()
    if status == 1:
        report.refused += 1
        report.reasons[message[:14]] += 1
        if len(message.splitlines()) != 1 or not _CHINESE.search(message):
            report.failures.append(f"第 {case} 例的拒绝不是一行中文：{message!r}")
        if _office_state(sandbox.office) != office:
            report.failures.append(f"第 {case} 例被拒绝，办公室的数据却变了：{message}")
    elif status == 0:
        report.accepted += 1
    elif status is not None:
        report.failures.append(f"第 {case} 例的退出状态为 {status}：{message}")
    if _outside(sandbox) != outside:
        report.failures.append(f"第 {case} 例改动了数据文件夹以外的文件")
    if _leftovers(sandbox.office):
        report.failures.append(f"第 {case} 例留下了解包的文件：{_leftovers(sandbox.office)}")
    if any(SECRET in path.read_bytes() for path in _files(sandbox.office)):
        report.failures.append(f"第 {case} 例把数据文件夹以外的文件复制了进来")
    if status == 0:
        _restore(sandbox)


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _outside(sandbox: Sandbox) -> dict[str, tuple[int, int]]:
    kept_apart = (sandbox.office, sandbox.pristine, sandbox.root / "packages")
    return {
        str(path.relative_to(sandbox.root)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in _files(sandbox.root)
        if not any(path.is_relative_to(folder) for folder in kept_apart)
    }


def _office_state(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in _files(folder)
    }


def _leftovers(folder: Path) -> list[str]:
    work = folder / "package-work"
    return [path.name for path in work.iterdir()] if work.is_dir() else []


def _restore(sandbox: Sandbox) -> None:
    shutil.rmtree(sandbox.office)
    shutil.copytree(sandbox.pristine, sandbox.office)
