"""提醒: a window beside the main one listing what needs attention today; double-click opens it.

A problem opens in its own form here; a late milestone or a missing progress report opens
the project's page, which the main window does (`project_requested`).
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_date, format_partial_date
from jimo_desktop.domain.problems import DeadlineState
from jimo_desktop.store import settings
from jimo_desktop.store.tracking import problems, reminders
from jimo_desktop.store.tracking.reminders import Reminder, ReminderKind, TodaysReminders
from jimo_desktop.views.background import read_in_background
from jimo_desktop.views.common.record_table import DEADLINE_COLOURS, Column, FilteredTable
from jimo_desktop.views.common.window_layout import open_sized
from jimo_desktop.views.tracking.problem_dialog import RecordForm, problem_form

_KIND_ORDER = tuple(ReminderKind)
_COLOURS = {
    ReminderKind.PROBLEM_OVERDUE: DEADLINE_COLOURS[DeadlineState.OVERDUE],
    ReminderKind.MILESTONE_LATE: DEADLINE_COLOURS[DeadlineState.OVERDUE],
    ReminderKind.PROBLEM_NEAR: DEADLINE_COLOURS[DeadlineState.NEAR],
}
# Beyond this many of one kind a list helps nobody; the summary gives the whole count.
SHOWN_PER_KIND = 200
COLUMNS = (
    Column("提醒", lambda r: r.kind.value, lambda r: _KIND_ORDER.index(r.kind), width=100),
    Column("项目", lambda r: r.project_name, width=260),
    Column("事项", lambda r: r.text, width=380),
    Column("时限", lambda r: format_partial_date(r.due), lambda r: r.due, width=110),
    Column("情况", lambda r: r.note),
)


class RemindersDialog(QDialog):
    # Problems and nodes falling due, and the listed projects' monthly reports.
    NEWS_TABLES = frozenset(
        {"problems", "milestones", "progress_reports", "projects", "listing_changes"}
    )
    project_requested = Signal(int)

    def __init__(
        self,
        db: Database,
        parent=None,
        can_dismiss: bool = True,
        judged: TodaysReminders | None = None,
    ):
        super().__init__(parent)
        self._db = db
        self._judged = judged or judge(db)
        self.setWindowTitle("今日提醒")
        open_sized(self, "reminders", 1000, 560)
        today = format_date(settings.today(db))
        heading = QLabel(f"业务日期 {today}，以下事项需要关注（双击或回车打开）：")
        self.table = FilteredTable(
            COLUMNS,
            lambda r: _COLOURS.get(r.kind),
            "搜索项目或事项",
            row_key=lambda r: (r.kind, r.project_id, r.record_id),
        )
        self.kind = self.table.add_filter("kind", "全部提醒", [(k.value, k) for k in ReminderKind])
        self.table.filters_changed.connect(self.refresh)
        self.table.activated.connect(self.open_item)
        # A read-only session cannot remember the choice, so it does not offer it.
        self.quiet_today = QCheckBox("今天不再自动提醒", objectName="quietToday")
        self.quiet_today.setVisible(can_dismiss)
        close = QPushButton("关闭", clicked=self.accept, default=True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.quiet_today)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.finished.connect(self._remember_choice)
        self.refresh()

    def refresh(self) -> None:
        """Show the reminders the filters let through (the list itself is judged once)."""
        wanted, text = self.kind.currentData(), self.table.search_text()
        shown = [
            r
            for r in self._judged.shown
            if (wanted is None or r.kind is wanted) and (text in r.project_name or text in r.text)
        ]
        self.table.set_rows(shown, _summary(self._judged.counts, self._judged.units_missing))

    def reload(self) -> None:
        """Judge the reminders again: a problem opened from here may have been dealt with."""
        self._judged = judge(self._db)
        self.refresh()

    def show_news(self) -> None:
        """Judged again off the GUI thread, as at opening (views/main_window.show_reminders)."""
        read_in_background(self, self._db, judge).success(self._show_judged).run_in_background()

    def _show_judged(self, judged: TodaysReminders | None) -> None:
        if judged is not None:  # None: the read was cancelled at quitting
            self._judged = judged
            with self.table.place_kept():
                self.refresh()

    def open_item(self, reminder: Reminder) -> RecordForm | None:
        if reminder.kind in (ReminderKind.PROBLEM_OVERDUE, ReminderKind.PROBLEM_NEAR):
            problem = problems.get(self._db, reminder.record_id)
            form = problem_form(self._db, problem, self)
            form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            form.accepted.connect(self.reload)
            form.open()
            return form
        self.project_requested.emit(reminder.project_id)
        return None

    def _remember_choice(self) -> None:
        if self.quiet_today.isChecked():
            reminders.dismiss_for_today(self._db)


def judge(db: Database) -> TodaysReminders:
    """Today's reminders as the dialog lists them: the most pressing of each kind."""
    return reminders.todays_reminders(db, SHOWN_PER_KIND)


def _summary(counts: dict[ReminderKind, int], units_missing: int = 0) -> str:
    text = "，".join(
        f"{kind.value}{count}项" + _units(kind, units_missing)
        for kind, count in counts.items()
        if count
    )
    text = text or "无"
    if max(counts.values(), default=0) > SHOWN_PER_KIND:
        text += f"（每类列出最紧迫的{SHOWN_PER_KIND}项，其余请在问题清单、时间表和月推进中查看）"
    return text


def _units(kind: ReminderKind, units_missing: int) -> str:
    """The missing reports counted by 区位 too: the units are whom the officer chases."""
    if kind is not ReminderKind.PROGRESS_MISSING or not units_missing:
        return ""
    return f"（{units_missing}个区位）"


def show_at_start(
    db: Database,
    parent=None,
    can_dismiss: bool = True,
    judged: TodaysReminders | None = None,
) -> RemindersDialog | None:
    """Open the reminders beside the main window, unless dismissed today or nothing is due;
    `judged`: the reminders, when judged already (`judge`)."""
    if reminders.dismissed_today(db):
        return None
    judged = judged or judge(db)
    if not judged.shown:
        return None
    dialog = RemindersDialog(db, parent, can_dismiss, judged)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
