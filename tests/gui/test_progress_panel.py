"""The project page's 月推进 tab: the light with its reasons, and the project's months."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from jimo_desktop.domain.lights import Colour, Light
from jimo_desktop.store import settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.views.common.lights import LIGHT_COLOURS, light_icon, light_sort_value
from jimo_desktop.views.progress.progress_panel import ProgressPanel
from tests.unit.progress_data import listed_project


@pytest.fixture
def lagging(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project = listed_project(db, "滞后的重点项目", plan="10000")
    months = {"2020-04": 1_000_00, "2020-05": 1_500_00, "2020-06": 1_800_00}
    for period, completed in months.items():
        progress.save_month(db, period, {project: MonthReport(completed, None, "基础施工")})
    return project


def open_panel(qtbot, db, project_id) -> ProgressPanel:
    panel = ProgressPanel(db, project_id)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_panel_shows_the_light_and_its_reasons(qtbot, db, lagging):
    panel = open_panel(qtbot, db, lagging)
    assert panel.badge.text.text() == "红灯：落后时序进度32.0个百分点（超过30个百分点）"
    assert not panel.badge.dot.pixmap().isNull()


def test_months_come_newest_first_with_their_rates(qtbot, db, lagging):
    panel = open_panel(qtbot, db, lagging)
    model = panel.table.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    first = [model.index(0, column).data() for column in range(6)]
    assert first == ["2020年6月", "10,000.00", "1,800.00", "18.0%", "50.0%", "-32.0"]
    assert [row.period for row in model.rows()] == ["2020-06", "2020-05", "2020-04"]
    assert panel.table.summary.text() == "共 3 个月的进度"


def test_lagging_months_are_coloured_as_their_light(qtbot, db, lagging):
    panel = open_panel(qtbot, db, lagging)
    model = panel.table.model
    foreground = Qt.ItemDataRole.ForegroundRole
    assert model.index(0, 0).data(foreground) == LIGHT_COLOURS[Colour.RED].darker(120)
    assert model.index(1, 0).data(foreground) == LIGHT_COLOURS[Colour.YELLOW].darker(120)


def test_year_filter_and_search_narrow_the_months(qtbot, db, lagging):
    progress.save_month(db, "2019-12", {lagging: MonthReport(9_000_00, None, "主体封顶")})
    panel = open_panel(qtbot, db, lagging)
    assert len(panel.table.model.rows()) == 4
    panel.year.setCurrentIndex(panel.year.findText("2019年"))
    assert [row.period for row in panel.table.model.rows()] == ["2019-12"]
    panel.year.setCurrentIndex(0)
    panel.table.search.setText("封顶")
    assert [row.period for row in panel.table.model.rows()] == ["2019-12"]


def test_a_project_not_listed_this_year_has_no_light(qtbot, db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project = listed_project(db, "去年的项目", year=2019)
    panel = open_panel(qtbot, db, project)
    assert "不亮灯" in panel.badge.text.text()
    assert panel.table.model.rows() == []


def test_light_icons_exist_and_sorting_puts_red_above_yellow_green_and_unlisted(qtbot):
    assert not light_icon(Colour.RED).isNull()
    values = [light_sort_value(light) for light in (None, *(Light(c) for c in Colour))]
    assert values == sorted(values)
    assert [colour for colour in Colour] == [Colour.GREEN, Colour.YELLOW, Colour.RED]
