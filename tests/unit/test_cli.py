"""The command line as a contract: run `python -m jimo_desktop` as officers and scripts do.

Exit status 0 on success, 1 on bad input, 2 on bad usage; errors in one line on stderr.
The pixels of a screenshot are checked with Qt in tests/gui/test_screenshot.py; here only
the PNG header is read, so this half of the tests stays free of Qt.
"""

import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from jimo_desktop import paths

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        # A usage slip must never reach the officer's real database in the user data dir.
        paths.DATA_DIR_VARIABLE: str(cwd / "user-data"),
        "HOME": str(cwd / "home"),
    }
    return subprocess.run(
        [sys.executable, "-m", "jimo_desktop", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, "not a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def query(path: Path, sql: str):
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """One small demo database, made by the CLI, shared by the read-only checks below."""
    folder = tmp_path_factory.mktemp("cli-demo")
    path = folder / "demo.sqlite3"
    result = run_cli("demo", "--db", path, "--projects", "30", cwd=folder)
    assert result.returncode == 0, result.stderr
    return path


def test_demo_creates_a_database_with_the_requested_number_of_projects(demo_file):
    assert query(demo_file, "SELECT COUNT(*) FROM projects WHERE deleted_at IS NULL") == [(30,)]


def test_demo_marks_the_database_as_demo_with_its_business_date(demo_file):
    values = dict(query(demo_file, "SELECT key, value FROM settings"))
    assert values["is_demo"] == "1"
    assert values["business_date"] == "2020-06-30"


def test_demo_reports_what_it_made_on_stdout(tmp_path):
    path = tmp_path / "small.sqlite3"
    result = run_cli("demo", "--db", path, "--projects", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(path) in result.stdout
    assert "3 个项目" in result.stdout


def test_demo_refuses_an_existing_file_and_leaves_it_unchanged(tmp_path, demo_file):
    target = tmp_path / "existing.sqlite3"
    target.write_bytes(demo_file.read_bytes())
    before = target.read_bytes()
    result = run_cli("demo", "--db", target, "--projects", "5", cwd=tmp_path)
    assert result.returncode == 1
    assert "已存在" in result.stderr
    assert str(target) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_demo_without_db_is_a_usage_error(tmp_path):
    result = run_cli("demo", "--projects", "5", cwd=tmp_path)
    assert result.returncode == 2
    assert "--db" in result.stderr
    assert not list(tmp_path.rglob("*.sqlite3"))


@pytest.mark.parametrize("count", ["0", "-3", "many"])
def test_demo_with_a_project_count_that_is_not_positive_is_a_usage_error(tmp_path, count):
    path = tmp_path / "demo.sqlite3"
    result = run_cli("demo", "--db", path, f"--projects={count}", cwd=tmp_path)
    assert result.returncode == 2
    assert "正整数" in result.stderr
    assert not path.exists()


def test_db_option_before_the_subcommand_is_honoured(tmp_path):
    path = tmp_path / "before.sqlite3"
    result = run_cli("--db", path, "demo", "--projects", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert query(path, "SELECT COUNT(*) FROM projects") == [(2,)]


def test_screenshot_writes_a_png_of_the_fixed_window_size(tmp_path, demo_file):
    out = tmp_path / "shots" / "projects.png"
    result = run_cli("screenshot", out, "--db", demo_file, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1600, 900)


def test_screenshot_of_the_settings_view(tmp_path, demo_file):
    out = tmp_path / "settings.png"
    result = run_cli("screenshot", out, "--db", demo_file, "--view", "settings", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1600, 900)


@pytest.mark.parametrize("view", ["projects", "progress", "settings"])
def test_screenshot_at_the_size_of_a_1366_by_768_laptop(tmp_path, demo_file, view):
    """Every page fits the commonest office screen: the picture is no larger than asked."""
    out = tmp_path / f"{view}.png"
    result = run_cli(
        "screenshot", out, "--db", demo_file, "--view", view, "--size", "1366x768", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1366, 768)
    assert "1366x768" in result.stdout


@pytest.mark.parametrize("size", ["1366", "big", "100x100", "1366x768x2", "99999x768"])
def test_screenshot_at_a_size_no_screen_has_is_a_usage_error(tmp_path, demo_file, size):
    out = tmp_path / "odd.png"
    result = run_cli("screenshot", out, "--db", demo_file, "--size", size, cwd=tmp_path)
    assert result.returncode == 2
    assert "窗口大小应写作 宽x高" in result.stderr and size in result.stderr
    assert not out.exists()


def test_screenshot_of_an_unknown_view_is_a_usage_error(tmp_path, demo_file):
    out = tmp_path / "nosuch.png"
    result = run_cli("screenshot", out, "--db", demo_file, "--view", "nosuch", cwd=tmp_path)
    assert result.returncode == 2
    assert "nosuch" in result.stderr
    assert "projects" in result.stderr  # names the views that exist
    assert not out.exists()


def test_screenshot_of_a_missing_database_is_bad_input_and_creates_nothing(tmp_path):
    missing = tmp_path / "missing.sqlite3"
    out = tmp_path / "missing.png"
    result = run_cli("screenshot", out, "--db", missing, cwd=tmp_path)
    assert result.returncode == 1
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists()
    assert not out.exists()


def test_screenshot_leaves_the_database_content_unchanged(tmp_path, demo_file):
    before = query(demo_file, "SELECT id, name, updated_at FROM projects ORDER BY id")
    settings_before = query(demo_file, "SELECT key, value FROM settings ORDER BY key")
    result = run_cli("screenshot", tmp_path / "again.png", "--db", demo_file, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert query(demo_file, "SELECT id, name, updated_at FROM projects ORDER BY id") == before
    assert query(demo_file, "SELECT key, value FROM settings ORDER BY key") == settings_before
