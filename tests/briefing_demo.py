"""A demo database with the monthly progress, problems and milestones the briefings need,
for the briefing tests of both halves. Parts the demo builder already fills are not doubled."""

import random
import subprocess
from pathlib import Path

from jimo_desktop.demo import problems, progress, tracking
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database

PARTS = ((tracking, "milestones"), (problems, "problems"), (progress, "progress_reports"))


def fill_briefing_demo(db, project_count: int = 40) -> None:
    fill_demo(db, project_count=project_count)
    today = settings.today(db)
    for number, (part, table) in enumerate(PARTS):
        if db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0:
            part.fill(db, random.Random(number), today)


def briefing_demo(path: Path, project_count: int = 40):
    db = open_database(path)
    fill_briefing_demo(db, project_count)
    return db


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, without the spaces and breaks of the layout."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return "".join(text.stdout.split())
