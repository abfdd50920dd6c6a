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

    shown = QMessageBox.exec

    def exec_if_answered(box):
        if not answer.expecting_answer():
            raise AssertionError(f"unexpected message box: {box.windowTitle()} {box.text()}")
        return shown(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_if_answered)
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
