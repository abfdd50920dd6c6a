"""The office database's connection dropped under the program (a server restarted overnight,
a laptop that slept): the next read connects again by itself, a save the drop broke is refused
whole with words that say so, and the save works when tried again."""

import dataclasses

import pytest

from jimo_desktop.domain.project import Project
from jimo_desktop.store.database import open_database, open_read_only
from jimo_desktop.store.engine import OfficeConnectionLost
from jimo_desktop.store.project_library import projects
from tests.engines import database_name


def drop_connections(server, address: str) -> None:
    """What a server restart does to every open connection of the database."""
    server.execute(
        "postgres",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        f" WHERE datname = '{database_name(address)}' AND pid <> pg_backend_pid()",
    )


@pytest.fixture
def office(office_address):
    db = open_database(office_address)
    yield db
    db.close()


def test_a_read_after_the_connection_dropped_connects_again_by_itself(
    postgres_server, office_address, office
):
    saved = projects.save(
        office, Project(name="蓝谷海洋科技创新中心项目", unit_id=1, industry_id=1)
    )
    drop_connections(postgres_server, office_address)
    assert projects.get(office, saved.id).name == "蓝谷海洋科技创新中心项目"


def test_a_save_the_drop_broke_is_refused_whole_and_works_when_tried_again(
    postgres_server, office_address, office
):
    opened = projects.save(
        office, Project(name="蓝谷海洋科技创新中心项目", unit_id=1, industry_id=1)
    )
    lost = pytest.raises(OfficeConnectionLost, match="与办公室数据库的连接中断了")
    with lost, office.atomic():
        office.execute("UPDATE projects SET remarks = '半截' WHERE id = ?", [opened.id])
        drop_connections(postgres_server, office_address)
        office.execute("UPDATE projects SET builder = '半截' WHERE id = ?", [opened.id])
    kept = projects.get(office, opened.id)
    assert (kept.remarks, kept.builder) == ("", "")
    projects.save(office, dataclasses.replace(kept, remarks="再保存一次"), kept)
    assert projects.get(office, opened.id).remarks == "再保存一次"


def test_a_read_only_connection_stays_read_only_when_it_connects_again(
    postgres_server, office_address
):
    """The background readers and a window opened read-only are refused writes by their
    session's setting, which a new connection must be given again."""
    reader = open_read_only(office_address)
    drop_connections(postgres_server, office_address)
    assert reader.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 0
    assert reader.execute("SHOW default_transaction_read_only").fetchone()[0] == "on"
    reader.close()


def test_a_save_kept_waiting_by_a_colleagues_import_gives_up_and_says_so(
    office_address, monkeypatch
):
    """A colleague's transaction holding the project (an import of the whole 区位): the save
    waited for it without end, and a window that hangs gets killed, typing and all."""
    from jimo_desktop.store import postgresql
    from jimo_desktop.store.engine import OfficeBusy

    monkeypatch.setattr(postgresql, "LOCK_WAIT_SECONDS", 1)
    importing, officer = open_database(office_address), open_database(office_address)
    opened = projects.save(
        officer, Project(name="蓝谷海洋科技创新中心项目", unit_id=1, industry_id=1)
    )
    with importing.atomic():
        importing.execute("SELECT 1 FROM projects WHERE id = ? FOR UPDATE", [opened.id])
        with pytest.raises(OfficeBusy, match="正由另一位同事保存或导入，等了 1 秒仍未完成"):
            projects.save(officer, dataclasses.replace(opened, remarks="等不到"), opened)
    assert projects.get(officer, opened.id).remarks == ""
    projects.save(officer, dataclasses.replace(opened, remarks="再保存一次"), opened)
    assert projects.get(officer, opened.id).remarks == "再保存一次"
    importing.close()
    officer.close()
