"""The monthly loop with the 区位: `templates` writes one locked, keyed 调度表 per unit, a
returned one imports by its keys, however the unit sorted, hid or renamed its rows, and
报送情况 lists every 区位 as 已报, 未报 or 逾期 against the due day set in 设置."""

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jimo_desktop import cli
from jimo_desktop.domain.submissions import due_date
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.monthly import submissions
from jimo_desktop.store.project_library import listings
from jimo_desktop.store.tracking import reminders
from tests.monthly_returns import (
    CODE,
    FIRST_DATA_ROW,
    KEY,
    NAME,
    PERIOD,
    PLAN,
    THIS_YEAR,
    data_rows,
    demo_database,
    fill_like_a_unit,
    template_of,
    units_with_projects,
    write_templates,
)
from tests.unit.xlsx_cells import evaluated


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def database(demo, tmp_path) -> Path:
    copy = tmp_path / "jimo.sqlite3"
    shutil.copy(demo, copy)
    return copy


@pytest.fixture
def templates(demo, tmp_path_factory) -> Path:
    return write_templates(demo, tmp_path_factory.mktemp("out"))


def run(*arguments) -> int:
    return cli.main([str(argument) for argument in arguments])


def listed(database: Path, unit: str) -> list[tuple[str, str, int | None]]:
    """(code, name, annual plan) of the unit's projects on the 2020 list, read directly."""
    with sqlite3.connect(database) as connection:
        return sorted(
            connection.execute(
                "SELECT p.code, p.name, y.annual_plan FROM projects p"
                " JOIN project_years y ON y.project_id = p.id AND y.year = 2020"
                " JOIN units u ON u.id = p.unit_id"
                " WHERE u.name = ? AND p.deleted_at IS NULL AND y.withdrawn_on IS NULL",
                [unit],
            ).fetchall()
        )


def test_every_unit_gets_a_template_of_its_listed_projects_named_for_it_and_the_month(
    demo, templates
):
    assert len(list(templates.glob("*.xlsx"))) == 23
    unit = units_with_projects(demo)[0]
    sheet = load_workbook(template_of(templates, unit)).active
    assert sheet.cell(1, 1).value == "即墨区2020年1-7月重点项目推进情况调度表"
    assert sheet.cell(2, 1).value == f"填报单位：{unit}"
    rows = data_rows(sheet)
    found = sorted(
        (
            sheet.cell(row, CODE).value,
            sheet.cell(row, NAME).value,
            round(Decimal(str(sheet.cell(row, PLAN).value)) * 100),
        )
        for row in rows
    )
    assert found == listed(demo, unit)


