"""The spec builds a Linux folder with its two programs, the windowed one officers start and
the console one for the command line, that carries its files and passes its own self-test."""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAME = "jimo-desktop"
CLI_NAME = "jimo-desktop-cli"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """dist/jimo-desktop/ built from pyinstaller.spec into a temporary folder."""
    out = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--workpath",
            str(out / "work"),
            "--distpath",
            str(out / "dist"),
            str(ROOT / "pyinstaller.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    return out / "dist" / NAME


def test_the_folder_holds_both_programs_sharing_one_set_of_libraries(built):
    for program in (NAME, CLI_NAME):
        assert (built / program).is_file() and os.access(built / program, os.X_OK), program
    assert [p.name for p in built.iterdir() if p.is_dir()] == ["_internal"]


def test_the_command_line_program_passes_its_self_test_and_prints_each_check(built, tmp_path):
    report = tmp_path / "self-test.txt"
    finished = subprocess.run(
        [str(built / CLI_NAME), "self-test", "--report", str(report)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    print(finished.stdout)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "自检通过" in finished.stdout
    # No 仿宋 or 楷体 on this computer: the folder's own faces print the PDF.
    assert "正文Fandol仿宋" in finished.stdout and "二级标题（（一））Fandol楷体" in finished.stdout
    checks = ("数据库", "演示数据", "备份", "办公室数据库驱动", "主窗口", "图表页面", "图表")
    for check in (*checks, "PDF", "Excel"):
        assert f"✓ {check}" in finished.stdout
    assert report.read_text(encoding="utf-8") == finished.stdout


def test_the_command_line_program_checks_a_database_and_says_so(built, tmp_path):
    finished = subprocess.run(
        [str(built / CLI_NAME), "check", "--db", str(tmp_path / "none.sqlite3")],
        env={**os.environ, "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert finished.returncode == 1
    assert "数据库文件不存在" in finished.stderr


def _run_built(program: Path, *command: str) -> str:
    finished = subprocess.run(
        [str(program), *command],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert finished.returncode == 0, [*command, finished.stdout, finished.stderr]
    return finished.stdout


def test_the_built_programs_work_on_the_office_database(built, tmp_path, postgres_server):
    """psycopg needs Python's ssl module, which the build once left out as unused: the
    folder's programs then could not open any office database ("no pq wrapper")."""
    office = postgres_server.address(postgres_server.new_database(template="template0"))
    database = tmp_path / "demo.sqlite3"
    _run_built(built / CLI_NAME, "demo", "--db", str(database), "--projects", "30")
    copied = _run_built(built / CLI_NAME, "copy-database", "--from", str(database), "--to", office)
    assert "行数与合计核对一致" in copied
    figures = [
        _run_built(built / CLI_NAME, "figures", "--db", where, "--period", "2020-06", "--json")
        for where in (office, str(database))
    ]
    assert json.loads(figures[0])["district"]["listed"] > 0
    assert figures[0] == figures[1]
    shot = tmp_path / "office.png"
    _run_built(built / NAME, "screenshot", str(shot), "--db", office, "--view", "projects")
    assert shot.stat().st_size > 0


def test_built_program_shows_a_matplotlib_canvas(built, tmp_path):
    """The self-test draws its chart with Agg; 统计图表 puts them on screen through
    matplotlib's Qt canvas, which needs modules of its own (QtSvg)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    database, shot = tmp_path / "demo.sqlite3", tmp_path / "charts.png"
    for command in (
        ["demo", "--db", str(database), "--projects", "30"],
        ["screenshot", str(shot), "--db", str(database), "--view", "charts"],
    ):
        finished = subprocess.run(
            [str(built / NAME), *command], env=env, capture_output=True, text=True, timeout=300
        )
        assert finished.returncode == 0, finished.stdout + finished.stderr
    assert shot.stat().st_size > 0


def test_built_program_carries_forms_resources_migrations_and_chinese_qt_texts(built):
    bundled = built / "_internal"
    assert sorted(p.name for p in (bundled / "db").glob("*.sql")) == sorted(
        p.name for p in (ROOT / "db").glob("*.sql")
    )
    assert (bundled / "resources" / "style.qss").is_file()
    assert (bundled / "resources" / "icons" / "app.png").is_file()
    assert (bundled / "ui").is_dir()
    for face in ("FandolFang", "FandolHei", "FandolKai"):
        assert (bundled / "resources" / "fonts" / f"{face}-Regular.ttf").is_file()
    translations = sorted(p.name for p in bundled.rglob("*.qm"))
    assert translations == ["qtbase_zh_CN.qm"]


def test_built_program_leaves_out_qt_modules_it_does_not_use(built):
    names = {path.name for path in built.rglob("*")}
    for unused in ("QtNetwork", "QtQml", "QtQuick", "QtPdf", "libqgtk3.so"):
        assert not [name for name in names if unused in name], unused
    size = sum(p.stat().st_size for p in built.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"程序文件夹 {built}：{size / 1024 / 1024:.0f} MB")


def _windows_workflow_commands(database: Path, out: Path) -> list[list[str]]:
    """The console commands the Windows workflow runs on a fresh database, for this folder."""
    workflow = (ROOT / ".github" / "workflows" / "windows-build.yml").read_text(encoding="utf-8")
    commands = []
    for line in re.findall(r"^\s*Run-Cli (.+)$", workflow, re.MULTILINE):
        line = line.split(" | ")[0].replace("$db", shlex.quote(str(database)))
        line = re.sub(
            r'\(Join-Path \$out "([^"]+)"\)', lambda m: shlex.quote(str(out / m[1])), line
        )
        commands.append(shlex.split(line))
    return commands


def test_the_windows_workflows_console_commands_run_on_a_fresh_database(built, tmp_path):
    database = tmp_path / "demo.sqlite3"
    commands = _windows_workflow_commands(database, tmp_path)
    assert [command[0] for command in commands][:2] == ["demo", "briefing"]
    assert {"export-excel", "figures"} <= {command[0] for command in commands}
    for command in commands:
        _run_built(built / CLI_NAME, *command)
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 3
    for pdf in pdfs:
        listing = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, encoding="utf-8", check=True
        ).stdout.splitlines()[2:]
        assert listing and all(line.split()[-5] == "yes" for line in listing), listing
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert "即墨区" in text, pdf.name
    assert (tmp_path / "projects-2020.xlsx").stat().st_size > 5000
