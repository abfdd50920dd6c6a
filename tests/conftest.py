import os
import tempfile

# Set before any test imports Qt: every test runs without a display, unless the run names a
# platform (the Windows workflow runs the GUI tests on the real `windows` platform).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from jimo_desktop.paths import DATA_DIR_VARIABLE
from tests.disks import Disks, immutable  # noqa: F401  (a fixture for every test)

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
