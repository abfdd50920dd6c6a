"""报送情况: each 区位's monthly 调度表 for the chosen month, 逾期 first, then 未报, then 已报
(when, for how many projects); the `submissions` command prints the same list."""

from datetime import datetime

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.submissions import State, UnitStatus, following_period, summary
from jimo_desktop.store.monthly import progress, submissions
from jimo_desktop.views.common.live_news import ListNews
from jimo_desktop.views.common.record_table import CENTRE, Column, FilteredTable

STATE_COLOURS = {State.LATE: QColor("#c0392b"), State.MISSING: QColor("#b9770e")}


def _when(status: UnitStatus) -> str:
    if status.received is None:
        return ""
    if status.received.submitted_at is None:  # entered in 月推进: the 文件 column says so
        return ""
    moment = datetime.fromisoformat(status.received.submitted_at)
    return f"{format_date(moment.date())} {moment:%H:%M}"


COLUMNS = (
    Column("区位", lambda s: s.unit, width=150),
    Column("报送情况", lambda s: str(s.state), align=CENTRE, width=90),
    Column("报送时间", _when, width=170),
    Column(
        "项目数",
        lambda s: str(s.received.project_count) if s.received else "",
        lambda s: s.received.project_count if s.received else -1,
        align=CENTRE,
        width=70,
    ),
    Column("截止日期", lambda s: format_date(s.due), width=130),
    Column("备注", lambda s: "逾期报送" if s.came_late else "", width=90),
    Column("文件", lambda s: s.received.file_name if s.received else ""),
)


class SubmissionsView(ListNews, QWidget):
    # An import's record, and a 区位 whose every listed project has the month's report.
    NEWS_TABLES = frozenset({"submissions", "progress_reports", "projects", "listing_changes"})

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.table = FilteredTable(
            COLUMNS,
            row_colour=lambda s: STATE_COLOURS.get(s.state),
            search_placeholder="搜索区位",
            row_key=lambda s: s.unit,
        )
        periods = progress.selectable_periods(db)
        following = following_period(periods[0]) if periods else None
        choices = [(rates.period_label(p), p) for p in ([following] if following else []) + periods]
        self.period = self.table.add_filter("period", "选择月份", choices)
        self.period.setCurrentIndex(max(1, self.period.findData(progress.default_period(db))))
        self.table.filters_changed.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.refresh()

    def current_period(self) -> str | None:
        return self.period.currentData()

    def refresh(self) -> None:
        period = self.current_period()
        if period is None:
            self.table.set_rows([], "请选择月份")
            return
        found = submissions.month_status(self._db, period)
        wanted = self.table.search_text()
        shown = [status for status in found if wanted in status.unit]
        self.table.set_rows(shown, summary(period, found))

    def showEvent(self, event) -> None:
        """An import elsewhere may have brought reports in: read the month again."""
        super().showEvent(event)
        self.refresh()
