"""Exporting a database and importing the sheet into a new one yields the same projects:
the exported list is the bureau's standard sheet, and that is what the import reads."""

import pytest

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.excel.export import write_project_list
from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.project_library import export_queries, projects
from jimo_desktop.store.project_library.project_index import ProjectFilter

YEAR = 2020
# Everything the standard sheet carries; the rest of a project (phones, land status …) is
# kept in the program and is not part of a submission.
SHEET_FIELDS = (
    "name", "code", "builder", "nature", "stage", "total_investment", "planned_start",
    "planned_end", "responsible_unit", "responsible_person",
)  # fmt: skip


@pytest.fixture
def source(db):
    fill_demo(db, project_count=40)
    return db


@pytest.fixture
def target(tmp_path):
    database = open_database(tmp_path / "new.sqlite3")
    settings.put(database, settings.BUSINESS_DATE, f"{YEAR}-06-30")
    yield database
    database.conn.close()


def listed(db, year: int = YEAR) -> dict[str, tuple]:
    """Each project listed in the year, by name, as the sheet describes it."""
    units = dictionaries.names_by_id(db, "units")
    industries = dictionaries.names_by_id(db, "industries")
    found = {}
    on_the_list = (  # as it stands on the demo's business day: none withdrawn by then
        "SELECT project_id FROM project_years WHERE year = ?"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30')"
    )
    for (project_id,) in db.execute(on_the_list, [year]):
        project = projects.get(db, project_id)
        listing = project.listing_for(year)
        found[project.name] = (
            *(getattr(project, field) for field in SHEET_FIELDS),
            units[project.unit_id],
            industries[project.industry_id],
            listing.level,
            listing.annual_plan,
        )
    return found


def export_and_import(source, target, tmp_path, **options):
    listing = export_queries.project_export(source, YEAR, ProjectFilter(year=YEAR))
    path = write_project_list(tmp_path / "清单.xlsx", listing, **options)
    plan = plan_import(target, [path])
    assert [str(problem) for problem in plan.all_problems()] == []
    return apply_import(target, plan)


def test_exported_projects_import_into_a_new_database_unchanged(source, target, tmp_path):
    report = export_and_import(source, target, tmp_path)
    assert report.added == len(listed(source))
    assert listed(target) == listed(source)


def test_a_sheet_per_batch_imports_the_same_projects(source, target, tmp_path):
    export_and_import(source, target, tmp_path, by_batch=True)
    assert listed(target) == listed(source)


def test_importing_the_export_into_its_own_database_changes_nothing(source, tmp_path):
    before = listed(source)
    report = export_and_import(source, source, tmp_path)
    assert (report.added, report.updated) == (0, 0)
    assert report.unchanged == len(before)
    assert listed(source) == before


def test_a_month_exported_and_imported_into_its_own_database_reports_nothing_new(source, tmp_path):
    period = f"{YEAR}-06"
    reports = "SELECT project_id, completed_this_year, image_progress, problems_noted"
    counted = "SELECT id, in_statistics, statistics_date FROM projects ORDER BY id"
    kept = source.execute(f"{reports} FROM progress_reports WHERE deleted_at IS NULL").fetchall()
    kept_counts = source.execute(counted).fetchall()
    assert any(row[0] for row in kept)  # the demo has reports, and projects without one
    listing = export_queries.project_export(source, YEAR, ProjectFilter(year=YEAR), period)
    path = write_project_list(tmp_path / "月报.xlsx", listing)

    plan = plan_import(source, [path], kind="progress", period=period)
    assert [str(problem) for problem in plan.all_problems()] == []
    report = apply_import(source, plan)

    assert (report.added, report.updated) == (0, 0)
    assert (
        source.execute(f"{reports} FROM progress_reports WHERE deleted_at IS NULL").fetchall()
        == kept
    )
    assert source.execute(counted).fetchall() == kept_counts
