"""Databases built once for a test module, on the engine the test runs on: a file, or an
office database on the throwaway server (tests/postgres_server.py). Both are named as --db
names them, so a command test drives either through the real entry point."""

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from jimo_desktop.store.database import open_database
from jimo_desktop.store.engine import is_office_address

ENGINES = ("sqlite", "postgresql")


def built_database(request, folder: Path, build: Callable) -> str:
    """A database filled by `build(db)` on `request.param`'s engine; what --db names."""
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        target = server.address(server.new_database())
    else:
        target = str(folder / "fixture.sqlite3")
    db = open_database(target)
    build(db)
    db.close()
    return target


def copy_of(request, target: str, folder: Path) -> str:
    """A copy of a built database for one test to change."""
    if is_office_address(target):
        server = request.getfixturevalue("postgres_server")
        return server.address(server.new_database(template=database_name(target)))
    copy = folder / "copy.sqlite3"
    shutil.copyfile(target, copy)
    return str(copy)


@contextmanager
def opened_copy(request, target: str, folder: Path) -> Iterator:
    """A copy of a built database, open for one test to change, closed after it."""
    db = open_database(copy_of(request, target, folder))
    try:
        yield db
    finally:
        db.close()


def database_name(address: str) -> str:
    return address.split("/")[3].split("?")[0]
