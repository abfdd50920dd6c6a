"""Importing 申报表 as units make them: every kind of mess of issue 4, re-imports, later
versions, near matches, and bad files refused whole."""

import datetime
import sqlite3
import zipfile
from pathlib import Path

import pytest

from jimo_desktop.domain.project import Level, Nature, Stage
from jimo_desktop.excel.importing.importer import ANSWER_NEW, apply_import, plan_import
from jimo_desktop.excel.importing.plan import Action, ImportRefused
from jimo_desktop.store import audit, dictionaries, settings
from jimo_desktop.store.project_library import projects
from tests.failures import fail_inserts_into
from tests.unit.excel.workbooks import (
    HEADER,
    SheetSpec,
    project_row,
    submission,
    write_encrypted_xlsx,
    write_xls,
    write_xlsx,
)


@pytest.fixture(autouse=True)
def business_date(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")


def kept(db) -> dict[str, projects.Project]:
    rows = db.execute("SELECT id FROM projects WHERE deleted_at IS NULL").fetchall()
    return {project.name: project for project in (projects.get(db, row[0]) for row in rows)}


def named(db, table: str, name: str) -> int:
    return next(entry.id for entry in dictionaries.entries(db, table) if entry.name == name)


def imported(db, *paths, **options):
    return apply_import(db, plan_import(db, paths, **options))


def problem_lines(plan) -> list[str]:
    return [str(problem) for problem in plan.all_problems()]


def test_a_messy_xlsx_submission_imports_every_project_right(db, tmp_path):
    rows = submission(
        project_row(1, "海洋生物医药产业园项目", total="85,000", plan="２０００", start=43922),
        project_row(2, "石墨烯复合材料生产线", industry="新材料产业", start="2020/5/15"),
    )
    path = write_xlsx(tmp_path / "通济街道.xlsx", SheetSpec("新开工项目", rows))
    report = imported(db, path)
    assert (report.added, report.updated, report.skipped) == (2, 0, 0)
    marine = kept(db)["海洋生物医药产业园项目"]
    assert marine.unit_id == named(db, "units", "通济街道")  # from the 填报单位 line
    assert marine.industry_id == named(db, "industries", "新材料")
    assert marine.stage is Stage.STARTED and marine.nature is Nature.NEW  # from the sheet
    assert marine.total_investment == 8_500_000
    assert (marine.planned_start, marine.planned_end) == ("2020-04-01", "2021-12")
    assert marine.listing_for(2020).annual_plan == 200_000
    assert marine.builder == "青岛海润有限公司"
    assert marine.responsible_unit == "区发展和改革局"
    assert kept(db)["石墨烯复合材料生产线"].planned_start == "2020-05-15"


def test_an_xls_with_a_merged_two_row_header_and_real_dates(db, tmp_path):
    rows = [
        ["即墨区2020年重点项目申报表"],
        ["填报单位（盖章）：", "鳌山卫镇"],
        ["序号", "项目\n名称", "建设\n单位", "总投资\n（亿元）", "建设起止年限", None,
         "所属\n产业"],
        [None, None, None, None, "开工时间", "竣工时间", None],
        [1, "鳌山湾海洋装备制造基地", "青岛蓝海有限公司", 1.5, datetime.date(2020, 3, 1),
         "2021.12", "现代海洋"],
    ]  # fmt: skip
    merged = ["A1:G1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4"]
    path = write_xls(tmp_path / "鳌山卫.xls", SheetSpec("Sheet1", rows, merged))
    report = imported(db, path)
    assert report.added == 1
    project = kept(db)["鳌山湾海洋装备制造基地"]
    assert project.unit_id == named(db, "units", "鳌山卫街道")  # its former name
    assert project.total_investment == 1_500_000  # 1.5亿元
    assert (project.planned_start, project.planned_end) == ("2020-03-01", "2021-12")


def test_each_batch_sheet_sets_the_stage_and_explanations_and_hidden_sheets_are_passed_over(
    db, tmp_path
):
    path = write_xlsx(
        tmp_path / "四个一批.xlsx",
        SheetSpec("填报说明", [["填表说明"], ["一、金额单位为万元。"]]),
        SheetSpec("续建", submission(project_row(1, "续建甲项目"))),
        SheetSpec("竣工", submission(project_row(1, "竣工乙项目"))),
        SheetSpec("储备", submission(project_row(1, "储备丙项目"))),
        SheetSpec("谋划", submission(project_row(1, "谋划丁项目"))),
        SheetSpec("旧数据", submission(project_row(1, "隐藏戊项目")), hidden=True),
    )
    plan = plan_import(db, [path])
    apply_import(db, plan)
    stages = {name: (p.stage, p.nature) for name, p in kept(db).items()}
    assert stages == {
        "续建甲项目": (Stage.STARTED, Nature.CONTINUED),
        "竣工乙项目": (Stage.COMPLETED, None),
        "储备丙项目": (Stage.RESERVE, None),
        "谋划丁项目": (Stage.PLANNING, None),
    }
    assert "四个一批.xlsx “填报说明”表：说明页，未导入" in plan.notes
    assert "四个一批.xlsx “旧数据”表：隐藏的工作表，未导入" in plan.notes


def test_section_headings_inside_one_sheet_set_the_stage_of_the_rows_below(db, tmp_path):
    rows = [
        list(HEADER),
        ["一、新开工项目（1个）"] * len(HEADER),
        project_row(1, "新开工甲项目"),
        ["（二）续建项目"],
        project_row(2, "续建乙项目"),
        [3],  # a numbered row the template left empty
    ]
    path = write_xlsx(tmp_path / "表.xlsx", SheetSpec("Sheet1", rows))
    imported(db, path, unit="龙山街道")
    assert kept(db)["新开工甲项目"].stage is Stage.STARTED
    assert kept(db)["续建乙项目"].nature is Nature.CONTINUED
    assert len(kept(db)) == 2


def test_the_unit_column_wins_over_the_unit_line_and_the_option(db, tmp_path):
    rows = [
        ["项目名称", "区位", "所属产业"],
        ["蓝谷项目", "蓝谷", "微电子"],
        ["无区位项目", "", "微电子"],
    ]
    rows = [["填报单位：温泉街道"], *rows]
    path = write_xlsx(tmp_path / "表.xlsx", SheetSpec("Sheet1", rows))
    imported(db, path, unit="金口镇", year=2020)
    assert kept(db)["蓝谷项目"].unit_id == named(db, "units", "青岛蓝谷")
    assert kept(db)["无区位项目"].unit_id == named(db, "units", "温泉街道")


def test_without_any_unit_the_sheet_asks_for_one(db, tmp_path):
    rows = [["项目名称", "总投资"], ["无区位项目", 100]]
    path = write_xlsx(tmp_path / "表.xlsx", SheetSpec("Sheet1", rows))
    plan = plan_import(db, [path], year=2020)
    assert plan.needs_unit
    assert problem_lines(plan) == [
        "表.xlsx “Sheet1”表：无法确定区位：表中也没有“区位”列；请指定区位（命令行用 --unit）"
    ]
    assert imported(db, path, unit="大信镇", year=2020).added == 1


def test_a_blank_unit_cell_is_said_at_its_cell_when_the_sheet_names_no_unit(db, tmp_path):
    rows = [["项目名称", "区位", "总投资"], ["有区位项目", "龙山街道", 100], ["只有名称的项目"]]
    path = write_xlsx(tmp_path / "表.xlsx", SheetSpec("Sheet1", rows))
    plan = plan_import(db, [path], year=2020)
    assert plan.needs_unit
    assert problem_lines(plan) == [
        "表.xlsx “Sheet1”表 第3行 B列（区位）："
        "未填区位，表头上方也没有“填报单位”，请填写或指定区位（命令行用 --unit）"
    ]
    assert imported(db, path, unit="大信镇", year=2020).added == 2
    assert kept(db)["只有名称的项目"].unit_id == named(db, "units", "大信镇")


def test_unknown_unit_and_industry_names_are_reported_not_guessed(db, tmp_path):
    rows = [["项目名称", "区位", "所属产业"], ["甲项目", "城阳街道", "装备制造"]]
    path = write_xlsx(tmp_path / "表.xlsx", SheetSpec("Sheet1", rows))
    assert problem_lines(plan_import(db, [path], year=2020)) == [
        "表.xlsx “Sheet1”表 第2行 B列（区位）："
        "“城阳街道”不在区位字典中（可在“设置”中添加，或加为别名）",
        "表.xlsx “Sheet1”表 第2行 C列（所属产业）："
        "“装备制造”不在产业字典中（可在“设置”中添加，或加为别名）",
    ]


def test_a_new_project_without_an_industry_goes_under_other_and_the_officer_is_told(db, tmp_path):
    path = write_xlsx(
        tmp_path / "表.xlsx", SheetSpec("Sheet1", [["项目名称", "总投资"], ["甲", 9]])
    )
    plan = plan_import(db, [path], unit="灵山镇", year=2020)
    apply_import(db, plan)
    assert kept(db)["甲"].industry_id == named(db, "industries", "其他")
    assert plan.rows[0].notes == ["表.xlsx “Sheet1”表 第2行：未填所属产业，记为“其他”"]


def test_reimporting_the_same_file_adds_nothing(db, tmp_path):
    path = write_xlsx(
        tmp_path / "表.xlsx", SheetSpec("新开工", submission(project_row(1, "甲项目")))
    )
    imported(db, path)
    again = imported(db, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert len(kept(db)) == 1


def test_a_later_version_updates_the_same_project_and_the_audit_trail_has_it(db, tmp_path):
    first = write_xlsx(
        tmp_path / "v1.xlsx", SheetSpec("新开工", submission(project_row(1, "甲项目")))
    )
    imported(db, first)
    later_row = project_row(1, "甲项目", total="15000", plan="", responsible="")
    later = write_xlsx(tmp_path / "v2.xlsx", SheetSpec("新开工", submission(later_row)))
    report = imported(db, later)
    assert (report.added, report.updated) == (0, 1)
    project = kept(db)["甲项目"]
    assert project.total_investment == 1_500_000
    assert project.listing_for(2020).annual_plan == 300_000  # blank cells change nothing
    assert project.responsible_unit == "区发展和改革局"
    change = next(e for e in audit.history(db, "projects", project.id) if e.field)
    assert (change.field, change.old_value, change.new_value) == (
        "total_investment",
        "1200000",
        "1500000",
    )


def test_a_later_version_updates_only_the_changed_rows_each_field_audited(db, tmp_path):
    rows = [project_row(n, f"{name}项目") for n, name in enumerate("甲乙丙", start=1)]
    imported(db, write_xlsx(tmp_path / "v1.xlsx", SheetSpec("新开工", submission(*rows))))
    rows[0] = project_row(1, "甲项目", total="15000", responsible="区住建局")
    rows[2] = project_row(3, "丙项目", plan="4000")
    before = {name: project.id for name, project in kept(db).items()}
    report = imported(db, write_xlsx(tmp_path / "v2.xlsx", SheetSpec("新开工", submission(*rows))))
    assert (report.added, report.updated, report.unchanged, report.skipped) == (0, 2, 1, 0)
    assert {name: project.id for name, project in kept(db).items()} == before

    def changes(name):
        entries = audit.history(db, "projects", before[name])
        return sorted((e.field, e.old_value, e.new_value) for e in entries if e.action == "update")

    assert changes("甲项目") == [
        ("responsible_unit", "区发展和改革局", "区住建局"),
        ("total_investment", "1200000", "1500000"),
    ]
    assert changes("乙项目") == []
    assert changes("丙项目") == [
        (
            "years",
            "2020（未定级，开工一批，计划3,000.00万元）",
            "2020（未定级，开工一批，计划4,000.00万元）",
        )
    ]


def test_a_later_version_that_fails_while_writing_writes_nothing(db, tmp_path):
    imported(
        db,
        write_xlsx(tmp_path / "v1.xlsx", SheetSpec("新开工", submission(project_row(1, "甲项目")))),
    )
    rows = [project_row(1, "甲项目", total="15000"), project_row(2, "乙项目")]
    later = write_xlsx(tmp_path / "v2.xlsx", SheetSpec("新开工", submission(*rows)))
    fail_inserts_into(db, "audit_log", "NEW.action = 'update'", name="update_lines")
    with pytest.raises(sqlite3.IntegrityError):
        imported(db, later)
    assert list(kept(db)) == ["甲项目"]
    assert kept(db)["甲项目"].total_investment == 1_200_000


def test_a_project_found_by_its_code_takes_its_new_name(db, tmp_path):
    header = ["项目代码", "项目名称", "区位", "2020年计划投资"]
    code = "2020-370282-48-01-000001"
    imported(
        db, write_xlsx(tmp_path / "a.xlsx", SheetSpec("S", [header, [code, "旧名", "通济街道"]]))
    )
    report = imported(
        db, write_xlsx(tmp_path / "b.xlsx", SheetSpec("S", [header, [code, "新名", "通济街道"]]))
    )
    assert report.updated == 1
    assert list(kept(db)) == ["新名"]


def test_bad_values_refuse_the_whole_file_naming_each_cell(db, tmp_path):
    rows = submission(
        project_row(1, "好项目"),
        project_row(2, "坏项目", total="待定", start="明年三月"),
    )
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows))
    plan = plan_import(db, [path])
    assert problem_lines(plan) == [
        "通济.xlsx “新开工”表 第5行 E列（总投资（万元））："
        "“待定”不是金额，应为数字（万元），如 12500 或 1.5亿元",
        "通济.xlsx “新开工”表 第5行 G列（计划开工时间）："
        "“明年三月”不是日期，应为 2020-06 或 2020-06-15（年月即可）",
    ]
    with pytest.raises(ImportRefused):
        apply_import(db, plan)
    assert kept(db) == {}


