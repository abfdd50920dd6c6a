import dataclasses
import sqlite3
import uuid

import pytest

from jimo_desktop.domain.money import format_wan, parse_wan
from jimo_desktop.domain.project import Level, Nature, Project, Stage, YearListing
from jimo_desktop.store import audit, dictionaries, settings
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.engine import is_postgresql
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.projects import NotFoundError, ValidationError
from tests.failures import fail_inserts_into


def new_project(**changes) -> Project:
    project = Project(
        name="海洋生物医药产业园",
        code="JM-2020-001",
        unit_id=1,
        industry_id=1,
        builder="青岛海洋生物医药有限公司",
        builder_phone="0532-88581234",
        nature=Nature.NEW,
        stage=Stage.PLANNING,
        total_investment=parse_wan("85,000"),
        planned_start="2020-03",
        planned_end="2022-12",
        leader="王区长",
        years=[YearListing(2020, Level.DISTRICT, parse_wan("12,000.5"))],
    )
    return dataclasses.replace(project, **changes)


def audit_rows(db) -> list[tuple]:
    return db.execute(
        "SELECT table_name, row_id, row_uuid, action, field, old_value, new_value"
        " FROM audit_log ORDER BY id"
    ).fetchall()


def test_save_inserts_with_a_uuid_and_one_insert_audit_line(db):
    settings.put(db, settings.OFFICER, "张科员")
    saved = projects.save(db, new_project())

    assert saved.id is not None
    assert uuid.UUID(saved.uuid).version == 4
    assert projects.count(db) == 1
    entries = audit.history(db, "projects", saved.id)
    assert len(entries) == 1
    assert entries[0].action == "insert"
    assert entries[0].officer == "张科员"
    assert entries[0].field is None
    assert audit_rows(db)[0][2] == saved.uuid


def test_saved_project_reads_back_equal(db):
    saved = projects.save(db, new_project(is_government=True, in_statistics=False))
    loaded = projects.get(db, saved.id)
    assert loaded == saved
    assert loaded.stage is Stage.PLANNING
    assert loaded.nature is Nature.NEW
    assert loaded.is_government is True
    assert loaded.years[0].level is Level.DISTRICT


def test_save_strips_the_name_and_stores_pinyin_initials(db):
    saved = projects.save(db, new_project(name="  海洋生物医药产业园 "))
    assert projects.get(db, saved.id).name == "海洋生物医药产业园"
    initials = db.execute("SELECT name_initials FROM projects WHERE id = ?", [saved.id])
    assert initials.fetchone()[0] == "hyswyycyy"


def test_two_saved_projects_get_different_uuids(db):
    first = projects.save(db, new_project())
    second = projects.save(db, new_project(name="蓝谷海洋科技中心"))
    assert first.uuid != second.uuid
    assert first.id != second.id


def test_update_writes_one_audit_line_per_changed_field_with_old_and_new(db):
    saved = projects.save(db, new_project())
    audit_before = len(audit_rows(db))
    changed = dataclasses.replace(
        saved, name="海洋生物医药产业园（一期）", stage=Stage.STARTED, total_investment=9_000_000
    )

    projects.save(db, changed)

    updates = audit_rows(db)[audit_before:]
    assert {row[3] for row in updates} == {"update"}
    assert {row[1] for row in updates} == {saved.id}
    assert {row[2] for row in updates} == {saved.uuid}
    by_field = {row[4]: (row[5], row[6]) for row in updates}
    assert by_field == {
        "name": ("海洋生物医药产业园", "海洋生物医药产业园（一期）"),
        "stage": ("planning", "started"),
        "total_investment": ("8500000", "9000000"),
    }
    assert projects.get(db, saved.id).total_investment == 9_000_000


def test_update_of_yearly_listings_is_audited_as_field_years(db):
    saved = projects.save(db, new_project())
    audit_before = len(audit_rows(db))
    changed = dataclasses.replace(
        saved,
        years=[
            YearListing(2020, Level.DISTRICT, parse_wan("12,000.5")),
            YearListing(2021, Level.PROVINCE, parse_wan("30,000")),
        ],
    )

    projects.save(db, changed)

    updates = audit_rows(db)[audit_before:]
    assert [row[4] for row in updates] == ["years"]
    old_value, new_value = updates[0][5], updates[0][6]
    assert "2020" in old_value and "2021" not in old_value
    assert "2021" in new_value and "省重点" in new_value and "30,000.00" in new_value
    assert [listing.year for listing in projects.get(db, saved.id).years] == [2020, 2021]


