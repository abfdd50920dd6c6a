import os

# Set before any test imports Qt: every test runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest

from tests.disks import Disks


@pytest.fixture
def disks(tmp_path):
    """Small disks that fill up or turn read-only (tmpfs mounts, unmounted after the test)."""
    made = Disks(tmp_path)
    yield made
    made.unmount_all()
