"""项目简报: one project's card, figures, milestones with their 路线图, lists and log."""

import pytest

from jimo_desktop.reports.project_brief import draft_project, write_project_pdf
from jimo_desktop.store.papers.project_brief_facts import project_facts
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import milestones
from tests.briefing_demo import briefing_demo, pdf_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = briefing_demo(tmp_path_factory.mktemp("brief") / "demo.sqlite3", project_count=20)
    yield db
    db.close()


@pytest.fixture(scope="module")
def project_id(demo) -> int:
    """A project with milestones and a June report."""
    return demo.execute(
        "SELECT project_id FROM progress_reports WHERE period = '2020-06'"
        " AND project_id IN (SELECT project_id FROM milestones) ORDER BY project_id LIMIT 1"
    ).fetchone()[0]


def test_the_card_carries_the_project_record(demo, project_id):
    project = projects.get(demo, project_id)
    facts = project_facts(demo, project_id, "2020-06")
    card = {line.label: line.value for line in facts.card}
    assert card["建设单位"] == project.builder
    assert card["项目阶段"] == project.stage.label
    assert card["挂钩领导"] == project.leader


def test_the_figures_are_those_of_the_month(demo, project_id):
    facts = project_facts(demo, project_id, "2020-06")
    labels = [line.label for line in facts.figures]
    assert labels[:3] == ["报送月份", "年度计划投资", "1-6月累计完成"]
    assert facts.figures[0].value == "2020年6月"
    assert [row[0] for row in facts.progress_rows][-1] == "2020年6月"


def test_the_pdf_holds_the_draft_the_tables_and_the_roadmap(demo, project_id, tmp_path):
    facts = project_facts(demo, project_id, "2020-06")
    draft = draft_project(facts)
    draft.section("next_steps").paragraphs.append("由挂钩领导每月现场调度一次。")
    path = tmp_path / "brief.pdf"
    assert write_project_pdf(facts, draft, path) >= 3
    text = pdf_text(path)
    nodes = milestones.for_project(demo, project_id)
    for expected in (
        f"{facts.name}建设情况",
        "表1项目基本信息",
        "（一）问题清单",
        "（三）服务清单",
        "由挂钩领导每月现场调度一次。",
        "附件1",
        "项目时间节点路线图",
        nodes[0].name,
    ):
        assert expected in text, expected


def test_a_node_planned_for_a_month_is_said_late_by_months(demo, project_id):
    node = milestones.add_custom(
        demo, project_id, {"name": "管线迁改", "planned_on": "2020-03", "actual_on": "2020-05"}
    )
    try:
        rows = project_facts(demo, project_id, "2020-06").milestone_rows
        assert ("管线迁改", "2020年3月", "2020年5月", "", "滞后完成 2 个月") in rows
    finally:
        milestones.delete(demo, node)


def test_a_past_months_brief_shows_the_log_written_by_its_end(demo, project_id):
    from jimo_desktop.store.tracking import work_logs

    work_logs.add(demo, project_id, "三月现场调度", logged_on="2020-03-12")
    work_logs.add(demo, project_id, "六月现场调度", logged_on="2020-06-20")
    march = project_facts(demo, project_id, "2020-03")
    assert "2020年3月12日" in [row[0] for row in march.log_rows]
    assert not any(row[1] == "六月现场调度" for row in march.log_rows)
    june = project_facts(demo, project_id, "2020-06")
    assert any(row[1] == "六月现场调度" for row in june.log_rows)
