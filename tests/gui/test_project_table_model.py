"""ProjectTableModel: a well-behaved Qt model whose cells speak the officers' formats."""

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from jimo_desktop.domain.money import parse_wan
from jimo_desktop.domain.project import Level, Project, Stage, YearListing
from jimo_desktop.store import dictionaries
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.project_index import ProjectFilter, ProjectIndex, ProjectRow
from jimo_desktop.views.projects.project_table_model import (
    COL_ANNUAL_PLAN,
    COL_IN_STATISTICS,
    COL_INDUSTRY,
    COL_NAME,
    COL_PLANNED_END,
    COL_PLANNED_START,
    COL_RESPONSIBLE_UNIT,
    COL_STAGE,
    COL_TOTAL,
    COL_UNIT,
    COL_YEARS,
    ProjectTableModel,
    RowRole,
    SortRole,
)

Display = Qt.ItemDataRole.DisplayRole
YEAR = 2020


@pytest.fixture
def index(db) -> ProjectIndex:
    units = {name: id_ for id_, name in dictionaries.names_by_id(db, "units").items()}
    industries = {name: id_ for id_, name in dictionaries.names_by_id(db, "industries").items()}
    projects.save(
        db,
        Project(
            name="海洋生物医药产业园项目",
            unit_id=units["青岛蓝谷"],
            industry_id=industries["现代海洋"],
            stage=Stage.STARTED,
            total_investment=parse_wan("51489"),
            planned_start="2020-04",
            planned_end="2022-10-15",
            actual_start="2020-04-18",
            responsible_unit="区发展和改革局",
            in_statistics=True,
            years=[
                YearListing(2019, Level.DISTRICT, parse_wan("8000")),
                YearListing(YEAR, Level.QINGDAO, parse_wan("12345.6")),
            ],
        ),
    )
    projects.save(
        db,
        Project(
            name="即墨古城保护工程",
            unit_id=units["通济街道"],
            industry_id=industries["城建"],
            stage=Stage.PLANNING,
            years=[YearListing(2021, None, None)],
        ),
    )
    projects.save(
        db,
        Project(
            name="未列入年度的储备项目", unit_id=units["蓝村镇"], industry_id=industries["其他"]
        ),
    )
    return ProjectIndex(db, YEAR)


@pytest.fixture
def model(qtbot, index):
    model = ProjectTableModel()
    # Fatal: any broken invariant aborts the run instead of passing as a warning.
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.tester = tester
    return model


def cell(model: ProjectTableModel, name: str, column: int, role=Display):
    for row in range(model.rowCount()):
        if model.index(row, COL_NAME).data() == name:
            return model.index(row, column).data(role)
    raise AssertionError(f"{name} is not shown")


def test_model_without_a_selection_has_no_rows_but_all_columns(model):
    assert model.rowCount() == 0
    assert model.columnCount() == 12
    assert model.selection() is None
    assert model.data(model.index(0, 0)) is None


def test_model_stays_consistent_while_selections_change(model, index):
    everything = index.select(ProjectFilter())
    listed_2020 = index.select(ProjectFilter(year=YEAR))
    nothing = index.select(ProjectFilter(text="不存在的名称"))
    for selection, expected in ((everything, 3), (nothing, 0), (listed_2020, 1), (everything, 3)):
        model.set_rows(selection)
        assert model.rowCount() == expected
        assert model.selection() is selection
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                model.index(row, column).data(SortRole)


def test_model_reset_is_announced_to_views(qtbot, model, index):
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(index.select(ProjectFilter()))


def test_table_rows_have_no_children(model, index):
    model.set_rows(index.select(ProjectFilter()))
    parent = model.index(0, 0)
    assert model.rowCount(parent) == 0
    assert model.columnCount(parent) == 0