def test_saving_an_unchanged_project_writes_nothing(db):
    saved = projects.save(db, new_project())
    stamp = "SELECT updated_at FROM projects WHERE id = ?"
    db.execute("UPDATE projects SET updated_at = '2000-01-01T00:00:00' WHERE id = ?", [saved.id])
    audit_before = audit_rows(db)

    projects.save(db, projects.get(db, saved.id))
    projects.save(db, dataclasses.replace(saved, name=f" {saved.name} ", remarks=""))

    assert audit_rows(db) == audit_before
    assert db.execute(stamp, [saved.id]).fetchone()[0] == "2000-01-01T00:00:00"


def test_invalid_new_project_raises_with_problems_and_writes_nothing(db):
    with pytest.raises(ValidationError) as caught:
        projects.save(db, new_project(name=" ", unit_id=None))
    assert set(caught.value.problems) == {"name", "unit_id"}
    assert "请选择区位" in str(caught.value)
    assert projects.count(db) == 0
    assert db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 0
    assert audit_rows(db) == []


def test_invalid_update_raises_and_leaves_the_stored_project_as_it_was(db):
    saved = projects.save(db, new_project())
    audit_before = audit_rows(db)
    with pytest.raises(ValidationError) as caught:
        projects.save(db, dataclasses.replace(saved, name="改名", builder_phone="无"))
    assert set(caught.value.problems) == {"builder_phone"}
    assert projects.get(db, saved.id).name == "海洋生物医药产业园"
    assert audit_rows(db) == audit_before


def test_amounts_come_back_exactly(db):
    total = parse_wan("123456789.01")
    plans = [parse_wan("0.1"), parse_wan("0.2")]
    saved = projects.save(
        db,
        new_project(
            total_investment=total,
            years=[YearListing(2020, None, plans[0]), YearListing(2021, None, plans[1])],
        ),
    )
    loaded = projects.get(db, saved.id)
    assert loaded.total_investment == total == 12_345_678_901
    assert format_wan(loaded.total_investment) == "123,456,789.01"
    assert sum(listing.annual_plan for listing in loaded.years) == parse_wan("0.3")
    if is_postgresql(db):
        stored = db.execute("SELECT pg_typeof(total_investment)::text FROM projects").fetchone()[0]
        assert stored == "bigint"
    else:
        stored = db.execute("SELECT typeof(total_investment) FROM projects").fetchone()[0]
        assert stored == "integer"


def test_duplicate_gives_an_unsaved_copy_marked_as_such(db):
    saved = projects.save(db, new_project())

    copy = projects.duplicate(db, saved.id)

    assert copy.id is None and copy.uuid is None
    assert copy.name == "海洋生物医药产业园（副本）"
    assert copy.code == ""
    assert copy.unit_id == saved.unit_id
    assert copy.total_investment == saved.total_investment
    assert copy.years == saved.years
    copy.years[0].annual_plan = 1
    assert projects.get(db, saved.id).years[0].annual_plan == parse_wan("12,000.5")
    assert projects.count(db) == 1


def test_saved_duplicate_is_a_second_project_with_its_own_identity(db):
    saved = projects.save(db, new_project())
    copy = projects.save(db, projects.duplicate(db, saved.id))
    assert projects.count(db) == 2
    assert copy.id != saved.id and copy.uuid != saved.uuid
    assert projects.get(db, saved.id).name == "海洋生物医药产业园"
    assert projects.get(db, copy.id).years == saved.years


def test_delete_hides_the_project_and_restore_brings_it_back_both_audited(db):
    saved = projects.save(db, new_project())
    other = projects.save(db, new_project(name="蓝谷海洋科技中心"))

    projects.delete(db, saved.id)

    with pytest.raises(NotFoundError):
        projects.get(db, saved.id)
    assert projects.count(db) == 1
    assert db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 2
    assert projects.get(db, other.id).name == "蓝谷海洋科技中心"

    projects.restore(db, saved.id)

    assert projects.get(db, saved.id) == saved
    assert projects.count(db) == 2
    actions = [entry.action for entry in audit.history(db, "projects", saved.id)]
    assert actions == ["restore", "delete", "insert"]


def test_delete_of_an_unknown_project_raises_not_found(db):
    with pytest.raises(NotFoundError):
        projects.delete(db, 404)
    assert audit_rows(db) == []


