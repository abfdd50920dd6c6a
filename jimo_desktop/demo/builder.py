"""Write a whole demo database: dictionaries are seeded by the store, the rest comes from here."""

import random
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop.demo import briefings as demo_briefings
from jimo_desktop.demo import inspections as demo_inspections
from jimo_desktop.demo import listings as demo_listings
from jimo_desktop.demo import problems as demo_problems
from jimo_desktop.demo import progress as demo_progress
from jimo_desktop.demo import tracking as demo_tracking
from jimo_desktop.demo.history_dates import date_history
from jimo_desktop.demo.projects import make_projects
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.database import is_empty, open_database
from jimo_desktop.store.engine import is_office_address
from jimo_desktop.store.project_library import projects

DEMO_BUSINESS_DATE = "2020-06-30"
DEMO_OFFICER = "李明"
DEFAULT_PROJECT_COUNT = 108


class DemoError(Exception):
    pass


def create_demo(path: Path | str, project_count: int = DEFAULT_PROJECT_COUNT, seed: int = 2020):
    """Create a new demo database at `path`; an existing file (or an office database with
    projects) is never written to."""
    if is_office_address(path):
        db = open_database(path)
        if not is_empty(db):
            db.close()
            raise DemoError(f"{path} 已有项目，演示数据只写入新的数据库")
        fill_demo(db, project_count, seed)
        return db
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise DemoError(f"{path} 已存在，演示数据只写入新的数据库文件")
    db = open_database(path)
    fill_demo(db, project_count, seed)
    return db


def fill_demo(db: Database, project_count: int = DEFAULT_PROJECT_COUNT, seed: int = 2020) -> None:
    """Mark the database as demo, set its business date and add the demo content."""
    settings.put(db, settings.IS_DEMO, "1")
    settings.put(db, settings.BUSINESS_DATE, DEMO_BUSINESS_DATE)
    settings.put(db, settings.OFFICER, DEMO_OFFICER)
    unit_ids = [entry.id for entry in dictionaries.entries(db, "units")]
    industry_ids = {entry.name: entry.id for entry in dictionaries.entries(db, "industries")}
    projects.insert_many(db, make_projects(project_count, unit_ids, industry_ids, seed))
    today = date.fromisoformat(DEMO_BUSINESS_DATE)
    demo_listings.fill(db, random.Random(seed + 7))
    demo_progress.fill(db, random.Random(seed), today)
    demo_briefings.fill(db, random.Random(seed + 6), today)
    demo_problems.fill(db, random.Random(seed + 3), today)
    demo_tracking.fill(db, random.Random(seed + 4), today)
    demo_inspections.fill(db, random.Random(seed + 5), today)
    date_history(db, today)
