"""The windowed program (jimo-desktop.exe, built without a console) runs a subcommand with
sys.stdout and sys.stderr set to None, as Python sets them there: its lines and its errors
go to a log in the data folder instead of failing or vanishing."""

import os
import subprocess
import sys
import textwrap

from jimo_desktop import cli, paths

# Python's start-up without a console, then the program's own entry point.
WINDOWED_START = textwrap.dedent(
    """
    import runpy, sys
    sys.stdout = sys.stderr = None
    sys.argv = ["jimo-desktop", *sys.argv[1:]]
    runpy.run_module("jimo_desktop", run_name="__main__")
    """
)


def run_windowed(*arguments: str, data) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WINDOWED_START, *arguments],
        env={**os.environ, paths.DATA_DIR_VARIABLE: str(data), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=120,
    )


def test_a_subcommands_lines_and_errors_go_to_the_log(tmp_path):
    data = tmp_path / "data"
    missing = tmp_path / "none.sqlite3"
    finished = run_windowed("check", "--db", str(missing), data=data)
    assert finished.returncode == 1, finished.stderr
    assert finished.stdout == finished.stderr == b""
    log = (data / cli.OUTPUT_LOG_NAME).read_text(encoding="utf-8").splitlines()
    assert log[0].startswith("== ") and log[0].endswith(f"jimo-desktop check --db {missing}")
    assert any("数据库文件不存在" in line for line in log[1:])


def test_a_usage_slip_is_logged_with_exit_status_2(tmp_path):
    data = tmp_path / "data"
    finished = run_windowed("no-such-command", data=data)
    assert finished.returncode == 2
    log = (data / cli.OUTPUT_LOG_NAME).read_text(encoding="utf-8")
    assert "no-such-command" in log and "用法：jimo-desktop" in log
