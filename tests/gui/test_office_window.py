"""The program window on the office database: a leader's read-only role, an officer's own,
and what a colleague saves showing in the open list."""

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from jimo_desktop import paths
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.store.database import open_database
from jimo_desktop.store.engine import office_address_parts
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping import backup, location
from jimo_desktop.views.app import Desk
from jimo_desktop.views.background import wait_for_background_work
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.projects.project_table_model import COL_NAME
from jimo_desktop.views.session import open_session
from jimo_desktop.views.settings.office_connection import OfficeConnectionWidget
from tests.engines import database_name
from tests.gui.keyboard import type_text


def close(qtbot, desk: Desk) -> None:
    """After the window's reads (the lights) have answered, the window, then the database:
    the test's database goes next."""
    wait_for_background_work()
    qtbot.wait(50)
    desk.window.close()
    desk.close()


def test_a_leaders_read_only_role_gets_a_read_only_window_with_the_lights(
    qtbot, postgres_server, office_address
):
    office = open_database(office_address)
    fill_demo(office, project_count=12)
    office.close()
    leader = postgres_server.reader(office_address, "leader_window")

    desk = Desk(open_session(leader))
    qtbot.addWidget(desk.window)
    assert desk.session.read_only
    assert desk.window.windowTitle().endswith("（只读）")
    assert "办公室数据库 leader_window@" in desk.window.windowTitle()
    assert desk.session.db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 12
    close(qtbot, desk)


def test_an_officers_own_role_gets_a_window_that_writes(qtbot, office_address):
    desk = Desk(open_session(office_address))
    qtbot.addWidget(desk.window)
    assert not desk.session.read_only
    assert not desk.window.windowTitle().endswith("（只读）")
    desk.window.open_view("settings")
    form = desk.window.findChild(OfficeConnectionWidget)
    assert form.current.text().startswith("当前打开：办公室数据库 postgres@")
    parts = office_address_parts(office_address)
    shown = [field.text() for field in (form.host, form.port, form.dbname, form.user)]
    assert shown == [
        parts["host"],
        parts["port"] or "5432",
        database_name(office_address),
        "postgres",
    ]
    desk.window.open_view("backups")
    panel = desk.window.current_page()
    assert "办公室数据库的备份是它在本机的完整副本" in panel.findChild(QLabel, "backupNote").text()
    assert panel.restore_button.isHidden(), "restoring the office database is the server's"
    before = panel.table.model.rows()
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    made = panel.table.current_record()
    assert len(panel.table.model.rows()) == len(before) + 1 and made.reason_label == "手动备份"
    copy = open_database(made.path)
    assert copy.execute("SELECT COUNT(*) FROM units").fetchone()[0] > 0
    copy.close()
    close(qtbot, desk)


def test_a_colleagues_save_shows_in_the_open_list_keeping_the_selection_and_the_search(
    qtbot, office_address
):
    office = open_database(office_address)
    fill_demo(office, project_count=12)
    office.close()
    desk = Desk(open_session(office_address))
    qtbot.addWidget(desk.window)
    listing = desk.window.project_list
    chosen = listing.model.selection().project_id(0)
    listing.select_project(chosen)
    type_text(qtbot, listing.search, "项目")

    colleague = open_database(office_address)
    renamed = projects.get(colleague, chosen)
    projects.save(colleague, dataclasses.replace(renamed, name="同事刚改名的项目"), renamed)
    colleague.close()

    qtbot.waitUntil(lambda: "同事刚改名的项目" in names_shown(listing), timeout=1000)
    assert listing.selected_project_id() == chosen
    assert listing.search.text() == "项目"
    close(qtbot, desk)


def press(qtbot, form: OfficeConnectionWidget, button: str) -> None:
    """The button pressed from the keyboard, as Tab to it and Space does."""
    qtbot.keyClick(form.findChild(QPushButton, button), Qt.Key.Key_Space)


def names_shown(listing) -> list[str]:
    model = listing.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def test_settings_tests_the_office_connection_and_remembers_it_for_the_next_start(
    qtbot, db, office_address
):
    window = MainWindow(db, backup.database_file(db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_view("settings")
    form = window.current_page().findChild(OfficeConnectionWidget)
    assert "本机数据库文件" in form.current.text()
    parts = office_address_parts(office_address)  # a socket's folder, or the loopback's port
    for field, text in (
        (form.host, parts["host"]),
        (form.port, parts["port"] or "5432"),
        (form.dbname, database_name(office_address)),
        (form.user, "postgres"),
    ):
        field.clear()
        type_text(qtbot, field, text)
    press(qtbot, form, "testOffice")
    assert form.answer.text().endswith("：可以读写")

    form.user.clear()
    type_text(qtbot, form.user, "nobody")
    press(qtbot, form, "testOffice")
    assert form.answer.text().startswith("无法连接办公室数据库 nobody@")
    assert location.remembered_database_path() == paths.default_database_path()

    form.user.clear()
    type_text(qtbot, form.user, "postgres")
    press(qtbot, form, "useOffice")
    remembered = location.remembered_database_path()
    office = open_database(remembered)
    assert office.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 23
    office.close()
    wait_for_background_work()
