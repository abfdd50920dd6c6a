"""全程留痕: the global history finds every change in words, and restores deleted records."""

import pytest

from jimo_desktop.store import history, records, settings
from jimo_desktop.store.history import HistoryError, HistoryFilter
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.project_library import projects
from tests.unit.progress_data import listed_project

JUNE = "2020-06"


@pytest.fixture
def changed(db):
    """Two officers at work: 李明 lists a project and reports June, 王晓燕 corrects it."""
    settings.put(db, settings.OFFICER, "李明")
    project = listed_project(db, "蓝谷海洋科技园项目", in_statistics=False)
    progress.save_month(db, JUNE, {project: MonthReport(5_000_00, None, "主体施工")})
    settings.put(db, settings.OFFICER, "王晓燕")
    progress.save_month(db, JUNE, {project: MonthReport(5_500_00, None, "主体封顶", True)})
    return project


def found(db, **wanted) -> list[history.HistoryEntry]:
    return history.search(db, HistoryFilter(**wanted))[0]


def test_changes_read_old_to_new_in_the_officers_words(db, changed):
    entries = found(db, officer="王晓燕")
    words = {entry.what: entry.change for entry in entries}
    assert words == {
        "本年累计完成投资": "5,000.00万元 → 5,500.00万元",
        "形象进度": "主体施工 → 主体封顶",
        # 纳统 is the project's: counted from the month that said so
        "纳统": "否 → 是",
        "纳统日期": "（空） → 2020年6月",
    }
    subjects = {entry.subject for entry in entries}
    assert subjects == {"蓝谷海洋科技园项目 · 2020年6月", "蓝谷海洋科技园项目"}


def test_a_new_record_shows_what_was_entered(db, changed):
    inserted = found(db, officer="李明", table="progress_reports")[0]
    assert inserted.what == "新增"
    assert inserted.subject == "蓝谷海洋科技园项目 · 2020年6月"
    assert "项目：" not in inserted.change
    assert "月份：2020年6月" in inserted.change
    assert "本年累计完成投资：5,000.00万元" in inserted.change


def test_newest_change_comes_first(db, changed):
    entries = found(db)
    assert entries[0].officer == "王晓燕"
    assert entries[-1].officer == "李明"
    assert entries[-1].table == "projects"


def test_filter_by_officer_kind_action_and_text(db, changed):
    assert {entry.officer for entry in found(db, officer="李明")} == {"李明"}
    assert {entry.table for entry in found(db, table="projects")} == {"projects"}
    assert {entry.action for entry in found(db, action="update")} == {"update"}
    assert len(found(db, text="主体封顶")) == 1
    # A project's name finds the changes to its records too.
    assert len(found(db, text="海洋科技园")) == len(found(db))
    assert found(db, text="没有这个词") == []


def test_filter_by_date_range_takes_months_or_days(db, changed):
    stamp = found(db)[0].at
    day, month = stamp[:10], stamp[:7]
    assert len(found(db, date_from=day, date_to=day)) == len(found(db))
    assert len(found(db, date_from=month, date_to=month)) == len(found(db))
    assert found(db, date_to="2000-01") == []
    assert found(db, date_from="2999-01-01") == []


def test_search_says_when_more_lines_matched_than_shown(db, changed):
    entries, more = history.search(db, HistoryFilter(), limit=2)
    assert len(entries) == 2
    assert more
    assert not history.search(db, HistoryFilter())[1]


def test_officers_lists_everyone_who_changed_something(db, changed):
    assert history.officers(db) == ["李明", "王晓燕"]


def test_a_deleted_report_can_be_restored_from_the_history(db, changed):
    progress.save_month(db, JUNE, {changed: MonthReport()})
    deletion = found(db, action="delete")[0]
    assert deletion.restorable

    history.restore(db, deletion.table, deletion.row_id)

    assert progress.month_rows(db, JUNE)[0].report.completed_this_year == 5_500_00
    assert not found(db, action="delete")[0].restorable
    assert found(db, action="restore")[0].what == "恢复"


def test_a_deleted_project_is_restored_through_the_project_store(db, changed):
    projects.delete(db, changed)
    deletion = found(db, table="projects", action="delete")[0]
    assert deletion.subject == "蓝谷海洋科技园项目"

    history.restore(db, "projects", changed)

    assert projects.get(db, changed).name == "蓝谷海洋科技园项目"


def test_restoring_a_record_that_is_not_deleted_is_refused(db, changed):
    report_id = db.execute("SELECT id FROM progress_reports").fetchone()[0]
    with pytest.raises(HistoryError, match="未被删除"):
        history.restore(db, "progress_reports", report_id)
    with pytest.raises(HistoryError):
        history.restore(db, "units", 1)


def test_project_field_changes_name_dictionary_entries_not_ids(db, changed):
    project = projects.get(db, changed)
    project.unit_id = 2
    project.total_investment = 60_000_00
    projects.save(db, project)
    words = {entry.what: entry.change for entry in found(db, table="projects", action="update")}
    assert words["区位"] == "通济街道 → 环秀街道"
    assert words["总投资"] == "50,000.00万元 → 60,000.00万元"


def test_tracking_records_of_other_kinds_are_described_too(db, changed):
    records.insert(
        db,
        "problems",
        {"project_id": changed, "description": "用地指标未落实", "raised_on": "2020-06-01"},
    )
    entry = found(db, table="problems")[0]
    assert entry.subject == "蓝谷海洋科技园项目 · 用地指标未落实"
    assert "提出日期：2020年6月1日" in entry.change
