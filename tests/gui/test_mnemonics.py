"""Every field of every form has its underlined letter, no letter twice in a window, and
Alt with that letter puts the cursor in the field."""

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabWidget

from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import problems
from jimo_desktop.views.exchange.package_dialogs import ExportPackageDialog, ImportPackageDialog
from jimo_desktop.views.inspections.inspection_form import InspectionForm
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.progress.dispatch_dialog import DispatchDialog
from jimo_desktop.views.projects.milestone_dialog import MilestoneDialog
from jimo_desktop.views.projects.project_editor import ProjectEditor
from jimo_desktop.views.tracking.problem_dialog import problem_form

LETTER = re.compile(r"&([0-9A-Za-z])")
FORMS = {
    "周调度": lambda db, window, pid: DispatchDialog(db, window.index, None, window),
    "现场督查": lambda db, window, pid: InspectionForm(db, None, pid, window),
    "时间节点": lambda db, window, pid: MilestoneDialog(db, pid, None, window),
    "导出外业包": lambda db, window, pid: ExportPackageDialog(db, window),
    "合并外业包": lambda db, window, pid: ImportPackageDialog(db, window),
    "项目": lambda db, window, pid: ProjectEditor(db, projects.get(db, pid), window),
    "问题": lambda db, window, pid: problem_form(
        db, problems.get(db, 13), window, choose_project=True
    ),
}


@pytest.fixture
def window(qtbot, demo_db) -> MainWindow:
    shown = MainWindow(demo_db, Path(demo_db.execute("PRAGMA database_list").fetchone()[2]))
    qtbot.addWidget(shown)
    return shown


def opened(qtbot, demo_db, window, name):
    project_id = demo_db.execute("SELECT id FROM projects ORDER BY id LIMIT 1").fetchone()[0]
    form = FORMS[name](demo_db, window, project_id)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def views_of(form):
    """The form as the officer sees it: each tab of a tabbed form in turn."""
    tabs = form.findChild(QTabWidget)
    for index in range(tabs.count() if tabs else 1):
        if tabs:
            tabs.setCurrentIndex(index)
        yield


def shown_labels(form) -> list[QLabel]:
    return [label for label in form.findChildren(QLabel) if label.isVisibleTo(form)]


@pytest.mark.parametrize("name", FORMS)
def test_each_field_label_has_its_own_letter(qtbot, demo_db, window, name):
    form = opened(qtbot, demo_db, window, name)
    seen = 0
    for _ in views_of(form):
        fields = [label for label in shown_labels(form) if label.buddy() is not None]
        seen += len(fields)
        for label in fields:
            assert LETTER.search(label.text()), (name, label.text())
        texts = [label.text() for label in shown_labels(form)]
        texts += [b.text() for b in form.findChildren(QAbstractButton) if b.isVisibleTo(form)]
        letters = Counter(m[1].upper() for text in texts for m in LETTER.finditer(text))
        assert not [letter for letter, count in letters.items() if count > 1], (name, letters)
    assert seen
    form.close()


@pytest.mark.parametrize("name", ["周调度", "现场督查", "时间节点", "问题"])
def test_alt_and_the_letter_put_the_cursor_in_each_field(qtbot, demo_db, window, name):
    form = opened(qtbot, demo_db, window, name)
    fields = [label for label in shown_labels(form) if label.buddy() is not None]
    for label in fields:
        buddy = label.buddy()
        if not (buddy.isEnabled() and buddy.isVisibleTo(form)):
            continue
        letter = LETTER.search(label.text())[1].upper()
        qtbot.keyClick(form.focusWidget() or form, getattr(Qt.Key, f"Key_{letter}"),
                       Qt.KeyboardModifier.AltModifier)  # fmt: skip
        focus = QApplication.focusWidget()
        assert focus is buddy or buddy.isAncestorOf(focus), (name, label.text())
    form.close()