def test_a_template_locks_what_is_known_and_opens_and_checks_the_months_cells(demo, templates):
    sheet = load_workbook(template_of(templates, units_with_projects(demo)[0])).active
    row = FIRST_DATA_ROW
    assert sheet.protection.sheet
    assert sheet.cell(row, NAME).protection.locked
    assert sheet.cell(row, PLAN).protection.locked
    assert not sheet.cell(row, THIS_YEAR).protection.locked
    assert not sheet.cell(row, 11).protection.locked
    assert sheet.column_dimensions["L"].hidden
    assert sheet.cell(row, KEY).value.startswith("JMT1|2020-07|")
    kinds = {v.type: str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert kinds["decimal"].startswith("G4:") and " H4:" in kinds["decimal"]
    assert kinds["list"].startswith("K4:")
    assert sheet.print_area.endswith(f"$K${sheet.max_row}")
    assert sheet.page_setup.orientation == "landscape"


def saved_figures(database: Path) -> dict[str, tuple[int, int]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT p.code, r.completed_this_year, r.completed_since_start"
            " FROM progress_reports r JOIN projects p ON p.id = r.project_id"
            " WHERE r.period = ? AND r.deleted_at IS NULL",
            [PERIOD],
        )
        return {code: (this_year, since_start) for code, this_year, since_start in rows}


def test_a_returned_template_sorted_hidden_and_renamed_imports_by_its_keys_without_questions(
    database, templates, tmp_path, capsys
):
    returned = []
    typed = {}
    for number, unit in enumerate(units_with_projects(database)):
        path = shutil.copy(template_of(templates, unit), tmp_path)
        typed |= fill_like_a_unit(Path(path), seed=number)
        returned.append(path)
    capsys.readouterr()
    assert run("import-excel", *returned, "--db", database) == 0
    out = capsys.readouterr().out
    assert "待确认" not in out
    assert "按校验码计入" in out  # the renamed rows
    saved = saved_figures(database)
    assert {
        code: (round(t.this_year * 100), round(t.since_start * 100)) for code, t in typed.items()
    } == {code: saved[code] for code in typed}


def test_a_template_of_another_month_is_refused_with_the_reason(
    database, templates, tmp_path, capsys
):
    unit = units_with_projects(database)[0]
    path = Path(shutil.copy(template_of(templates, unit), tmp_path))
    fill_like_a_unit(path)
    workbook = load_workbook(path)
    workbook.active.cell(1, 1).value = "即墨区2020年1-8月重点项目推进情况调度表"
    workbook.save(path)
    # The title and the header now disagree; the officer settles it as the import suggests.
    assert run("import-excel", path, "--db", database, "--period", "2020-08") == 1
    assert f"此表是{unit}2020年7月的调度表模板，不能作为2020年8月的报表导入" in (
        capsys.readouterr().err
    )
    assert saved_figures(database) == {}


def test_a_template_of_another_unit_is_refused_with_the_reason(
    database, templates, tmp_path, capsys
):
    unit, other = units_with_projects(database)[:2]
    path = Path(shutil.copy(template_of(templates, unit), tmp_path))
    fill_like_a_unit(path)
    workbook = load_workbook(path)
    workbook.active.cell(2, 1).value = f"填报单位：{other}"
    workbook.save(path)
    assert run("import-excel", path, "--db", database) == 1
    refused = f"此表是{unit}2020年7月的调度表模板，不能作为{other}的报表导入"
    assert refused in capsys.readouterr().err


def test_a_template_imported_as_another_units_is_refused_with_the_reason(
    database, templates, tmp_path, capsys
):
    unit, other = units_with_projects(database)[:2]
    path = Path(shutil.copy(template_of(templates, unit), tmp_path))
    fill_like_a_unit(path)
    assert run("import-excel", path, "--db", database, "--unit", other) == 1
    refused = f"此表是{unit}2020年7月的调度表模板，不能作为{other}的报表导入"
    assert refused in capsys.readouterr().err


def test_a_row_the_unit_adds_is_matched_by_its_name_as_any_report_is(
    database, templates, tmp_path, capsys
):
    unit = units_with_projects(database)[0]
    path = Path(shutil.copy(template_of(templates, unit), tmp_path))
    fill_like_a_unit(path, rename=False)
    workbook = load_workbook(path)
    sheet = workbook.active
    spare = max(data_rows(sheet)) + 1
    sheet.cell(spare, NAME).value = "新建冷链物流园项目"
    sheet.cell(spare, THIS_YEAR).value = 100
    workbook.save(path)
    assert run("import-excel", path, "--db", database) == 1
    err = capsys.readouterr().err
    assert f"第{spare}行 C列（项目名称）：项目库中没有“新建冷链物流园项目”" in err
    assert err.count("\n") == 2  # that row alone, and the count


def forge(path: Path, key: str) -> int:
    """Put `key` into the first project row; returns the Excel row number."""
    workbook = load_workbook(path)
    sheet = workbook.active
    row = data_rows(sheet)[0]
    sheet.cell(row, KEY).value = key
    workbook.save(path)
    return row


def project_uuid(database: Path, where: str, parameters=()) -> tuple[str, int]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            f"SELECT p.uuid, p.unit_id FROM projects p WHERE {where} LIMIT 1", parameters
        ).fetchone()


