"""项目库: search, filters, sorting, totals and the actions on a project, checked against SQL."""

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from jimo_desktop.domain.money import format_yi, parse_wan
from jimo_desktop.domain.pinyin import name_initials
from jimo_desktop.domain.project import Level, Stage, YearListing
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.project_index import (
    ProjectIndex,
    ProjectKind,
    Scale,
    normalise_query,
)
from jimo_desktop.views.projects.project_editor import ProjectEditor
from jimo_desktop.views.projects.project_list import ProjectListView
from jimo_desktop.views.projects.project_table_model import (
    COL_ANNUAL_PLAN,
    COL_NAME,
    COL_PLANNED_START,
    COL_TOTAL,
    SortRole,
)

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
LIVE = "deleted_at IS NULL"


@pytest.fixture
def view(qtbot, demo_db) -> ProjectListView:
    index = ProjectIndex(demo_db, settings.current_year(demo_db))
    widget = ProjectListView(demo_db, index)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_ids(view: ProjectListView) -> list[int]:
    selection = view.model.selection()
    return [selection.project_id(number) for number in range(view.model.rowCount())]


def shown_names(view: ProjectListView) -> list[str]:
    return [view.model.index(row, COL_NAME).data() for row in range(view.model.rowCount())]


def column_values(view: ProjectListView, column: int, role=SortRole) -> list:
    return [view.model.index(row, column).data(role) for row in range(view.model.rowCount())]


def sql_ids(db, where: str = "1", params=()) -> set[int]:
    rows = db.execute(f"SELECT id FROM projects WHERE {LIVE} AND ({where})", list(params))
    return {row[0] for row in rows}


def listed_in(year: int) -> str:
    """On the year's list as it stands on the demo's business day: none withdrawn by then."""
    return (
        f"id IN (SELECT project_id FROM project_years WHERE year = {int(year)}"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30'))"
    )


def choose(combo, data) -> None:
    number = combo.findData(data)
    assert number >= 0, f"{data!r} is not offered by {combo.objectName()}"
    combo.setCurrentIndex(number)


def show_all_years(view: ProjectListView) -> None:
    view.year.setCurrentIndex(0)
    assert view.year.currentText() == "全部年度"


def type_chinese(widget, text: str) -> None:
    """Chinese reaches a line edit committed by an input method, not as single key presses."""
    for character in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(character)
        QApplication.sendEvent(widget, event)


