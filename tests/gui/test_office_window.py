"""The program window on the office database: a leader's read-only role, an officer's own."""

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.store.database import open_database
from jimo_desktop.views.app import Desk
from jimo_desktop.views.background import wait_for_background_work
from jimo_desktop.views.session import open_session


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