@pytest.mark.parametrize(
    ("forged", "message"),
    [
        ("unknown", "校验码所指的项目不在项目库中"),
        ("unlisted", "不在2020年重点项目清单中"),
        ("other_unit", "不属于"),
        ("garbled", "模板校验码已被改动，无法识别"),
    ],
)
def test_a_forged_key_is_refused_at_its_cell(
    database, templates, tmp_path, capsys, forged, message
):
    unit = units_with_projects(database)[0]
    path = Path(shutil.copy(template_of(templates, unit), tmp_path))
    fill_like_a_unit(path, rename=False)
    with sqlite3.connect(database) as connection:
        unit_id = connection.execute("SELECT id FROM units WHERE name = ?", [unit]).fetchone()[0]
    if forged == "unknown":
        key = f"JMT1|{PERIOD}|{unit_id}|00000000-0000-4000-8000-000000000000"
    elif forged == "unlisted":  # withdrawn from the list after the template went out
        uuid, _ = project_uuid(database, "p.unit_id = ?", [unit_id])
        db = open_database(database)
        project_id = db.execute("SELECT id FROM projects WHERE uuid = ?", [uuid]).fetchone()[0]
        listings.withdraw(db, project_id, 2020, "2020-07-10", "项目终止")
        db.close()
        key = f"JMT1|{PERIOD}|{unit_id}|{uuid}"
    elif forged == "other_unit":
        uuid, _ = project_uuid(database, "p.unit_id != ?", [unit_id])
        key = f"JMT1|{PERIOD}|{unit_id}|{uuid}"
    else:
        key = "JMT1|2020-07|x"
    row = forge(path, key)
    assert run("import-excel", path, "--db", database) == 1
    err = capsys.readouterr().err
    assert f"第{row}行 L列（模板校验码（请勿修改））：" in err
    assert message in err
    assert saved_figures(database) == {}


def test_the_due_day_is_the_fifth_of_the_next_month_unless_set_and_never_past_its_end():
    assert str(due_date("2020-07")) == "2020-08-05"
    assert str(due_date("2020-12")) == "2021-01-05"
    assert str(due_date("2021-01", 28)) == "2021-02-28"


def lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


@pytest.fixture
def one_returned(database, templates, tmp_path, capsys) -> str:
    unit = units_with_projects(database)[0]
    path = Path(shutil.copy(template_of(templates, unit), tmp_path))
    fill_like_a_unit(path)
    assert cli.main(["import-excel", str(path), "--db", str(database)]) == 0
    capsys.readouterr()
    return unit


def test_an_imported_template_makes_its_unit_reported_with_its_projects_and_others_missing(
    database, one_returned, capsys
):
    assert cli.main(["submissions", "--db", str(database), "--period", PERIOD]) == 0
    shown = lines(capsys)
    assert len(shown) == 24
    reported = [line for line in shown if "已报（" in line]
    assert len(reported) == 1 and reported[0].startswith(f"{one_returned}　已报（2020年6月30日，")
    assert shown[0].endswith("未报（应于2020年8月5日前报送）")  # the demo's day is 2020-06-30
    assert reported[0] == shown[-2]  # reported ones last
    assert shown[-1] == "2020年7月调度表：已报 1 个区位，未报 22 个，逾期 0 个（截止2020年8月5日）"


def test_a_unit_whose_every_project_was_entered_in_the_month_grid_counts_as_reported(
    database, capsys
):
    per_unit = {}
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT u.name, EXISTS (SELECT 1 FROM progress_reports r WHERE r.project_id = p.id"
            " AND r.period = '2020-06' AND r.deleted_at IS NULL)"
            " FROM project_years y JOIN projects p ON p.id = y.project_id"
            " JOIN units u ON u.id = p.unit_id WHERE y.year = 2020 AND y.withdrawn_on IS NULL"
            " AND y.added_on IS NULL"
        )
        for unit, reported in rows:
            per_unit.setdefault(unit, []).append(reported)
    complete = {unit for unit, reports in per_unit.items() if all(reports)}
    assert complete and complete != set(per_unit)
    assert run("submissions", "--db", database, "--period", "2020-06") == 0
    shown = {line.split("　")[0]: line for line in lines(capsys)[:-1]}
    for unit, line in shown.items():
        assert ("已报（月推进录入，" in line) == (unit in complete), line


def test_after_the_due_day_set_in_settings_the_missing_units_are_late_and_listed_first(
    database, one_returned, capsys
):
    db = open_database(database)
    submissions.set_due_day(db, 3)
    settings.put(db, settings.BUSINESS_DATE, "2020-08-04")
    db.close()
    assert cli.main(["submissions", "--db", str(database), "--period", PERIOD]) == 0
    shown = lines(capsys)
    assert all("逾期（应于2020年8月3日前报送）" in line for line in shown[:22])
    assert f"{one_returned}　已报" in shown[22]
    assert shown[-1].endswith("已报 1 个区位，未报 0 个，逾期 22 个（截止2020年8月3日）")