def click_header(qtbot, view: ProjectListView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def button(view: ProjectListView, text: str) -> QPushButton:
    found = [b for b in view.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, f"no single button {text}"
    return found[0]


@pytest.fixture
def answer(monkeypatch):
    """Answer the next confirmation with the given button, remembering what was asked."""
    asked: list[str] = []

    def set_answer(button):
        def question(parent, title, text, *args, **kwargs):
            asked.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "question", question)
        return asked

    return set_answer


# --- what the list shows at first ---------------------------------------------------------


def test_list_opens_on_the_current_years_listing(view, demo_db):
    assert view.year.currentData() == 2020
    assert set(shown_ids(view)) == sql_ids(demo_db, listed_in(2020))
    assert len(shown_ids(view)) == len(set(shown_ids(view)))


def test_year_filter_offers_every_listed_year(view, demo_db):
    years = {row[0] for row in demo_db.execute("SELECT DISTINCT year FROM project_years")}
    offered = [view.year.itemData(n) for n in range(1, view.year.count())]
    assert set(offered) == years
    assert offered == sorted(offered, reverse=True)
    assert [view.year.itemText(n) for n in range(1, view.year.count())] == [
        f"{year}年" for year in offered
    ]


# --- search --------------------------------------------------------------------------------


def test_typing_chinese_in_search_narrows_to_names_containing_it(view, demo_db):
    before = len(shown_ids(view))
    type_chinese(view.search, "海洋")
    assert view.search.text() == "海洋"
    names = shown_names(view)
    assert names, "demo data has projects named 海洋…"
    assert len(names) < before
    assert all("海洋" in name for name in names)
    assert set(shown_ids(view)) == sql_ids(demo_db, f"name LIKE '%海洋%' AND {listed_in(2020)}")


def test_every_further_character_narrows_the_rows_further(qtbot, view, demo_db):
    name = shown_names(view)[0]
    counts = []
    for character in name[:4]:
        type_chinese(view.search, character)
        counts.append(len(shown_names(view)))
        assert all(view.search.text() in shown for shown in shown_names(view))
    assert counts == sorted(counts, reverse=True)
    assert name in shown_names(view)


def test_pinyin_initials_find_the_projects_whose_initials_contain_them(qtbot, view, demo_db):
    show_all_years(view)
    names = {
        row[1]: row[0] for row in demo_db.execute(f"SELECT id, name FROM projects WHERE {LIVE}")
    }
    query = name_initials(sorted(names)[0])[2:6]
    expected = {
        project_id
        for name, project_id in names.items()
        if query in name_initials(name) or query in normalise_query(name)
    }
    qtbot.keyClicks(view.search, query)
    assert view.search.text() == query
    assert expected, "the query is taken from a name, so at least that name matches"
    assert set(shown_ids(view)) == expected
    assert len(expected) < len(names)


def test_pinyin_initials_ignore_letter_case(qtbot, view, demo_db):
    show_all_years(view)
    query = name_initials(shown_names(view)[0])[:3]
    qtbot.keyClicks(view.search, query)
    lower = set(shown_ids(view))
    view.search.clear()
    qtbot.keyClicks(view.search, query.upper())
    assert set(shown_ids(view)) == lower


def test_search_without_match_shows_nothing_and_clearing_shows_all_again(qtbot, view):
    before = shown_ids(view)
    qtbot.keyClicks(view.search, "zzzzqx")
    assert shown_ids(view) == []
    assert view.summary.text().startswith("共 0 个项目")
    view.search.clear()
    assert shown_ids(view) == before


# --- filters -------------------------------------------------------------------------------


def test_year_filter_shows_the_projects_listed_in_that_year(view, demo_db):
    for number in range(1, view.year.count()):
        view.year.setCurrentIndex(number)
        year = view.year.currentData()
        assert set(shown_ids(view)) == sql_ids(demo_db, listed_in(year)), year
    show_all_years(view)
    assert set(shown_ids(view)) == sql_ids(demo_db)


def test_unit_filter_shows_the_units_projects(view, demo_db):
    show_all_years(view)
    units = demo_db.execute(
        f"SELECT unit_id, COUNT(*) FROM projects WHERE {LIVE} GROUP BY unit_id ORDER BY 2 DESC"
    ).fetchall()
    for unit_id, count in units[:3]:
        choose(view.unit, unit_id)
        assert set(shown_ids(view)) == sql_ids(demo_db, "unit_id = ?", [unit_id])
        assert len(shown_ids(view)) == count


def test_unit_filter_offers_every_unit_of_the_dictionary(view, demo_db):
    names = [row[0] for row in demo_db.execute("SELECT name FROM units ORDER BY sort_order, id")]
    assert [view.unit.itemText(n) for n in range(view.unit.count())] == ["全部区位", *names]


def test_unit_filter_combines_with_the_year(view, demo_db):
    unit_id = demo_db.execute(
        f"SELECT unit_id FROM projects WHERE {LIVE} AND {listed_in(2021)} LIMIT 1"
    ).fetchone()[0]
    choose(view.year, 2021)
    choose(view.unit, unit_id)
    expected = sql_ids(demo_db, f"unit_id = ? AND {listed_in(2021)}", [unit_id])
    assert expected
    assert set(shown_ids(view)) == expected


def test_industry_filter_shows_the_industrys_projects(view, demo_db):
    show_all_years(view)
    industry_id = demo_db.execute("SELECT id FROM industries WHERE name = '交通'").fetchone()[0]
    choose(view.industry, industry_id)
    expected = sql_ids(demo_db, "industry_id = ?", [industry_id])
    assert expected
    assert set(shown_ids(view)) == expected


@pytest.mark.parametrize("stage", list(Stage))
def test_stage_filter_shows_projects_in_that_stage(view, demo_db, stage):
    show_all_years(view)
    choose(view.stage, stage)
    assert set(shown_ids(view)) == sql_ids(demo_db, "stage = ?", [stage.value])
    assert view.stage.currentText() == stage.label


def with_level(condition: str) -> str:
    return f"id IN (SELECT project_id FROM project_years WHERE {condition})"


@pytest.mark.parametrize(
    ("kind", "where"),
    [
        (ProjectKind.GOVERNMENT, "is_government = 1"),
        (ProjectKind.KEY, with_level("level IS NOT NULL")),
        (ProjectKind.KEY_PROVINCE, with_level("level = 'province'")),
        (ProjectKind.KEY_QINGDAO, with_level("level = 'qingdao'")),
        (ProjectKind.KEY_DISTRICT, with_level("level = 'district'")),
    ],
)
def test_kind_filter_over_all_years(view, demo_db, kind, where):
    show_all_years(view)
    choose(view.kind, kind)
    assert set(shown_ids(view)) == sql_ids(demo_db, where)


def test_kind_filter_within_a_year_looks_at_that_years_level(view, demo_db):
    choose(view.year, 2020)
    choose(view.kind, ProjectKind.KEY_QINGDAO)
    expected = sql_ids(demo_db, with_level("year = 2020 AND level = 'qingdao'"))
    assert expected
    assert set(shown_ids(view)) == expected


@pytest.mark.parametrize(
    ("scale", "where"),
    [
        (Scale.ABOVE_THRESHOLD, "total_investment >= 500000"),
        (Scale.BELOW_THRESHOLD, "total_investment < 500000"),
    ],
)
def test_scale_filter_splits_at_fifty_million_yuan(view, demo_db, scale, where):
    show_all_years(view)
    choose(view.scale, scale)
    expected = sql_ids(demo_db, where)
    assert expected
    assert set(shown_ids(view)) == expected


def test_filters_combine(qtbot, view, demo_db):
    show_all_years(view)
    choose(view.stage, Stage.STARTED)
    choose(view.scale, Scale.ABOVE_THRESHOLD)
    type_chinese(view.search, "青岛")
    expected = sql_ids(
        demo_db, "stage = 'started' AND total_investment >= 500000 AND name LIKE '%青岛%'"
    )
    assert set(shown_ids(view)) == expected


def test_clear_filters_resets_every_filter_and_the_search(qtbot, view, demo_db):
    default_rows = shown_ids(view)
    show_all_years(view)
    choose(view.stage, Stage.STARTED)
    choose(view.kind, ProjectKind.GOVERNMENT)
    choose(view.scale, Scale.ABOVE_THRESHOLD)
    view.unit.setCurrentIndex(3)
    view.industry.setCurrentIndex(2)
    qtbot.keyClicks(view.search, "q")
    assert shown_ids(view) != default_rows
    qtbot.mouseClick(button(view, "清除筛选"), Qt.MouseButton.LeftButton)
    for combo in (view.unit, view.industry, view.stage, view.kind, view.scale):
        assert combo.currentIndex() == 0, combo.objectName()
    assert view.year.currentData() == 2020
    assert view.search.text() == ""
    assert shown_ids(view) == default_rows


# --- sorting -------------------------------------------------------------------------------


def test_list_is_sorted_by_pinyin_of_the_name_at_first(view):
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL_NAME
    initials = [name_initials(name) for name in shown_names(view)]
    assert initials == sorted(initials)


@pytest.mark.parametrize("column", [COL_TOTAL, COL_ANNUAL_PLAN, COL_PLANNED_START])
def test_clicking_a_header_sorts_ascending_then_descending(qtbot, view, column):
    header = view.table.horizontalHeader()
    click_header(qtbot, view, column)
    assert header.sortIndicatorSection() == column
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    ascending = column_values(view, column)
    assert len(set(ascending)) > 1
    assert ascending == sorted(ascending)
    click_header(qtbot, view, column)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert column_values(view, column) == sorted(ascending, reverse=True)


def test_sorting_keeps_the_filter(qtbot, view, demo_db):
    choose(view.stage, Stage.STARTED)
    filtered = set(shown_ids(view))
    click_header(qtbot, view, COL_TOTAL)
    assert set(shown_ids(view)) == filtered


def test_sorting_keeps_the_selected_project_selected(qtbot, view):
    project_id = shown_ids(view)[5]
    view.select_project(project_id)
    click_header(qtbot, view, COL_TOTAL)
    click_header(qtbot, view, COL_TOTAL)
    assert view.selected_project_id() == project_id


# --- summary -------------------------------------------------------------------------------


def expected_summary(db, ids: set[int], year: int) -> str:
    marks = ",".join("?" * len(ids)) or "NULL"
    total = db.execute(
        f"SELECT COALESCE(SUM(total_investment), 0) FROM projects WHERE id IN ({marks})", list(ids)
    ).fetchone()[0]
    plan = db.execute(
        "SELECT COALESCE(SUM(annual_plan), 0) FROM project_years WHERE year = ?"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30')"
        f" AND project_id IN ({marks})",
        [year, *ids],
    ).fetchone()[0]
    return (
        f"共 {len(ids)} 个项目　总投资 {format_yi(total)} 亿元　"
        f"{year}年计划投资 {format_yi(plan)} 亿元"
    )


def test_summary_counts_and_totals_the_shown_projects(view, demo_db):
    ids = sql_ids(demo_db, listed_in(2020))
    assert view.summary.text() == expected_summary(demo_db, ids, 2020)


def test_summary_follows_the_filters(qtbot, view, demo_db):
    choose(view.stage, Stage.STARTED)
    type_chinese(view.search, "项目")
    ids = sql_ids(demo_db, f"stage = 'started' AND name LIKE '%项目%' AND {listed_in(2020)}")
    assert 0 < len(ids) < len(sql_ids(demo_db))
    assert view.summary.text() == expected_summary(demo_db, ids, 2020)


def test_summary_of_another_year_sums_that_years_plan(view, demo_db):
    choose(view.year, 2021)
    ids = sql_ids(demo_db, listed_in(2021))
    assert view.summary.text() == expected_summary(demo_db, ids, 2021)


def test_summary_over_all_years_sums_the_current_years_plan(view, demo_db):
    show_all_years(view)
    assert view.summary.text() == expected_summary(demo_db, sql_ids(demo_db), 2020)


# --- delete and undo -----------------------------------------------------------------------


def test_delete_asks_with_the_projects_name_and_hides_it_on_yes(view, demo_db, answer):
    project_id = shown_ids(view)[3]
    name = projects.get(demo_db, project_id).name
    asked = answer(Yes)
    view.select_project(project_id)
    view.delete_button.click()
    assert len(asked) == 1
    assert name in asked[0]
    assert project_id not in shown_ids(view)
    assert project_id not in sql_ids(demo_db)
    assert view.undo_button.isVisible()
    assert name in view.undo_note.text()
    assert view.summary.text() == expected_summary(demo_db, sql_ids(demo_db, listed_in(2020)), 2020)


def test_undo_delete_brings_the_project_back_selected(view, demo_db, answer):
    project_id = shown_ids(view)[3]
    before = shown_ids(view)
    answer(Yes)
    view.select_project(project_id)
    view.delete_button.click()
    view.undo_button.click()
    assert shown_ids(view) == before
    assert project_id in sql_ids(demo_db)
    assert view.selected_project_id() == project_id
    assert not view.undo_button.isVisible()


def test_answering_no_keeps_the_project(view, demo_db, answer):
    project_id = shown_ids(view)[3]
    before = shown_ids(view)
    asked = answer(No)
    view.select_project(project_id)
    view.delete_button.click()
    assert len(asked) == 1
    assert shown_ids(view) == before
    assert project_id in sql_ids(demo_db)
    assert not view.undo_button.isVisible()


def test_delete_without_a_selection_asks_nothing(view, demo_db):
    view.table.clearSelection()
    before = shown_ids(view)
    view.delete_button.click()  # the autouse fixture fails the test if a question is asked
    assert shown_ids(view) == before


def test_deleting_the_project_with_the_highest_id_hides_it(view, demo_db, answer):
    project_id = max(shown_ids(view))
    answer(Yes)
    view.select_project(project_id)
    view.delete_current()
    assert project_id not in shown_ids(view)


# --- after an edit -------------------------------------------------------------------------


def test_saved_edit_shows_the_new_value_and_stays_selected(qtbot, view, demo_db):
    click_header(qtbot, view, COL_TOTAL)
    project_id = shown_ids(view)[0]
    view.select_project(project_id)
    project = projects.get(demo_db, project_id)
    project = dataclasses.replace(
        project, name="改过名字的海洋项目", total_investment=parse_wan("999999")
    )
    projects.save(demo_db, project)
    view._after_save(project_id)
    number = shown_ids(view).index(project_id)
    assert number == len(shown_ids(view)) - 1  # the largest total now sorts last
    assert view.model.index(number, COL_NAME).data() == "改过名字的海洋项目"
    assert view.model.index(number, COL_TOTAL).data() == "999,999.00"
    assert view.selected_project_id() == project_id


def test_edit_through_the_editor_updates_the_row(qtbot, view, demo_db):
    project_id = shown_ids(view)[2]
    view.select_project(project_id)
    view.edit_button.click()
    editor = view.findChild(ProjectEditor)
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.ui.nameEdit.setText("编辑器里改名的项目")
    editor.ui.saveButton.click()
    assert projects.get(demo_db, project_id).name == "编辑器里改名的项目"
    assert "编辑器里改名的项目" in shown_names(view)
    assert view.selected_project_id() == project_id
    editor.reject()


def test_edit_keeps_the_all_years_filter(view, demo_db):
    show_all_years(view)
    project_id = shown_ids(view)[0]
    view.select_project(project_id)
    project = projects.get(demo_db, project_id)
    projects.save(
        demo_db,
        dataclasses.replace(project, years=[YearListing(2021, Level.DISTRICT, None)]),
    )
    view._after_save(project_id)
    assert view.year.currentText() == "全部年度"
    assert view.selected_project_id() == project_id


def test_lights_arrive_after_the_list_and_filter_it(qtbot, view, demo_db):
    from jimo_desktop.domain.lights import Colour
    from jimo_desktop.store.project_library import lights
    from jimo_desktop.views.projects.project_table_model import COL_LIGHT

    expected = lights.evaluate_year(demo_db, settings.current_year(demo_db))
    model = view.model
    qtbot.waitUntil(lambda: model.index(0, COL_LIGHT).data() is not None)
    for row in range(model.rowCount()):
        project_id = model.selection().project_id(row)
        assert model.index(row, COL_LIGHT).data() == expected[project_id].colour.label
    red = {pid for pid, light in expected.items() if light.colour is Colour.RED}
    view.light.setCurrentIndex(view.light.findData(Colour.RED))
    assert set(shown_ids(view)) == red
