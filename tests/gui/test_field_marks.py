"""A refused field's mark and reason go with the officer's next edit of it: a corrected
value never stands beside a stale message, typed with real keys."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from jimo_desktop.views.tracking.problem_dialog import new_problem, problem_form
from jimo_desktop.views.tracking.problems_view import ProblemsView


def open_form(qtbot, demo_db):
    view = ProblemsView(demo_db)
    qtbot.addWidget(view)
    view.show()
    project_id = demo_db.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]
    form = problem_form(demo_db, new_problem(demo_db, project_id), view)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def retype(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def test_an_unreadable_date_is_marked_on_leaving_and_unmarked_once_corrected(qtbot, demo_db):
    form = open_form(qtbot, demo_db)
    deadline, reason = form.widgets["deadline"], form.errors["deadline"]
    retype(qtbot, deadline, "2020-13-45")
    qtbot.keyClick(deadline, Qt.Key.Key_Tab)
    assert reason.isVisibleTo(form) and reason.text()
    assert deadline.property("invalid") is True
    retype(qtbot, deadline, "2020-07-15")
    assert not reason.isVisibleTo(form) and reason.text() == ""
    assert deadline.property("invalid") is False


def test_a_save_refused_for_a_field_clears_that_fields_reason_as_it_is_typed(qtbot, demo_db):
    form = open_form(qtbot, demo_db)
    description = form.widgets["description"]
    description.clear()
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    reason = form.errors["description"]
    assert form.isVisible() and reason.isVisibleTo(form)
    assert description.property("invalid") is True
    qtbot.keyClicks(description, "Road 7")
    assert not reason.isVisibleTo(form)
    assert description.property("invalid") is False
