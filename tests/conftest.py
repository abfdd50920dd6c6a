import os
import tempfile

# Set before any test imports Qt: every test runs without a display, unless the run names a
# platform (the Windows workflow runs the GUI tests on the real `windows` platform).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from jimo_desktop.paths import DATA_DIR_VARIABLE
from tests.disks import Disks, immutable  # noqa: F401  (a fixture for every test)
from tests.postgres_server import Server, binaries

# No test, and no program a test starts, may touch the officer's real data folder: on Windows
# platformdirs ignores XDG_DATA_HOME, so the folder is named by the program's own variable.
# This session-wide folder covers module fixtures; each test then gets a folder of its own.
_SESSION_DATA = tempfile.TemporaryDirectory(prefix="jimo-test-data-")
os.environ[DATA_DIR_VARIABLE] = _SESSION_DATA.name


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path_factory.mktemp("user-data")))


@pytest.fixture
def disks(tmp_path):
    """Small disks that fill up or turn read-only (tmpfs mounts, unmounted after the test)."""
    made = Disks(tmp_path)
    yield made
    made.unmount_all()


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the whole session (tests/postgres_server.py)."""
    folder = binaries()
    if folder is None:
        pytest.skip(
            "PostgreSQL's initdb and pg_ctl are not installed (scripts/setup installs them)"
        )
    server = Server(folder)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def office_address(postgres_server):
    """The libpq address of a fresh, migrated office database of this test's own."""
    name = postgres_server.new_database()
    yield postgres_server.address(name)
    postgres_server.drop(name)
