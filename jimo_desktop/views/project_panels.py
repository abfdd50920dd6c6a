"""The tabs a saved project's page shows beside its own fields: its problems, three lists,
milestones, work log, monthly progress. Each feature adds its panel here.

A panel is built as `factory(db, project_id, parent)` and shows one project's records.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database


@dataclass(frozen=True)
class Panel:
    title: str
    factory: Callable[[Database, int, QWidget], QWidget]


PROJECT_PANELS: tuple[Panel, ...] = ()
