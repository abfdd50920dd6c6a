"""The rows of a tracking list as the `export-excel --list` command writes them: as they
stand now, or with a month, that month's (问题清单 as of its last day, the 督办单 issued and the
meetings held in it, 月推进's reports, the 时间节点 as they stood at its end)."""

import json
from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain import as_of
from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.milestones import Milestone
from jimo_desktop.domain.progress import cumulative_label, period_label
from jimo_desktop.store import engine, settings
from jimo_desktop.store.monthly import dispatches, progress
from jimo_desktop.store.tracking import milestones, problems, supervision


def list_rows(db: Database, name: str, period: str | None) -> tuple[list, str]:
    """(rows, the words the title adds) of the list `name` for `period`, or as of today."""
    day = as_of.period_end(period) if period else settings.today(db)
    if name == "problems":
        rows = problems.as_of(db, day) if period else problems.list_problems(db)
        return rows, f"（截至{format_date(day)}）"
    if name == "supervision":
        rows = supervision.orders(db, signed_off=None)
        return _of_month(rows, period, lambda row: row.issued_on), _month_words(period)
    if name == "dispatch":
        rows = dispatches.meetings(db)
        return _of_month(rows, period, lambda row: row.held_on), _month_words(period)
    if name == "progress":
        month = period or progress.default_period(db)
        return progress.month_rows(
            db, month
        ), f"（{period_label(month)}，{cumulative_label(month)}累计）"
    if name == "milestones":
        return milestone_nodes(db, day), f"（截至{format_date(day)}）"
    raise ValueError(f"no list named {name}")


def progress_words(period: str) -> str:
    """What 月推进's title adds: "（2020年7月，1-7月累计）"."""
    return f"（{period_label(period)}，{cumulative_label(period)}累计）"


def _of_month(rows: list, period: str | None, day_of) -> list:
    return [row for row in rows if period is None or (day_of(row) or "")[:7] == period]


def _month_words(period: str | None) -> str:
    return f"（{period_label(period)}）" if period else ""


def milestone_nodes(db: Database, day: date) -> list[tuple[str, str, Milestone, date]]:
    """(project, 区位, node as it stood on `day`, `day`) of every live project on `day`'s
    year list."""
    rows = db.execute(
        "SELECT p.id FROM projects p"
        " JOIN project_years y ON y.project_id = p.id AND y.year = ?"
        " LEFT JOIN units u ON u.id = p.unit_id"
        " WHERE p.deleted_at IS NULL ORDER BY COALESCE(u.sort_order, 1000000), p.name",
        [day.year],
    ).fetchall()
    return nodes_of_projects(db, [row[0] for row in rows], day)


def nodes_of_projects(
    db: Database, project_ids: list[int], day: date
) -> list[tuple[str, str, Milestone, date]]:
    """(project, 区位, node as it stood on `day`, `day`) of the projects, in their order."""
    named = dict(
        (row[0], (row[1], row[2]))
        for row in db.execute(
            "SELECT p.id, p.name, COALESCE(u.name, '') FROM projects p"
            " LEFT JOIN units u ON u.id = p.unit_id"
            f" WHERE p.id IN {engine.json_values(db)}",
            [json.dumps(project_ids)],
        )
    )
    nodes = milestones.for_projects(db, project_ids)
    return [
        (*named[project_id], milestones.as_it_stood(node, day), day)
        for project_id in project_ids
        if project_id in named
        for node in nodes.get(project_id, ())
    ]
