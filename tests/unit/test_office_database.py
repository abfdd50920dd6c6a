"""The office database: opening and migrating it, and copy-database between it and a file.

Every command goes through the real entry point (cli.main) with --db naming the office
database by its libpq URI, as an officer types it.
"""

import dataclasses
import hashlib
import json
import random
import sqlite3
import sys
from contextlib import closing
from datetime import datetime

import pytest

from jimo_desktop.cli import main
from jimo_desktop.demo.builder import DEMO_OFFICER
from jimo_desktop.demo.inspections import draw_site_photo
from jimo_desktop.domain.project import Project
from jimo_desktop.reports.bulletin import draft_monthly
from jimo_desktop.store import history, settings
from jimo_desktop.store.database import latest_version, open_database
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.papers.briefing_facts import monthly_facts
from jimo_desktop.store.postgresql import SCHEMA_VERSION_TABLE
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.site_visits import photos
from jimo_desktop.store.tracking import timeline_rows
from tests.briefing_demo import fill_briefing_demo
from tests.engines import database_name
from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx
from tests.unit.field_trip import leader_conflict, record_inspection, start_trip

PERIOD = "2020-06"
# Nothing listens on port 1 on any system: refused at once, on Linux and Windows alike.
UNREACHABLE = "postgresql://nobody@127.0.0.1:1/jimo?connect_timeout=2"