def test_insert_many_inserts_each_project_with_listings_and_audit(db):
    ids = projects.insert_many(db, [new_project(), new_project(name="蓝谷海洋科技中心", years=[])])
    assert len(ids) == 2
    assert projects.count(db) == 2
    assert projects.get(db, ids[0]).years[0].year == 2020
    assert [row[3] for row in audit_rows(db)] == ["insert", "insert"]


def test_insert_many_with_one_invalid_project_inserts_none(db):
    with pytest.raises(ValidationError) as caught:
        projects.insert_many(db, [new_project(), new_project(name="坏项目", unit_id=None)])
    assert "坏项目: unit_id" in caught.value.problems
    assert projects.count(db) == 0


def test_save_is_all_or_nothing_when_writing_listings_fails(db):
    fail_inserts_into(db, "project_years")
    with pytest.raises(sqlite3.IntegrityError):
        projects.save(db, new_project())
    assert db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 0
    assert audit_rows(db) == []


def test_update_is_all_or_nothing_when_the_audit_line_fails(db):
    saved = projects.save(db, new_project())
    fail_inserts_into(db, "audit_log")
    with pytest.raises(sqlite3.IntegrityError):
        projects.save(db, dataclasses.replace(saved, name="未留痕的改名"))
    assert projects.get(db, saved.id).name == "海洋生物医药产业园"


def test_delete_is_all_or_nothing_when_the_audit_line_fails(db):
    saved = projects.save(db, new_project())
    fail_inserts_into(db, "audit_log")
    with pytest.raises(sqlite3.IntegrityError):
        projects.delete(db, saved.id)
    assert projects.count(db) == 1


def test_insert_many_is_all_or_nothing_when_a_later_insert_fails(db):
    fail_inserts_into(db, "project_years", "NEW.year = 2021")
    batch = [new_project(), new_project(name="蓝谷海洋科技中心", years=[YearListing(2021)])]
    with pytest.raises(sqlite3.IntegrityError):
        projects.insert_many(db, batch)
    assert db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 0


def _three_kept(db) -> list[Project]:
    names = ("海洋生物医药产业园", "蓝谷海洋科技中心", "即墨古城保护工程")
    ids = projects.insert_many(db, [new_project(name=name, code="") for name in names])
    return [projects.get(db, project_id) for project_id in ids]


def test_get_many_reads_each_live_project_with_its_listings(db):
    first, second, third = _three_kept(db)
    projects.delete(db, third.id)
    assert projects.get_many(db, [first.id, second.id, third.id, 999]) == {
        first.id: first,
        second.id: second,
    }


def test_update_many_audits_each_changed_field_and_leaves_unchanged_projects_untouched(db):
    first, second, third = _three_kept(db)
    db.execute("UPDATE projects SET updated_at = '2000-01-01T00:00:00'")
    audit_before = len(audit_rows(db))
    renamed = dataclasses.replace(
        first, name="海洋生物医药产业园（一期）", total_investment=9_000_000
    )
    relisted = dataclasses.replace(second, years=[YearListing(2021, Level.PROVINCE, 100)])

    written = projects.update_many(db, [renamed, relisted, dataclasses.replace(third, remarks="")])

    assert written == [first.id, second.id]
    written_lines = audit_rows(db)[audit_before:]
    assert len(written_lines) == 3
    lines = {(row[1], row[4]): (row[2], row[3], row[5], row[6]) for row in written_lines}
    assert lines == {
        (first.id, "name"): (
            first.uuid,
            "update",
            "海洋生物医药产业园",
            "海洋生物医药产业园（一期）",
        ),
        (first.id, "total_investment"): (first.uuid, "update", "8500000", "9000000"),
        (second.id, "years"): (
            second.uuid,
            "update",
            "2020（区重点，计划12,000.50万元）",
            "2021（省重点，计划1.00万元）",
        ),
    }
    assert projects.get(db, first.id) == renamed
    assert projects.get(db, second.id).years == [YearListing(2021, Level.PROVINCE, 100)]
    stamps = dict(db.execute("SELECT id, updated_at FROM projects").fetchall())
    assert stamps[third.id] == "2000-01-01T00:00:00"
    assert stamps[first.id] != "2000-01-01T00:00:00"


def test_update_many_given_one_project_twice_changes_it_as_two_saves_would(db):
    first, _, _ = _three_kept(db)
    audit_before = len(audit_rows(db))
    once = dataclasses.replace(first, total_investment=9_000_000)
    twice = dataclasses.replace(once, total_investment=9_500_000, leader="李区长")

    assert projects.update_many(db, [once, twice]) == [first.id]

    lines = [row[4:] for row in audit_rows(db)[audit_before:]]
    assert lines == [
        ("total_investment", "8500000", "9000000"),
        ("total_investment", "9000000", "9500000"),
        ("leader", "王区长", "李区长"),
    ]
    assert projects.get(db, first.id) == twice


