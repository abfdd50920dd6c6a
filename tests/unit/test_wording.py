"""The briefings' wording: no word said twice where names meet the text around them, empty
categories named 其他, 记录人 the officer 设置 names, an empty month said in one sentence."""

import dataclasses

import pytest

from jimo_desktop.domain.briefing_facts import OverdueProblem, ProblemTally
from jimo_desktop.domain.project import Project
from jimo_desktop.domain.wording import joined
from jimo_desktop.reports.bulletin import draft_monthly
from jimo_desktop.reports.bulletin_pdf import write_monthly_pdf
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.papers.briefing_facts import monthly_facts
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import work_logs
from tests.briefing_demo import briefing_demo, pdf_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = briefing_demo(tmp_path_factory.mktemp("wording") / "demo.sqlite3", project_count=30)
    yield db
    db.close()


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        (("综合体项目", "项目地块内尚有3户"), "综合体项目地块内尚有3户"),
        (("未分类", "类"), "未分类"),
        (("其他", "类"), "其他类"),
        (("灵山镇", "灵山镇政府驻地东侧"), "灵山镇政府驻地东侧"),
        (("通济街道", "青岛蓝谷项目"), "通济街道青岛蓝谷项目"),
        (("施工许可", "逾期1个月"), "施工许可逾期1个月"),
        (("滨海大道1号", "1号楼"), "滨海大道1号1号楼"),
    ],
)  # fmt: skip
def test_a_word_at_a_seam_is_said_once(parts, text):
    assert joined(*parts) == text


def bulletin_text(draft) -> str:
    return "".join(paragraph for section in draft.sections for paragraph in section.paragraphs)


def test_the_bulletin_says_no_word_twice_where_names_meet_its_sentences(demo):
    facts = monthly_facts(demo, "2020-06")
    overdue = OverdueProblem(
        project="东方海洋商业综合体项目",
        unit="灵山镇",
        category="未分类",
        description="项目地块内尚有3户未完成拆迁",
        deadline="2020年6月22日",
        responsible_unit="区住房和城乡建设局",
        note="逾期8天",
    )
    facts = dataclasses.replace(
        facts,
        overdue_problems=(overdue,),
        problem_tallies=(ProblemTally("未分类", "待解决", 99),),
    )
    text = bulletin_text(draft_monthly(facts))
    assert "东方海洋商业综合体项目地块内尚有3户未完成拆迁" in text
    assert "项目项目" not in text
    assert "未分类99个" in text and "未分类类" not in text


def test_a_problem_without_a_category_is_counted_under_other(demo):
    facts = monthly_facts(demo, "2020-06")
    categories = {tally.category for tally in facts.problem_tallies}
    assert "" not in categories and None not in categories


def test_a_month_nobody_reported_is_said_in_one_sentence(demo, tmp_path):
    facts = monthly_facts(demo, "2020-12")
    draft = draft_monthly(facts)
    assert len(draft.sections) == 1
    (sentence,) = draft.sections[0].paragraphs
    assert "均未报送" in sentence and sentence.count("。") == 1
    out = tmp_path / "empty.pdf"
    assert write_monthly_pdf(facts, draft, out) == 1
    text = pdf_text(out)
    assert "表1" not in text and "附件" not in text and "0.00亿元" not in text


def test_a_log_line_is_signed_by_the_officer_set_never_the_computers_login(tmp_path):
    db = open_database(tmp_path / "fresh.sqlite3")
    project = projects.save(db, Project("测试项目", unit_id=1, industry_id=1)).id
    first = work_logs.add(db, project, "现场查看")
    settings.put(db, settings.OFFICER, "王磊")
    second = work_logs.add(db, project, "电话调度")
    authors = {entry.id: entry.author for entry in work_logs.for_project(db, project)}
    assert authors[second] == "王磊"
    assert authors[first] == "未署名"
    db.conn.close()
