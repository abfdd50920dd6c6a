"""The year a sheet's projects are filed under, and the month a 调度表 reports, come from the
workbook: the sheet's own title, header and name, then its other sheets and its title, then
the file name, then what the officer gives. Never from the clock: every test here runs on a
business date in 2031, and nothing may land there."""

import zipfile

import pytest

from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.excel.importing.years import NO_YEAR, document_title
from jimo_desktop.excel.reading.titles import year_in
from jimo_desktop.store import settings
from tests.unit.excel.workbooks import SheetSpec, write_xls, write_xlsx

CLOCK = "2031-06-30"


@pytest.fixture(autouse=True)
def clock_in_2031(db):
    settings.put(db, settings.BUSINESS_DATE, CLOCK)


def sheet(*lines, header=("项目名称", "区位", "总投资（万元）", "年度计划投资（万元）"), rows=None):
    """Title lines, a header and one project row (its name the sheet's first line or 甲)."""
    body = rows or [["甲项目", "通济街道", 12000, 3000]]
    return [*[[line] for line in lines], list(header), *body]


def listed(db) -> dict[str, list[int]]:
    """Project name → the years it is listed in."""
    found: dict[str, list[int]] = {}
    for name, year in db.execute(
        "SELECT p.name, y.year FROM project_years y JOIN projects p ON p.id = y.project_id "
        "ORDER BY p.id, y.year"
    ):
        found.setdefault(name, []).append(year)
    return found


def problems(plan) -> list[str]:
    return [str(problem) for problem in plan.all_problems()]


def imported(db, *paths, **options):
    plan = plan_import(db, paths, **options)
    assert problems(plan) == []
    apply_import(db, plan)
    return plan


def test_the_sheet_title_gives_the_year(db, tmp_path):
    path = write_xlsx(
        tmp_path / "通济.xlsx", SheetSpec("Sheet1", sheet("即墨区2021年度重点项目表"))
    )
    plan = imported(db, path)
    assert listed(db) == {"甲项目": [2021]}
    assert plan.filed_under() == "归入2021年（取自标题）"


@pytest.mark.parametrize("header", ["计划投资（2021年）", "2021计划投资", "2021年度计划投资"])
def test_a_header_word_gives_the_year(db, tmp_path, header):
    rows = sheet(header=("项目名称", "区位", header), rows=[["甲项目", "通济街道", 3000]])
    plan = imported(db, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("Sheet1", rows)))
    assert listed(db) == {"甲项目": [2021]}
    assert plan.filed_under() == f"归入2021年（取自表头“{header}”）"


def test_the_sheet_name_gives_the_year(db, tmp_path):
    imported(db, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("2021年新开工", sheet())))
    assert listed(db) == {"甲项目": [2021]}


def test_a_sheet_without_a_year_takes_the_one_of_its_sibling(db, tmp_path):
    path = write_xlsx(
        tmp_path / "通济.xlsx",
        SheetSpec("新开工", sheet("即墨区2020年重点项目申报表")),
        SheetSpec("续建", sheet(rows=[["乙项目", "通济街道", 8000, 2000]])),
    )
    plan = imported(db, path)
    assert listed(db) == {"甲项目": [2020], "乙项目": [2020]}
    assert plan.filed_under() == (
        "归入通济.xlsx “新开工”表 2020年（取自标题），通济.xlsx “续建”表 2020年（取自“新开工”表）"
    )


def test_the_workbook_title_in_the_document_properties_gives_the_year(db, tmp_path):
    path = write_xlsx(
        tmp_path / "通济.xlsx", SheetSpec("Sheet1", sheet()), title="即墨区2020年重点项目汇总"
    )
    plan = imported(db, path)
    assert listed(db) == {"甲项目": [2020]}
    assert plan.filed_under() == "归入2020年（取自工作簿标题）"


def test_a_cover_sheet_gives_the_year_of_the_tables_after_it(db, tmp_path):
    cover = [[None], ["即墨区二〇二〇年重点项目申报材料"], ["通济街道"]]
    path = write_xls(tmp_path / "通济.xls", SheetSpec("封面", cover), SheetSpec("Sheet1", sheet()))
    imported(db, path)
    assert listed(db) == {"甲项目": [2020]}


@pytest.mark.parametrize(
    ("file_name", "year"), [("2020年重点项目申报表.xlsx", 2020), ("即墨2021重点项目.xlsx", 2021)]
)
def test_the_file_name_gives_the_year(db, tmp_path, file_name, year):
    plan = imported(db, write_xlsx(tmp_path / file_name, SheetSpec("Sheet1", sheet())))
    assert listed(db) == {"甲项目": [year]}
    assert plan.filed_under() == f"归入{year}年（取自文件名）"


def test_the_sheet_own_year_wins_over_the_workbook_and_the_file_name(db, tmp_path):
    path = write_xlsx(
        tmp_path / "2019年.xlsx", SheetSpec("2021年", sheet()), title="2020年重点项目"
    )
    imported(db, path)
    assert listed(db) == {"甲项目": [2021]}


def test_sheets_of_two_years_keep_their_own_and_a_sheet_stating_none_is_asked(db, tmp_path):
    path = write_xlsx(
        tmp_path / "通济.xlsx",
        SheetSpec("甲", sheet("2020年重点项目")),
        SheetSpec("乙", sheet("2021年重点项目", rows=[["乙项目", "通济街道", 1, 1]])),
        SheetSpec("丙", sheet(rows=[["丙项目", "通济街道", 1, 1]])),
    )
    plan = plan_import(db, [path])
    assert problems(plan) == [
        "通济.xlsx “丙”表：文件写有2020年（“甲”表）、2021年（“乙”表），年度不一；"
        "请改正文件，或指定其中之一（命令行用 --year）"
    ]
    filed = {row.name: row.year for row in plan.rows if not row.problems}
    assert filed == {"甲项目": 2020, "乙项目": 2021}


