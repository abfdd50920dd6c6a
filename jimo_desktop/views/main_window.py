"""The main window: navigation on the left, one page per area, status of the session below.

Pages are built when first opened, so start-up pays only for the page it shows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_date
from jimo_desktop.store import settings
from jimo_desktop.store.database import is_empty
from jimo_desktop.store.project_index import ProjectIndex
from jimo_desktop.views.placeholder import PlaceholderView
from jimo_desktop.views.project_list import ProjectListView
from jimo_desktop.views.settings_view import SettingsView

APP_TITLE = "即墨区重点项目调度台"
DEMO_OFFERED = "demo_offered"


@dataclass(frozen=True)
class Area:
    name: str  # the name `screenshot --view` takes; empty while the area is not built
    label: str
    build: Callable[["MainWindow"], QWidget]


def _placeholder(label: str, description: str) -> Callable[["MainWindow"], QWidget]:
    return lambda window: PlaceholderView(label, description)


AREAS = (
    Area("projects", "项目库", lambda window: window.build_project_list()),
    Area("", "问题清单", _placeholder("问题清单", "问题、政策、服务三个清单，逾期提醒与销号。")),
    Area("", "进度调度", _placeholder("进度调度", "时间节点、工作日志、周调度与月推进。")),
    Area("", "现场督查", _placeholder("现场督查", "实地查看记录、照片与外业包。")),
    Area("", "统计图表", _placeholder("统计图表", "投资完成、开工率、四个一批等图表。")),
    Area("", "简报导出", _placeholder("简报导出", "月度通报、项目简报与督查报告 PDF。")),
    Area("settings", "设置", lambda window: window.build_settings()),
)
VIEW_NAMES = tuple(area.name for area in AREAS if area.name)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, database_path: Path, parent=None):
        super().__init__(parent)
        self.db = db
        self.database_path = database_path
        self.index = ProjectIndex(db, settings.current_year(db))
        self._pages: dict[int, QWidget] = {}
        self.project_list: ProjectListView | None = None
        self.setWindowTitle(f"{APP_TITLE} — {database_path.name}")
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(150)
        for area in AREAS:
            self.navigation.addItem(QListWidgetItem(area.label))
        self.stack = QStackedWidget()
        for _ in AREAS:
            self.stack.addWidget(QWidget())
        self.page_title = QLabel(objectName="pageTitle")
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.page_title)
        content_layout.addWidget(self.stack, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigation)
        splitter.addWidget(content)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._build_status_bar()
        self.navigation.currentRowChanged.connect(self.show_area)
        self.navigation.setCurrentRow(0)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel(f"数据库：{self.database_path}")
        self.officer_label = QLabel()
        self.date_label = QLabel()
        self.demo_badge = QLabel("演示数据", objectName="demoBadge")
        for widget in (self.database_label, self.officer_label, self.date_label, self.demo_badge):
            bar.addPermanentWidget(widget)
        self.update_status()

    def update_status(self) -> None:
        self.officer_label.setText(f"经办人：{settings.officer(self.db)}")
        self.date_label.setText(f"业务日期：{format_date(settings.today(self.db))}")
        self.demo_badge.setVisible(settings.is_demo(self.db))

    def show_area(self, row: int) -> None:
        if row not in self._pages:
            page = AREAS[row].build(self)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[row] = page
        self.stack.setCurrentIndex(row)
        self.page_title.setText(AREAS[row].label)

    def open_view(self, name: str) -> None:
        self.navigation.setCurrentRow(next(n for n, a in enumerate(AREAS) if a.name == name))

    def build_project_list(self) -> QWidget:
        self.project_list = ProjectListView(self.db, self.index)
        return self.project_list

    def build_settings(self) -> QWidget:
        view = SettingsView(self.db, str(self.database_path))
        view.officer_changed.connect(self.update_status)
        view.dictionaries_changed.connect(self.reload_data)
        return view

    def reload_data(self) -> None:
        """After a change the index cannot follow row by row (dictionaries, demo data)."""
        self.index.current_year = settings.current_year(self.db)
        self.index.reload()
        if self.project_list is not None:
            self.project_list.reload_choices()
            self.project_list.refresh()
        self.update_status()

    def offer_demo_if_empty(self) -> None:
        """First launch on an empty database: offer the demo once, never again after an answer."""
        if not is_empty(self.db) or settings.get(self.db, DEMO_OFFERED):
            return
        settings.put(self.db, DEMO_OFFERED, "1")
        answer = QMessageBox.question(
            self,
            "欢迎使用",
            "数据库里还没有项目。\n要载入演示数据（108个虚构的重点项目，业务日期2020年6月30日）"
            "先熟悉程序吗？\n演示数据会在设置和状态栏中标明。",
        )
        if answer == QMessageBox.StandardButton.Yes:
            from jimo_desktop.demo.builder import fill_demo

            fill_demo(self.db)
            self.reload_data()
