"""The tabs a saved project's page shows beside its own fields: its problems, three lists,
milestones, work log, monthly progress. Each feature adds its panel here.

A panel is built as `factory(db, project_id, parent)` and shows one project's records.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from jimo_desktop.views.inspections.inspections_view import project_inspections_panel
from jimo_desktop.views.progress.progress_panel import ProgressPanel
from jimo_desktop.views.projects.milestones_panel import MilestonesPanel
from jimo_desktop.views.projects.project_lists_panel import ProjectListsPanel
from jimo_desktop.views.projects.work_log_panel import WorkLogPanel


@dataclass(frozen=True)
class Panel:
    title: str
    factory: Callable[[Database, int, QWidget], QWidget]


PROJECT_PANELS: tuple[Panel, ...] = (
    Panel("问题与清单", ProjectListsPanel),
    Panel("时间节点", MilestonesPanel),
    Panel("工作日志", WorkLogPanel),
    Panel("月推进", ProgressPanel),
    Panel("现场督查", project_inspections_panel),
)
