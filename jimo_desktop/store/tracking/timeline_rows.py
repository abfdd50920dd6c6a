"""The rows of the 时间表: every live project's periods and nodes, in two queries.

The timeline shows thousands of projects and scrolls at screen speed, so its rows are read
once (one query for the projects, one for their nodes, none per row) and held column by
column in numpy arrays: a project's nodes are the slice `first_node[row]:first_node[row + 1]`
of the node columns. Dates are day numbers (`date.toordinal`) where they are drawn
(domain/dates.plot_day), 0 where unknown. Where each node stands on the business day is
judged here, once, by the domain's rule (domain/milestones.lateness, month precision from
domain/dates.delay), on the node as it stood that day (store/tracking/milestones.as_it_stood): the
view only paints it.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property

import numpy as np
from sqlite_utils import Database

from jimo_desktop.domain.as_of import happened_by
from jimo_desktop.domain.dates import format_partial_date, plot_day
from jimo_desktop.domain.milestones import Lateness, Status, lateness
from jimo_desktop.domain.project import Stage
from jimo_desktop.store import engine, settings
from jimo_desktop.store.tracking import milestones

NO_DAY = 0
STATUSES = tuple(Status)
LATE_CODE = STATUSES.index(Status.LATE)
DONE_CODES = (STATUSES.index(Status.DONE), STATUSES.index(Status.DONE_LATE))

_PROJECTS = """
SELECT p.id, p.name, COALESCE(u.name, ''), p.leader,
       p.planned_start, p.planned_end, p.actual_start, p.actual_end
FROM projects p LEFT JOIN units u ON u.id = p.unit_id
WHERE p.deleted_at IS NULL {extra} ORDER BY p.id
"""
# Grouped by their dates: dates repeat across thousands of projects (10,000 projects' 96,000
# nodes have 6,600 distinct pairs), so the domain's rule is asked once per pair, and the
# ids come as two long texts numpy splits at once, not as a Python tuple per node.
_NODES = """
SELECT m.planned_on, m.actual_on, count(*),
       group_concat(CAST(m.project_id AS TEXT), ','), group_concat(CAST(m.id AS TEXT), ',')
FROM milestones m
WHERE m.deleted_at IS NULL
  AND m.project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL {extra})
GROUP BY m.planned_on, m.actual_on
"""


@dataclass(frozen=True)
class NodeColumns:
    """Every node of the rows, in row order, then in the officer's order of nodes."""

    ids: np.ndarray  # int64
    planned: np.ndarray  # int32 day number where the planned date is drawn, NO_DAY if none
    actual: np.ndarray  # int32 day number reached (as it stood on the business day), or NO_DAY
    status: np.ndarray  # int8: index into STATUSES

    def take(self, order: np.ndarray) -> "NodeColumns":
        return NodeColumns(
            self.ids[order], self.planned[order], self.actual[order], self.status[order]
        )


@dataclass(frozen=True)
class TimelineData:
    """Rows (a project each, or a node each for one project's 路线图) column by column."""

    today: date
    ids: np.ndarray  # int64: the project's id, or the node's for a 路线图 row
    labels: list[str]
    units: list[str]
    leaders: list[str]
    planned: np.ndarray  # int32 (rows, 2): planned construction period, NO_DAY if unknown
    actual: np.ndarray  # int32 (rows, 2): actual period; an open end is today
    first_node: np.ndarray  # int64 (rows + 1): where each row's nodes start in `nodes`
    nodes: NodeColumns

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def today_number(self) -> int:
        return self.today.toordinal()

    @cached_property
    def late_counts(self) -> np.ndarray:
        """Per row, how many of its nodes are overdue and still open on the business day."""
        late = np.cumsum(np.append(0, self.nodes.status == LATE_CODE))
        return late[self.first_node[1:]] - late[self.first_node[:-1]]

    def rows_of(self, project_ids: np.ndarray) -> np.ndarray:
        """The rows of these projects in the order given; ids not held are left out."""
        if not len(self.ids):
            return np.zeros(0, dtype=np.int64)
        rows = np.minimum(np.searchsorted(self.ids, project_ids), len(self.ids) - 1)
        return rows[self.ids[rows] == project_ids]

    def days_spanned(self) -> tuple[int, int]:
        """The first and last day anything of these rows is drawn at, today included."""
        days = np.concatenate(
            [self.planned.ravel(), self.actual.ravel(), self.nodes.planned, self.nodes.actual]
        )
        days = days[days != NO_DAY]
        today = self.today_number
        if not len(days):
            return today, today
        return min(int(days.min()), today), max(int(days.max()), today)

    def row_of_node(self, node: int) -> int:
        return int(np.searchsorted(self.first_node, node, side="right")) - 1


def version(db: Database) -> tuple[date, int]:
    """Changes when anything was written through this connection (the window's only writer:
    commands that write are refused while a window holds the database) or the business day
    moved: the rows are read again only then. The office database's connection counts no
    changes; there the newest audit line stands in, as every write of officers' data adds one."""
    if engine.is_postgresql(db):
        return settings.today(db), db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    return settings.today(db), db.conn.total_changes


def load(db: Database, today: date) -> TimelineData:
    """Every live project with its nodes: the many-project 时间表."""
    projects = db.execute(_PROJECTS.format(extra="")).fetchall()
    nodes = db.execute(_NODES.format(extra="")).fetchall()
    return _assemble(projects, nodes, today)


