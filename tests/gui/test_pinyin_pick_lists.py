"""Pick-lists typed by pinyin initials: the problem form finds its project and its 责任单位 by
initials, from the projects kept and the names typed before."""

from PySide6.QtCore import Qt

from jimo_desktop.domain.pinyin import name_initials
from jimo_desktop.views.tracking.problem_dialog import new_problem, problem_form
from tests.gui.keyboard import type_text


def opened(qtbot, form):
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def close_unsaved(qtbot, form, boxes) -> None:
    boxes.answer("不保存")
    form.close()
    qtbot.waitUntil(lambda: not form.isVisible())


def pick_first(qtbot, edit) -> None:
    """Down into the offered list, Enter on its first entry, as the officer does."""
    popup = edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_the_problem_form_finds_its_project_by_pinyin_initials(qtbot, demo_db, boxes):
    project_id, name, initials = demo_db.execute(
        "SELECT id, name, name_initials FROM projects WHERE deleted_at IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    unique = next(
        initials[:length]
        for length in range(4, len(initials) + 1)
        if demo_db.execute(
            "SELECT COUNT(*) FROM projects WHERE deleted_at IS NULL AND name_initials LIKE ?",
            [f"%{initials[:length]}%"],
        ).fetchone()[0]
        == 1
    )
    form = opened(qtbot, problem_form(demo_db, new_problem(demo_db, None), choose_project=True))
    edit = form.widgets["project_id"]
    type_text(qtbot, edit, unique)
    pick_first(qtbot, edit)
    assert edit.text() == name
    assert form._read("project_id") == project_id
    close_unsaved(qtbot, form, boxes)


def test_the_responsible_unit_is_offered_from_the_names_typed_before(qtbot, demo_db, boxes):
    typed = sorted(
        {
            row[0]
            for row in demo_db.execute(
                "SELECT responsible_unit FROM problems WHERE responsible_unit != ''"
            )
        }
    )
    wanted = typed[0]
    form = opened(qtbot, problem_form(demo_db, new_problem(demo_db, None), choose_project=True))
    edit = form.widgets["responsible_unit"]
    type_text(qtbot, edit, name_initials(wanted))
    completer = edit.completer()
    qtbot.waitUntil(completer.popup().isVisible)
    offered = [
        completer.completionModel().index(row, 0).data()
        for row in range(completer.completionCount())
    ]
    assert wanted in offered
    assert all(name_initials(wanted) in name_initials(name) for name in offered)
    close_unsaved(qtbot, form, boxes)


def test_the_inspection_form_adds_a_project_found_by_its_initials(qtbot, demo_db):
    from PySide6.QtWidgets import QDialog

    from jimo_desktop.views.inspections.inspection_form import InspectionForm

    project_id, initials = demo_db.execute(
        "SELECT id, name_initials FROM projects p WHERE deleted_at IS NULL AND NOT EXISTS ("
        " SELECT 1 FROM projects o WHERE o.id != p.id AND o.deleted_at IS NULL"
        " AND instr(o.name_initials, p.name_initials) > 0) ORDER BY id DESC LIMIT 1"
    ).fetchone()
    form = InspectionForm(demo_db, None, None)
    qtbot.addWidget(form, before_close_func=lambda dialog: dialog.done(QDialog.DialogCode.Rejected))
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    edit = form.picker.combo.lineEdit()
    edit.clear()
    type_text(qtbot, edit, initials)
    pick_first(qtbot, form.picker.combo)
    assert project_id in form.picker.project_ids()
