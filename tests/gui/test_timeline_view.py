"""时间表: the filtered project list with late-node counts and the chart drawn from it."""

import random
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from jimo_desktop.demo import tracking
from jimo_desktop.domain.milestones import Status, milestone_lateness
from jimo_desktop.domain.pinyin import name_initials
from jimo_desktop.domain.project import Stage
from jimo_desktop.store import milestones, settings
from jimo_desktop.store.project_index import ProjectIndex
from jimo_desktop.views.timeline_view import TimelineView


@pytest.fixture
def tracked_db(demo_db):
    """The demo with milestones, whether or not the demo builder adds them already."""
    if not demo_db.execute("SELECT COUNT(*) FROM milestones").fetchone()[0]:
        tracking.fill(demo_db, random.Random(7), settings.today(demo_db))
    return demo_db


@pytest.fixture
def view(qtbot, tracked_db) -> TimelineView:
    index = ProjectIndex(tracked_db, settings.current_year(tracked_db))
    widget = TimelineView(tracked_db, index)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def listed_ids(view: TimelineView) -> set[int]:
    return {row.project.id for row in view.shown_rows()}


def sql_ids(db, where: str, params=()) -> set[int]:
    rows = db.execute(f"SELECT id FROM projects WHERE deleted_at IS NULL AND {where}", params)
    return {row[0] for row in rows}


def choose(view: TimelineView, name: str, data) -> None:
    combo = view.table._filters[name]
    number = combo.findData(data)
    assert number >= 0
    combo.setCurrentIndex(number)


def chart_texts(view: TimelineView) -> list[str]:
    figure = view.chart.figure
    return [text.get_text() for text in figure.axes[0].texts] if figure else []


def chart_labels(view: TimelineView) -> list[str]:
    return [tick.get_text() for tick in view.chart.figure.axes[0].get_yticklabels()]


def test_the_list_opens_on_this_years_listed_projects(view, tracked_db):
    assert view.table._filters["year"].currentText() == "2020年"
    listed = (  # the list as it stands on the demo's business day: none withdrawn by then
        "id IN (SELECT project_id FROM project_years WHERE year = 2020"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30'))"
    )
    assert listed_ids(view) == sql_ids(tracked_db, listed)


def test_unit_and_stage_filters_narrow_the_projects(view, tracked_db):
    unit_id = tracked_db.execute("SELECT unit_id FROM projects LIMIT 1").fetchone()[0]
    choose(view, "year", None)
    choose(view, "unit", unit_id)
    choose(view, "stage", Stage.STARTED)
    where = "unit_id = ? AND stage = 'started'"
    assert listed_ids(view) == sql_ids(tracked_db, where, [unit_id])


def test_late_counts_match_the_rules_and_the_late_filter_keeps_only_those(view, tracked_db):
    today = settings.today(tracked_db)
    choose(view, "year", None)
    choose(view, "late", True)
    late_projects = {node.project_id for node in milestones.late(tracked_db, today)}
    assert late_projects and listed_ids(view) == late_projects
    for row in view.shown_rows():
        expected = [
            node
            for node in milestones.for_project(tracked_db, row.project.id)
            if milestone_lateness(node, today).status is Status.LATE
        ]
        assert row.late == len(expected)
    assert view.table.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_the_chart_draws_one_row_per_listed_project_in_list_order(view):
    view.draw_chart()
    names = [row.project.name for row in view.shown_rows()]
    assert len(chart_labels(view)) == len(names)
    assert [label.rstrip("…") for label in chart_labels(view)] == [
        name[: len(label.rstrip("…"))]
        for name, label in zip(names, chart_labels(view), strict=True)
    ]
    assert "2020年项目时间表" in view.chart.figure.axes[0].get_title(loc="left")


def test_search_by_pinyin_initials_narrows_the_list_and_redraws_the_chart(qtbot, view):
    project = view.shown_rows()[0].project
    initials = name_initials(project.name)[:4]
    qtbot.keyClicks(view.table.search, initials)
    assert project.id in listed_ids(view)
    assert all(initials in name_initials(row.project.name) for row in view.shown_rows())
    qtbot.keyClicks(view.table.search, "zzzz")
    assert view.shown_rows() == []
    qtbot.waitUntil(lambda: "没有符合条件的项目" in chart_texts(view))


def test_enter_on_a_project_shows_its_roadmap_and_back_to_all(qtbot, view):
    row = view.shown_rows()[0]
    view.table.select(lambda shown: shown.project.id == row.project.id)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.table.setFocus()
    qtbot.keyClick(view.table.table, Qt.Key.Key_Return)
    assert chart_labels(view) == [node.name for node in row.schedule.milestones]
    assert view.all_button.isEnabled()
    view.all_button.click()
    assert len(chart_labels(view)) == len(view.shown_rows())
    assert not view.all_button.isEnabled()


def test_the_table_model_passes_qts_model_tester(view):
    QAbstractItemModelTester(view.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    view.refresh()


def test_opening_the_main_window_and_this_view_does_not_import_matplotlib():
    code = (
        "import sys\n"
        "import jimo_desktop.views.main_window, jimo_desktop.views.timeline_view\n"
        "import jimo_desktop.views.milestones_panel, jimo_desktop.views.dispatch_view\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
