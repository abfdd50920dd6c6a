"""The project page's 月推进 tab: the project's light with its reasons, and its months.

Each month shows the figures reported and the rates they give; the months are entered in
the month grid (进度调度 → 月推进), not here.
"""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.lights import Colour, LightRules, progress_colour
from jimo_desktop.domain.money import format_wan
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import ProjectMonth
from jimo_desktop.store.project_library import lights
from jimo_desktop.views.common.lights import LIGHT_COLOURS, LightBadge
from jimo_desktop.views.common.live_news import ListNews
from jimo_desktop.views.common.record_table import CENTRE, RIGHT, Column, FilteredTable


def _rate(month: ProjectMonth):
    return rates.completion_rate(month.report.completed_this_year, month.annual_plan)


def _ahead(month: ProjectMonth):
    return rates.ahead_of_time_progress(
        month.report.completed_this_year, month.annual_plan, month.period
    )


COLUMNS = (
    Column("月份", lambda m: rates.period_label(m.period), lambda m: m.period, CENTRE, 90),
    Column("年度计划（万元）", lambda m: format_wan(m.annual_plan), lambda m: m.annual_plan,
           RIGHT, 130),
    Column("本年累计完成（万元）", lambda m: format_wan(m.report.completed_this_year),
           lambda m: m.report.completed_this_year, RIGHT, 150),
    Column("占年度计划", lambda m: rates.format_percent(_rate(m)), _rate, RIGHT, 80),
    Column("时序进度", lambda m: rates.format_percent(rates.time_progress(m.period)),
           lambda m: rates.time_progress(m.period), RIGHT, 70),
    Column("超时序进度", lambda m: rates.format_points(_ahead(m)), _ahead, RIGHT, 80),
    Column("开工至今累计（万元）", lambda m: format_wan(m.report.completed_since_start),
           lambda m: m.report.completed_since_start, RIGHT, 150),
    Column("形象进度", lambda m: m.report.image_progress, width=110),
    Column("纳统", lambda m: rates.statistics_text(m.report.in_statistics), align=CENTRE,
           width=60),
    Column("存在问题", lambda m: m.report.problems_noted),
)  # fmt: skip


class ProgressPanel(ListNews, QWidget):
    # The months, and what the light is judged from.
    NEWS_TABLES = frozenset({"progress_reports", "problems", "milestones", "projects"})

    def __init__(self, db: Database, project_id: int, parent=None):
        super().__init__(parent)
        self._db = db
        self._project_id = project_id
        self._rules = LightRules()
        self.badge = LightBadge()
        self.table = FilteredTable(COLUMNS, self._row_colour, "搜索形象进度、存在问题")
        years = {month.period[:4] for month in progress.project_months(db, project_id)}
        choices = [(f"{year}年", year) for year in sorted(years, reverse=True)]
        self.year = self.table.add_filter("year", "全部年度", choices)
        self.table.filters_changed.connect(self.refresh)
        hint = QLabel("按月填报请到“进度调度 → 月推进”，可整月录入和粘贴。")
        layout = QVBoxLayout(self)
        layout.addWidget(self.badge)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.refresh()

    def refresh(self) -> None:
        self._rules = lights.rules(self._db)
        self.badge.show_light(lights.project_light(self._db, self._project_id))
        months = progress.project_months(self._db, self._project_id)
        year, text = self.table.filter_values()["year"], self.table.search_text()
        shown = [
            month
            for month in months
            if (year is None or month.period.startswith(year))
            and (not text or text in month.report.image_progress + month.report.problems_noted)
        ]
        self.table.set_rows(shown, f"共 {len(shown)} 个月的进度")

    def _row_colour(self, month: ProjectMonth) -> QColor | None:
        ahead = _ahead(month)
        colour = Colour.GREEN if ahead is None else progress_colour(ahead, self._rules)
        return None if colour is Colour.GREEN else LIGHT_COLOURS[colour].darker(120)