def test_skipping_bad_rows_imports_the_others(db, tmp_path):
    rows = submission(project_row(1, "好项目"), project_row(2, "坏项目", total="待定"))
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows))
    report = apply_import(db, plan_import(db, [path]), skip_bad_rows=True)
    assert (report.added, report.skipped) == (1, 1)
    assert list(kept(db)) == ["好项目"]


def test_one_unreadable_file_keeps_every_file_from_being_written(db, tmp_path):
    good = write_xlsx(tmp_path / "好.xlsx", SheetSpec("新开工", submission(project_row(1, "甲"))))
    locked = write_encrypted_xlsx(tmp_path / "加密.xlsx")
    plan = plan_import(db, [good, locked])
    assert problem_lines(plan) == ["加密.xlsx：文件有密码保护，请在Excel中去掉密码另存后再导入"]
    with pytest.raises(ImportRefused):
        apply_import(db, plan)
    assert kept(db) == {}
    assert apply_import(db, plan, skip_bad_rows=True).added == 1


@pytest.mark.parametrize(
    ("writer", "saved_as"),
    [(write_xls, "改名.xlsx"), (write_xlsx, "改名.xls"), (write_xls, "WPS表格.et")],
)
def test_a_workbook_under_another_formats_name_is_read_by_its_content(
    db, tmp_path, writer, saved_as
):
    made = writer(tmp_path / "原表", SheetSpec("新开工", submission(project_row(1, "甲项目"))))
    renamed = made.rename(tmp_path / saved_as)
    assert imported(db, renamed).added == 1
    assert list(kept(db)) == ["甲项目"]


