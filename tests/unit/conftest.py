"""Fixtures for the Qt-free half of the tests: every test gets its own database, a file, and
in the modules named below also an office database: those tests run on both engines, so a
query that works on one and fails on the other fails."""

import pytest

from jimo_desktop.store.database import open_database

# The modules whose tests exercise the store's SQL; each of their tests runs twice.
BOTH_ENGINES = frozenset(
    {
        "test_dictionaries",
        "test_dispatches_store",
        "test_edit_conflicts_store",
        "test_history_store",
        "test_import_progress",
        "test_import_projects",
        "test_import_years",
        "test_inspections_store",
        "test_lights",
        "test_milestones_store",
        "test_problems_store",
        "test_progress_store",
        "test_project_index",
        "test_projects_store",
        "test_supervision_store",
        "test_units_and_matching",
        "test_three_lists_store",
        "test_work_logs_store",
    }
)
ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module not in BOTH_ENGINES:
        return
    if "database_target" in metafunc.fixturenames:
        metafunc.parametrize("database_target", ENGINES, indirect=True)


@pytest.fixture
def database_target(request, tmp_path):
    """What --db names: a new file's path, or (on the postgresql run) a fresh office database."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return request.getfixturevalue("office_address")
    return str(tmp_path / "jimo.sqlite3")


@pytest.fixture
def db(database_target):
    database = open_database(database_target)
    yield database
    database.close()
