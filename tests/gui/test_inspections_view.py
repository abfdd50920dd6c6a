"""现场督查: the list of inspections with their points and photos, and a project's own tab."""

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialog, QMessageBox

from jimo_desktop.demo import inspections as demo_inspections
from jimo_desktop.domain.inspections import FollowUp, Point, PointState
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.site_visits import inspections, photos
from jimo_desktop.views.inspections.inspection_form import InspectionForm
from jimo_desktop.views.inspections.inspections_view import (
    InspectionsView,
    project_inspections_panel,
)
from jimo_desktop.views.inspections.photo_strip import EntryRole, PhotoListModel
from tests.demo_parts import without_inspections


@pytest.fixture
def visited(demo_db):
    without_inspections(demo_db)
    demo_inspections.fill(demo_db, random.Random(6), settings.today(demo_db))
    return demo_db


def shown(view: InspectionsView) -> list:
    return view.table.model.rows()


def column_texts(view: InspectionsView, column: int) -> list[str]:
    proxy = view.table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def close_forms(view) -> None:
    for form in view.findChildren(InspectionForm):
        form.done(QDialog.DialogCode.Rejected)


def test_the_list_shows_every_inspection_latest_first_with_follow_up_state(qtbot, visited):
    view = InspectionsView(visited)
    qtbot.addWidget(view)
    rows = shown(view)
    assert len(rows) == demo_inspections.INSPECTION_COUNT
    assert [row.inspected_on for row in rows] == sorted(
        (r.inspected_on for r in rows), reverse=True
    )
    texts = column_texts(view, 6)
    assert any(text.startswith("复查逾期（2020年") for text in texts)
    assert any(text.startswith("待复查（2020年7月") for text in texts)
    overdue = next(n for n, row in enumerate(rows) if row.follow_up is FollowUp.OVERDUE)
    colour = view.table.model.index(overdue, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert colour.name() == "#c0392b"
    assert view.table.summary.text().startswith(f"共 {len(rows)} 次督查，照片 ")


def test_choosing_an_inspection_shows_its_points_and_photos(qtbot, visited):
    view = InspectionsView(visited)
    qtbot.addWidget(view)
    view.table.table.selectRow(0)
    chosen = view.table.current_record()
    assert "土地" in view.points.text() and "安全" in view.points.text()
    assert len(view.strip.photos.entries()) == chosen.photo_count
    assert view.edit_button.isEnabled()


def test_filters_and_search_narrow_the_list(qtbot, visited):
    view = InspectionsView(visited)
    qtbot.addWidget(view)
    view.follow_up.setCurrentIndex(view.follow_up.findData(FollowUp.OVERDUE))
    assert shown(view) and all(row.follow_up is FollowUp.OVERDUE for row in shown(view))
    view.follow_up.setCurrentIndex(0)
    place = shown(view)[0].place
    view.table.search.setText(place)
    assert shown(view) and all(place in row.place for row in shown(view))


def test_a_new_inspection_saved_from_the_list_is_selected(qtbot, visited):
    view = InspectionsView(visited)
    qtbot.addWidget(view)
    form = view.new_inspection()
    form.place.setText("蓝谷大道北侧")
    form.points.states[Point.PROGRESS].setCurrentText(PointState.NORMAL.label)
    assert form.save()
    assert view.table.current_record().id == form.saved_id
    assert view.table.current_record().place == "蓝谷大道北侧"


def test_deleting_asks_first_and_then_removes_the_inspection(qtbot, visited, monkeypatch):
    view = InspectionsView(visited)
    qtbot.addWidget(view)
    view.table.table.selectRow(0)
    chosen = view.table.current_record()
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args: next(answers))
    view.delete_inspection()
    assert chosen.id in [row.id for row in shown(view)]
    view.delete_inspection()
    assert chosen.id not in [row.id for row in shown(view)]


def test_a_projects_tab_lists_its_inspections_and_all_their_photos(qtbot, visited):
    project_id = visited.execute("SELECT project_id FROM inspection_projects LIMIT 1").fetchone()[0]
    panel = project_inspections_panel(visited, project_id, None)
    qtbot.addWidget(panel)
    own = inspections.list_inspections(visited, inspections.InspectionFilter(project_id=project_id))
    assert [row.id for row in shown(panel)] == [row.id for row in own]
    assert len(panel.strip.photos.entries()) == sum(row.photo_count for row in own)
    assert not hasattr(panel, "export_button"), "packages belong to the area's page"
    form = panel.new_inspection()
    assert form.picker.project_ids() == [project_id]
    close_forms(panel)


def test_the_officer_chooses_where_originals_are_kept(qtbot, visited):
    view = InspectionsView(visited)
    qtbot.addWidget(view)
    assert not view.originals_in_database.isChecked()
    view.originals_in_database.setChecked(True)
    assert photos.keeps_originals_in_database(visited)


def test_on_the_office_database_originals_are_said_to_stay_in_it(qtbot, office_address):
    """The office database has no photos/ folder beside it: its originals are always kept
    in it, and the page said otherwise (unchecked, and the officer could tick it)."""
    office = open_database(office_address)
    view = InspectionsView(office)
    qtbot.addWidget(view)
    assert view.originals_in_database.isChecked()
    assert not view.originals_in_database.isEnabled()
    assert photos.keeps_originals_in_database(office)
    office.close()


def test_the_photo_model_passes_qts_model_checks(qtbot, visited):
    entries = [
        entry
        for row in inspections.list_inspections(visited)
        for entry in photos.for_inspection(visited, row.id)
    ]
    model = PhotoListModel(lambda sha: photos.thumbnail(visited, sha), editable=True)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_entries(entries)
    first = model.index(0)
    assert not first.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert first.data(EntryRole) is entries[0]
    assert model.setData(first, "新说明")
    model.remove(0)
    assert model.rowCount() == len(entries) - 1


def test_the_inspection_table_model_passes_qts_model_checks(qtbot, visited):
    view = InspectionsView(visited)
    qtbot.addWidget(view)
    QAbstractItemModelTester(view.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    view.refresh()
    view.table.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    counts = [int(text) for text in column_texts(view, 5)]
    assert counts == sorted(counts, reverse=True)
