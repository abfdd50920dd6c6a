"""问题清单: problems raised on projects, and the log line each step leaves."""

from sqlite_utils import Database

from jimo_desktop.store import records, settings, work_logs


def raise_problem(
    db: Database,
    project_id: int,
    description: str,
    *,
    category_id: int | None = None,
    raised_on: str | None = None,
    deadline: str | None = None,
    responsible_unit: str = "",
    responsible_person: str = "",
    source: str = "manual",
    dispatch_id: int | None = None,
) -> int:
    """Record an open problem and write its line in the project's work log, in one transaction."""
    raised_on = raised_on or settings.today(db).isoformat()
    with db.atomic():
        problem_id = records.insert(
            db,
            "problems",
            {
                "project_id": project_id,
                "category_id": category_id,
                "description": description,
                "raised_on": raised_on,
                "deadline": deadline,
                "responsible_unit": responsible_unit,
                "responsible_person": responsible_person,
                "status": "open",
                "source": source,
                "dispatch_id": dispatch_id,
            },
        )
        work_logs.add(db, project_id, f"提出问题：{description}", "problem", raised_on)
    return problem_id
