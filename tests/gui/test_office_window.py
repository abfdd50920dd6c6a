"""The program window on the office database: a leader's read-only role, an officer's own,
and what a colleague saves showing in the open list."""

import dataclasses

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.store import projects
from jimo_desktop.store.database import open_database
from jimo_desktop.views.app import Desk
from jimo_desktop.views.background import wait_for_background_work
from jimo_desktop.views.project_table_model import COL_NAME
from jimo_desktop.views.session import open_session
from tests.gui.keyboard import type_text


def close(qtbot, desk: Desk) -> None:
    """After the window's reads (the lights) have answered: the test's database goes next."""
    wait_for_background_work()
    qtbot.wait(50)
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
    assert "办公室数据库 leader_window@localhost/" in desk.window.windowTitle()
    assert desk.session.db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 12
    close(qtbot, desk)


def test_an_officers_own_role_gets_a_window_that_writes(qtbot, office_address):
    desk = Desk(open_session(office_address))
    qtbot.addWidget(desk.window)
    assert not desk.session.read_only
    assert not desk.window.windowTitle().endswith("（只读）")
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


def names_shown(listing) -> list[str]:
    model = listing.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]