def in_batch(db: Database, data: TimelineData, year: int, batch: Stage) -> np.ndarray:
    """Per row of `data`, whether its project is in `batch` on the year's 四个一批 list; asked
    only when that filter is chosen, in one query."""
    listed = db.execute(
        "SELECT project_id FROM project_years WHERE year = ? AND batch = ?", [year, batch.value]
    ).fetchall()
    return np.isin(data.ids, np.array([row[0] for row in listed], dtype=np.int64))


def node_details(db: Database, node_id: int, today: date) -> list[str]:
    """What a node's tooltip says: project and node, dates, where it stands on `today`, who
    is responsible. Read when asked for, so the rows need not hold every node's texts."""
    node = milestones.get(db, node_id)
    project = db.execute("SELECT name FROM projects WHERE id = ?", [node.project_id]).fetchone()
    return [
        f"{project[0]} — {node.name}",
        f"计划时间：{format_partial_date(node.planned_on) or '未定'}",
        f"实际时间：{format_partial_date(node.actual_on) or '未完成'}",
        f"状态：{_lateness(node.planned_on, node.actual_on, today).describe()}",
        f"责任单位：{node.responsible_unit or '未填写'}",
    ]


def project_nodes(db: Database, project_id: int, today: date) -> TimelineData:
    """One project's 路线图: its construction period on a first row, then a row per node in
    the officer's order."""
    project = db.execute(_PROJECTS.format(extra="AND p.id = ?"), [project_id]).fetchall()
    listed = milestones.for_project(db, project_id)
    nodes = [(n.planned_on, n.actual_on, 1, str(n.project_id), str(n.id)) for n in listed]
    whole = _assemble(project, nodes, today)
    count = len(listed)
    # The nodes come ordered by id; the 路线图 lists them in the officer's order.
    in_order = whole.nodes.take(np.searchsorted(whole.nodes.ids, [node.id for node in listed]))
    blank = np.full((count, 2), NO_DAY, dtype=np.int32)
    return TimelineData(
        today=today,
        ids=np.concatenate([whole.ids, in_order.ids]),
        labels=[f"{row[1]}（建设期）" for row in project] + [node.name for node in listed],
        units=whole.units * (count + 1),
        leaders=whole.leaders * (count + 1),
        planned=np.concatenate([whole.planned, blank]),
        actual=np.concatenate([whole.actual, blank]),
        first_node=np.concatenate([[0], np.arange(count + 1)]).astype(np.int64),
        nodes=in_order,
    )


def _assemble(projects: list[tuple], nodes: list[tuple], today: date) -> TimelineData:
    count = len(projects)
    ids = np.fromiter((row[0] for row in projects), dtype=np.int64, count=count)
    shared: dict[str, str] = {}
    # Dates repeat across projects: each is asked whether it had happened once.
    reached = cache(lambda iso: bool(iso) and happened_by(iso, today))
    spans = np.array(
        [
            [_day(row[4]), _day(row[5]), *_actual_span(row[6], row[7], today, reached)]
            for row in projects
        ],
        dtype=np.int32,
    ).reshape(count, 4)
    node_projects, node_columns = _node_columns(nodes, today)
    first_node = np.append(np.searchsorted(node_projects, ids), len(node_projects))
    return TimelineData(
        today=today,
        ids=ids,
        labels=[row[1] for row in projects],
        units=[shared.setdefault(row[2], row[2]) for row in projects],
        leaders=[shared.setdefault(row[3], row[3]) for row in projects],
        planned=np.ascontiguousarray(spans[:, :2]),
        actual=np.ascontiguousarray(spans[:, 2:]),
        first_node=first_node,
        nodes=node_columns,
    )


def _node_columns(groups: list[tuple], today: date) -> tuple[np.ndarray, NodeColumns]:
    """The nodes of (planned, actual, count, project ids, node ids) groups, ordered by project
    and node id; with the project id of each."""
    marks = np.array(
        [_marks(planned, actual, today) for planned, actual, *_ in groups], dtype=np.int32
    ).reshape(len(groups), 3)
    counts = np.fromiter((group[2] for group in groups), dtype=np.int64, count=len(groups))
    projects, ids = (
        np.fromstring(",".join(group[column] for group in groups), dtype=np.int64, sep=",")
        if groups
        else np.zeros(0, dtype=np.int64)
        for column in (3, 4)
    )
    order = np.lexsort((ids, projects))
    each = np.repeat(marks, counts, axis=0)[order]
    return projects[order], NodeColumns(
        ids=ids[order],
        planned=np.ascontiguousarray(each[:, 0]),
        actual=np.ascontiguousarray(each[:, 1]),
        status=each[:, 2].astype(np.int8),
    )


def _marks(planned_on: str | None, actual_on: str | None, today: date) -> tuple[int, int, int]:
    """Where a node is drawn (planned day, day reached as it stood on `today`) and its status."""
    reached = actual_on if actual_on and happened_by(actual_on, today) else None
    status = STATUSES.index(lateness(planned_on, reached, today).status)
    return _day(planned_on), _day(reached), status


def _lateness(planned_on: str | None, actual_on: str | None, today: date) -> Lateness:
    """The domain's rule on a node as it stood on `today`: reached later means not yet."""
    reached = actual_on if actual_on and happened_by(actual_on, today) else None
    return lateness(planned_on, reached, today)


def _actual_span(start: str | None, end: str | None, today: date, reached) -> tuple[int, int]:
    """The actual construction period as it stood on `today` (`reached`: whether a date had
    happened by then); under way, it runs to today."""
    if not reached(start):
        return NO_DAY, NO_DAY
    if reached(end):
        return _day(start), _day(end)
    return _day(start), today.toordinal()


@cache
def _day(iso: str | None) -> int:
    return plot_day(iso).toordinal() if iso else NO_DAY
