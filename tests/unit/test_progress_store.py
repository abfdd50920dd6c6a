"""月推进 in the store: the month grid's rows, saving a whole month, a project's months."""

import json
import sqlite3
from decimal import Decimal

import pytest

from jimo_desktop.domain.project import Stage
from jimo_desktop.store import audit, records, settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import GridFilter, MonthReport, ProgressError
from tests.unit.progress_data import industry_id, listed_project, unit_id

JUNE = "2020-06"


def report_count(db) -> int:
    query = "SELECT COUNT(*) FROM progress_reports WHERE deleted_at IS NULL"
    return db.execute(query).fetchone()[0]


def test_month_rows_list_the_years_projects_with_blank_reports_until_one_is_saved(db):
    first = listed_project(db, "蓝谷海洋科技园项目", unit="青岛蓝谷")
    second = listed_project(db, "通济新材料产业园项目")
    listed_project(db, "去年的项目", year=2019)

    rows = progress.month_rows(db, JUNE)

    assert [row.project_id for row in rows] == [second, first]  # in the units' order
    assert all(not row.has_report and row.report.is_blank() for row in rows)
    assert rows[1].unit == "青岛蓝谷"
    assert rows[1].annual_plan == 10_000_00


def test_month_rows_filter_by_unit_industry_and_name_or_initials(db):
    lanhu = listed_project(db, "蓝湖水库除险加固工程", unit="青岛蓝谷", industry="水利")
    listed_project(db, "通济新材料产业园项目")

    def ids(**wanted):
        return [row.project_id for row in progress.month_rows(db, JUNE, GridFilter(**wanted))]

    assert ids(unit_id=unit_id(db, "青岛蓝谷")) == [lanhu]
    assert ids(industry_id=industry_id(db, "水利")) == [lanhu]
    assert ids(text="水库") == [lanhu]
    assert ids(text="lhsk") == [lanhu]


def test_save_month_writes_every_report_with_audit_lines(db):
    settings.put(db, settings.OFFICER, "李明")
    first = listed_project(db, "一号项目")
    second = listed_project(db, "二号项目")

    counts = progress.save_month(
        db,
        JUNE,
        {
            first: MonthReport(5_500_00, 20_000_00, "主体施工", True, ""),
            second: MonthReport(3_000_00, None, "基础施工", False, "资金未到位"),
        },
    )

    assert (counts.added, counts.updated, counts.deleted) == (2, 0, 0)
    saved = {row.project_id: row.report for row in progress.month_rows(db, JUNE)}
    assert saved[first] == MonthReport(5_500_00, 20_000_00, "主体施工", True, "")
    assert saved[second].problems_noted == "资金未到位"
    lines = db.execute(
        "SELECT officer, action FROM audit_log WHERE table_name = 'progress_reports'"
    ).fetchall()
    assert lines == [("李明", "insert"), ("李明", "insert")]


def test_saving_changed_figures_records_old_and_new_values(db):
    project = listed_project(db, "一号项目")
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00, image_progress="主体施工")})
    report_id = db.execute("SELECT id FROM progress_reports").fetchone()[0]

    counts = progress.save_month(db, JUNE, {project: MonthReport(5_500_00, None, "主体封顶")})

    assert counts.updated == 1
    changes = {
        entry.field: (entry.old_value, entry.new_value)
        for entry in audit.history(db, "progress_reports", report_id)
        if entry.action == "update"
    }
    assert changes == {
        "completed_this_year": ("500000", "550000"),
        "image_progress": ("主体施工", "主体封顶"),
    }


def test_saving_the_same_figures_again_changes_nothing(db):
    project = listed_project(db, "一号项目")
    report = MonthReport(5_000_00, 9_000_00, "主体施工", True, "")
    progress.save_month(db, JUNE, {project: report})
    lines = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]

    counts = progress.save_month(db, JUNE, {project: report})

    assert (counts.added, counts.updated) == (0, 0)
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == lines


def test_a_month_is_saved_all_or_nothing(db):
    project = listed_project(db, "一号项目")
    missing_project = 9999
    with pytest.raises(sqlite3.IntegrityError):
        progress.save_month(
            db,
            JUNE,
            {project: MonthReport(5_000_00), missing_project: MonthReport(1_000_00)},
        )
    assert report_count(db) == 0


def test_impossible_figures_are_refused_naming_the_project(db):
    project = listed_project(db, "一号项目")
    with pytest.raises(ProgressError, match="一号项目：开工至今累计不应小于本年累计完成投资"):
        progress.save_month(db, JUNE, {project: MonthReport(5_000_00, 4_000_00)})
    assert report_count(db) == 0