def test_header_texts_name_every_column_with_units(model):
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    assert headers == [
        "项目名称",
        "区位",
        "所属产业",
        "阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "计划开工",
        "计划竣工",
        "责任单位",
        "纳统",
        "列入年度",
        "灯",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_cells_show_amounts_with_grouping_and_two_decimals(model, index):
    model.set_rows(index.select(ProjectFilter()))
    name = "海洋生物医药产业园项目"
    assert cell(model, name, COL_TOTAL) == "51,489.00"
    assert cell(model, name, COL_ANNUAL_PLAN) == "12,345.60"


def test_unknown_amounts_and_dates_show_blank(model, index):
    model.set_rows(index.select(ProjectFilter()))
    for column in (COL_TOTAL, COL_ANNUAL_PLAN, COL_PLANNED_START, COL_PLANNED_END):
        assert cell(model, "即墨古城保护工程", column) == ""


def test_cells_show_dates_in_chinese(model, index):
    model.set_rows(index.select(ProjectFilter()))
    assert cell(model, "海洋生物医药产业园项目", COL_PLANNED_START) == "2020年4月"
    assert cell(model, "海洋生物医药产业园项目", COL_PLANNED_END) == "2022年10月15日"


def test_cells_show_statistics_status_stage_and_dictionary_names(model, index):
    model.set_rows(index.select(ProjectFilter()))
    name = "海洋生物医药产业园项目"
    assert cell(model, name, COL_IN_STATISTICS) == "已纳统"
    assert cell(model, "即墨古城保护工程", COL_IN_STATISTICS) == "未纳统"
    assert cell(model, name, COL_STAGE) == "开工"
    assert cell(model, "即墨古城保护工程", COL_STAGE) == "谋划"
    assert cell(model, name, COL_UNIT) == "青岛蓝谷"
    assert cell(model, name, COL_INDUSTRY) == "现代海洋"
    assert cell(model, name, COL_RESPONSIBLE_UNIT) == "区发展和改革局"
    assert cell(model, name, COL_YEARS) == "2019、2020"
    assert cell(model, "未列入年度的储备项目", COL_RESPONSIBLE_UNIT) == ""
    assert cell(model, "未列入年度的储备项目", COL_YEARS) == ""


def test_annual_plan_follows_the_selection_year(model, index):
    model.set_rows(index.select(ProjectFilter(year=2019)))
    assert cell(model, "海洋生物医药产业园项目", COL_ANNUAL_PLAN) == "8,000.00"


def test_amounts_align_right_and_dates_centre(model, index):
    model.set_rows(index.select(ProjectFilter()))
    name = "海洋生物医药产业园项目"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert cell(model, name, COL_TOTAL, Qt.ItemDataRole.TextAlignmentRole) == right
    centre = int(Qt.AlignmentFlag.AlignCenter)
    assert cell(model, name, COL_PLANNED_START, Qt.ItemDataRole.TextAlignmentRole) == centre
    assert cell(model, name, COL_NAME, Qt.ItemDataRole.ToolTipRole) == name


def test_sort_role_gives_raw_values_not_display_text(model, index):
    model.set_rows(index.select(ProjectFilter()))
    name = "海洋生物医药产业园项目"
    assert cell(model, name, COL_TOTAL, SortRole) == 5_148_900
    assert cell(model, name, COL_ANNUAL_PLAN, SortRole) == 1_234_560
    assert cell(model, name, COL_PLANNED_START, SortRole) == "2020-04"
    assert cell(model, name, COL_PLANNED_END, SortRole) == "2022-10-15"
    assert cell(model, name, COL_IN_STATISTICS, SortRole) == 1
    assert cell(model, name, COL_STAGE, SortRole) == Stage.STARTED.value
    assert cell(model, name, COL_NAME, SortRole) == name


def test_sort_role_puts_unknown_amounts_and_dates_first(model, index):
    model.set_rows(index.select(ProjectFilter()))
    name = "即墨古城保护工程"
    assert cell(model, name, COL_TOTAL, SortRole) == -1
    assert cell(model, name, COL_ANNUAL_PLAN, SortRole) == -1
    assert cell(model, name, COL_PLANNED_START, SortRole) == ""
    assert cell(model, name, COL_IN_STATISTICS, SortRole) == 0


def test_row_role_gives_the_whole_row_of_the_selection(model, index):
    selection = index.select(ProjectFilter())
    model.set_rows(selection)
    for number in range(model.rowCount()):
        for column in (COL_NAME, COL_YEARS):
            row = model.index(number, column).data(RowRole)
            assert isinstance(row, ProjectRow)
            assert row == selection.row(number)
            assert row.id == selection.project_id(number)


def test_rows_follow_a_new_selection_not_a_cached_one(model, index):
    model.set_rows(index.select(ProjectFilter()))
    first = model.index(0, COL_NAME).data(RowRole)
    model.set_rows(index.select(ProjectFilter(), descending=True))
    assert model.index(0, COL_NAME).data(RowRole) != first
    assert model.index(model.rowCount() - 1, COL_NAME).data(RowRole) == first


def test_invalid_index_has_no_data(model, index):
    model.set_rows(index.select(ProjectFilter()))
    assert model.data(QModelIndex()) is None
    assert model.data(QModelIndex(), RowRole) is None
