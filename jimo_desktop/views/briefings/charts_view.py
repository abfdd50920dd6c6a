"""统计图表: the month's charts for a chosen year, month, 区位, 产业 and search, one tab each.

The charts are the briefings' own (reports/charts.py), drawn from the same figures, so what
an officer sees here is what the bulletin prints. Each can be saved as PNG or SVG or copied
to the clipboard. matplotlib is imported when the first chart is drawn, never at start-up.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.reports.chart_catalogue import MONTHLY_CHART_TITLES
from jimo_desktop.store import dictionaries
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import GridFilter
from jimo_desktop.store.papers.briefing_facts import latest_period, monthly_facts
from jimo_desktop.views.common.figure_area import FigureArea


class ChartsView(QWidget):
    # What the month's figures are drawn from (store/papers/briefing_facts).
    NEWS_TABLES = frozenset(
        {"progress_reports", "projects", "listing_changes", "problems", "milestones"}
    )

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._facts = None
        self._drawn: set[int] = set()
        self.year = QComboBox(objectName="yearChoice")
        self.month = QComboBox(objectName="monthChoice")
        self.unit = _choice("unitFilter", "全部区位", dictionaries.entries(db, "units"))
        self.industry = _choice(
            "industryFilter", "全部产业", dictionaries.entries(db, "industries")
        )
        self.search = QLineEdit(placeholderText="项目名称或拼音首字母", clearButtonEnabled=True)
        self.scope = QLabel(objectName="summary")
        self.tabs = QTabWidget()
        self.areas = [FigureArea("正在绘制…") for _ in MONTHLY_CHART_TITLES]
        for area, (_, title, _) in zip(self.areas, MONTHLY_CHART_TITLES, strict=True):
            self.tabs.addTab(area, title)
        self._fill_years()
        self._layout()
        self._connect()
        self.refresh()

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for label, widget in (("年度", self.year), ("月份", self.month)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        for widget in (self.unit, self.industry):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.scope, 1)
        self.save_png = QPushButton("保存为 PNG…")
        self.save_svg = QPushButton("保存为 SVG…")
        self.copy = QPushButton("复制图表")
        for button in (self.save_png, self.save_svg, self.copy):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)

    def _connect(self) -> None:
        self.year.currentIndexChanged.connect(self._fill_months)
        for combo in (self.month, self.unit, self.industry):
            combo.currentIndexChanged.connect(self.refresh)
        self.search.editingFinished.connect(self.refresh)
        self.tabs.currentChanged.connect(self._draw_current)
        self.save_png.clicked.connect(lambda: self.save_current(".png"))
        self.save_svg.clicked.connect(lambda: self.save_current(".svg"))
        self.copy.clicked.connect(self.copy_current)
        shortcut = QShortcut(QKeySequence.StandardKey.Copy, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.copy_current)

    def _fill_years(self) -> None:
        """Years and months up to the business day, the month whose report is due chosen."""
        self._periods = progress.selectable_periods(self._db)
        years = sorted({period[:4] for period in self._periods}, reverse=True)
        self.year.blockSignals(True)
        for year in years:
            self.year.addItem(f"{year}年", year)
        default = latest_period(self._db)
        self.year.setCurrentIndex(max(0, self.year.findData(default[:4])))
        self.year.blockSignals(False)
        self._fill_months(select=default)

    def _fill_months(self, _index: int = 0, select: str | None = None) -> None:
        year = self.year.currentData()
        months = sorted(period for period in self._periods if period.startswith(f"{year}-"))
        self.month.blockSignals(True)
        self.month.clear()
        for period in months:
            self.month.addItem(f"{int(period[5:])}月", period)
        wanted = self.month.findData(select) if select else -1
        self.month.setCurrentIndex(wanted if wanted >= 0 else self.month.count() - 1)
        self.month.blockSignals(False)
        self.refresh()

    def period(self) -> str | None:
        return self.month.currentData()

    def wanted(self) -> GridFilter:
        return GridFilter(self.unit.currentData(), self.industry.currentData(), self.search.text())

    def refresh(self) -> None:
        """Gather the month's figures for the filters; only the chart in view is drawn now."""
        period = self.period()
        if period is None:
            return
        self._facts = monthly_facts(self._db, period, self.wanted())
        district = self._facts.district
        self.scope.setText(
            f"{self._facts.scope}：{district.listed}个重点项目，时序进度{self._facts.time_progress}%"
        )
        self._drawn.clear()
        self._draw_current()

    def show_news(self) -> None:
        """Only the chart in view is drawn again, as after a change of filter."""
        self.refresh()

    def _draw_current(self) -> None:
        number = self.tabs.currentIndex()
        if self._facts is None or number in self._drawn:
            return
        self._drawn.add(number)
        self.areas[number].show_figure(self.current_chart_figure())

    def current_chart_figure(self):
        from jimo_desktop.reports.charts import monthly_chart

        return monthly_chart(self.current_key()).draw(self._facts)

    def current_key(self) -> str:
        return MONTHLY_CHART_TITLES[self.tabs.currentIndex()][0]

    def save_current(self, suffix: str) -> None:
        from jimo_desktop.reports import charts

        title = MONTHLY_CHART_TITLES[self.tabs.currentIndex()][2]
        name = f"{self._facts.scope}{self.period()}{title}{suffix}".replace(" · ", "")
        kind = "PNG 图片 (*.png)" if suffix == ".png" else "SVG 矢量图 (*.svg)"
        path, _ = QFileDialog.getSaveFileName(self, "保存图表", name, kind)
        if not path:
            return
        target = _with_suffix(path, suffix)
        try:
            charts.save(self.areas[self.tabs.currentIndex()].figure, target)
        except OSError as error:  # safe_files says why: a full disk, a read-only folder …
            QMessageBox.warning(self, "保存图表", str(error))
            return
        self.scope.setText(f"已保存：{target}")

    def copy_current(self) -> None:
        from jimo_desktop.reports import charts

        figure = self.areas[self.tabs.currentIndex()].figure
        if figure is None:
            return
        QApplication.clipboard().setImage(QImage.fromData(charts.png_bytes(figure)))
        self.scope.setText("图表已复制，可粘贴到 Word 或 WPS")


def _choice(name: str, everything: str, entries) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.addItem(everything, None)
    for entry in entries:
        combo.addItem(entry.name, entry.id)
    return combo


def _with_suffix(path: str, suffix: str) -> Path:
    target = Path(path)
    return target if target.suffix.lower() == suffix else target.with_suffix(suffix)