def test_update_many_with_one_invalid_project_updates_none(db):
    first, second, _ = _three_kept(db)
    audit_before = audit_rows(db)
    with pytest.raises(ValidationError) as caught:
        projects.update_many(
            db,
            [dataclasses.replace(first, name="改名"), dataclasses.replace(second, unit_id=None)],
        )
    assert "蓝谷海洋科技中心: unit_id" in caught.value.problems
    assert projects.get(db, first.id).name == "海洋生物医药产业园"
    assert audit_rows(db) == audit_before


def test_update_many_of_a_deleted_project_raises_and_updates_none(db):
    first, second, _ = _three_kept(db)
    projects.delete(db, second.id)
    audit_before = audit_rows(db)
    with pytest.raises(NotFoundError):
        projects.update_many(
            db, [dataclasses.replace(first, name="改名"), dataclasses.replace(second, name="又改")]
        )
    assert projects.get(db, first.id).name == "海洋生物医药产业园"
    assert audit_rows(db) == audit_before


def test_update_many_is_all_or_nothing_when_a_later_audit_line_fails(db):
    first, second, _ = _three_kept(db)
    fail_inserts_into(db, "audit_log", f"NEW.row_id = {second.id}")
    with pytest.raises(sqlite3.IntegrityError):
        projects.update_many(
            db,
            [
                dataclasses.replace(first, name="改名", years=[]),
                dataclasses.replace(second, total_investment=9_999_999),
            ],
        )
    assert projects.get(db, first.id) == first
    assert projects.get(db, second.id) == second


def test_the_stage_kept_follows_the_actual_dates(db):
    unit = dictionaries.entries(db, "units")[0].id
    industry = dictionaries.entries(db, "industries")[0].id
    cases = {
        # stage typed, actual start, actual end → stage kept
        "填了开工日期仍选谋划": (Stage.PLANNING, "2020-03-05", None, Stage.STARTED),
        "填了竣工日期仍选开工": (Stage.STARTED, "2019-03", "2020-05", Stage.COMPLETED),
        "已投产": (Stage.PRODUCING, "2018-03", "2019-12", Stage.PRODUCING),
        "未填日期的开工": (Stage.STARTED, None, None, Stage.STARTED),
        "储备": (Stage.RESERVE, None, None, Stage.RESERVE),
    }
    for name, (typed, start, end, _) in cases.items():
        projects.save(
            db,
            Project(
                name=name,
                unit_id=unit,
                industry_id=industry,
                stage=typed,
                actual_start=start,
                actual_end=end,
            ),
        )
    kept = dict(db.execute("SELECT name, stage FROM projects").fetchall())
    assert kept == {name: case[3].value for name, case in cases.items()}


def test_a_save_from_an_editor_opened_before_anothers_save_is_refused_and_writes_nothing(db):
    opened = projects.save(db, new_project())
    settings.put(db, settings.OFFICER, "王晓燕")
    projects.save(db, dataclasses.replace(opened, builder="青岛蓝海建设有限公司"), opened)
    settings.put(db, settings.OFFICER, "李明")
    mine = dataclasses.replace(opened, builder="即墨城投", location="鳌山卫街道")
    with pytest.raises(EditedMeanwhile) as refused:
        projects.save(db, mine, opened)
    assert projects.get(db, opened.id).builder == "青岛蓝海建设有限公司"
    assert projects.get(db, opened.id).location == opened.location
    message = str(refused.value)
    assert "已由王晓燕于" in message
    assert (
        "建设单位（双方都改了）：打开时「青岛海洋生物医药有限公司」｜王晓燕「青岛蓝海建设有限公司」"
        "｜您「即墨城投」"
    ) in message
    assert "「鳌山卫街道」" in message
    assert [line.conflict for line in refused.value.fields] == [True, False]


def test_a_save_from_an_editor_opened_after_the_last_save_goes_through(db):
    opened = projects.save(db, new_project())
    saved = projects.save(db, dataclasses.replace(opened, builder="青岛蓝海建设有限公司"), opened)
    again = projects.get(db, saved.id)
    projects.save(db, dataclasses.replace(again, location="鳌山卫街道"), again)
    assert projects.get(db, saved.id).location == "鳌山卫街道"
    assert projects.get(db, saved.id).builder == "青岛蓝海建设有限公司"
