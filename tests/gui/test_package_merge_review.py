"""导入外业包 shows what a merge changes before it writes: every field with its base, office
and field values, a deletion the field's work would be lost under, another database's package
matched project by project when the officer insists, and no backup for a merge that changes
nothing.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from jimo_desktop.store.packages.package_plan import Side
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import problems
from jimo_desktop.views.exchange.package_dialogs import ImportPackageDialog
from tests.gui.keyboard import type_text
from tests.gui.test_package_dialogs import press, shown_dialog
from tests.unit.field_trip import (
    another_office,
    backups_of,
    edit_project,
    leader_conflict,
    record_inspection,
    start_trip,
)

PROJECT, KIND, RECORD, FIELD, BASE, OFFICE, FIELD_VALUE = range(7)


@pytest.fixture
def trip(tmp_path):
    trip = start_trip(tmp_path)
    yield trip
    trip.close()


def shown_rows(table) -> list[list[str]]:
    model = table.proxy
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_every_changed_field_is_listed_with_base_office_and_field(qtbot, trip):
    b, c = trip.project_ids[1:3]
    base = projects.get(trip.office, b).demolition_status
    edit_project(trip.laptop, b, demolition_status="现场：拆迁完成")
    record_inspection(trip.laptop, c, trip.folder / "laptop", photo_count=1)
    back = trip.send_back()
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    assert dialog.check(back)
    QAbstractItemModelTester(
        dialog.changes.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    name_b, name_c = (projects.get(trip.office, p).name for p in (b, c))
    type_text(qtbot, dialog.changes.search, name_b)
    (row,) = shown_rows(dialog.changes)
    assert row[PROJECT] == name_b and row[KIND] == "修改" and row[RECORD].startswith("项目「")
    assert row[FIELD:] == ["拆迁", base, base, "现场：拆迁完成"]
    dialog.changes.search.clear()
    type_text(qtbot, dialog.changes.search, name_c)
    added = [row[RECORD] for row in shown_rows(dialog.changes) if row[KIND] == "新增"]
    assert any(record.startswith("现场督查「") for record in added)
    assert any(record.startswith("照片「") for record in added)


def test_a_project_deleted_in_the_office_is_a_conflict_the_field_side_restores(qtbot, trip):
    a = trip.project_ids[0]
    projects.delete(trip.office, a)
    edit_project(trip.laptop, a, land_status="现场：土地已摘牌")
    problems.raise_problem(trip.laptop, a, "围挡缺失")
    back = trip.send_back()
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    assert dialog.check(back)
    (conflict,) = shown_rows(dialog.conflicts)
    assert conflict[1:5] == ["删除", "未删除", "已删除", conflict[4]]
    assert "土地" in conflict[4] and "问题清单 1 条" in conflict[4]
    assert not dialog.merge_button.isEnabled()
    dialog.conflicts.table.setFocus()
    dialog.conflicts.table.selectRow(0)
    press(qtbot, dialog.conflicts.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(dialog.merged):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert projects.get(trip.office, a).land_status == "现场：土地已摘牌"
    assert "围挡缺失" in [row.description for row in problems.list_problems(trip.office)]


def test_another_databases_package_is_merged_only_when_the_officer_insists(qtbot, trip, tmp_path):
    other = another_office(tmp_path / "other")
    b = trip.project_ids[1]
    edit_project(trip.laptop, b, demolition_status="现场：拆迁完成")
    back = trip.send_back()
    count = projects.count(other)
    dialog = shown_dialog(qtbot, ImportPackageDialog(other))
    assert not dialog.check(back)
    assert "不是从本数据库导出的" in dialog.plan_text.text()
    assert not dialog.merge_button.isEnabled() and dialog.foreign_button.isEnabled()

    qtbot.mouseClick(dialog.foreign_button, Qt.MouseButton.LeftButton)
    matched = [row for row in shown_rows(dialog.changes) if row[KIND] == "对应"]
    names = {projects.get(trip.laptop, p).name for p in trip.project_ids}
    assert {row[PROJECT] for row in matched} == names
    assert all("按项目代码" in row[RECORD] for row in matched)
    dialog.choose_all(Side.FIELD)
    with qtbot.waitSignal(dialog.merged):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert projects.count(other) == count
    name_b = projects.get(trip.laptop, b).name
    (matched_id,) = other.execute("SELECT id FROM projects WHERE name = ?", [name_b]).fetchone()
    assert projects.get(other, matched_id).demolition_status == "现场：拆迁完成"
    other.conn.close()


def test_keeping_every_office_value_takes_no_backup_and_says_so(qtbot, trip):
    back = leader_conflict(trip)
    before = backups_of(trip.office_path())
    dialog = shown_dialog(qtbot, ImportPackageDialog(trip.office))
    assert dialog.check(back)
    dialog.conflicts.table.setFocus()
    dialog.conflicts.table.selectRow(0)
    press(qtbot, dialog.conflicts.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(dialog.merged):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "未做备份" in dialog.result.text() and "已备份" not in dialog.result.text()
    assert backups_of(trip.office_path()) == before
    assert projects.get(trip.office, trip.project_ids[0]).leader == "王守仁"
