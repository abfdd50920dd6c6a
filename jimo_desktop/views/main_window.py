"""The main window: navigation on the left, one page per area, status of the session below.

An area holds one page, or several shown as tabs (进度调度: 月推进, 时间表, 周调度). Each
page has the name `screenshot --view` takes. Pages are built when first opened, so
start-up pays only for the page it shows; the modules of the other pages are imported then too.
Closing the window, moving the database and restoring a backup first settle the typed work
of every built page and open dialog (views/unsaved).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_date
from jimo_desktop.store import office_news, settings
from jimo_desktop.store.database import is_empty
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.store.tracking import reminders
from jimo_desktop.store.tracking.reminders import TodaysReminders
from jimo_desktop.views.background import read_in_background
from jimo_desktop.views.common.keyboard import add_find_key, add_tab_keys
from jimo_desktop.views.common.live_news import deliver
from jimo_desktop.views.common.read_only import READ_ONLY_MARK, hide_writing
from jimo_desktop.views.common.unsaved import bring_to_front, holders_in, settle
from jimo_desktop.views.common.window_layout import restore_parts
from jimo_desktop.views.projects.project_list import ProjectListView

APP_TITLE = "即墨区重点项目调度台"
DEMO_OFFERED = "demo_offered"

Builder = Callable[["MainWindow"], QWidget]


@dataclass(frozen=True)
class Page:
    name: str  # the name `screenshot --view` takes
    label: str
    build: Builder


@dataclass(frozen=True)
class Area:
    label: str
    pages: tuple[Page, ...]


AREAS = (
    Area("项目库", (Page("projects", "项目库", lambda window: window.build_project_list()),)),
    Area("问题清单", (Page("problems", "问题清单", lambda window: window.build_problems()),)),
    Area("督办单", (Page("supervision", "督办单", lambda window: window.build_supervision()),)),
    Area(
        "进度调度",
        (
            Page("progress", "月推进", lambda window: window.build_progress_grid()),
            Page("timeline", "时间表", lambda window: window.build_timeline()),
            Page("dispatch", "周调度", lambda window: window.build_dispatch()),
            Page("submissions", "报送情况", lambda window: window.build_submissions()),
        ),
    ),
    Area("现场督查", (Page("inspections", "现场督查", lambda window: window.build_inspections()),)),
    Area("统计图表", (Page("charts", "统计图表", lambda window: window.build_charts()),)),
    Area("简报导出", (Page("briefings", "简报导出", lambda window: window.build_briefings()),)),
    Area("操作历史", (Page("history", "操作历史", lambda window: window.build_history()),)),
    Area(
        "设置",
        (
            Page("settings", "设置", lambda window: window.build_settings()),
            Page("backups", "备份与恢复", lambda window: window.build_backups()),
        ),
    ),
)
VIEW_NAMES = tuple(page.name for area in AREAS for page in area.pages)
NEWS_MS = 500  # how often a window on the office database asks what others saved
CONNECTION_LOST = "与办公室数据库的连接中断，正在重新连接……已输入的内容不受影响"
# What the project index (项目库, 时间表, pickers) holds, and what the lights are judged from;
# every other page says itself what it shows (views/common/live_news).
INDEX_TABLES = frozenset({"projects", "listing_changes"})
LIGHTS_TABLES = INDEX_TABLES | {"progress_reports", "problems", "milestones"}


class MainWindow(QMainWindow):
    def __init__(self, db: Database, database_path: Path, parent=None):
        super().__init__(parent)
        self.db = db
        self.database_path = database_path
        self.index = ProjectIndex(db, settings.current_year(db))
        self._built: set[int] = set()
        self.project_list: ProjectListView | None = None
        # Set by views/app for the running program; a window built alone is read-write
        # and cannot move its database.
        self._read_only = False
        self.switch_database: Callable[[Path], bool] | None = None
        self.setWindowTitle(f"{APP_TITLE} — {database_path.name}")
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(150)
        self.stack = QStackedWidget()
        for area in AREAS:
            self.navigation.addItem(QListWidgetItem(area.label))
            self.stack.addWidget(_area_container(area))
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
        add_find_key(self, self.current_page)
        add_tab_keys(self, self._current_tabs)
        # On the office database, what other officers save shows within a second.
        self._news = office_news.listen(db)
        if self._news is not None:
            self._news_timer = QTimer(self, interval=NEWS_MS, timeout=self._take_news)
            self._news_timer.start()

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
        container = self.stack.widget(row)
        if row not in self._built:
            self._built.add(row)
            for page in AREAS[row].pages:
                _add_page(container, page.label, page.build(self))
            restore_parts(self, container)
            if self._read_only:
                hide_writing(container)
        self.stack.setCurrentIndex(row)
        self.page_title.setText(AREAS[row].label)

    @property
    def read_only(self) -> bool:
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        """Set by views/app for the running program; a read-only window says so in its
        title and hides what writes."""
        self._read_only = value
        if value:
            if not self.windowTitle().endswith(READ_ONLY_MARK):
                self.setWindowTitle(f"{self.windowTitle()}{READ_ONLY_MARK}")
            hide_writing(self.stack)

    def _current_tabs(self) -> QTabWidget | None:
        container = self.stack.currentWidget()
        return container if isinstance(container, QTabWidget) else None

    def current_page(self) -> QWidget:
        """The page the officer sees: the current tab of a tabbed area, else the area's page."""
        container = self.stack.currentWidget()
        if isinstance(container, QTabWidget):
            return container.currentWidget()
        return container.layout().itemAt(0).widget()

    def open_view(self, name: str) -> None:
        for row, area in enumerate(AREAS):
            for tab, page in enumerate(area.pages):
                if page.name == name:
                    self.navigation.setCurrentRow(row)
                    container = self.stack.widget(row)
                    if isinstance(container, QTabWidget):
                        container.setCurrentIndex(tab)
                    return
        raise KeyError(name)

    def _take_news(self) -> None:
        """What colleagues saved since the last ask: the index first (other pages select
        through it), then the lights, then each page showing a table that changed."""
        tables = self._news.tables_changed()
        self._say_connection(self._news.connected)
        if tables & INDEX_TABLES:
            self.reload_data()
        if tables & LIGHTS_TABLES:
            self.refresh_lights()
        if tables:
            deliver(self, tables)

    def _say_connection(self, connected: bool) -> None:
        """A dropped office connection is said in the status bar until it is back."""
        if not connected:
            self.statusBar().showMessage(CONNECTION_LOST)
        elif self.statusBar().currentMessage() == CONNECTION_LOST:
            self.statusBar().clearMessage()

    def stop_news(self) -> None:
        if self._news is not None:
            self._news_timer.stop()
            self._news.close()
            self._news = None

    def closeEvent(self, event) -> None:
        """Alt+F4, the title bar's × and quitting: typed work is saved or dropped as the
        officer answers, and 取消 keeps the window open as it was."""
        if self.settle_unsaved_edits("关闭程序前保存这些修改吗？"):
            event.accept()
        else:
            event.ignore()

    def settle_unsaved_edits(self, question: str) -> bool:
        """Ask about the typed work of every page and dialog; True when the window may go on.

        A read-only window can save nothing, so it has nothing to ask.
        """
        return self.read_only or settle(self, holders_in(self), question, self.reveal)

    def reveal(self, widget: QWidget) -> None:
        """Open the page holding `widget` (a page that could not save shows why there)."""
        for row in range(self.stack.count()):
            if self.stack.widget(row).isAncestorOf(widget):
                self.navigation.setCurrentRow(row)
        bring_to_front(widget)

    def build_project_list(self) -> QWidget:
        self.project_list = ProjectListView(self.db, self.index)
        return self.project_list

    def build_problems(self) -> QWidget:
        from jimo_desktop.views.tracking.problems_view import ProblemsView

        view = ProblemsView(self.db)
        view.project_requested.connect(self.open_project)
        return view

    def build_supervision(self) -> QWidget:
        from jimo_desktop.views.tracking.supervision_view import SupervisionView

        view = SupervisionView(self.db)
        view.project_requested.connect(self.open_project)
        return view

    def open_project(self, project_id: int, tab: str = "") -> None:
        """A project's page, from a problem, a 督办单, a reminder or the 时间表 (at `tab`)."""
        from jimo_desktop.views.projects.project_editor import ProjectEditor

        editor = ProjectEditor(self.db, projects.get(self.db, project_id), self)
        editor.saved.connect(self._project_saved)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.show_tab(tab)
        editor.open()

    def _project_saved(self, project_id: int) -> None:
        self.index.refresh(project_id)
        if self.project_list is not None:
            self.project_list.refresh()

    def show_reminders(self, can_dismiss: bool = True) -> None:
        """Today's reminders beside the window, judged off the GUI thread so the window is
        usable meanwhile; nothing opens when they were dismissed today or none are due."""
        if reminders.dismissed_today(self.db):
            return
        from jimo_desktop.views.tracking import reminders_panel

        read_in_background(self, self.db, reminders_panel.judge).success(
            lambda judged: self._open_reminders(judged, can_dismiss)
        ).run_in_background()

    def _open_reminders(self, judged: TodaysReminders, can_dismiss: bool) -> None:
        from jimo_desktop.views.tracking.reminders_panel import show_at_start

        dialog = show_at_start(self.db, self, can_dismiss, judged)
        if dialog is not None:
            dialog.project_requested.connect(self.open_project)

    def build_progress_grid(self) -> QWidget:
        from jimo_desktop.views.progress.progress_grid import ProgressGridPage

        page = ProgressGridPage(self.db)
        page.saved.connect(lambda _period: self.refresh_lights())
        return page

    def build_timeline(self) -> QWidget:
        from jimo_desktop.views.timeline.page import TimelinePage

        page = TimelinePage(self.db, self.index)
        page.project_requested.connect(lambda project_id: self.open_project(project_id, "时间节点"))
        return page

    def build_dispatch(self) -> QWidget:
        from jimo_desktop.views.progress.dispatch_view import DispatchView

        return DispatchView(self.db, self.index)

    def build_submissions(self) -> QWidget:
        from jimo_desktop.views.progress.submissions_view import SubmissionsView

        return SubmissionsView(self.db)

    def build_inspections(self) -> QWidget:
        from jimo_desktop.views.inspections.inspections_view import inspections_page

        return inspections_page(self)

    def build_charts(self) -> QWidget:
        from jimo_desktop.views.briefings.charts_view import ChartsView

        return ChartsView(self.db)

    def build_briefings(self) -> QWidget:
        from jimo_desktop.views.briefings.briefings_view import BriefingsView

        return BriefingsView(self.db)

    def build_history(self) -> QWidget:
        from jimo_desktop.views.tracking.history_view import HistoryView

        view = HistoryView(self.db)
        view.restored.connect(self._record_restored)
        return view

    def _record_restored(self, table: str, row_id: int) -> None:
        if table == "projects":
            self.index.refresh(row_id)
        if self.project_list is not None:
            self.project_list.refresh()

    def refresh_lights(self) -> None:
        if self.project_list is not None:
            self.project_list.refresh_lights()

    def build_settings(self) -> QWidget:
        from jimo_desktop.views.settings.settings_view import SettingsView

        view = SettingsView(
            self.db,
            self.database_path,
            self.switch_database,
            lambda: self.settle_unsaved_edits("移动数据库前保存这些修改吗？"),
        )
        view.light_rules_changed.connect(self.refresh_lights)
        view.officer_changed.connect(self.update_status)
        view.dictionaries_changed.connect(self.reload_data)
        return view

    def build_backups(self) -> QWidget:
        from jimo_desktop.views.settings.backup_dialog import BackupPanel

        panel = BackupPanel(
            self.db,
            read_only=self.read_only,
            before_restore=lambda: self.settle_unsaved_edits("恢复备份前保存这些修改吗？"),
        )
        panel.restored.connect(self.reload_data)
        return panel

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


def _area_container(area: Area) -> QWidget:
    """Tabs for an area of several pages; a plain holder for an area of one."""
    if len(area.pages) > 1:
        return QTabWidget(documentMode=True)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder


def _add_page(container: QWidget, label: str, page: QWidget) -> None:
    if isinstance(container, QTabWidget):
        container.addTab(page, label)
    else:
        container.layout().addWidget(page)
