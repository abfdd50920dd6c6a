"""工作日志 in the store: newest first, search, and officers changing only their own lines."""

import pytest

from jimo_desktop.domain.project import Project
from jimo_desktop.store import audit, settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import work_logs
from jimo_desktop.store.tracking.work_logs import WorkLogError


@pytest.fixture
def project_id(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    settings.put(db, settings.OFFICER, "李明")
    return projects.save(db, Project(name="即墨城投安置房建设项目", unit_id=1, industry_id=7)).id


def contents(db, project_id, text="") -> list[str]:
    return [entry.content for entry in work_logs.for_project(db, project_id, text)]


def test_the_log_lists_newest_first_and_same_day_lines_latest_written_first(db, project_id):
    work_logs.write(db, project_id, "召开项目推进会", "2020-05-12")
    work_logs.write(db, project_id, "现场查看施工进度", "2020-06-18")
    work_logs.write(db, project_id, "协调供电线路迁改", "2020-05-12")
    assert contents(db, project_id) == ["现场查看施工进度", "协调供电线路迁改", "召开项目推进会"]


def test_a_line_without_a_date_is_dated_the_business_day_and_signed(db, project_id):
    entry_id = work_logs.write(db, project_id, "  电话督促施工单位增加人员  ")
    entry = work_logs.get(db, entry_id)
    assert (entry.logged_on, entry.author, entry.source) == ("2020-06-30", "李明", "manual")
    assert entry.content == "电话督促施工单位增加人员"


@pytest.mark.parametrize(
    ("content", "logged_on", "reason"),
    [
        ("   ", None, "请填写日志内容"),
        ("现场查看", "2020-07-01", "不能晚于今天"),
        ("现场查看", "2020-06", "具体到日"),
        ("现场查看", "六月", "不是日期"),
    ],
)
def test_a_line_is_refused_without_text_or_with_a_bad_date(
    db, project_id, content, logged_on, reason
):
    with pytest.raises(WorkLogError, match=reason):
        work_logs.write(db, project_id, content, logged_on)
    assert contents(db, project_id) == []


def test_search_finds_words_in_the_content_or_the_author(db, project_id):
    work_logs.write(db, project_id, "协调区自然资源局办理用地预审", "2020-04-02")
    work_logs.write(db, project_id, "现场查看主体施工", "2020-05-06")
    settings.put(db, settings.OFFICER, "王芳")
    work_logs.write(db, project_id, "督促环评报告报批", "2020-06-01")
    assert contents(db, project_id, "用地") == ["协调区自然资源局办理用地预审"]
    assert contents(db, project_id, "王芳") == ["督促环评报告报批"]
    assert contents(db, project_id, "  ") == contents(db, project_id)
    assert contents(db, project_id, "%") == []


def test_an_officer_edits_an_own_line_and_the_change_is_audited(db, project_id):
    entry_id = work_logs.write(db, project_id, "现场查看", "2020-06-01")
    assert work_logs.edit(db, entry_id, "现场查看，主体结构封顶", "2020-06-02")
    entry = work_logs.get(db, entry_id)
    assert (entry.content, entry.logged_on) == ("现场查看，主体结构封顶", "2020-06-02")
    changed = {e.field for e in audit.history(db, "work_logs", entry_id) if e.action == "update"}
    assert changed == {"content", "logged_on"}


def test_another_officers_line_cannot_be_changed_or_deleted(db, project_id):
    entry_id = work_logs.write(db, project_id, "现场查看", "2020-06-01")
    settings.put(db, settings.OFFICER, "王芳")
    assert not work_logs.may_change(db, work_logs.get(db, entry_id))
    with pytest.raises(WorkLogError, match="只能由本人"):
        work_logs.edit(db, entry_id, "改写", "2020-06-01")
    with pytest.raises(WorkLogError, match="只能由本人"):
        work_logs.delete(db, entry_id)
    assert contents(db, project_id) == ["现场查看"]


def test_lines_the_program_wrote_stay_as_the_trace(db, project_id):
    entry_id = work_logs.add(db, project_id, "提出问题：用地指标不足", "problem")
    with pytest.raises(WorkLogError, match="问题清单自动记录"):
        work_logs.delete(db, entry_id)


def test_a_deleted_line_leaves_the_log_and_keeps_its_history(db, project_id):
    entry_id = work_logs.write(db, project_id, "误记的一条", "2020-06-01")
    work_logs.delete(db, entry_id)
    assert contents(db, project_id) == []
    assert [e.action for e in audit.history(db, "work_logs", entry_id)] == ["delete", "insert"]
