"""导入Excel: choose the units' files, preview what they hold with every bad cell marked and
its reason, answer the near matches, and only then import, in one transaction.

The preview is the import's plan (excel.importer.plan_import); changing a file or an option
discards it, so that what is imported is always what was last shown. Planning reads and checks
every file, seconds for a large one, so it runs off the window's thread on its own read-only
connection, behind a progress dialog that can cancel.
"""

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.amount_words import RangeAnswer
from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.excel.importing.plan import Action, ImportPlan, ImportRefused, Kind
from jimo_desktop.store import dictionaries
from jimo_desktop.store.safekeeping.backup import BackupError
from jimo_desktop.views.background import read_in_background
from jimo_desktop.views.common.busy import busy_cursor
from jimo_desktop.views.common.record_table import FilteredTable
from jimo_desktop.views.common.window_layout import open_sized
from jimo_desktop.views.exchange.import_preview import REFUSED, preview_columns, preview_lines
from jimo_desktop.views.exchange.import_questions import QuestionsPanel

TITLE = "导入Excel"
EXCEL_FILES = "Excel 文件 (*.xlsx *.xlsm *.xls *.et);;所有文件 (*)"
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^20\d\d$")


class ImportDialog(QDialog):
    imported = Signal(list)  # ids of the projects added or changed

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._plan: ImportPlan | None = None
        self.setWindowTitle(TITLE)
        open_sized(self, "import", 1280, 760)
        self._unit_names = dictionaries.names_by_id(db, "units")
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_inputs())
        # Plain text: the messages quote names and cells from the file, which a label would
        # otherwise render as markup (a name "<a href=…>" as a link).
        self.message = QLabel(objectName="summary", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        self.details = QLabel(wordWrap=True, objectName="importDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # One table per kind, as a 调度表 shows other columns than a 申报表.
        self._previews = {kind: self._preview_table(kind) for kind in Kind}
        self.preview = self._previews[Kind.PROJECTS]
        self._stack = QStackedWidget()
        for table in self._previews.values():
            self._stack.addWidget(table)
        # A layout, not a splitter: a splitter gives a pane shown later no height at all.
        layout.addWidget(self._stack, 2)
        layout.addWidget(self.details)
        self.questions = QuestionsPanel()
        layout.addWidget(self.questions, 1)
        layout.addLayout(self._build_buttons())
        self._shortcuts()
        self.setAcceptDrops(True)  # files dragged in from the explorer, as officers do
        self._forget_plan()

    def _build_inputs(self) -> QHBoxLayout:
        self.files = QListWidget(objectName="fileList")
        self.files.setMaximumHeight(90)
        buttons = QVBoxLayout()
        buttons.addWidget(QPushButton("添加文件…", clicked=self.choose_files))
        buttons.addWidget(QPushButton("移除", clicked=self.remove_file))
        buttons.addStretch(1)
        self.preview_button = QPushButton("预览(&P)", clicked=self.make_preview)
        row = QHBoxLayout()
        row.addWidget(self.files, 2)
        row.addLayout(buttons)
        row.addLayout(self._build_options(), 1)
        row.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def _build_options(self) -> QFormLayout:
        self.kind = QComboBox(objectName="kindChoice")
        self.kind.addItem("自动识别", None)
        for kind in Kind:
            self.kind.addItem(kind.label, kind)
        self.unit = QComboBox(objectName="unitChoice")
        self.unit.addItem("按文件中的填报单位", None)
        for name in self._unit_names.values():
            self.unit.addItem(name, name)
        self.period = QLineEdit(objectName="periodEdit")
        self.period.setPlaceholderText("如 2020-06，标题已写明可不填")
        # Empty until the officer types one: a sheet that states no year is asked, never
        # filed under the clock's year.
        self.year = QLineEdit(objectName="yearEdit")
        self.year.setPlaceholderText("如 2020，表名、标题或文件名已写明可不填")
        form = QFormLayout()
        form.addRow("表格类型(&T)", self.kind)
        form.addRow("区位(&U)", self.unit)
        form.addRow("报表月份(&M)", self.period)
        form.addRow("年度(&Y)", self.year)
        # Unanswered, a range stays a problem at its cell: which end counts is the officer's.
        self.ranges = QComboBox(objectName="rangeChoice")
        self.ranges.addItem("逐个改正（不导入）", None)
        for answer in RangeAnswer:
            self.ranges.addItem(answer.label, answer)
        form.addRow("区间金额(&R)", self.ranges)
        self.ranges.currentIndexChanged.connect(self._forget_plan)
        self.kind.currentIndexChanged.connect(self._forget_plan)
        self.unit.currentIndexChanged.connect(self._forget_plan)
        self.period.textChanged.connect(self._forget_plan)
        self.year.textChanged.connect(self._forget_plan)
        return form

    def _preview_table(self, kind: Kind) -> FilteredTable:
        table = FilteredTable(preview_columns(kind), lambda line: line.colour, "搜索项目名称")
        choices = [(label, label) for label in (*(a.label for a in Action), REFUSED)]
        table.add_filter("action", "全部", choices)
        table.filters_changed.connect(self._show_lines)
        table.current_changed.connect(self._show_details)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        self.skip_bad = QCheckBox("跳过有问题的行(&K)", toggled=self._update_import_button)
        self.import_button = QPushButton("导入(&I)", clicked=self.run_import)
        close = QPushButton("关闭", clicked=self.reject)
        row = QHBoxLayout()
        row.addWidget(self.skip_bad)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(close)
        return row

    def _shortcuts(self) -> None:
        for sequence, slot in (
            (QKeySequence.StandardKey.Open, self.choose_files),
            (QKeySequence(Qt.Key.Key_F5), self.make_preview),
        ):
            QShortcut(sequence, self).activated.connect(slot)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.files)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_file)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        self.add_files([Path(url.toLocalFile()) for url in urls if url.isLocalFile()])
        event.acceptProposedAction()

    def choose_files(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        paths, _ = QFileDialog.getOpenFileNames(
            self, "选择各区位报送的Excel文件", folder, EXCEL_FILES
        )
        self.add_files([Path(path) for path in paths])

    def add_files(self, paths: list[Path]) -> None:
        shown = {self.files.item(n).text() for n in range(self.files.count())}
        for path in paths:
            if str(path) not in shown:
                self.files.addItem(str(path))
        self._forget_plan()

    def remove_file(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._forget_plan()

    def chosen_files(self) -> list[Path]:
        return [Path(self.files.item(n).text()) for n in range(self.files.count())]

    def make_preview(self) -> None:
        period = self.period.text().strip() or None
        self.period.setProperty("invalid", bool(period and not _PERIOD.match(period)))
        _restyle(self.period)
        if not self.chosen_files():
            self.message.setText("请先添加要导入的文件（Ctrl+O）。")
            return
        if period and not _PERIOD.match(period):
            self.message.setText("报表月份应为 YYYY-MM，如 2020-06。")
            return
        year = self.year.text().strip()
        self.year.setProperty("invalid", bool(year and not _YEAR.match(year)))
        _restyle(self.year)
        if year and not _YEAR.match(year):
            self.message.setText("年度应为四位数字，如 2020。")
            return
        files, unit, kind = self.chosen_files(), self.unit.currentData(), self.kind.currentData()
        given_year, ranges = int(year) if year else None, self.ranges.currentData()

        def plan(reader: Database) -> ImportPlan:
            return plan_import(
                reader, files, unit=unit, kind=kind, period=period, year=given_year, ranges=ranges
            )

        self.message.setText("正在读取和检查文件…")
        self.preview_button.setEnabled(False)
        (
            read_in_background(self, self._db, plan)
            .with_progress("正在读取和检查文件…")
            .success(self._planned)
            .failure(self._planning_failed)
            .cancelled(self._planning_cancelled)
            .run_in_background()
        )

    def _planned(self, plan: ImportPlan) -> None:
        self.preview_button.setEnabled(True)
        self._show_plan(plan)

    def _planning_failed(self, error: Exception) -> None:
        self.preview_button.setEnabled(True)
        self.message.setText(f"预览未完成：{error}")

    def _planning_cancelled(self) -> None:
        self.preview_button.setEnabled(True)
        self.message.setText("已取消预览。")

    def _show_plan(self, plan: ImportPlan) -> None:
        self._plan = plan
        only_reports = {row.kind for row in plan.rows} == {Kind.PROGRESS}
        self.preview = self._previews[Kind.PROGRESS if only_reports else Kind.PROJECTS]
        self._stack.setCurrentWidget(self.preview)
        self._show_lines()
        self.questions.ask(plan.questions())
        for widget, needed in (
            (self.unit, plan.needs_unit),
            (self.period, plan.needs_period),
            (self.year, plan.needs_year),
            (self.ranges, plan.needs_range),
        ):
            widget.setProperty("invalid", needed)
            _restyle(widget)
        self.message.setText(self._plan_message(plan))
        self._update_import_button()
        if self.import_button.isEnabled():
            self.import_button.setDefault(True)

    def _plan_message(self, plan: ImportPlan) -> str:
        problems = plan.all_problems()
        parts = [f"预览：{plan.summary()}。"]
        if plan.filings:
            parts.append(f"{plan.filed_under()}。")
        if problems:
            parts.append(
                f"有 {len(problems)} 处问题（红色），改正文件后重新预览，或选择跳过有问题的行。"
            )
        if plan.needs_unit:
            parts.append("有的表没有注明区位：请在上方选择区位后重新预览。")
        if plan.needs_period:
            parts.append("调度表没有写明月份：请填写报表月份后重新预览。")
        if plan.needs_year:
            parts.append("有的表没有写明年度：请填写年度后重新预览。")
        if plan.needs_range:
            parts.append(
                "有金额写成区间（如 5-8亿元）：请在上方选择取下限、取上限或不填后重新预览。"
            )
        if plan.questions():
            asked = len(plan.questions())
            parts.append(
                f"有 {asked} 行待确认（名称与已有项目相近、累计完成投资低于上月，"
                "或调度表中有项目库没有的项目可一并新建），"
                "请在下方逐个确认；未确认的不导入。"
            )
        return "".join(parts)

    def _show_lines(self) -> None:
        if self._plan is None:
            for table in self._previews.values():
                table.set_rows([], "")
            return
        wanted = self.preview.filter_values()["action"]
        text = self.preview.search_text()
        lines = [
            line
            for line in preview_lines(self._plan, self._unit_names)
            if (wanted is None or line.action == wanted) and (not text or text in line.name)
        ]
        self.preview.set_rows(lines, f"共 {len(lines)} 行")

    def _show_details(self, line) -> None:
        """The chosen line's reasons in full, however long: the table cuts them off."""
        if line is None or not line.remarks:
            self.details.setText("")
            return
        place = f"{line.file} “{line.sheet}”表 第{line.row}行" if line.row else line.file
        self.details.setText(f"{place}：{line.remarks}")

    def _update_import_button(self) -> None:
        plan = self._plan
        ready = plan is not None and bool(plan.rows)
        blocked = plan is not None and bool(plan.all_problems()) and not self.skip_bad.isChecked()
        self.import_button.setEnabled(ready and not blocked)

    def run_import(self) -> None:
        if not self.import_button.isEnabled():
            return
        plan = self._plan
        try:
            with busy_cursor():  # the backup first, then the rows: seconds on a large database
                report = apply_import(
                    self._db,
                    plan,
                    skip_bad_rows=self.skip_bad.isChecked(),
                    confirmed_matches=self.questions.answers(),
                )
        except ImportRefused as refused:  # a confirmed near match the kept project cannot take
            lines = "\n".join(map(str, refused.problems))
            self.message.setText(f"未导入任何数据：\n{lines}")
            return
        except BackupError as error:  # a full disk, a folder that cannot be written
            self.message.setText(f"导入前的备份没有做成，未导入任何数据：{error}")
            return
        self._plan = None
        self._update_import_button()
        self.questions.setEnabled(False)  # answered for this import; a new preview asks again
        refused = "、".join(Path(path).name for path in plan.files if path in plan.refused_files)
        self.message.setText(
            f"导入完成：{report.summary()}。" + (f"未导入的文件：{refused}。" if refused else "")
        )
        self.imported.emit(report.project_ids)

    def _forget_plan(self, *_) -> None:
        self._plan = None
        self.questions.setEnabled(True)
        self._show_lines()
        self.questions.ask([])
        self._update_import_button()
        self.preview_button.setDefault(True)
        if self.files.count():
            self.message.setText("按“预览”（F5）查看文件中的内容；预览之前不会写入任何数据。")
        else:
            self.message.setText("添加各区位报送的申报表或调度表（Ctrl+O），可一次选多个文件。")


def _restyle(widget: QWidget) -> None:
    """A dynamic property changed: the stylesheet marks the widget anew."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