def test_the_reminders_at_opening_count_the_units_that_owe_last_months_report(
    database, one_returned
):
    db = open_database(database)
    settings.put(db, settings.BUSINESS_DATE, "2020-08-04")  # July is the last month over
    found = reminders.todays_reminders(db)
    db.close()
    assert found.units_missing == len(units_with_projects(database)) - 1


def sheet_rows(path: Path) -> tuple[list[str], list[list]]:
    sheet = load_workbook(path).active
    headers = [cell.value for cell in sheet[3]]
    rows = [
        [cell.value for cell in row]
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)
        if row[0].value not in (None, "合计")
    ]
    return headers, rows


def counted(database: Path, query: str, parameters=()) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(query, parameters).fetchone()[0]


LIST_COUNTS = {
    "problems": (
        "SELECT COUNT(*) FROM problems r JOIN projects p ON p.id = r.project_id"
        " WHERE r.deleted_at IS NULL AND p.deleted_at IS NULL AND r.raised_on <= '2020-06-30~'"
    ),
    "supervision": (
        "SELECT COUNT(*) FROM supervision_orders WHERE deleted_at IS NULL"
        " AND substr(issued_on, 1, 7) = '2020-06'"
    ),
    "dispatch": (
        "SELECT COUNT(*) FROM dispatches WHERE deleted_at IS NULL"
        " AND substr(held_on, 1, 7) = '2020-06'"
    ),
    "milestones": (
        "SELECT COUNT(*) FROM milestones m JOIN projects p ON p.id = m.project_id"
        " JOIN project_years y ON y.project_id = p.id AND y.year = 2020"
        " WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL"
    ),
    "progress": (
        "SELECT COUNT(*) FROM project_years y JOIN projects p ON p.id = y.project_id"
        " WHERE y.year = 2020 AND p.deleted_at IS NULL"
        " AND (y.added_on IS NULL OR y.added_on <= '2020-06-30')"
        " AND (y.withdrawn_on IS NULL OR y.withdrawn_on > '2020-06-30')"
    ),
}
LIST_TITLES = {
    "problems": "问题清单（截至2020年6月30日）",
    "supervision": "督办单（2020年6月）",
    "dispatch": "周调度会议（2020年6月）",
    "milestones": "项目时间节点（截至2020年6月30日）",
    "progress": "重点项目推进情况（2020年6月，1-6月累计）",
}


@pytest.mark.parametrize("name", LIST_COUNTS)
def test_each_list_exports_the_months_records_as_a_printed_sheet(demo, tmp_path, capsys, name):
    out = tmp_path / f"{name}.xlsx"
    assert run("export-excel", out, "--db", demo, "--list", name, "--period", "2020-06") == 0
    expected = counted(demo, LIST_COUNTS[name])
    assert expected > 0
    headers, rows = sheet_rows(out)
    assert headers[0] == "序号" and len(rows) == expected
    sheet = load_workbook(out).active
    assert sheet.cell(1, 1).value == LIST_TITLES[name]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$3:$3"


def test_the_progress_list_totals_the_months_saved_figures(demo, tmp_path):
    out = tmp_path / "progress.xlsx"
    assert run("export-excel", out, "--db", demo, "--list", "progress", "--period", "2020-06") == 0
    sheet = load_workbook(out).active
    headers = [cell.value for cell in sheet[3]]
    column = headers.index("累计完成投资\n（万元）") + 1
    total = evaluated(sheet, sheet.max_row, column)
    saved = counted(
        demo,
        "SELECT SUM(completed_this_year) FROM progress_reports WHERE period = '2020-06'"
        " AND deleted_at IS NULL",
    )
    assert sheet.cell(sheet.max_row, 1).value == "合计"
    assert round(Decimal(str(total)) * 100) == saved


def test_one_units_template_and_the_usage_slips(demo, tmp_path, capsys):
    unit = units_with_projects(demo)[0]
    out = tmp_path / "one"
    assert run("templates", out, "--db", demo, "--period", PERIOD, "--unit", unit) == 0
    assert [path.name for path in out.iterdir()] == [template_of(out, unit).name]
    assert run("templates", out, "--db", demo, "--period", PERIOD, "--unit", "火星镇") == 2
    assert "区位“火星镇”不在区位字典中" in capsys.readouterr().err
    sheet = tmp_path / "list.xlsx"
    assert run("export-excel", sheet, "--db", demo, "--list", "problems", "--year", "2020") == 2
    assert not sheet.exists()
