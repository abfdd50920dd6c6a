"""Names officers have typed before, offered back as they type: 责任单位 and 督办对象 (the
departments and 区位 that problems, nodes, projects and orders name), 挂钩领导, and every live
project with its pinyin initials."""

from sqlite_utils import Database

from jimo_desktop.domain.pinyin import name_initials
from jimo_desktop.store.tracking.problems import project_choices

_DEPARTMENTS = """
SELECT responsible_unit FROM problems WHERE deleted_at IS NULL
UNION SELECT responsible_unit FROM projects WHERE deleted_at IS NULL
UNION SELECT responsible_unit FROM milestones WHERE deleted_at IS NULL
UNION SELECT addressee FROM supervision_orders WHERE deleted_at IS NULL
"""


def departments(db: Database) -> list[tuple[str, str]]:
    """(name, pinyin initials) of every 责任单位 or 督办对象 typed before, by name."""
    return _with_initials(row[0] for row in db.execute(_DEPARTMENTS))


def leaders(db: Database) -> list[tuple[str, str]]:
    """(name, pinyin initials) of the 挂钩领导 named on live projects."""
    rows = db.execute("SELECT DISTINCT leader FROM projects WHERE deleted_at IS NULL")
    return _with_initials(row[0] for row in rows)


def projects(db: Database) -> list[tuple[str, str, int]]:
    """(text, pinyin initials, id) of every live project, as problems.project_choices names
    them; the initials are the ones kept with each project."""
    kept = dict(db.execute("SELECT id, name_initials FROM projects WHERE deleted_at IS NULL"))
    return [(text, kept.get(pid, ""), pid) for text, pid in project_choices(db)]


def _with_initials(names) -> list[tuple[str, str]]:
    found = sorted({name.strip() for name in names if name and name.strip()})
    return [(name, name_initials(name)) for name in found]