def test_a_sheet_with_a_table_but_no_recognisable_header_is_a_problem(db, tmp_path):
    rows = [["名字", "钱", "时间"], ["甲", 1, 2], ["乙", 3, 4]]
    plan = plan_import(db, [write_xlsx(tmp_path / "乱.xlsx", SheetSpec("Sheet1", rows))])
    assert problem_lines(plan) == [
        "乱.xlsx “Sheet1”表：找不到表头：前15行中没有“项目名称”及其他可识别的列名"
    ]


def test_the_same_project_twice_in_a_submission_is_a_problem(db, tmp_path):
    rows = submission(project_row(1, "甲项目"), project_row(2, "甲 项目"))
    plan = plan_import(db, [write_xlsx(tmp_path / "重.xlsx", SheetSpec("新开工", rows))])
    assert problem_lines(plan) == [
        "重.xlsx “新开工”表 第5行 B列（项目名称）：与 重.xlsx “新开工”表 第4行 是同一项目，重复填报"
    ]


def test_level_and_plan_go_on_the_year_of_the_header(db, tmp_path):
    rows = [
        ["项目名称", "区位", "项目级别", "2021年计划投资（亿元）"],
        ["甲", "通济", "省重点", 0.5],
    ]
    imported(db, write_xlsx(tmp_path / "a.xlsx", SheetSpec("S", rows)))
    listing = kept(db)["甲"].listing_for(2021)
    assert (listing.level, listing.annual_plan) == (Level.PROVINCE, 500_000)


