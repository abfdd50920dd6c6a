"""Shared by startup.py and memory.py: demo databases, and launching a program until ready.

A program launched here gets JIMO_DESKTOP_READY_FILE: it writes that file once its main
window is shown and painted, then quits. The time from launch to the file is the start-up
time an officer waits; the child's peak resident memory comes from the operating system.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
BUILT_PROGRAM = ROOT / "dist" / "jimo-desktop" / "jimo-desktop"
READY_FILE_VARIABLE = "JIMO_DESKTOP_READY_FILE"
DATA_DIR_VARIABLE = "JIMO_DESKTOP_DATA_DIR"  # paths.DATA_DIR_VARIABLE
POLL_SECONDS = 0.001


@dataclass(frozen=True)
class Launch:
    seconds: float  # launch to a usable window
    peak_mb: float  # the process's peak resident memory


def demo_database(projects: int) -> Path:
    """A demo database of `projects`, written once under out/ and reused by later runs.

    Written by a child process: a child forked from a parent that had built 100,000
    projects in memory would report the parent's pages as its own peak memory.
    """
    path = OUT / f"bench-{projects}.sqlite3"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        print(f"生成 {projects} 个项目的演示数据库 {path} …", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "jimo_desktop",
                "demo",
                "--db",
                str(path),
                "--projects",
                str(projects),
            ],
            cwd=ROOT,
            check=True,
        )
    return path


def launch_until_ready(command: list[str], database: Path | None = None) -> Launch:
    """Start `command` (with --db on a private copy of `database`) and wait until it is ready."""
    with tempfile.TemporaryDirectory(prefix="jimo-bench-") as folder:
        folder = Path(folder)
        if database is not None:
            copy = folder / database.name
            shutil.copy2(database, copy)
            command = [*command, "--db", str(copy)]
        ready = folder / "ready"
        # An installed program runs from compiled bytecode: let the warm-up run write it.
        inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        environment = {
            **inherited,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            DATA_DIR_VARIABLE: str(folder / "data"),  # logs and settings stay in the temp folder
            READY_FILE_VARIABLE: str(ready),
        }
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stderr=subprocess.DEVNULL)
        while not ready.exists():
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} 在就绪前退出，退出码 {process.returncode}")
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{command[0]} 退出码 {os.waitstatus_to_exitcode(status)}")
    return Launch(seconds, usage.ru_maxrss / 1024)


BARE_WINDOW = f'''
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1400, 860)
window.show()
ready = os.environ["{READY_FILE_VARIABLE}"]
QTimer.singleShot(0, lambda: (Path(ready).write_text("ready"), app.quit()))
sys.exit(app.exec())
'''


def bare_window_script() -> Path:
    """The bare PySide6 window the program is compared with, as a script under out/."""
    OUT.mkdir(exist_ok=True)
    script = OUT / "bare_window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    return script


def built_bare_window() -> Path:
    """The bare window built by PyInstaller (onedir), to compare with the built program."""
    program = OUT / "bare-dist" / "bare_window" / "bare_window"
    if not program.exists():
        print("用 PyInstaller 构建空白窗口程序 …", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--onedir",
                "--windowed",
                "--log-level",
                "ERROR",
                "--workpath",
                str(OUT / "bare-work"),
                "--distpath",
                str(OUT / "bare-dist"),
                "--specpath",
                str(OUT),
                str(bare_window_script()),
            ],
            cwd=ROOT,
            check=True,
        )
    return program
