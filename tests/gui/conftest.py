import pytest

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.store.database import open_database
from tests.gui import answer


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "gui.sqlite3")
    yield database
    database.conn.close()


@pytest.fixture
def demo_db(tmp_path):
    database = open_database(tmp_path / "demo.sqlite3")
    fill_demo(database, project_count=40)
    yield database
    database.conn.close()


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A message box left open would hang an offscreen test; fail loudly instead."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse)

    yield
    answer.forget_answers()


@pytest.fixture
def answers(monkeypatch):
    """The officer's answers to the session's questions, prepared in order; what was asked."""
    from jimo_desktop.views import session as session_module

    prepared: list[str] = []
    asked: list[str] = []

    def answer(parent, text, choices, warning=True):
        asked.append(text)
        return prepared.pop(0)

    monkeypatch.setattr(session_module, "ask", answer)
    return asked, prepared


@pytest.fixture
def shown(monkeypatch):
    """Message boxes shown by static calls: (kind, text)."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, str]] = []
    for kind in ("critical", "warning"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            lambda parent, title, text, *a, _k=kind, **kw: seen.append((_k, text)),
        )
    return seen


def listed_at_june_end(db) -> int:
    """The 2020 list as it stood on 2020-06-30 (增补 by then, not 退出 by then), by plain SQL."""
    return db.execute(
        "SELECT COUNT(*) FROM project_years y JOIN projects p ON p.id = y.project_id"
        " WHERE y.year = 2020 AND p.deleted_at IS NULL"
        " AND (y.added_on IS NULL OR y.added_on <= '2020-06-30')"
        " AND (y.withdrawn_on IS NULL OR y.withdrawn_on > '2020-06-30')"
    ).fetchone()[0]


UNANSWERED_MS = 5000


@pytest.fixture(autouse=True)
def unanswered_boxes_fail(monkeypatch):
    """A box of the program's own (exec'd, not a static question) that no test answers is
    closed after a while, as 取消 would, and fails the test rather than hanging it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    left_open, real_exec = [], QMessageBox.exec

    def guarded(box):
        def give_up():
            if box.isVisible():
                left_open.append(f"{box.text()} {box.informativeText()}")
                box.reject()

        QTimer.singleShot(UNANSWERED_MS, box, give_up)
        return real_exec(box)

    monkeypatch.setattr(QMessageBox, "exec", guarded)
    yield
    assert not left_open, f"message box left unanswered: {left_open}"


@pytest.fixture
def boxes(qtbot):
    from tests.gui.message_boxes import MessageBoxes

    answering = MessageBoxes()
    yield answering
    answering.stop()