def test_a_report_cleared_in_the_grid_is_deleted_softly_and_comes_back_when_refilled(db):
    project = listed_project(db, "一号项目")
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00)})

    assert progress.save_month(db, JUNE, {project: MonthReport()}).deleted == 1
    assert report_count(db) == 0
    assert not progress.month_rows(db, JUNE)[0].has_report

    assert progress.save_month(db, JUNE, {project: MonthReport(5_200_00)}).updated == 1
    assert progress.month_rows(db, JUNE)[0].report.completed_this_year == 5_200_00
    assert db.execute("SELECT COUNT(*) FROM progress_reports").fetchone()[0] == 1


def test_upsert_report_keeps_its_contract_for_the_excel_import(db):
    project = listed_project(db, "一号项目")
    assert progress.upsert_report(db, project, JUNE, {"completed_this_year": 100}) == "added"
    assert progress.upsert_report(db, project, JUNE, {"completed_this_year": 100}) == "unchanged"
    assert progress.upsert_report(db, project, JUNE, {"image_progress": "主体施工"}) == "updated"
    with pytest.raises(ValueError, match="not progress report fields"):
        progress.upsert_report(db, project, JUNE, {"annual_plan": 1})


def test_project_months_come_newest_first_with_their_years_plan(db):
    project = listed_project(db, "一号项目")
    for period, completed in (("2020-04", 2_000_00), ("2020-05", 3_500_00), (JUNE, 5_500_00)):
        progress.save_month(db, period, {project: MonthReport(completed)})
    records.delete(db, "progress_reports", 1)

    months = progress.project_months(db, project)

    assert [month.period for month in months] == [JUNE, "2020-05"]
    assert months[0].annual_plan == 10_000_00
    assert months[0].report.completed_this_year == 5_500_00


def test_unit_figures_rank_units_with_their_start_rate(db):
    ahead = listed_project(db, "蓝谷项目", unit="青岛蓝谷")
    behind = listed_project(db, "通济项目")
    listed_project(db, "通济储备项目", stage=Stage.RESERVE, actual_start=None, in_statistics=False)
    progress.save_month(db, JUNE, {ahead: MonthReport(6_000_00), behind: MonthReport(4_000_00)})

    units = progress.unit_figures(db, JUNE)

    assert [(unit.rank, unit.name) for unit in units] == [(1, "青岛蓝谷"), (2, "通济街道")]
    assert units[0].ahead == Decimal("10.0")
    assert units[1].start_rate == Decimal("50.0")
    assert units[1].completion_rate == Decimal("20.0")
    district = progress.district_figures(db, JUNE)
    assert (district.listed, district.started, district.completed) == (3, 2, 10_000_00)


def test_the_default_month_is_the_last_full_one_and_months_run_newest_first(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    listed_project(db, "去年的项目", year=2019)
    assert progress.default_period(db) == "2020-05"
    periods = progress.selectable_periods(db)
    assert periods[0] == JUNE
    assert periods[-1] == "2019-01"
    assert len(periods) == 18


def test_the_cumulatives_around_a_month_are_the_nearest_saved_of_the_same_year(db):
    first, second, third = (listed_project(db, f"第{n}号项目") for n in range(3))
    for period, completed in (("2019-12", 9_000_00), ("2020-02", 1_000_00), ("2020-04", 3_000_00)):
        progress.save_month(db, period, {first: MonthReport(completed_this_year=completed)})
    progress.save_month(db, "2020-08", {first: MonthReport(completed_this_year=8_000_00)})
    progress.save_month(db, "2020-03", {first: MonthReport(image_progress="无累计数")})
    progress.save_month(db, "2021-01", {second: MonthReport(completed_this_year=100_00)})
    records.delete(db, "progress_reports", progress_id(db, first, "2020-08"))

    around = progress.saved_cumulatives_around(db, "2020-05", [first, second, third])

    saved = progress.SavedCumulative
    assert around == {first: (saved("2020-04", 3_000_00), None)}
    assert progress.saved_cumulatives_around(db, "2020-03", [first])[first] == (
        saved("2020-02", 1_000_00),
        saved("2020-04", 3_000_00),
    )


def progress_id(db, project_id: int, period: str) -> int:
    query = "SELECT id FROM progress_reports WHERE project_id = ? AND period = ?"
    return db.execute(query, [project_id, period]).fetchone()[0]


def shown_reports(db, period: str = JUNE) -> dict[int, MonthReport]:
    return {row.project_id: row.report for row in progress.month_rows(db, period)}


def test_a_month_saved_over_a_colleagues_later_figures_is_refused_naming_them(db, database_target):
    first, second = listed_project(db, "一号项目"), listed_project(db, "二号项目")
    progress.save_month(db, JUNE, {first: MonthReport(5_000_00)})
    shown = shown_reports(db)
    colleague = open_database(database_target)
    try:
        settings.put(colleague, settings.OFFICER, "王芳")
        progress.save_month(colleague, JUNE, {first: MonthReport(5_200_00)})
    finally:
        colleague.close()
    lines = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]

    mine = {first: MonthReport(6_000_00), second: MonthReport(1_000_00)}
    with pytest.raises(progress.SavedMeanwhile) as refused:
        progress.save_month(db, JUNE, mine, {pid: shown[pid] for pid in mine})

    message = str(refused.value)
    assert "2020年6月" in message and "「一号项目」由王芳于" in message
    assert "打开时「5,000.00万元」｜王芳「5,200.00万元」｜您「6,000.00万元」" in message
    assert "二号项目" not in message and "纳统" not in message  # not said: not changed
    assert shown_reports(db)[first].completed_this_year == 5_200_00
    assert shown_reports(db)[second].is_blank()
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == lines