class TestNearMatches:
    @pytest.fixture
    def kept_project(self, db, tmp_path):
        path = write_xlsx(
            tmp_path / "v1.xlsx",
            SheetSpec("新开工", submission(project_row(1, "海洋生物医药产业园项目"))),
        )
        imported(db, path)
        return kept(db)["海洋生物医药产业园项目"]

    @pytest.fixture
    def near_plan(self, db, tmp_path, kept_project):
        row = project_row(1, "海洋生物医药产业园", total=20000)
        path = write_xlsx(tmp_path / "v2.xlsx", SheetSpec("新开工", submission(row)))
        return plan_import(db, [path])

    def test_a_near_name_is_a_question_not_a_second_project(self, db, near_plan, kept_project):
        (row,) = near_plan.rows
        assert row.action is Action.ASK
        assert row.near.project_id == kept_project.id
        assert row.near.question(row.name) == (
            "“海洋生物医药产业园”是否就是已有项目“海洋生物医药产业园项目”（通济街道）？"
            "名称相差“项目”“工程”等字样"
        )
        report = apply_import(db, near_plan)
        assert (report.added, report.skipped) == (0, 1)
        assert len(kept(db)) == 1

    def test_a_confirmed_near_match_updates_the_kept_project(self, db, near_plan, kept_project):
        answers = {near_plan.rows[0].ref: kept_project.id}
        assert apply_import(db, near_plan, confirmed_matches=answers).updated == 1
        assert kept(db)["海洋生物医药产业园项目"].total_investment == 2_000_000

    def test_a_near_match_confirmed_beside_an_exact_one_updates_the_project_twice(
        self, db, tmp_path, kept_project
    ):
        rows = [
            project_row(1, "海洋生物医药产业园项目", total=15000),
            project_row(2, "海洋生物医药产业园", total=20000),
        ]
        path = write_xlsx(tmp_path / "v3.xlsx", SheetSpec("新开工", submission(*rows)))
        plan = plan_import(db, [path])
        answers = {plan.rows[1].ref: kept_project.id}
        assert apply_import(db, plan, confirmed_matches=answers).updated == 2
        assert kept(db)["海洋生物医药产业园项目"].total_investment == 2_000_000
        changes = [
            (e.old_value, e.new_value)
            for e in audit.history(db, "projects", kept_project.id)
            if e.field == "total_investment"
        ]
        assert changes == [("1500000", "2000000"), ("1200000", "1500000")]  # newest first

    def test_a_refused_near_match_becomes_a_new_project(self, db, near_plan):
        answers = {near_plan.rows[0].ref: ANSWER_NEW}
        assert apply_import(db, near_plan, confirmed_matches=answers).added == 1
        assert len(kept(db)) == 2


