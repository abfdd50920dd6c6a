"""四个一批 in the project editor: a saved listing's batch changes only by a dated 调整 with its
reason, 增补 and 退出 likewise, and the months before keep their figures."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from jimo_desktop.domain.project import Level, Project, Stage, YearListing
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.project_library import projects
from jimo_desktop.views.projects.listing_change_dialog import ListingChangeDialog
from jimo_desktop.views.projects.year_listings import COL_BATCH
from tests.gui.keyboard import type_text
from tests.gui.test_project_editor import open_editor


@pytest.fixture
def listed(db) -> Project:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    unit = dictionaries.entries(db, "units")[0]
    industry = dictionaries.entries(db, "industries")[0]
    project = Project(name="鳌山湾科创中心项目", unit_id=unit.id, industry_id=industry.id)
    project.years = [YearListing(2020, Level.DISTRICT, 500_000, Stage.STARTED, "2020-03-10")]
    return projects.save(db, project)


def batch_in(db, project_id: int, period: str) -> Stage | None:
    rows = {row.project_id: row for row in progress.month_rows(db, period)}
    return rows[project_id].batch if project_id in rows else "not listed"


def test_saving_other_fields_keeps_the_listings_batch_and_dates(qtbot, db, listed):
    editor = open_editor(qtbot, db, projects.get(db, listed.id))
    editor.ui.nameEdit.selectAll()
    type_text(qtbot, editor.ui.nameEdit, "鳌山湾科创中心二期项目")
    qtbot.keyClick(editor.ui.nameEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert projects.get(db, listed.id).name == "鳌山湾科创中心二期项目"
    assert projects.get(db, listed.id).years == listed.years


def test_a_saved_listings_batch_is_not_typed_over_in_the_table(qtbot, db, listed):
    editor = open_editor(qtbot, db, projects.get(db, listed.id))
    model = editor.ui.yearsView.model()
    batch = model.index(0, COL_BATCH)
    assert model.data(batch) == "开工一批（2020年3月10日增补）"
    assert not model.flags(batch) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(batch, Stage.RESERVE.value)


def test_an_adjustment_is_dated_and_the_months_before_keep_the_old_batch(qtbot, db, listed):
    editor = open_editor(qtbot, db, projects.get(db, listed.id))
    editor.ui.tabs.setCurrentWidget(editor.ui.yearsTab)
    editor.ui.yearsView.selectRow(0)
    assert editor.ui.changeListingButton.isEnabled()

    def fill_in():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ListingChangeDialog)
        dialog.batch.setFocus()
        qtbot.keyClick(dialog.batch, Qt.Key.Key_Down)  # 开工一批 → 储备一批
        dialog.day.selectAll()
        type_text(qtbot, dialog.day, "2020-04-20")
        type_text(qtbot, dialog.reason, "受土地指标影响，年内难以开工")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(editor.ui.changeListingButton, Qt.MouseButton.LeftButton)

    assert projects.get(db, listed.id).years[0].batch is Stage.RESERVE
    assert batch_in(db, listed.id, "2020-03") is Stage.STARTED
    assert batch_in(db, listed.id, "2020-04") is Stage.RESERVE
    assert batch_in(db, listed.id, "2020-02") == "not listed"  # 增补 in March
    change = db.execute(
        "SELECT changed_on, kind, old_batch, new_batch, reason FROM listing_changes"
    ).fetchall()
    reason = "受土地指标影响，年内难以开工"
    assert change == [("2020-04-20", "adjust", "started", "reserve", reason)]
    assert "储备一批" in editor.ui.yearsView.model().data(editor.ui.yearsView.model().index(0, 2))
    assert not editor.is_dirty()  # saved already: closing asks nothing


def test_a_change_without_a_reason_is_refused_and_writes_nothing(qtbot, db, listed):
    dialog = ListingChangeDialog(db, listed.id, listed.years[0], None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("withdraw"))
    assert not dialog.batch.isEnabled()
    dialog.save()
    assert dialog.error.text() == "请填写变更原因"
    assert db.execute("SELECT COUNT(*) FROM listing_changes").fetchone()[0] == 0
    type_text(qtbot, dialog.reason, "投资主体变更")
    dialog.day.setText("2021-01-05")
    dialog.save()
    assert dialog.error.text() == "变更日期应在2020年内"
    dialog.day.setText("2020-05-15")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert batch_in(db, listed.id, "2020-05") == "not listed"
    assert batch_in(db, listed.id, "2020-04") is Stage.STARTED


def test_enter_in_the_date_field_saves_nothing(qtbot, db, listed):
    dialog = ListingChangeDialog(db, listed.id, listed.years[0], None)
    qtbot.addWidget(dialog, before_close_func=lambda shown: shown.discard_edits())
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text(qtbot, dialog.reason, "项目主体变更")
    dialog.day.setFocus()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert db.execute("SELECT COUNT(*) FROM listing_changes").fetchone()[0] == 0
    qtbot.keyClick(dialog.day, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert db.execute("SELECT COUNT(*) FROM listing_changes").fetchone()[0] == 0  # same batch
    assert dialog.error.text() == "所选批次与现在相同"
