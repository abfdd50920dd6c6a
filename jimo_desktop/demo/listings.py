"""The 2020 list changing during the year, as lists do: a few 调整、增补、退出 with reasons."""

import random

from sqlite_utils import Database

from jimo_desktop.domain.project import Stage
from jimo_desktop.store.project_library import listings

YEAR = 2020
_ADJUSTED = 2  # 开工一批 projects that could not start and went back to 储备
_ADJUST_REASON = "受土地指标影响，年内难以开工，调整至储备一批"
_ADDED_REASON = "新签约落地项目，经区重点项目联席会议研究增补列入"
_WITHDRAWN_REASON = "项目投资主体变更，暂缓实施，退出年度清单"


def fill(db: Database, rng: random.Random) -> None:
    """Adjust two unstarted 开工一批 projects in April, add one in March, withdraw one in May."""
    rows = db.execute(
        "SELECT y.project_id, y.batch, p.actual_start FROM project_years y"
        " JOIN projects p ON p.id = y.project_id WHERE y.year = ? ORDER BY y.project_id",
        [YEAR],
    ).fetchall()
    unstarted = [pid for pid, batch, start in rows if batch == "started" and not start]
    reserve = [pid for pid, batch, _ in rows if batch == "reserve"]
    continuing = [pid for pid, batch, _ in rows if batch is None]
    for project_id in rng.sample(unstarted, min(_ADJUSTED, len(unstarted))):
        listings.adjust_batch(db, project_id, YEAR, Stage.RESERVE, "2020-04-20", _ADJUST_REASON)
    if reserve:
        listings.mark_added(db, rng.choice(reserve), YEAR, "2020-03-10", _ADDED_REASON)
    if continuing:
        listings.withdraw(db, rng.choice(continuing), YEAR, "2020-05-15", _WITHDRAWN_REASON)
