"""Projects listed in 2020, as the progress, light and history tests need them."""

from jimo_desktop.domain.money import parse_wan
from jimo_desktop.domain.project import Level, Project, Stage, YearListing
from jimo_desktop.store import dictionaries
from jimo_desktop.store.project_library import projects


def unit_id(db, name: str) -> int:
    return next(e.id for e in dictionaries.entries(db, "units") if e.name == name)


def industry_id(db, name: str) -> int:
    return next(e.id for e in dictionaries.entries(db, "industries") if e.name == name)


def listed_project(
    db,
    name: str,
    plan: str = "10000",
    unit: str = "通济街道",
    industry: str = "新材料",
    stage: Stage = Stage.STARTED,
    actual_start: str | None = "2019-05",
    in_statistics: bool = True,
    year: int = 2020,
    batch: Stage | None = None,
) -> int:
    project = Project(
        name=name,
        unit_id=unit_id(db, unit),
        industry_id=industry_id(db, industry),
        stage=stage,
        total_investment=parse_wan("50000"),
        actual_start=actual_start,
        in_statistics=in_statistics,
        years=[YearListing(year, Level.DISTRICT, parse_wan(plan), batch)],
    )
    return projects.save(db, project).id
