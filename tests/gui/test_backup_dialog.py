"""备份与恢复 and 数据位置: back up now, restore after confirming, move the database."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from jimo_desktop import paths
from jimo_desktop.domain.project import Project, YearListing
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping import backup, location
from jimo_desktop.views.app import Desk
from jimo_desktop.views.session import open_session
from jimo_desktop.views.settings.backup_dialog import BackupDialog, BackupPanel
from jimo_desktop.views.settings.data_location import DataLocationWidget

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _save(db, name: str) -> None:
    projects.save(db, Project(name=name, unit_id=1, industry_id=1, years=[YearListing(2020)]))


@pytest.fixture
def confirm(monkeypatch):
    """Answer QMessageBox.question with the prepared answers; records the questions."""
    asked: list[str] = []
    prepared: list[QMessageBox.StandardButton] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return prepared.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked, prepared


@pytest.fixture
def panel(demo_db, qtbot):
    widget = BackupPanel(demo_db)
    qtbot.addWidget(widget)
    return widget


def test_back_up_now_lists_the_new_backup_selected(panel, qtbot):
    QAbstractItemModelTester(panel.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.table.model.rowCount() == 0
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    assert panel.table.model.rowCount() == 1
    chosen = panel.table.current_record()
    assert chosen.reason_label == "手动备份" and chosen.path.exists()


def test_restore_asks_first_and_answering_no_changes_nothing(panel, demo_db, confirm):
    asked, prepared = confirm
    panel.back_up_now()
    _save(demo_db, "备份之后的新项目")
    prepared.append(No)
    panel.restore_selected()
    assert "替换当前数据库" in asked[0]
    assert projects.count(demo_db) == 41


def test_restore_brings_back_the_backup_and_keeps_the_current_state(panel, demo_db, confirm, qtbot):
    panel.back_up_now()
    _save(demo_db, "备份之后的新项目")
    confirm[1].append(Yes)

    with qtbot.waitSignal(panel.restored) as restored:
        panel.restore_selected()

    assert projects.count(demo_db) == 40
    saved = restored.args[0]
    assert "before-restore" in saved.name
    reasons = [row.reason_label for row in panel.table.model.rows()]
    assert sorted(reasons) == ["恢复前的原数据", "手动备份"]


def test_read_only_window_cannot_back_up_or_restore(demo_db, qtbot):
    dialog = BackupDialog(demo_db, read_only=True)
    qtbot.addWidget(dialog)
    assert not dialog.panel.backup_button.isEnabled()
    assert not dialog.panel.restore_button.isEnabled()


@pytest.fixture
def desk(tmp_path, monkeypatch, qtbot):
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data")
    (tmp_path / "data").mkdir()
    session = open_session(tmp_path / "old" / "jimo.sqlite3")
    _save(session.db, "海洋生物医药产业园")
    running = Desk(session)
    qtbot.addWidget(running.window)
    yield running
    running.close()


def test_moving_the_database_switches_to_the_copy_and_deletes_the_old_after_asking(
    desk, tmp_path, confirm, qtbot
):
    old_path = desk.session.path
    widget = DataLocationWidget(desk.session.db, old_path, desk.switch_database)
    qtbot.addWidget(widget)
    confirm[1].append(Yes)

    with qtbot.waitSignal(widget.moved, timeout=10_000) as moved:
        widget.move_to(tmp_path / "D盘")

    assert moved.args == [True]
    new_path = tmp_path / "D盘" / "jimo.sqlite3"
    assert desk.session.path == new_path
    assert projects.count(desk.session.db) == 1
    assert location.remembered_database_path() == new_path.resolve()
    assert "删除旧位置的文件吗" in confirm[0][0]
    assert not old_path.exists()


def test_old_database_is_kept_when_the_officer_says_no(desk, tmp_path, confirm, qtbot):
    old_path = desk.session.path
    widget = DataLocationWidget(desk.session.db, old_path, desk.switch_database)
    qtbot.addWidget(widget)
    confirm[1].append(No)
    with qtbot.waitSignal(widget.moved, timeout=10_000) as moved:
        widget.move_to(tmp_path / "D盘")
    assert moved.args == [True]
    assert old_path.exists()


def test_moving_onto_an_existing_file_is_refused(desk, tmp_path, monkeypatch, qtbot):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: warnings.append(text))
    (tmp_path / "D盘").mkdir()
    (tmp_path / "D盘" / "jimo.sqlite3").write_bytes(b"someone else's file")
    widget = DataLocationWidget(desk.session.db, desk.session.path, desk.switch_database)
    qtbot.addWidget(widget)

    with qtbot.waitSignal(widget.moved, timeout=10_000) as moved:
        widget.move_to(tmp_path / "D盘")

    assert moved.args == [False]
    assert "已有文件" in warnings[0]
    assert desk.session.path == tmp_path / "old" / "jimo.sqlite3"
    assert Path(tmp_path / "D盘" / "jimo.sqlite3").read_bytes() == b"someone else's file"


def test_without_a_running_program_the_location_is_shown_but_not_movable(demo_db, qtbot):
    widget = DataLocationWidget(demo_db, backup.database_file(demo_db))
    qtbot.addWidget(widget)
    assert not widget.move_button.isEnabled()
    assert str(backup.database_file(demo_db)) in widget.path_label.text()


def test_a_cancelled_move_leaves_no_copy_and_keeps_the_database(desk, tmp_path, qtbot):
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    old_path = desk.session.path
    widget = DataLocationWidget(desk.session.db, old_path, desk.switch_database)
    qtbot.addWidget(widget)

    with qtbot.waitSignal(widget.moved, timeout=10_000) as moved:
        widget.move_to(tmp_path / "D盘")
        widget.findChild(QProgressDialog).findChild(QPushButton).click()  # 取消

    assert moved.args == [False]
    assert not (tmp_path / "D盘" / "jimo.sqlite3").exists()
    assert desk.session.path == old_path and projects.count(desk.session.db) == 1
