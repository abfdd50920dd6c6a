"""The self-test's report: an old one is gone first, and each line is on disk as its check
finishes, so a run that crashes half-way still tells how far it got."""

import os
import subprocess
import sys
import textwrap

import pytest

from jimo_desktop import cli
from jimo_desktop.commands import self_test


def passing(detail):
    return lambda folder: detail


def test_each_line_is_written_when_its_check_finishes_and_an_old_report_is_gone(
    tmp_path, monkeypatch
):
    report = tmp_path / "report.txt"
    report.write_text("✓ 数据库：上一次的结果\n自检通过：8/8 项\n", encoding="utf-8")
    seen_by_check: list[str] = []

    def look_at_report(folder):
        seen_by_check.append(report.read_text(encoding="utf-8"))
        return "看过"

    checks = (("第一项", passing("甲")), ("第二项", look_at_report), ("第三项", passing("丙")))
    monkeypatch.setattr(self_test, "CHECKS", checks)
    assert cli.main(["self-test", "--report", str(report)]) == 0
    assert seen_by_check == ["✓ 第一项：甲\n"]
    assert report.read_text(encoding="utf-8").splitlines() == [
        "✓ 第一项：甲",
        "✓ 第二项：看过",
        "✓ 第三项：丙",
        "自检通过：3/3 项",
    ]


def test_a_failing_check_is_reported_and_the_rest_still_run(tmp_path, monkeypatch, capsys):
    def broken(folder):
        raise OSError("磁盘坏了")

    report = tmp_path / "report.txt"
    checks = (("第一项", broken), ("第二项", passing("乙")))
    monkeypatch.setattr(self_test, "CHECKS", checks)
    assert cli.main(["self-test", "--report", str(report)]) == 1
    assert report.read_text(encoding="utf-8").splitlines() == [
        "✗ 第一项：OSError: 磁盘坏了",
        "✓ 第二项：乙",
        "自检未通过：1/2 项",
    ]
    assert "✗ 第一项：OSError: 磁盘坏了" in capsys.readouterr().err


def test_a_run_that_crashes_leaves_the_lines_up_to_the_crash(tmp_path):
    report, stale = tmp_path / "report.txt", "自检通过：8/8 项\n"
    report.write_text(stale, encoding="utf-8")
    crashing_run = textwrap.dedent(
        """
        import os, sys
        from jimo_desktop import cli
        from jimo_desktop.commands import self_test

        def crash(folder):
            os._exit(3)  # as a crash in a native library ends the process: no cleanup

        self_test.CHECKS = (("第一项", lambda folder: "甲"), ("第二项", crash))
        sys.exit(cli.main(["self-test", "--report", sys.argv[1]]))
        """
    )
    finished = subprocess.run(
        [sys.executable, "-c", crashing_run, str(report)],
        env={**os.environ, "PYTHONUTF8": "1"},
        capture_output=True,
        timeout=60,
    )
    assert finished.returncode == 3
    assert report.read_text(encoding="utf-8") == "✓ 第一项：甲\n"


@pytest.mark.parametrize(("system", "expected"), [("linux", "offscreen"), ("win32", "windows")])
def test_the_window_is_drawn_on_windows_own_platform_and_offscreen_elsewhere(
    monkeypatch, system, expected
):
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(sys, "platform", system)
    self_test._choose_platform()
    assert os.environ["QT_QPA_PLATFORM"] == expected
