"""The quick inspection form at a site: defaults, Tab order, autosave, restore, photos, saving."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from jimo_desktop.domain.inspections import Point, PointState
from jimo_desktop.store import settings
from jimo_desktop.store.site_visits import inspection_drafts, inspections, photos
from jimo_desktop.views.inspections.inspection_form import InspectionForm
from tests.demo_parts import without_inspections
from tests.gui.keyboard import type_text
from tests.unit.field_trip import photo_file


@pytest.fixture
def site(demo_db):
    without_inspections(demo_db)
    project_id, name, unit, location = demo_db.execute(
        "SELECT p.id, p.name, u.name, p.location FROM projects p JOIN units u ON u.id = p.unit_id"
        " ORDER BY p.id LIMIT 1"
    ).fetchone()
    settings.put(demo_db, inspections.LAST_PROJECT, str(project_id))
    return demo_db, project_id, name, unit + location


def open_form(qtbot, db, inspection_id=None, project_id=None) -> InspectionForm:
    form = InspectionForm(db, inspection_id, project_id)
    qtbot.addWidget(form, before_close_func=lambda dialog: dialog.done(QDialog.DialogCode.Rejected))
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def look_at(form: InspectionForm, point: Point, state: PointState = PointState.NORMAL) -> None:
    form.points.states[point].setCurrentIndex(form.points.states[point].findData(state.value))


def fill_in(qtbot, form: InspectionForm, folder) -> None:
    """What an officer types at the site: the place, two points, a problem and two photos."""
    form.place.clear()
    type_text(qtbot, form.place, "蓝谷大道北侧二号工地")
    look_at(form, Point.SAFETY, PointState.PROBLEM)
    type_text(qtbot, form.points.notes[Point.SAFETY], "防护网缺失")
    type_text(qtbot, form.found.description, "脚手架防护网缺失")
    type_text(qtbot, form.found.unit, "区住房和城乡建设局")
    type_text(qtbot, form.found.deadline, "2020-07-15")
    qtbot.mouseClick(form.found.add_button, Qt.MouseButton.LeftButton)
    form.photo_editor.add_files([photo_file(folder, 1), photo_file(folder, 2)])


def test_a_new_form_starts_with_today_my_name_and_the_last_project(qtbot, site):
    db, project_id, name, place = site
    form = open_form(qtbot, db)
    assert form.day.date().toString("yyyy-MM-dd") == "2020-06-30"
    assert form.inspectors.text() == "李明"
    assert form.picker.project_ids() == [project_id]
    assert form.picker.chosen.item(0).text() == name
    assert form.place.text() == place
    assert form.focusWidget() is form.picker.combo


def test_tab_goes_down_the_form_as_it_reads(qtbot, site):
    form = open_form(qtbot, site[0])
    order = form.tab_order()
    widget, seen = order[0], [order[0]]
    while len(seen) < len(order):
        widget = widget.nextInFocusChain()
        if widget in order and widget not in seen:
            seen.append(widget)
    assert seen == order
    tops = [form.points.states[point].mapTo(form, QPoint(0, 0)).y() for point in Point]
    assert tops == sorted(tops)


def test_a_form_never_closed_comes_back_from_its_draft(qtbot, site, tmp_path):
    """A flat battery: the form was not closed, its draft was written on the timer."""
    db = site[0]
    form = open_form(qtbot, db)
    fill_in(qtbot, form, tmp_path)
    form._timer.timeout.emit()
    assert inspections.list_inspections(db) == [], "the draft is not an inspection"

    again = open_form(qtbot, db)
    assert again.banner.isVisible() and "自动保存的草稿" in again.banner.text()
    assert again.place.text() == "蓝谷大道北侧二号工地"
    assert again.points.states[Point.SAFETY].currentData() == PointState.PROBLEM
    assert again.points.notes[Point.SAFETY].text() == "防护网缺失"
    assert [p.description for p in again.found.problems()] == ["脚手架防护网缺失"]
    assert again.found.problems()[0].deadline == "2020-07-15"
    assert len(again.photo_editor.strip.photos.entries()) == 2


def test_the_draft_is_written_every_few_seconds_without_closing(qtbot, site, tmp_path):
    db = site[0]
    form = open_form(qtbot, db)
    type_text(qtbot, form.inspectors, "、王磊")
    assert inspection_drafts.load_draft(db, inspection_drafts.NEW) is None
    form._timer.timeout.emit()  # what the timer does every few seconds
    draft, _ = inspection_drafts.load_draft(db, inspection_drafts.NEW)
    assert draft.inspection.inspectors == "李明、王磊"
    assert "草稿已自动保存" in form.status.text()


def test_an_untouched_form_leaves_no_draft(qtbot, site):
    db = site[0]
    form = open_form(qtbot, db)
    form._timer.timeout.emit()
    form.close()
    assert inspection_drafts.load_draft(db, inspection_drafts.NEW) is None


def test_ctrl_s_saves_the_inspection_its_problem_and_photos_and_drops_the_draft(
    qtbot, site, tmp_path
):
    db = site[0]
    form = open_form(qtbot, db)
    fill_in(qtbot, form, tmp_path)
    form.autosave()
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(form.place, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    inspection = inspections.get(db, saved.args[0])
    assert inspection.place == "蓝谷大道北侧二号工地"
    assert inspection.point(Point.SAFETY).state is PointState.PROBLEM
    assert len(photos.for_inspection(db, inspection.id)) == 2
    found = db.execute("SELECT description, deadline FROM problems WHERE source = 'inspection'")
    assert found.fetchall() == [("脚手架防护网缺失", "2020-07-15")]
    assert inspection_drafts.load_draft(db, inspection_drafts.NEW) is None
    assert form.result() == QDialog.DialogCode.Accepted


def test_without_a_project_the_form_says_why_and_keeps_the_officers_text(qtbot, site):
    db = site[0]
    form = open_form(qtbot, db)
    form.picker.chosen.clear()
    assert form.save() is False
    assert "请至少选择一个项目" in form.message.text()
    assert form.picker.combo.property("invalid") is True
    assert form.isVisible()


def test_photos_arrive_by_drag_and_drop_and_by_the_file_picker(qtbot, site, tmp_path, monkeypatch):
    form = open_form(qtbot, site[0])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo_file(tmp_path, 1))), QUrl.fromLocalFile("/x.txt")])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    form.photo_editor.strip.dropEvent(drop)
    assert len(form.photo_editor.strip.photos.entries()) == 1
    assert "x.txt 不是照片" in form.message.text()
    picked = [str(photo_file(tmp_path, 2)), str(photo_file(tmp_path, 3))]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: (picked, ""))
    qtbot.mouseClick(form.photo_editor.add_button, Qt.MouseButton.LeftButton)
    entries = form.photo_editor.strip.photos.entries()
    assert [entry.taken_at for entry in entries] == [
        "2020-06-30T09:01:00",
        "2020-06-30T09:02:00",
        "2020-06-30T09:03:00",
    ]


def test_a_caption_typed_on_a_thumbnail_is_saved(qtbot, site, tmp_path):
    db = site[0]
    form = open_form(qtbot, db)
    form.photo_editor.add_files([photo_file(tmp_path, 1)])
    index = form.photo_editor.strip.photos.index(0)
    form.photo_editor.strip.photos.setData(index, "  塔吊作业  ")
    assert "塔吊作业" in index.data()
    assert form.save()
    assert photos.for_inspection(db, form.saved_id)[0].caption == "塔吊作业"


def test_discarding_the_draft_asks_then_returns_to_the_start(qtbot, site, monkeypatch):
    db, _, _, place = site
    form = open_form(qtbot, db)
    form.place.setText("别处")
    form.autosave()
    again = open_form(qtbot, db)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    again.discard_draft()
    assert again.place.text() == place
    assert not again.banner.isVisible()
    assert inspection_drafts.load_draft(db, inspection_drafts.NEW) is None


def test_editing_keeps_its_own_draft_apart_from_a_new_inspections(qtbot, site):
    db = site[0]
    saved = open_form(qtbot, db)
    look_at(saved, Point.PROGRESS)
    assert saved.save()
    edit = open_form(qtbot, db, saved.saved_id)
    assert edit.windowTitle() == "编辑现场督查记录"
    edit.notes.setPlainText("七月中旬复查")
    edit.autosave()
    assert inspection_drafts.load_draft(db, inspection_drafts.NEW) is None
    reopened = open_form(qtbot, db, saved.saved_id)
    assert reopened.notes.toPlainText() == "七月中旬复查"


def test_enter_in_the_problem_description_adds_it_and_saves_nothing(qtbot, site):
    db = site[0]
    form = open_form(qtbot, db)
    look_at(form, Point.PROGRESS)
    type_text(qtbot, form.found.description, "围挡破损")
    qtbot.keyClick(form.found.description, Qt.Key.Key_Return)
    assert [problem.description for problem in form.found.problems()] == ["围挡破损"]
    assert form.isVisible()
    assert inspections.list_inspections(db) == []
    assert form.focusWidget() is form.found.description, "ready for the next problem"


def test_a_problem_typed_and_not_added_is_asked_about_on_saving(qtbot, site, boxes):
    db = site[0]
    form = open_form(qtbot, db)
    look_at(form, Point.SAFETY, PointState.PROBLEM)
    type_text(qtbot, form.found.description, "脚手架防护网缺失")
    type_text(qtbot, form.found.unit, "区住房和城乡建设局")

    boxes.answer("取消")
    assert not form.save()
    assert "发现的问题“脚手架防护网缺失”尚未加入" in boxes.said[0]
    assert form.isVisible() and inspections.list_inspections(db) == []
    assert form.found.description.text() == "脚手架防护网缺失"

    boxes.answer("保存")
    form.activateWindow()  # back from the box: the offscreen platform does not do it
    qtbot.waitUntil(form.isActiveWindow)
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.place, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    found = db.execute(
        "SELECT description, responsible_unit FROM problems WHERE source = 'inspection'"
    )
    assert found.fetchall() == [("脚手架防护网缺失", "区住房和城乡建设局")]


def test_closing_with_typed_work_asks_and_dont_save_drops_the_draft_too(qtbot, site, boxes):
    db = site[0]
    form = open_form(qtbot, db)
    form.place.clear()
    type_text(qtbot, form.place, "鹤山路东侧")
    form.autosave()

    boxes.answer("取消")
    form.close()
    assert form.isVisible()
    assert "现场督查记录（2020-06-30，鹤山路东侧）" in boxes.said[0]

    boxes.answer("不保存")
    qtbot.keyClick(form.place, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert inspection_drafts.load_draft(db, inspection_drafts.NEW) is None
    assert inspections.list_inspections(db) == []


def test_an_inspection_that_records_nothing_is_refused_and_logs_nothing(qtbot, site):
    db, project_id = site[0], site[1]
    form = open_form(qtbot, db)
    logged = db.execute("SELECT COUNT(*) FROM work_logs WHERE project_id = ?", [project_id])
    before = logged.fetchone()[0]
    qtbot.keyClick(form.place, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible()
    assert "督查记录是空的" in form.message.text()
    assert inspections.list_inspections(db) == []
    logged = db.execute("SELECT COUNT(*) FROM work_logs WHERE project_id = ?", [project_id])
    assert logged.fetchone()[0] == before


def test_choosing_a_project_replaces_the_one_filled_in_and_its_place(qtbot, site):
    db, guessed, _, _ = site
    other_id, other_name, other_place = db.execute(
        "SELECT p.id, p.name, u.name || p.location FROM projects p"
        " JOIN units u ON u.id = p.unit_id WHERE p.id != ? ORDER BY p.id LIMIT 1",
        [guessed],
    ).fetchone()
    third_id = db.execute(
        "SELECT id FROM projects WHERE id NOT IN (?, ?) ORDER BY id LIMIT 1", [guessed, other_id]
    ).fetchone()[0]
    form = open_form(qtbot, db)
    assert form.picker.project_ids() == [guessed]
    form.picker.combo.setCurrentIndex(form.picker.combo.findText(other_name))
    qtbot.keyClick(form.picker.combo, Qt.Key.Key_Return)
    assert form.picker.project_ids() == [other_id]
    assert form.place.text() == other_place
    form.picker.combo.setCurrentIndex(form.picker.combo.findData(third_id))
    qtbot.mouseClick(form.picker.add_button, Qt.MouseButton.LeftButton)
    assert form.picker.project_ids() == [other_id, third_id]
    assert form.place.text() == other_place
