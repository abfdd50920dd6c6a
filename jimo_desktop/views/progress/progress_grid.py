"""月推进: the month grid where an officer enters a whole month for many projects at once.

One row per project listed in the month's year; the figures are typed or pasted from Excel,
the rates follow each edit, bad values are marked and explained, and one save writes the
month in one transaction. The unit ranking, 开工率 and 四个一批 of the saved month sit below.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain import progress as rates
from jimo_desktop.store import dictionaries
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import GridFilter, ProgressError, SavedMeanwhile
from jimo_desktop.store.project_library import lights
from jimo_desktop.store.tracking import problems
from jimo_desktop.views.common.confirm import may_save
from jimo_desktop.views.common.keyboard import search_box
from jimo_desktop.views.common.live_news import place_kept
from jimo_desktop.views.common.read_only import mark_writing
from jimo_desktop.views.progress.progress_figures import ProgressFigures
from jimo_desktop.views.progress.progress_grid_model import (
    COL_THIS_YEAR,
    COLUMNS,
    ProgressGridModel,
)
from jimo_desktop.views.progress.progress_grid_view import ProgressGridView

MAX_NAMED = 10  # projects named in one question; a pasted month may have hundreds


class ProgressGridPage(QWidget):
    saved = Signal(str)  # the month just saved, so lights and lists elsewhere can follow
    # The reports, the listed projects (纳统 is the project's) and overdue problems (lights).
    NEWS_TABLES = frozenset({"progress_reports", "projects", "listing_changes", "problems"})

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.model = ProgressGridModel(self)
        self.grid = ProgressGridView(self.model)
        self.figures = ProgressFigures(db)
        self.news_waiting = False
        self._build()
        self._shown_period = progress.default_period(db)
        self.period.setCurrentIndex(max(0, self.period.findData(self._shown_period)))

    def _build(self) -> None:
        self.period = QComboBox(objectName="periodChooser")
        for period in progress.selectable_periods(self._db):
            self.period.addItem(rates.period_label(period), period)
        self.unit = _choices("unitFilter", "全部区位", dictionaries.entries(self._db, "units"))
        self.industry = _choices(
            "industryFilter", "全部产业", dictionaries.entries(self._db, "industries")
        )
        self.search = search_box()
        self.search.setPlaceholderText("搜索项目名称或拼音首字母")
        self.time_progress = QLabel(objectName="summary")
        period_label = QLabel("月份(&M)：")
        period_label.setBuddy(self.period)
        filters = QHBoxLayout()
        for widget in (period_label, self.period, self.unit, self.industry):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.time_progress)

        self.message = QLabel(objectName="gridMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("保存本月（Ctrl+S）", clicked=self.save)
        self.discard_button = QPushButton("放弃修改", clicked=self.discard)
        self.templates_button = QPushButton("生成调度表模板…", clicked=self.send_templates)
        self.export_button = QPushButton("导出Excel", clicked=self.export_excel)
        mark_writing(self.save_button, self.discard_button)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.templates_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.discard_button)
        actions.addWidget(self.save_button)

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(filters)
        upper_layout.addWidget(self.grid, 1)
        upper_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.figures)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._connect()

    def _connect(self) -> None:
        self.period.currentIndexChanged.connect(self._period_chosen)
        for combo in (self.unit, self.industry):
            combo.currentIndexChanged.connect(self.load_rows)
        self.search.textChanged.connect(self.load_rows)
        self.model.dataChanged.connect(self._show_state)
        self.model.modelReset.connect(self._show_state)
        self.grid.pasted.connect(lambda count: self._show_state(pasted=count))
        # Queued: the news waiting for an open cell reads once the cell has closed.
        self.grid.itemDelegate().closeEditor.connect(
            self._cell_closed, Qt.ConnectionType.QueuedConnection
        )
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)

    def showEvent(self, event) -> None:
        """Each time the page comes into view it reads the month again (an import or another
        page may have changed it), unless the officer is in the middle of entering it."""
        super().showEvent(event)
        if not self.is_dirty():
            self._open_period(self._shown_period)

    def current_period(self) -> str:
        return self._shown_period

    def export_excel(self) -> None:
        """The month's saved figures of the projects the filters show (typed edits are not
        saved yet, so they are not exported)."""
        from jimo_desktop.store.tracking.record_list_rows import progress_words
        from jimo_desktop.views.common.export_actions import export_list

        rows = [self.model.grid_row(number) for number in range(self.model.rowCount() - 1)]
        export_list(self, self._db, "progress", rows, progress_words(self._shown_period))

    def send_templates(self) -> None:
        from jimo_desktop.views.progress.template_actions import send_templates

        send_templates(self, self._db, self._shown_period)

    def is_dirty(self) -> bool:
        return self.model.edits.is_dirty()

    def has_unsaved_edits(self) -> bool:
        self._commit_open_cell()
        return self.is_dirty()

    def unsaved_edits_text(self) -> str:
        count = self.model.edits.edited_count()
        return f"月推进：{rates.period_label(self._shown_period)} {count} 个项目的填报"

    def save_edits(self) -> bool:
        return self.save()

    def discard_edits(self) -> None:
        self.model.discard_edits()

    def _commit_open_cell(self) -> None:
        """A figure typed into a cell still open counts: the window may close before Enter."""
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for editor in self.grid.viewport().findChildren(QWidget, "", direct):
            if editor.isVisible():
                self.grid.commitData(editor)
                self.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _period_chosen(self) -> None:
        chosen = self.period.currentData()
        if chosen == self._shown_period:
            return
        if self.is_dirty() and not self._confirm_discard():
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData(self._shown_period))
            self.period.blockSignals(False)
            return
        self._open_period(chosen)

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            "未保存的修改",
            f"{rates.period_label(self._shown_period)}有 {self.model.edits.edited_count()} "
            "个项目的修改尚未保存，放弃这些修改？",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _open_period(self, period: str) -> None:
        self._shown_period = period
        self.model.set_period(period)
        self.time_progress.setText(f"时序进度 {rates.format_percent(rates.time_progress(period))}")
        self._read_month()

    def _read_month(self) -> None:
        """The month's saved rows and figures; typed edits stay over them (MonthEdits keeps
        them by project and field, not by row)."""
        self.model.edits.rules = lights.rules(self._db)
        self.model.edits.overdue = problems.overdue_by_project(self._db)
        self.load_rows()
        self.figures.show_period(self._shown_period)

    def show_news(self) -> None:
        """A colleague's save shows beneath the officer's typing: the rows are read again
        and every figure typed and not yet saved stays, tinted, over them, so that a save
        then writes the colleague's figures for the cells left alone rather than older ones.
        An open cell is never closed under the officer's fingers: the news waits for it."""
        if self.grid.state() == self.grid.State.EditingState:
            self.news_waiting = True
            return
        self.news_waiting = False
        before = self.model.edits.edited_reports()
        with place_kept(self.grid, self._project_at):
            self._read_month()
        after = self.model.edits.edited_reports()
        changed = [pid for pid, report in before.items() if after.get(pid) != report]
        if changed:
            names = "、".join(self.model.edits.name_of(pid) for pid in changed[:MAX_NAMED])
            self.message.setText(f"其他同事刚保存了{names}的本月填报：您填写的格子保留，其余已更新")

    def _cell_closed(self) -> None:
        if self.news_waiting:
            self.show_news()

    def _project_at(self, number: int) -> int | None:
        row = self.model.grid_row(number)
        return row.project_id if row is not None else None

    def load_rows(self) -> None:
        """Read the rows the filters let through; the cursor stays on its project if shown."""
        current = self.grid.currentIndex()
        shown = self.model.grid_row(current.row()) if current.isValid() else None
        column = current.column() if current.isValid() else COL_THIS_YEAR
        wanted = GridFilter(
            self.unit.currentData(), self.industry.currentData(), self.search.text()
        )
        self.model.set_rows(progress.month_rows(self._db, self._shown_period, wanted))
        number = self.model.row_of(shown.project_id) if shown is not None else None
        self.grid.setCurrentIndex(self.model.index(number or 0, column))

    def _show_state(self, *_, pasted: int = 0) -> None:
        bad_cells = self.model.edits.problems()
        parts = [f"已粘贴 {pasted} 个单元格"] if pasted else []
        if self.is_dirty():
            parts.append(f"已修改 {self.model.edits.edited_count()} 个项目，尚未保存")
        if bad_cells:
            row, _, message = bad_cells[0]
            parts.append(f"有 {len(bad_cells)} 处需要修改（{row.name}：{message}）")
        self.message.setProperty("role", "error" if bad_cells else "")
        self.message.style().polish(self.message)
        self.message.setText("；".join(parts))

    def save(self) -> bool:
        """Save every edited project of the month at once, or show the first bad cell."""
        self.grid.setFocus()  # an open cell editor commits its text when it loses focus
        bad_cells = self.model.edits.problems()
        if bad_cells:
            self._go_to_problem(*bad_cells[0])
            return False
        if not self.is_dirty():
            self.message.setText("没有需要保存的修改")
            return True
        pending = self.model.edits.pending()
        if not self._cumulatives_confirmed(pending):
            self.message.setText("未保存：请核对累计完成投资")
            return False
        try:
            shown = self.model.edits.shown(pending)
            counts = progress.save_month(self._db, self._shown_period, pending, shown)
        except SavedMeanwhile as error:
            self._show_saved_meanwhile(error)
            return False
        except ProgressError as error:
            QMessageBox.warning(self, "无法保存", str(error))
            return False
        self._open_period(self._shown_period)
        self.message.setText(f"已保存{rates.period_label(self._shown_period)}：{counts.text()}")
        self.saved.emit(self._shown_period)
        return True

    def _show_saved_meanwhile(self, error: SavedMeanwhile) -> None:
        """The colleague's figures become what the grid shows beneath the officer's typing,
        which stays: saving again then means to put the typed figures over theirs."""
        self.model.edits.remember(progress.month_rows(self._db, self._shown_period))
        self.load_rows()
        kept = "您输入的数字仍保留在表中，其余数字已显示为他人保存的；请核对后再保存。"
        QMessageBox.warning(self, "未保存", f"{error.words(MAX_NAMED)}\n{kept}")
        names = "、".join(project.title for project in error.changed[:MAX_NAMED])
        self.message.setText(f"未保存：{names}的月报已由他人保存，请核对")

    def _cumulatives_confirmed(self, pending) -> bool:
        """A 1-N月累计 that falls against the months saved around it is asked about, every
        such project in one question; 取消 goes to the first of them."""
        around = progress.saved_cumulatives_around(self._db, self._shown_period, pending)
        doubts = self.model.edits.cumulative_doubts(around)
        if not doubts:
            return True
        named = [f"{row.name}：{doubt}" for row, doubt in doubts[:MAX_NAMED]]
        more = f"\n……共{len(doubts)}个项目" if len(doubts) > MAX_NAMED else ""
        question = "；\n".join(named) + more + "，确认？"
        if may_save(self, "请核对累计完成投资", question):
            return True
        self._go_to(doubts[0][0], "completed_this_year")
        return False

    def _go_to_problem(self, row, field: str, message: str) -> None:
        self._go_to(row, field)
        count = len(self.model.edits.problems())
        self.message.setText(f"有 {count} 处需要修改，未保存。{row.name}：{message}")

    def _go_to(self, row, field: str) -> None:
        number = self.model.row_of(row.project_id)
        if number is None:  # hidden by the filter: show every project again
            for combo in (self.unit, self.industry):
                combo.setCurrentIndex(0)
            self.search.clear()
            number = self.model.row_of(row.project_id)
        self.grid.go_to(number, COLUMNS[field])

    def discard(self) -> None:
        if self.is_dirty() and self._confirm_discard():
            self.model.discard_edits()


def _choices(name: str, everything: str, entries) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.addItem(everything, None)
    for entry in entries:
        combo.addItem(entry.name, entry.id)
    return combo
