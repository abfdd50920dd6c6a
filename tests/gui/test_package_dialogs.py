"""导出外业包 and 导入外业包, driven from the keyboard as an officer would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QFileDialog

from jimo_desktop.store.database import open_database
from jimo_desktop.store.packages.package_plan import Side
from jimo_desktop.store.project_library import projects
from jimo_desktop.views.exchange.package_dialogs import (
    UNDECIDED,
    ExportPackageDialog,
    ImportPackageDialog,
)
from tests.engines import ENGINES
from tests.unit.field_trip import edit_project, record_inspection, start_trip


@pytest.fixture
def trip(tmp_path):
    trip = start_trip(tmp_path)
    yield trip
    trip.close()


@pytest.fixture(params=ENGINES)
def office_trip(request, tmp_path):
    """A trip whose office is an embedded file or the office database: the dialogs must not
    take the office's database for a file (its work folder is the stand-in's)."""
    office_at = request.getfixturevalue("office_address") if request.param == "postgresql" else None
    trip = start_trip(tmp_path, office_at=office_at)
    yield trip
    trip.close()


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def shown_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def conflicting_return(trip):
    edit_project(trip.office, trip.project_ids[0], land_status="办公室：已挂牌")
    edit_project(trip.laptop, trip.project_ids[0], land_status="现场：已摘牌")
    record_inspection(trip.laptop, trip.project_ids[1], trip.folder / "laptop", photo_count=1)
    return trip.send_back()


def test_enter_adds_a_project_delete_removes_it_and_export_writes_the_package(
    qtbot, trip, tmp_path
):
    dialog = shown_dialog(qtbot, ExportPackageDialog(trip.office))
    available = dialog.available
    available.search.setText(projects.get(trip.office, trip.project_ids[0]).name)
    available.table.setFocus()
    available.table.selectRow(0)
    press(qtbot, available.table, Qt.Key.Key_Return)
    assert [p.id for p in dialog.chosen.model.rows()] == [trip.project_ids[0]]
    assert trip.project_ids[0] not in [p.id for p in available.model.rows()]
    available.search.clear()
    dialog.add_shown()
    dialog.chosen.table.setFocus()
    dialog.chosen.table.selectRow(0)
    press(qtbot, dialog.chosen.table, Qt.Key.Key_Delete)
    assert len(dialog.chosen.model.rows()) == projects.count(trip.office) - 1
    assert dialog.out.text().endswith(f"{projects.count(trip.office) - 1}个项目.jimopkg")
    dialog.out.setText(str(tmp_path / "chosen.jimopkg"))
    assert dialog.export()
    assert (tmp_path / "chosen.jimopkg").exists()
    assert "已导出" in dialog.result.text()


def test_on_the_laptop_every_project_goes_back_by_default(qtbot, trip):
    dialog = shown_dialog(qtbot, ExportPackageDialog(trip.laptop))
    assert sorted(p.id for p in dialog.chosen.model.rows()) == trip.project_ids
    assert dialog.available.model.rows() == []


def test_exporting_nothing_says_so(qtbot, trip):
    dialog = shown_dialog(qtbot, ExportPackageDialog(trip.office))
    assert not dialog.export()
    assert dialog.result.text() == "请先选择项目。"


def test_conflicts_are_shown_side_by_side_and_merging_waits_for_every_decision(qtbot, office_trip):
    trip = office_trip
    original = projects.get(trip.office, trip.project_ids[0]).land_status
    back = conflicting_return(trip)
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    assert dialog.check(back)
    assert "将新增" in dialog.plan_text.text() and "冲突：1 处" in dialog.plan_text.text()
    model = dialog.conflicts.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert [model.index(0, column).data() for column in range(1, 6)] == [
        "土地",
        original or "（空）",
        "办公室：已挂牌",
        "现场：已摘牌",
        UNDECIDED,
    ]
    assert not dialog.merge_button.isEnabled()
    dialog.conflicts.table.setFocus()
    dialog.conflicts.table.selectRow(0)
    press(qtbot, dialog.conflicts.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert model.index(0, 5).data() == Side.FIELD.label
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.merged):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.result.text().startswith("已合并：")
    assert "冲突" not in dialog.plan_text.text(), "the merged plan's summary stayed"
    assert projects.get(trip.office, trip.project_ids[0]).land_status == "现场：已摘牌"
    assert dialog.check(back)
    assert dialog.plan_text.text().startswith("没有需要合并的变化")
    assert not dialog.merge_button.isEnabled()


def test_choosing_all_for_the_office_keeps_the_offices_values(qtbot, trip):
    back = conflicting_return(trip)
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    dialog.check(back)
    dialog.choose_all(Side.OFFICE)
    assert dialog.merge()
    assert projects.get(trip.office, trip.project_ids[0]).land_status == "办公室：已挂牌"


def test_a_truncated_package_is_refused_and_nothing_can_be_merged(qtbot, trip, tmp_path):
    truncated = tmp_path / "cut.jimopkg"
    truncated.write_bytes(trip.outbound.read_bytes()[:3000])
    before = "\n".join(trip.office.conn.iterdump())
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    assert not dialog.check(truncated)
    assert "不是完整的外业包" in dialog.plan_text.text()
    assert not dialog.merge_button.isEnabled() and not dialog.open_button.isEnabled()
    assert "\n".join(trip.office.conn.iterdump()) == before


def test_the_file_picker_checks_the_chosen_package(qtbot, trip, monkeypatch):
    back = trip.send_back()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(back), ""))
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert dialog.path.text() == str(back)
    assert dialog.plan_text.text()


def test_a_laptop_makes_its_database_from_the_package(qtbot, trip, tmp_path, monkeypatch):
    target = tmp_path / "site" / "field.sqlite3"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    dialog.check(trip.outbound)
    assert dialog.open_as_database() == target
    assert f"已生成数据库 {target}" in dialog.result.text()
    made = open_database(target)
    assert projects.count(made) == len(trip.project_ids)
    made.conn.close()


def test_a_backup_that_cannot_be_made_stops_the_merge_with_words_not_an_error(qtbot, trip):
    from jimo_desktop.store.safekeeping import backup

    back = conflicting_return(trip)
    backup.backups_dir(trip.office_path()).write_text("一个挡路的文件")
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    dialog.check(back)
    dialog.choose_all(Side.FIELD)
    assert not dialog.merge()
    assert dialog.result.text().startswith("合并前的备份没有做成，未合并任何数据：")
    assert projects.get(trip.office, trip.project_ids[0]).land_status == "办公室：已挂牌"
