"""One writer per database: a second program window is told so and opens read-only or stops."""

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from jimo_desktop.store.database import open_database
from jimo_desktop.views import session as session_module
from jimo_desktop.views.app import Desk
from jimo_desktop.views.error_hook import explain
from jimo_desktop.views.session import READ_ONLY, STOP, open_session

HOLDER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QLockFile
    lock = QLockFile(sys.argv[1] + ".lock")
    lock.setStaleLockTime(0)
    print("locked" if lock.tryLock(0) else "busy", flush=True)
    sys.stdin.read()
    """
)


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "jimo.sqlite3"
    open_database(path).close()
    return path


@pytest.fixture
def first_program(database):
    """Another process that has the database open, as a first program window would."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    yield holder
    holder.kill()
    holder.wait()


@pytest.fixture
def answers(monkeypatch):
    """Record each question the program asks and answer it with the next prepared answer."""
    asked: list[str] = []
    prepared: list[str] = []

    def answer(parent, text, choices, warning=True):
        asked.append(text)
        assert prepared[0] in [key for key, _ in choices]
        return prepared.pop(0)

    monkeypatch.setattr(session_module, "ask", answer)
    return asked, prepared


def test_second_window_is_told_and_opens_read_only(first_program, database, answers):
    asked, prepared = answers
    prepared.append(READ_ONLY)

    second = open_session(database)

    assert second is not None and second.read_only
    assert "已经在另一个程序窗口中打开" in asked[0]
    assert str(first_program.pid) in asked[0]
    assert second.db.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 23
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        second.db.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    second.close()


def test_second_window_may_stop_instead(first_program, database, answers):
    answers[1].append(STOP)
    assert open_session(database) is None


def test_read_only_window_says_so_in_its_title(first_program, database, answers, qtbot):
    answers[1].append(READ_ONLY)
    desk = Desk(open_session(database))
    qtbot.addWidget(desk.window)
    assert desk.window.windowTitle().endswith("（只读）")
    qtbot.wait(10)  # the window finishes starting (reminders, lights) before the desk closes
    desk.close()


def test_lock_of_a_killed_program_does_not_block_the_next_start(first_program, database):
    first_program.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up either way
    first_program.wait()

    session = open_session(database)

    assert session is not None and not session.read_only
    session.close()


def test_closing_releases_the_database_for_the_next_window(database):
    first = open_session(database)
    first.close()
    second = open_session(database)
    assert second is not None and not second.read_only
    second.close()


def test_a_write_refused_by_a_read_only_database_is_explained():
    error = sqlite3.OperationalError("attempt to write a readonly database")
    assert "只读" in explain(error, None, None)