def figures(capsys, target) -> dict:
    assert main(["figures", "--db", str(target), "--period", PERIOD, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def copy(source, target) -> int:
    return main(["copy-database", "--from", str(source), "--to", str(target)])


def bulletin(target) -> str:
    db = open_database(target)
    try:
        return draft_monthly(monthly_facts(db, PERIOD)).to_json()
    finally:
        db.close()


def test_a_new_office_database_is_migrated_once_under_a_version_row(office_address):
    db = open_database(office_address)
    versions = [row[0] for row in db.execute(f"SELECT version FROM {SCHEMA_VERSION_TABLE}")]
    units = db.execute("SELECT COUNT(*) FROM units").fetchone()[0]
    db.close()
    again = open_database(office_address)
    assert [row[0] for row in again.execute(f"SELECT version FROM {SCHEMA_VERSION_TABLE}")] == (
        versions
    )
    assert again.execute("SELECT COUNT(*) FROM units").fetchone()[0] == units == 23
    again.close()
    assert versions == list(range(1, latest_version() + 1))


def test_the_bulletin_from_the_office_database_is_the_bulletin_from_its_embedded_copy(
    office_address, tmp_path, capsys
):
    office = open_database(office_address)
    fill_briefing_demo(office)
    office.close()
    embedded = tmp_path / "copy.sqlite3"
    assert copy(office_address, embedded) == 0
    assert "核对一致" in capsys.readouterr().out
    assert bulletin(embedded) == bulletin(office_address)
    office_figures = figures(capsys, office_address)
    assert office_figures == figures(capsys, embedded)
    assert office_figures["district"]["listed"] > 0


def test_a_file_with_photo_originals_beside_it_moves_whole_into_the_office_database(
    office_address, tmp_path, capsys
):
    source = tmp_path / "laptop.sqlite3"
    db = open_database(source)
    data = draw_site_photo(random.Random(3), datetime(2020, 6, 28, 10, 0), 36.39, 120.45)
    entry = photos.store_bytes(db, data, "IMG_1.jpg")
    assert photos.original_path(db, entry.file_sha256) is not None  # beside the file
    db.close()

    assert copy(source, office_address) == 0
    office = open_database(office_address)
    kept = photos.original_bytes(office, entry.file_sha256)
    office.close()
    assert hashlib.sha256(kept).hexdigest() == entry.file_sha256

    back = tmp_path / "back.sqlite3"
    assert copy(office_address, back) == 0
    copied = open_database(back)
    assert hashlib.sha256(photos.original_bytes(copied, entry.file_sha256)).hexdigest() == (
        entry.file_sha256
    )
    copied.close()


def test_a_copy_onto_an_office_database_with_projects_is_refused_and_changes_nothing(
    office_address, tmp_path, capsys
):
    office = open_database(office_address)
    fill_briefing_demo(office, project_count=5)
    before = projects.count(office)
    office.close()
    other = tmp_path / "other.sqlite3"
    db = open_database(other)
    fill_briefing_demo(db, project_count=8)
    db.close()

    assert copy(other, office_address) == 1
    assert "已有项目" in capsys.readouterr().err
    office = open_database(office_address)
    assert projects.count(office) == before
    office.close()


def test_new_rows_after_a_copy_take_ids_after_the_copied_ones(office_address, tmp_path):
    source = tmp_path / "source.sqlite3"
    db = open_database(source)
    fill_briefing_demo(db, project_count=6)
    db.close()
    assert copy(source, office_address) == 0
    office = open_database(office_address)
    highest = office.execute("SELECT MAX(id) FROM projects").fetchone()[0]
    saved = projects.save(office, Project(name="复制后新建的项目", unit_id=1, industry_id=1))
    analysed = office.execute(
        "SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname IN ('projects', 'milestones')"
        " AND last_analyze IS NOT NULL"
    ).fetchone()[0]
    office.close()
    assert saved.id == highest + 1
    assert analysed == 2, "the copied tables' statistics are gathered for the server's planner"


def test_an_office_database_that_cannot_be_reached_is_one_line_and_exit_1(capsys):
    assert main(["figures", "--db", UNREACHABLE, "--period", PERIOD]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("无法连接办公室数据库 nobody@127.0.0.1:1/jimo：")
    assert len(error.splitlines()) == 1


def test_a_program_without_its_database_driver_says_so_in_one_line(capsys, monkeypatch):
    """A program folder that lacks part of psycopg (as a build once did) is told apart from
    a server that cannot be reached, and is never a traceback."""
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "jimo_desktop.store.postgresql", raising=False)
    assert main(["figures", "--db", UNREACHABLE, "--period", PERIOD]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(
        "本程序的办公室数据库组件不完整，无法连接办公室数据库 nobody@127.0.0.1:1/jimo："
    )
    assert error.endswith("请重新安装本程序") and len(error.splitlines()) == 1


@pytest.mark.parametrize("password", ["s3cret"])
def test_a_password_in_the_address_is_never_printed(capsys, password):
    unreachable = UNREACHABLE.replace("nobody@", f"nobody:{password}@")
    assert main(["figures", "--db", unreachable, "--period", PERIOD]) == 1
    assert password not in capsys.readouterr().err


def test_an_import_into_the_office_database_is_audited_under_the_officer_signed_in(
    office_address, tmp_path, capsys
):
    rows = submission(project_row(1, "海洋生物医药产业园项目"), project_row(2, "石墨烯生产线"))
    workbook = write_xlsx(tmp_path / "通济街道.xlsx", SheetSpec("新开工", rows))
    assert main(["import-excel", str(workbook), "--db", office_address]) == 0
    assert "新增 2 项" in capsys.readouterr().out
    office = open_database(office_address)
    officers = office.execute(
        "SELECT DISTINCT officer FROM audit_log WHERE table_name = 'projects'"
    ).fetchall()
    assert projects.count(office) == 2
    office.close()
    assert officers == [("postgres",)]


def test_a_read_only_role_reads_the_figures_and_its_import_is_refused_as_read_only(
    postgres_server, office_address, tmp_path, capsys
):
    office = open_database(office_address)
    fill_briefing_demo(office, project_count=6)
    before = projects.count(office)
    office.close()
    leader = postgres_server.reader(office_address, "leader_ro")

    reading = open_database(leader)
    assert reading.read_only
    # A write that reaches the server anyway reads as SQLite's refusal to write, which the
    # window explains as 只读.
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        settings.put(reading, settings.OFFICER, "领导")
    reading.close()
    assert figures(capsys, leader) == figures(capsys, office_address)

    rows = submission(project_row(1, "领导不能导入的项目"))
    workbook = write_xlsx(tmp_path / "通济街道.xlsx", SheetSpec("新开工", rows))
    assert main(["import-excel", str(workbook), "--db", leader]) == 1
    error = capsys.readouterr().err
    assert "只读" in error and "未写入任何数据" in error
    office = open_database(office_address)
    assert projects.count(office) == before
    assert not office.read_only
    office.close()


def test_a_backup_of_the_office_database_is_an_embedded_copy_that_opens_anywhere(
    office_address, tmp_path, capsys
):
    office = open_database(office_address)
    fill_briefing_demo(office, project_count=6)
    office.close()
    assert main(["backup", "--db", office_address, "--to", str(tmp_path)]) == 0
    [copy] = tmp_path.glob("*-manual.sqlite3")
    assert f"已备份到 {copy}" in capsys.readouterr().out
    assert main(["check", "--db", str(copy)]) == 0
    assert main(["check", "--db", office_address]) == 0
    assert "完好" in capsys.readouterr().out
    assert bulletin(copy) == bulletin(office_address)


def test_the_office_backup_has_every_table_and_index_of_a_new_file(office_address, tmp_path):
    office = open_database(office_address)
    fill_briefing_demo(office, project_count=6)
    office.close()
    assert main(["backup", "--db", office_address, "--to", str(tmp_path / "backups")]) == 0
    [copy] = (tmp_path / "backups").glob("*-manual.sqlite3")
    open_database(tmp_path / "new.sqlite3").close()

    def schema(path) -> list[tuple]:
        with closing(sqlite3.connect(path)) as db:
            return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()

    assert schema(copy) == schema(tmp_path / "new.sqlite3")
    with closing(sqlite3.connect(copy)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_rows_inserted_together_read_back_as_given_in_their_order(office_address):
    rows = [
        ("引号'\"\\与换行\n", "zone", "", 10**12),
        ("𠀀扩展字", "town", "简称、旧称", 10**12 + 1),
        ("负数", "street", "", -1),
    ]
    db = open_database(office_address)
    try:
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO units (name, kind, aliases, sort_order) VALUES (?, ?, ?, ?)", rows
            )
        stored = db.execute(
            "SELECT name, kind, aliases, sort_order FROM units"
            " WHERE sort_order >= 1000000000000 OR sort_order < 0 ORDER BY id"
        ).fetchall()
    finally:
        db.close()
    assert stored == rows


def test_check_names_an_office_table_it_cannot_read(postgres_server, office_address, capsys):
    postgres_server.execute(
        database_name(office_address), "ALTER TABLE work_logs DROP COLUMN author"
    )
    assert main(["check", "--db", office_address]) == 1
    assert "表 work_logs 无法读取" in capsys.readouterr().err


def test_a_field_trip_from_the_office_database_merges_back_inspection_photos_and_all(
    office_address, tmp_path, capsys
):
    trip = start_trip(tmp_path, office_at=office_address)
    record_inspection(trip.laptop, trip.project_ids[1], tmp_path)
    back = leader_conflict(trip)
    trip.close()

    assert main(["merge-package", str(back), "--db", office_address, "--prefer", "field"]) == 0
    capsys.readouterr()
    office = open_database(office_address)
    assert projects.get(office, trip.project_ids[0]).leader == "张居正"
    kept = office.execute("SELECT sha256, original FROM photo_files").fetchall()
    officers = office.execute(
        "SELECT DISTINCT officer FROM audit_log WHERE table_name = 'inspections'"
    ).fetchall()
    office.close()
    assert len(kept) == 3
    assert all(hashlib.sha256(original).hexdigest() == sha256 for sha256, original in kept)
    assert officers == [(DEMO_OFFICER,)]  # the officer signed in at the office merged it


def test_the_export_and_the_briefing_commands_read_the_office_database(
    office_address, tmp_path, capsys
):
    office = open_database(office_address)
    fill_briefing_demo(office, project_count=8)
    office.close()
    sheet, pdf = tmp_path / "清单.xlsx", tmp_path / "通报.pdf"
    assert main(["export-excel", str(sheet), "--db", office_address, "--year", "2020"]) == 0
    assert main(["briefing", str(pdf), "--db", office_address, "--period", PERIOD]) == 0
    assert "已生成" in capsys.readouterr().out
    assert sheet.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")


def test_two_officers_windows_on_one_office_database_never_lose_an_update(office_address):
    first, second = open_database(office_address), open_database(office_address)
    saved = projects.save(first, Project(name="两人同改的项目", unit_id=1, industry_id=1))
    opened_here = projects.get(first, saved.id)
    opened_there = projects.get(second, saved.id)
    projects.save(second, dataclasses.replace(opened_there, leader="王守仁"), opened_there)
    with pytest.raises(EditedMeanwhile) as refused:
        projects.save(first, dataclasses.replace(opened_here, leader="张居正"), opened_here)
    assert "挂钩领导（双方都改了）：打开时「（空）」" in str(refused.value)
    assert projects.get(first, saved.id).leader == "王守仁"
    first.close()
    second.close()


def test_the_monthly_loop_the_timeline_and_the_history_work_on_the_office_database(
    office_address, tmp_path, capsys
):
    """What came with the units' monthly loop, the Qt timeline and the dated history runs on
    the office database as on the file, through the real entry point where there is one."""
    assert main(["demo", "--db", office_address, "--projects", "24"]) == 0
    out = tmp_path / "templates"
    assert main(["templates", str(out), "--db", office_address, "--period", "2020-07"]) == 0
    assert list(out.glob("*.xlsx"))
    assert main(["submissions", "--db", office_address, "--period", "2020-06"]) == 0
    for kind in ("problems", "supervision", "progress", "dispatch", "milestones"):
        listed = tmp_path / f"{kind}.xlsx"
        assert main(["export-excel", str(listed), "--db", office_address, "--list", kind]) == 0
        assert listed.stat().st_size > 0
    capsys.readouterr()
    db = open_database(office_address)
    try:
        june = history.HistoryFilter(date_from="2020-06", date_to="2020-06")
        lines, _ = history.search(db, june)
        assert lines and {line.at[:7] for line in lines} == {"2020-06"}
        data = timeline_rows.load(db, settings.today(db))
        assert len(data) == 24 and len(data.nodes.ids) > 0
        node = int(data.nodes.ids[0])
        assert timeline_rows.node_details(db, node, settings.today(db))
    finally:
        db.close()
