"""Fixtures for the Qt-free half of the tests: every test gets its own database file."""

import pytest

from jimo_desktop.store.database import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "jimo.sqlite3")
    yield database
    database.close()