def test_a_statistics_flag_given_meanwhile_refuses_the_month_too(db, database_target):
    project = listed_project(db, "一号项目", in_statistics=False)
    shown = shown_reports(db)
    colleague = open_database(database_target)
    try:
        progress.save_month(colleague, JUNE, {project: MonthReport(in_statistics=True)})
    finally:
        colleague.close()

    with pytest.raises(progress.SavedMeanwhile, match="纳统"):
        progress.save_month(db, JUNE, {project: MonthReport(4_000_00)}, shown)
    assert shown_reports(db)[project].completed_this_year is None


def test_a_month_whose_shown_reports_are_still_stored_is_saved(db):
    project = listed_project(db, "一号项目")
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00, None, "主体施工")})

    counts = progress.save_month(db, JUNE, {project: MonthReport(5_500_00)}, shown_reports(db))

    assert (counts.added, counts.updated) == (0, 1)
    assert shown_reports(db)[project] == MonthReport(5_500_00, in_statistics=True)


def test_reports_upserted_together_are_written_as_if_one_after_the_other(db):
    first = listed_project(db, "一号项目")
    second = listed_project(db, "二号项目", in_statistics=False)
    third = listed_project(db, "三号项目")
    progress.save_month(db, JUNE, {second: MonthReport(1_000_00)})
    progress.save_month(db, JUNE, {second: MonthReport()})  # deleted, to come back

    outcomes = progress.upsert_reports(
        db,
        [
            (first, JUNE, {"completed_this_year": 100_00}),
            (third, JUNE, {"image_progress": "主体施工"}),
            (second, JUNE, {"completed_this_year": 2_000_00, "in_statistics": True}),
            (first, JUNE, {"completed_this_year": 200_00}),
            (first, "2020-05", {"image_progress": "基础施工"}),
            (second, "2020-05", {"in_statistics": True}),
        ],
    )

    assert outcomes == ["added", "added", "updated", "updated", "added", "updated"]
    june = shown_reports(db)
    assert june[first].completed_this_year == 200_00
    assert june[second] == MonthReport(2_000_00, in_statistics=True)
    assert june[third] == MonthReport(image_progress="主体施工", in_statistics=True)
    assert db.execute("SELECT statistics_date FROM projects WHERE id = ?", [second]).fetchone() == (
        "2020-05",
    )
    first_june = progress_id(db, first, JUNE)
    assert [
        (entry.action, entry.field, entry.old_value, entry.new_value)
        for entry in reversed(audit.history(db, "progress_reports", first_june))
    ] == [
        (
            "insert",
            None,
            None,
            json.dumps({"project_id": first, "period": JUNE, "completed_this_year": 100_00}),
        ),
        ("update", "completed_this_year", "10000", "20000"),
    ]
    actions = [
        entry.action
        for entry in audit.history(db, "progress_reports", progress_id(db, second, JUNE))
    ]
    assert actions[:2] == ["update", "restore"]


def test_a_month_refused_for_many_projects_can_name_the_first_few(db, database_target):
    ids = [listed_project(db, f"第{n:02d}号项目") for n in range(12)]
    shown = shown_reports(db)
    colleague = open_database(database_target)
    try:
        progress.save_month(colleague, JUNE, {pid: MonthReport(1_000_00) for pid in ids})
    finally:
        colleague.close()

    with pytest.raises(progress.SavedMeanwhile) as refused:
        progress.save_month(db, JUNE, {pid: MonthReport(2_000_00) for pid in ids}, shown)

    assert len(refused.value.changed) == 12
    shortened = refused.value.words(10).splitlines()
    assert "「第09号项目」" in shortened[-3] and shortened[-1] == "……共12个项目"
    assert "第10号项目" not in refused.value.words(10)