def test_an_import_backs_up_the_database_first_and_a_refused_one_does_not(db, tmp_path):
    from jimo_desktop.store.safekeeping import backup
    from jimo_desktop.store.safekeeping.database_copy import office_stand_in

    database = backup.database_file(db) or office_stand_in(db)
    good = write_xlsx(
        tmp_path / "a.xlsx", SheetSpec("新开工项目", submission(project_row(1, "甲项目")))
    )
    imported(db, good)
    before = [b for b in backup.list_backups(database) if "before-import" in b.path.name]
    assert len(before) == 1
    bad_rows = submission(project_row(1, "乙项目", total="待定"))
    bad = write_xlsx(tmp_path / "b.xlsx", SheetSpec("新开工项目", bad_rows))
    with pytest.raises(ImportRefused):
        imported(db, bad)
    assert len([b for b in backup.list_backups(database) if "before-import" in b.path.name]) == 1


def test_cells_showing_an_excel_error_are_refused_naming_each(db, tmp_path):
    rows = submission(
        project_row(1, "好项目"),
        project_row(2, "#N/A"),
        project_row(3, "坏项目", builder="#REF!", total="#DIV/0!", start="#VALUE!"),
    )
    rows.insert(-1, ["小计", None, None, None, "#REF!"])  # a totals row is passed over whole
    path = write_xlsx(
        tmp_path / "通济.xlsx",
        SheetSpec("填报说明", [["#N/A 处请填写"]]),
        SheetSpec("新开工", rows),
    )
    # As Excel saves a formula that failed: the formula, and the error it shows.
    _rewrite_member(
        path, "xl/worksheets/sheet2.xml", b"<v>#DIV/0!</v>", b"<f>E4/0</f><v>#DIV/0!</v>"
    )

    plan = plan_import(db, [path])

    refused = "（公式出错），请在原表中改正后再导入"
    assert problem_lines(plan) == [
        f"通济.xlsx “新开工”表 第{row}行 {column}：单元格显示“{shown}”{refused}"
        for row, column, shown in (
            (5, "B列（项目名称）", "#N/A"),
            (6, "C列（建设单位）", "#REF!"),
            (6, "E列（总投资（万元））", "#DIV/0!"),
            (6, "G列（计划开工时间）", "#VALUE!"),
        )
    ]
    with pytest.raises(ImportRefused):
        apply_import(db, plan)
    assert kept(db) == {}


def _rewrite_member(path: Path, member: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    assert old in contents[member]
    contents[member] = contents[member].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
