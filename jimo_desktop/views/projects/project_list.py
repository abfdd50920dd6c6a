"""项目库: the project table with its filters, search, totals and the actions on a project."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.lights import Colour, Light
from jimo_desktop.domain.money import format_yi
from jimo_desktop.domain.project import Project, Stage
from jimo_desktop.store import dictionaries
from jimo_desktop.store.project_library import lights, projects
from jimo_desktop.store.project_library.project_index import (
    ProjectFilter,
    ProjectIndex,
    ProjectKind,
    Scale,
)
from jimo_desktop.views.background import read_in_background
from jimo_desktop.views.common import export_actions
from jimo_desktop.views.common.keyboard import add_undo_key, search_box
from jimo_desktop.views.common.lights import LIGHT_FILTER_CHOICES
from jimo_desktop.views.common.read_only import mark_writing
from jimo_desktop.views.projects.project_table_model import (
    COL_LIGHT,
    COL_NAME,
    SORT_KEYS,
    ProjectTableModel,
)

if TYPE_CHECKING:
    from jimo_desktop.views.projects.project_editor import ProjectEditor

ALL = None
UNDO_SECONDS = 15


class ProjectListView(QWidget):
    def __init__(self, db: Database, index: ProjectIndex, parent=None):
        super().__init__(parent)
        self._db = db
        self._index = index
        self._deleted: tuple[int, str] | None = None
        self._lights: dict[int, Light] = {}
        self._lights_asked = 0
        self.model = ProjectTableModel(self)
        self._build()
        self.reload_choices()
        self.year.currentIndexChanged.connect(self.refresh_lights)
        self.refresh()
        # Judging every project's light reads progress and problems: the list shows first.
        QTimer.singleShot(0, self, self.refresh_lights)

    def _build(self) -> None:
        self.year = QComboBox(objectName="yearFilter")
        self.unit = QComboBox(objectName="unitFilter")
        self.industry = QComboBox(objectName="industryFilter")
        self.stage = filter_combo("stageFilter", "全部阶段", [(s.label, s) for s in Stage])
        self.kind = filter_combo("kindFilter", "全部类型", [(k.value, k) for k in ProjectKind])
        self.scale = filter_combo("scaleFilter", "全部规模", [(s.value, s) for s in Scale])
        self.light = filter_combo("lightFilter", "全部灯色", list(LIGHT_FILTER_CHOICES))
        self.search = search_box()
        self.search.setPlaceholderText("搜索名称或拼音首字母（如 hyswy）  Ctrl+F")
        self.search.setMinimumWidth(260)
        filters = QHBoxLayout()
        combos = (
            self.year,
            self.unit,
            self.industry,
            self.stage,
            self.kind,
            self.scale,
            self.light,
        )
        for widget in combos:
            filters.addWidget(widget)
            widget.currentIndexChanged.connect(self.refresh)
        filters.addWidget(self.search, 1)
        self.search.textChanged.connect(self.refresh)
        clear = QPushButton("清除筛选", clicked=self.clear_filters)
        filters.addWidget(clear)

        self.table = QTableView(objectName="projectTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.refresh)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((330, 110, 90, 60, 120, 150, 90, 90, 150, 70, 110, 70)):
            self.table.setColumnWidth(column, width)
        # The light is what an officer scans first: shown leftmost, kept last in the model.
        header.moveSection(COL_LIGHT, 0)
        self.table.doubleClicked.connect(self.edit_current)

        self.summary = QLabel(objectName="summary")
        self.undo_note = QLabel()
        self.undo_button = QPushButton("撤销删除", clicked=self.undo_delete)
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._hide_undo)
        add_undo_key(self, self.undo_delete)
        self._hide_undo()

        actions = QHBoxLayout()
        self.new_button = QPushButton("新建项目", clicked=self.new_project)
        self.edit_button = QPushButton("编辑", clicked=self.edit_current)
        self.copy_button = QPushButton("复制为新项目", clicked=self.duplicate_current)
        self.delete_button = QPushButton("删除", clicked=self.delete_current)
        self.import_button = QPushButton("导入Excel", clicked=self.open_import)
        self.export_button = QPushButton("导出Excel", clicked=self.export_excel)
        self.template_button = QPushButton("下载申报模板", clicked=self.save_template)
        mark_writing(self.new_button, self.copy_button, self.delete_button, self.import_button)
        buttons = (
            self.new_button,
            self.edit_button,
            self.copy_button,
            self.delete_button,
            self.import_button,
            self.export_button,
            self.template_button,
        )
        for button in buttons:
            actions.addWidget(button)
        actions.addSpacing(16)
        actions.addWidget(self.undo_note)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        actions.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._shortcuts()

    def _shortcuts(self) -> None:
        bindings = (
            (QKeySequence.StandardKey.New, self.new_project),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_current),
            (QKeySequence("Ctrl+E"), self.export_excel),
            (QKeySequence(Qt.Key.Key_Return), self.edit_current),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_current),
        )
        for sequence, slot in bindings:
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def reload_choices(self) -> None:
        fill_project_filters(self._db, self._index, self.year, self.unit, self.industry)

    def refresh_lights(self) -> None:
        """Judge every listed project again: at start, on a year change, after saves.

        Off the GUI thread (a tenth of a second per 10,000 projects); only the newest request's
        answer is shown, so a quick change of year never shows an older year's lights."""
        year = self.year.currentData() or self._index.current_year
        self._lights_asked += 1
        asked = self._lights_asked
        judge = read_in_background(self, self._db, lambda db: lights.evaluate_year(db, year))
        judge.success(lambda judged: self._show_lights(asked, judged)).run_in_background()

    def _show_lights(self, asked: int, judged: dict[int, Light]) -> None:
        if asked != self._lights_asked:
            return
        self._lights = judged
        self.model.set_lights(judged)
        self.refresh()

    def current_filter(self) -> ProjectFilter:
        # A StrEnum stored in a combo comes back as its plain string.
        colour = Colour(self.light.currentData()) if self.light.currentData() else None
        return ProjectFilter(
            ids=frozenset(lights.ids_with(self._lights, colour)) if colour else None,
            year=self.year.currentData(),
            unit_id=self.unit.currentData(),
            industry_id=self.industry.currentData(),
            stage=self.stage.currentData(),
            kind=self.kind.currentData(),
            scale=self.scale.currentData(),
            text=self.search.text(),
        )

    def refresh(self) -> None:
        chosen = self.selected_project_id()
        header = self.table.horizontalHeader()
        sort_key = SORT_KEYS.get(header.sortIndicatorSection(), SORT_KEYS[COL_NAME])
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        selection = self._index.select(self.current_filter(), sort_key, descending)
        self.model.set_rows(selection)
        self._show_summary()
        if chosen is not None:
            self.select_project(chosen)

    def _show_summary(self) -> None:
        selection = self.model.selection()
        self.summary.setText(
            f"共 {len(selection)} 个项目　总投资 {format_yi(selection.total_investment())} 亿元　"
            f"{selection.year}年计划投资 {format_yi(selection.annual_plan())} 亿元"
        )

    def clear_filters(self) -> None:
        for combo in (self.unit, self.industry, self.stage, self.kind, self.scale, self.light):
            combo.setCurrentIndex(0)
        self.year.setCurrentIndex(max(0, self.year.findData(self._index.current_year)))
        self.search.clear()

    def selected_project_id(self) -> int | None:
        selection = self.model.selection()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if selection is None or not rows:
            return None
        return selection.project_id(rows[0].row())

    def select_project(self, project_id: int) -> None:
        number = self.model.selection().number_of(project_id)
        if number is not None:
            self.table.selectRow(number)
            self.table.scrollTo(self.model.index(number, 0))

    def new_project(self) -> None:
        self._open_editor(Project(name="", unit_id=self.unit.currentData()))

    def edit_current(self) -> None:
        project_id = self.selected_project_id()
        if project_id is not None:
            self._open_editor(projects.get(self._db, project_id))

    def duplicate_current(self) -> None:
        project_id = self.selected_project_id()
        if project_id is not None:
            self._open_editor(projects.duplicate(self._db, project_id))

    def _open_editor(self, project: Project) -> "ProjectEditor":
        # The editor's ten tabs cost 35 ms to import: not at start, when first opened.
        from jimo_desktop.views.projects.project_editor import ProjectEditor

        editor = ProjectEditor(self._db, project, self)
        editor.saved.connect(self._after_save)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        return editor

    def _after_save(self, project_id: int) -> None:
        self._index.refresh(project_id)
        self.reload_choices()
        self.refresh()
        self.select_project(project_id)
        self.refresh_lights()

    def export_excel(self) -> None:
        export_actions.export_project_list(
            self, self._db, self.current_filter(), self.model.selection()
        )

    def save_template(self) -> None:
        export_actions.save_template_copy(self)

    def open_import(self) -> None:
        # The importer and its reader cost 60 ms to import: not at start, when first used.
        from jimo_desktop.views.exchange.import_dialog import ImportDialog

        dialog = ImportDialog(self._db, self)
        dialog.imported.connect(self._after_import)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _after_import(self, project_ids: list[int]) -> None:
        """An import may bring thousands of projects: read the list again, not one by one."""
        self._index.reload()
        self.reload_choices()
        self.refresh()
        self.refresh_lights()

    def delete_current(self) -> None:
        project_id = self.selected_project_id()
        if project_id is None:
            return
        name = projects.get(self._db, project_id).name
        answer = QMessageBox.question(
            self,
            "删除项目",
            f"删除项目“{name}”？\n删除后可立即撤销；项目的历史记录会保留。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        projects.delete(self._db, project_id)
        self._index.refresh(project_id)
        self.refresh()
        self._deleted = (project_id, name)
        self.undo_note.setText(f"已删除“{name}”")
        self.undo_note.show()
        self.undo_button.show()
        self._undo_timer.start()

    def undo_delete(self) -> None:
        if self._deleted is None:
            return
        project_id, _ = self._deleted
        projects.restore(self._db, project_id)
        self._index.refresh(project_id)
        self._hide_undo()
        self.refresh()
        self.select_project(project_id)

    def _hide_undo(self) -> None:
        self._deleted = None
        self.undo_note.hide()
        self.undo_button.hide()


def fill_project_filters(
    db: Database, index: ProjectIndex, year: QComboBox, unit: QComboBox, industry: QComboBox
) -> None:
    """Fill the year, unit and industry filters from the data; keeps what was chosen."""
    years = [(f"{number}年", number) for number in sorted(index.years(), reverse=True)]
    # Until there are years to choose from, the current year is the sensible default.
    keep_year = year.currentData() if year.count() > 1 else index.current_year
    refill_combo(year, "全部年度", years, keep_year)
    units = [(e.name, e.id) for e in dictionaries.entries(db, "units")]
    refill_combo(unit, "全部区位", units, unit.currentData())
    industries = [(e.name, e.id) for e in dictionaries.entries(db, "industries")]
    refill_combo(industry, "全部产业", industries, industry.currentData())


def filter_combo(name: str, everything: str, choices: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(objectName=name)
    refill_combo(combo, everything, choices, None)
    return combo


def refill_combo(combo: QComboBox, everything: str, choices, keep) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, ALL)
    for label, data in choices:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
    combo.blockSignals(False)