def test_a_sheet_contradicting_itself_is_asked_and_a_given_year_among_them_settles_it(db, tmp_path):
    rows = sheet("即墨区2020年重点项目", header=("项目名称", "区位", "2021年计划投资"))
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("Sheet1", rows))
    assert problems(plan_import(db, [path])) == [
        "通济.xlsx “Sheet1”表：文件写有2020年（标题）、2021年（表头“2021年计划投资”），"
        "年度不一；请改正文件，或指定其中之一（命令行用 --year）"
    ]
    imported(db, path, year=2021)
    assert listed(db) == {"甲项目": [2021]}


def test_nothing_stating_a_year_is_asked_and_the_clock_never_answers(db, tmp_path):
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("Sheet1", sheet("重点项目申报表")))
    plan = plan_import(db, [path])
    assert plan.needs_year
    assert problems(plan) == [f"通济.xlsx “Sheet1”表：{NO_YEAR}"]
    assert plan.rows[0].year is None
    assert plan.filings == []


def test_a_given_year_files_what_states_none_and_must_agree_with_what_states_one(db, tmp_path):
    silent = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("Sheet1", sheet()))
    stating = write_xlsx(tmp_path / "龙山.xlsx", SheetSpec("Sheet1", sheet("2020年重点项目")))
    assert problems(plan_import(db, [silent, stating], year=2021)) == [
        "龙山.xlsx “Sheet1”表：文件写明2020年（取自标题），与指定的年度2021年不符；"
        "请核对文件或所指定的年度"
    ]
    plan = imported(db, silent, year=2020)
    assert plan.filed_under() == "归入2020年（按指定）"
    assert listed(db) == {"甲项目": [2020]}


REPORT_HEADER = ("项目名称", "区位", "1-6月累计完成投资（万元）", "形象进度")


def report(*lines):
    return sheet(*lines, header=REPORT_HEADER, rows=[["甲项目", "通济街道", 1200, "主体封顶"]])


@pytest.fixture
def kept_project(db, tmp_path):
    imported(db, write_xlsx(tmp_path / "申报.xlsx", SheetSpec("Sheet1", sheet("2020年申报表"))))


def months_reported(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT period FROM progress_reports ORDER BY period")]


def test_a_report_naming_only_its_months_takes_the_year_of_its_file_name(
    db, tmp_path, kept_project
):
    path = write_xlsx(tmp_path / "通济2020年调度.xlsx", SheetSpec("Sheet1", report("调度表")))
    plan = imported(db, path)
    assert months_reported(db) == ["2020-06"]
    assert plan.filed_under() == (
        "归入2020年6月（年度取自文件名，月份取自表头“1-6月累计完成投资（万元）”）"
    )


def test_a_report_naming_only_its_months_asks_the_year_not_the_clock(db, tmp_path, kept_project):
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("Sheet1", report("调度表")))
    plan = plan_import(db, [path])
    assert problems(plan) == [f"通济.xlsx “Sheet1”表：{NO_YEAR}"]
    assert (plan.needs_year, plan.needs_period) == (True, False)
    imported(db, path, year=2020)
    assert months_reported(db) == ["2020-06"]


def test_a_report_without_a_month_takes_the_one_of_its_sibling_sheet(db, tmp_path, kept_project):
    path = write_xlsx(
        tmp_path / "通济.xlsx",
        SheetSpec("说明", [["2020年1-5月重点项目推进情况"], ["请各单位于6月3日前报送"]]),
        SheetSpec(
            "Sheet1",
            sheet(header=("项目名称", "区位", "累计完成投资"), rows=[["甲项目", "通济街道", 9]]),
        ),
    )
    imported(db, path)
    assert months_reported(db) == ["2020-05"]


@pytest.mark.parametrize(
    ("words", "year"),
    [
        ("即墨区2020年重点项目", 2020),
        ("即墨2021重点项目", 2021),
        ("即墨区二〇二〇年重点项目", 2020),
        ("２０２１年度", 2021),
        ("计划总投资2000万元以上项目", None),
        ("填报截止2020.7.3", None),
        ("2020-03-05", None),
        ("项目代码 20201234", None),
    ],
)
def test_what_counts_as_a_year_in_a_title_or_a_name(words, year):
    assert year_in(words) == year


def test_a_damaged_document_title_is_no_title_not_a_crash(tmp_path):
    path = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/core.xml", "<dc:title>2020年重点项目</dc:title>" * 50)
    data = bytearray(path.read_bytes())
    start = data.index(b"core.xml") + len(b"core.xml")
    data[start : start + 40] = bytes(40)  # the deflated stream, zeroed
    path.write_bytes(bytes(data))
    assert document_title(path) == ""
    assert document_title(write_xlsx(tmp_path / "好.xlsx", SheetSpec("S", []), title="甲")) == "甲"


def test_the_month_of_the_reports_gives_no_year_to_a_project_sheet(db, tmp_path, kept_project):
    stating = write_xlsx(tmp_path / "申报.xlsx", SheetSpec("Sheet1", sheet("2020年申报表")))
    silent = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("Sheet1", sheet()))
    reports = write_xlsx(tmp_path / "调度.xlsx", SheetSpec("Sheet1", report("调度表")))
    plan = plan_import(db, [stating, silent, reports], period="2021-06")
    assert problems(plan) == [f"通济.xlsx “Sheet1”表：{NO_YEAR}"]
    assert {row.period for row in plan.rows if row.period} == {"2021-06"}
