"""Disks in bad states for tests: a small one that fills up, one that turns read-only.

Both are tmpfs mounts, which only root may make; elsewhere the tests that need them skip.
"""

import os
import subprocess
from pathlib import Path

import pytest

FILLER = "filler.bin"


class Disks:
    def __init__(self, folder: Path):
        self._folder = folder
        self._mounted: list[Path] = []

    def small(self, size_kb: int) -> Path:
        """An empty disk of `size_kb` KiB."""
        mount_point = self._folder / f"disk-{len(self._mounted)}"
        mount_point.mkdir()
        if not hasattr(os, "geteuid") or os.geteuid() != 0:  # Windows has no tmpfs
            pytest.skip("a small disk is a tmpfs mount, which needs root on Linux")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount_point)],
            capture_output=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr!r}")
        self._mounted.append(mount_point)
        return mount_point

    def unmount_all(self) -> None:
        for mount_point in reversed(self._mounted):
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path, leave_bytes: int = 16 * 1024) -> None:
    """Take the disk's free space but `leave_bytes`."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / FILLER, "wb") as filler:
        filler.write(b"\0" * max(0, free - leave_bytes))


def free(disk: Path) -> None:
    (disk / FILLER).unlink()


def make_read_only(disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)


@pytest.fixture
def immutable(tmp_path):
    """Makes a file that even root may not write (chattr +i), in a folder that stays writable:
    a database copied off a CD, or locked by a policy. Undone at the end."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not available here")
        made.append(path)
        return path

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
