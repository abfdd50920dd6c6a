"""工作日志: dated lines of what was done on a project, written by officers and by the program."""

from sqlite_utils import Database

from jimo_desktop.store import records, settings


def add(
    db: Database,
    project_id: int,
    content: str,
    source: str = "manual",
    logged_on: str | None = None,
) -> int:
    """One log line, dated `logged_on` or the business day, signed by the current officer."""
    return records.insert(
        db,
        "work_logs",
        {
            "project_id": project_id,
            "logged_on": logged_on or settings.today(db).isoformat(),
            "content": content,
            "author": settings.officer(db),
            "source": source,
        },
    )
