"""A field trip for the package tests: an office database, a package of five projects, and the
laptop's database made from it, each database in its own folder as on two machines.
"""

import dataclasses
import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.demo.inspections import draw_site_photo
from jimo_desktop.domain.inspections import FoundProblem, Inspection, PointState
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.packages import field_package
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.site_visits import inspections, photos
from tests.demo_parts import without_inspections

FIVE = 5


@dataclass
class FieldTrip:
    folder: Path
    office: Database
    laptop: Database
    project_ids: list[int]
    outbound: Path  # the office's package, which made the laptop's database

    def office_path(self) -> Path:
        return self.folder / "office" / "jimo.sqlite3"

    def laptop_path(self) -> Path:
        return self.folder / "laptop" / "field.sqlite3"

    def send_back(self) -> Path:
        """The laptop's package of everything it holds, for the office."""
        back = self.folder / "laptop" / f"back{field_package.SUFFIX}"
        field_package.export_package(self.laptop, back)
        return back

    def close(self) -> None:
        self.office.conn.close()
        self.laptop.conn.close()


def start_trip(folder: Path, project_count: int = 12, office_at: str | None = None) -> FieldTrip:
    """`office_at`: the office's database (an office database's address); a file by default."""
    office = open_database(office_at or folder / "office" / "jimo.sqlite3")
    fill_demo(office, project_count)
    without_inspections(office)
    project_ids = [row[0] for row in office.execute("SELECT id FROM projects ORDER BY id")][:FIVE]
    outbound = folder / "office" / f"out{field_package.SUFFIX}"
    outbound.parent.mkdir(exist_ok=True)
    field_package.export_package(office, outbound, project_ids)
    laptop_path = folder / "laptop" / "field.sqlite3"
    laptop_path.parent.mkdir()
    field_package.open_as_database(outbound, laptop_path)
    laptop = open_database(laptop_path)
    settings.put(laptop, settings.OFFICER, "外业王磊")
    return FieldTrip(folder, office, laptop, project_ids, outbound)


def another_office(folder: Path) -> Database:
    """An office database of its own with the same projects: same names and codes, other uuids."""
    db = open_database(folder / "jimo.sqlite3")
    fill_demo(db, 12)
    without_inspections(db)
    return db


def leader_conflict(trip: FieldTrip) -> Path:
    """The laptop's package after both sides gave the first project another 挂钩领导."""
    edit_project(trip.office, trip.project_ids[0], leader="王守仁")
    edit_project(trip.laptop, trip.project_ids[0], leader="张居正")
    return trip.send_back()


def backups_of(database: Path) -> list[Path]:
    return sorted((database.parent / "backups").glob("*"))


def edit_project(db: Database, project_id: int, **changes) -> None:
    projects.save(db, dataclasses.replace(projects.get(db, project_id), **changes))


def photo_file(folder: Path, number: int) -> Path:
    taken = datetime(2020, 6, 30, 9, number, 0)
    path = folder / f"IMG_{number:04d}.jpg"
    path.write_bytes(draw_site_photo(random.Random(number), taken, 36.39, 120.45 + number / 100))
    return path


def record_inspection(db: Database, project_id: int, folder: Path, photo_count: int = 3) -> int:
    """An inspection with photos and one problem found, as an officer records it on site."""
    entries = []
    for number in range(photo_count):
        entry = photos.store_file(db, photo_file(folder, number))
        entry.caption = f"现场照片{number + 1}"
        entries.append(entry)
    inspection = Inspection(
        inspected_on="2020-06-30",
        project_ids=[project_id],
        place="蓝谷大道北侧工地",
        inspectors="王磊、张静",
        follow_up_on="2020-07-14",
    )
    inspection.points[0].state = PointState.PROBLEM
    inspection.points[0].note = "部分地块未完成征收"
    found = [FoundProblem(project_id, "部分地块未完成征收", "属地街道", "刘洋", "2020-07-31")]
    return inspections.save(db, inspection, entries, found)
