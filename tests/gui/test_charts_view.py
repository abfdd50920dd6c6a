"""统计图表: the month's charts on the demo, the filters, saving and copying a chart."""

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from jimo_desktop.views.briefings.charts_view import ChartsView
from tests.briefing_demo import fill_briefing_demo


@pytest.fixture
def view(qtbot, db):
    fill_briefing_demo(db, project_count=30)
    widget = ChartsView(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def test_it_opens_on_the_newest_month_with_reports_and_draws_the_ranking(view):
    assert (view.year.currentData(), view.period()) == ("2020", "2020-06")
    assert view.tabs.count() == 7
    figure = view.areas[0].figure
    assert figure.axes[0].get_title(loc="left") == "2020年1-6月各区位年度计划投资完成率"
    assert view.scope.text() == "全区：29个重点项目，时序进度50.0%"  # 30, one withdrawn in May


def test_a_chart_is_drawn_only_when_its_tab_is_opened(view):
    assert [area.figure is not None for area in view.areas] == [True] + [False] * 6
    view.tabs.setCurrentIndex(5)
    assert (
        view.areas[5].figure.axes[0].get_title(loc="left")
        == "2020年1-6月存在问题分类及办理情况（个）"
    )


def test_choosing_a_unit_redraws_for_that_unit(view):
    view.unit.setCurrentIndex(view.unit.findText("通济街道"))
    assert view.scope.text().startswith("通济街道：")
    names = [tick.get_text() for tick in view.areas[0].figure.axes[0].get_yticklabels()]
    assert names == ["通济街道"]


def test_another_month_has_its_own_time_schedule(view):
    view.month.setCurrentIndex(view.month.findData("2020-03"))
    assert "时序进度25.0%" in view.scope.text()


def test_a_chart_is_saved_as_png_or_svg_where_the_officer_says(view, tmp_path, monkeypatch):
    chosen = iter([str(tmp_path / "排名"), str(tmp_path / "排名.svg")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (next(chosen), ""))
    view.save_current(".png")
    view.save_current(".svg")
    assert (tmp_path / "排名.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "排名.svg").read_bytes()


def test_a_chart_is_copied_as_an_image(view):
    QApplication.clipboard().clear()
    view.copy.click()
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() > 1000
    assert "已复制" in view.scope.text()


def test_opening_the_views_module_loads_neither_matplotlib_nor_reportlab():
    code = (
        "import sys, jimo_desktop.views.briefings.charts_view;"
        "import jimo_desktop.views.briefings.briefings_view;"
        "print([m for m in ('matplotlib', 'reportlab') if m in sys.modules])"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
