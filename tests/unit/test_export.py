"""The project list as the bureau's standard sheet, and any list through export_table,
read back with openpyxl as an office would open them."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.progress import completion_rate
from jimo_desktop.domain.project import Project, Stage, YearListing
from jimo_desktop.excel.export import (
    PROGRESS_COLUMNS,
    PROJECT_COLUMNS,
    export_table,
    write_project_list,
)
from jimo_desktop.excel.sheet_format import FIRST_DATA_ROW, HEADER_ROW
from jimo_desktop.store import dictionaries, records
from jimo_desktop.store.project_library import export_queries, projects
from jimo_desktop.store.project_library.project_index import ProjectFilter, ProjectKind
from tests.engines import ENGINES, built_database, opened_copy
from tests.unit.xlsx_cells import evaluated, is_totals_formula, printed_body_points

YEAR, PERIOD = 2020, "2020-06"
PROJECT_HEADERS = [column.header for column in PROJECT_COLUMNS]
PROGRESS_HEADERS = [column.header for column in PROGRESS_COLUMNS]


def _fill(db) -> None:
    fill_demo(db, project_count=30)
    with db.atomic():
        db.execute("DELETE FROM progress_reports WHERE period = ?", [PERIOD])


@pytest.fixture(scope="module", params=ENGINES)
def built_demo(request, tmp_path_factory) -> str:
    return built_database(request, tmp_path_factory.mktemp("export"), _fill)


@pytest.fixture
def demo(request, built_demo, tmp_path):
    """The demo without its reports of PERIOD, which each test states itself."""
    with opened_copy(request, built_demo, tmp_path) as db:
        yield db


def listed_ids(db, year=YEAR) -> list[int]:
    rows = db.execute(
        "SELECT project_id FROM project_years JOIN projects ON id = project_id"
        " WHERE year = ? AND deleted_at IS NULL"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30')",  # none withdrawn by today
        [year],
    ).fetchall()
    return [row[0] for row in rows]


def report(db, project_id, completed, **values):
    record = {"project_id": project_id, "period": PERIOD, "completed_this_year": completed}
    records.insert(db, "progress_reports", record | values)


def export(db, tmp_path, period=None, wanted=None, by_batch=False):
    listing = export_queries.project_export(db, YEAR, wanted or ProjectFilter(year=YEAR), period)
    path = write_project_list(tmp_path / "list.xlsx", listing, by_batch=by_batch)
    return listing, load_workbook(path)


def headers(sheet) -> list[str]:
    return [cell.value.replace("\n", "") for cell in sheet[HEADER_ROW] if cell.value]


def column_of(sheet, header: str) -> int:
    return headers(sheet).index(header) + 1


def data_rows(sheet, count: int):
    return range(FIRST_DATA_ROW, FIRST_DATA_ROW + count)


def test_the_sheet_has_the_title_unit_and_date_line_and_the_standard_headers(demo, tmp_path):
    _, book = export(demo, tmp_path)
    sheet = book["项目清单"]
    assert sheet["A1"].value == "2020年即墨区重点项目清单"
    assert sheet["A2"].value == "填报单位：即墨区发展和改革局"
    assert "填报日期：2020年6月30日" in [cell.value for cell in sheet[2]]
    assert headers(sheet) == PROJECT_HEADERS
    for required in (
        "序号",
        "项目名称",
        "区位",
        "建设单位",
        "所属产业",
        "建设性质",
        "总投资（万元）",
        "年度计划投资（万元）",
        "计划开工时间",
        "计划竣工时间",
        "责任单位",
        "责任人",
    ):
        assert required in headers(sheet)


def test_every_project_listed_in_the_year_is_one_numbered_row(demo, tmp_path):
    listing, book = export(demo, tmp_path)
    sheet = book.active
    count = len(listed_ids(demo))
    assert len(listing.lines) == count
    assert [sheet.cell(row, 1).value for row in data_rows(sheet, count)] == list(
        range(1, count + 1)
    )
    names = {sheet.cell(row, column_of(sheet, "项目名称")).value for row in data_rows(sheet, count)}
    assert names == {projects.get(demo, pid).name for pid in listed_ids(demo)}


def test_rows_are_ordered_by_unit_as_submissions_are(demo, tmp_path):
    listing, _ = export(demo, tmp_path)
    order = [entry.name for entry in dictionaries.entries(demo, "units")]
    positions = [order.index(line.unit) for line in listing.lines]
    assert positions == sorted(positions)


def test_amounts_read_back_to_the_cent_with_the_amount_format(demo, tmp_path):
    listing, book = export(demo, tmp_path)
    sheet = book.active
    total_column = column_of(sheet, "总投资（万元）")
    for row, line in zip(data_rows(sheet, len(listing.lines)), listing.lines, strict=True):
        cell = sheet.cell(row, total_column)
        assert round(cell.value * 100) == line.total_investment
        assert cell.number_format == "#,##0.00"


def test_the_totals_row_is_exact_to_the_cent(demo, tmp_path):
    listing, book = export(demo, tmp_path)
    sheet = book.active
    totals_row = FIRST_DATA_ROW + len(listing.lines)
    assert sheet.cell(totals_row, 1).value == "合计"
    total = demo.execute(
        "SELECT SUM(total_investment) FROM projects WHERE id IN"
        f" ({','.join(map(str, listed_ids(demo)))})"
    ).fetchone()[0]
    plan = demo.execute(
        "SELECT SUM(annual_plan) FROM project_years WHERE year = ?"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30')",
        [YEAR],
    )
    total_column = column_of(sheet, "总投资（万元）")
    assert sheet.cell(totals_row, total_column).value.startswith("=SUM(")  # as officers check it
    assert round(evaluated(sheet, totals_row, total_column) * 100) == total
    annual = evaluated(sheet, totals_row, column_of(sheet, "年度计划投资（万元）"))
    assert round(annual * 100) == plan.fetchone()[0]


def test_dates_are_written_as_chinese_year_and_month(demo, tmp_path):
    listing, book = export(demo, tmp_path)
    sheet = book.active
    cell = sheet.cell(FIRST_DATA_ROW, column_of(sheet, "计划开工时间"))
    assert cell.value == format_partial_date(listing.lines[0].planned_start)
    assert cell.value.endswith("月")
    assert cell.data_type == "s"


def test_print_settings_of_the_project_sheet(demo, tmp_path):
    _, book = export(demo, tmp_path)
    sheet = book.active
    assert sheet.page_setup.orientation == "landscape"
    assert printed_body_points(sheet) >= 9
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.freeze_panes == "C4"  # 序号 and 项目名称 stay in view
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_a_period_adds_the_month_s_progress_columns(demo, tmp_path):
    first, second = listed_ids(demo)[:2]
    report(
        demo,
        first,
        1_234_567,
        image_progress="主体封顶",
        problems_noted="土地指标未落实",
    )
    report(demo, second, 50_000)
    with demo.atomic():  # 纳统 lives on the project: counted from May, the other never
        demo.execute(
            "UPDATE projects SET in_statistics = 1, statistics_date = '2020-05' WHERE id = ?",
            [first],
        )
        demo.execute("UPDATE projects SET in_statistics = 0 WHERE id = ?", [second])
    listing, book = export(demo, tmp_path, period=PERIOD)
    sheet = book.active
    assert sheet["A1"].value == "2020年1-6月即墨区重点项目推进情况表"
    assert headers(sheet) == PROJECT_HEADERS + PROGRESS_HEADERS
    row = FIRST_DATA_ROW + [line.name for line in listing.lines].index(
        projects.get(demo, first).name
    )
    line = listing.lines[row - FIRST_DATA_ROW]
    assert round(sheet.cell(row, column_of(sheet, "累计完成投资（万元）")).value * 100) == 1_234_567
    rate = sheet.cell(row, column_of(sheet, "占年度计划（%）")).value
    assert Decimal(str(rate)) == completion_rate(1_234_567, line.annual_plan)
    assert sheet.cell(row, column_of(sheet, "形象进度")).value == "主体封顶"
    assert sheet.cell(row, column_of(sheet, "存在问题")).value == "土地指标未落实"
    assert sheet.cell(row, column_of(sheet, "是否纳统")).value == "是"
    assert sheet.cell(row, column_of(sheet, "纳统时间")).value == "2020年5月"
    other = FIRST_DATA_ROW + [line.name for line in listing.lines].index(
        projects.get(demo, second).name
    )
    assert sheet.cell(other, column_of(sheet, "是否纳统")).value == "否"
    assert sheet.cell(other, column_of(sheet, "纳统时间")).value is None


def test_a_past_month_exports_the_statistics_flag_as_it_stood_then(demo, tmp_path):
    first = listed_ids(demo)[0]
    with demo.atomic():
        demo.execute(
            "UPDATE projects SET in_statistics = 1, statistics_date = '2020-05-12' WHERE id = ?",
            [first],
        )
    name = projects.get(demo, first).name
    for period, expected in (("2020-04", ("否", None)), ("2020-05", ("是", "2020年5月12日"))):
        listing = export_queries.project_export(demo, YEAR, ProjectFilter(year=YEAR), period)
        book = load_workbook(write_project_list(tmp_path / f"{period}.xlsx", listing))
        sheet = book.active
        row = FIRST_DATA_ROW + [line.name for line in listing.lines].index(name)
        cells = (column_of(sheet, "是否纳统"), column_of(sheet, "纳统时间"))
        assert tuple(sheet.cell(row, column).value for column in cells) == expected


def test_a_project_without_a_report_has_blank_progress(demo, tmp_path):
    _, book = export(demo, tmp_path, period=PERIOD)
    sheet = book.active
    assert sheet.cell(FIRST_DATA_ROW, column_of(sheet, "累计完成投资（万元）")).value is None
    assert sheet.cell(FIRST_DATA_ROW, column_of(sheet, "占年度计划（%）")).value is None


def test_the_totals_row_rate_is_completed_over_planned_of_the_whole_list(demo, tmp_path):
    ids = listed_ids(demo)
    report(demo, ids[0], 300_000)
    report(demo, ids[1], 200_000)
    listing, book = export(demo, tmp_path, period=PERIOD)
    sheet = book.active
    totals_row = FIRST_DATA_ROW + len(listing.lines)
    plan = sum(line.annual_plan or 0 for line in listing.lines)
    rate = evaluated(sheet, totals_row, column_of(sheet, "占年度计划（%）"))
    assert Decimal(str(rate)) == completion_rate(500_000, plan)
    completed = evaluated(sheet, totals_row, column_of(sheet, "累计完成投资（万元）"))
    assert round(completed * 100) == 500_000


def test_a_project_name_that_looks_like_a_formula_stays_text(demo, tmp_path):
    unit = dictionaries.entries(demo, "units")[0].id
    industry = dictionaries.entries(demo, "industries")[0].id
    hostile = Project(
        name="=cmd|' /C calc'!A0",
        unit_id=unit,
        industry_id=industry,
        builder="@SUM(1)",
        years=[YearListing(YEAR)],
    )
    projects.save(demo, hostile)
    _, book = export(demo, tmp_path)
    sheet = book.active
    cells = [cell for row in sheet.iter_rows(min_row=FIRST_DATA_ROW) for cell in row]
    formulas = [
        cell.coordinate
        for cell in cells
        if cell.data_type == "f" and not is_totals_formula(cell.column_letter, cell.row, cell.value)
    ]
    assert formulas == []
    assert "=cmd|' /C calc'!A0" in [cell.value for cell in cells]


def test_a_deleted_project_is_not_exported(demo, tmp_path):
    gone = listed_ids(demo)[0]
    name = projects.get(demo, gone).name
    projects.delete(demo, gone)
    listing, _ = export(demo, tmp_path)
    assert name not in [line.name for line in listing.lines]


def test_a_unit_filter_names_the_unit_in_title_and_unit_line(demo, tmp_path):
    unit = dictionaries.entries(demo, "units")[0]
    wanted = ProjectFilter(year=YEAR, unit_id=unit.id, kind=ProjectKind.GOVERNMENT)
    listing, book = export(demo, tmp_path, wanted=wanted)
    assert book.active["A1"].value == f"2020年{unit.name}政府投资项目清单"
    assert book.active["A2"].value == f"填报单位：{unit.name}"
    assert {line.unit for line in listing.lines} <= {unit.name}


def test_project_lines_keep_the_order_they_are_asked_in(demo):
    ids = listed_ids(demo)[:5][::-1]
    lines = export_queries.project_lines(demo, ids, YEAR)
    assert [line.name for line in lines] == [projects.get(demo, pid).name for pid in ids]


def test_by_batch_puts_each_batch_on_its_own_numbered_and_totalled_sheet(demo, tmp_path):
    listing, book = export(demo, tmp_path, by_batch=True)
    started = [line for line in listing.lines if line.stage is Stage.STARTED]
    sheet = book["开工一批"]
    assert sheet["A1"].value == "2020年即墨区重点项目清单（开工一批）"
    assert sheet.cell(FIRST_DATA_ROW + len(started) - 1, 1).value == len(started)
    assert sheet.cell(FIRST_DATA_ROW + len(started), 1).value == "合计"
    present = {line.stage for line in listing.lines}
    assert len(book.sheetnames) == len(present)


def test_a_year_without_projects_gives_a_sheet_with_headers_only(demo, tmp_path):
    listing = export_queries.project_export(demo, 2031, ProjectFilter(year=2031))
    book = load_workbook(write_project_list(tmp_path / "empty.xlsx", listing))
    assert listing.lines == []
    assert headers(book.active) == PROJECT_HEADERS


def test_export_table_writes_any_list_with_amounts_as_numbers_and_a_total(tmp_path):
    rows = [["土地指标未落实", "区自然资源局", 150_000], ["=1+1", "", None]]
    headings = ["问题", "责任单位", "金额（万元）"]
    path = export_table(
        tmp_path / "problems.xlsx",
        "问题清单",
        headings,
        rows,
        amount_columns={"金额（万元）"},
        totals=True,
    )
    sheet = load_workbook(path)["问题清单"]
    assert sheet["A1"].value == "问题清单"
    assert headers(sheet) == ["问题", "责任单位", "金额（万元）"]
    assert sheet.cell(FIRST_DATA_ROW, 3).value == 1500
    assert sheet.cell(FIRST_DATA_ROW, 3).number_format == "#,##0.00"
    assert sheet.cell(FIRST_DATA_ROW + 1, 1).data_type == "s"
    assert sheet.cell(FIRST_DATA_ROW + 2, 1).value == "合计"
    assert sheet.cell(FIRST_DATA_ROW + 2, 3).value == "=SUM(C4:C5)"
    assert evaluated(sheet, FIRST_DATA_ROW + 2, 3) == 1500
    assert sheet.print_title_rows == "$3:$3"


def test_a_list_of_every_year_is_titled_without_a_year(demo):
    assert export_queries.title_for(demo, YEAR, ProjectFilter()) == "即墨区项目库清单"
    government = ProjectFilter(kind=ProjectKind.GOVERNMENT)
    assert export_queries.title_for(demo, YEAR, government) == "即墨区政府投资项目清单"
    assert export_queries.title_for(demo, YEAR, ProjectFilter(), PERIOD).startswith("2020年1-6月")
