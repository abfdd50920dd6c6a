"""问题与清单 on a project's page: its problems, policies and services, each added, edited, done."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jimo_desktop.domain.problems import DeadlineState, PolicyState, ProblemStatus
from jimo_desktop.domain.project import Project
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import problems, three_lists
from jimo_desktop.views.common.record_table import DEADLINE_COLOURS, RowRole
from jimo_desktop.views.projects import project_editor
from jimo_desktop.views.projects.project_editor import ProjectEditor
from jimo_desktop.views.projects.project_lists_panel import ProjectListsPanel
from jimo_desktop.views.projects.project_panels import Panel
from tests.gui.keyboard import type_text


@pytest.fixture
def project_id(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    other = projects.save(db, Project("另一个项目", unit_id=2, industry_id=1)).id
    problems.raise_problem(db, other, "别的项目的问题")
    return projects.save(db, Project("即发集团智能化技术改造项目", unit_id=1, industry_id=11)).id


@pytest.fixture
def panel(qtbot, db, project_id) -> ProjectListsPanel:
    widget = ProjectListsPanel(db, project_id)
    qtbot.addWidget(widget)
    widget.resize(880, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def records(table) -> list:
    return [table.proxy.index(r, 0).data(RowRole) for r in range(table.proxy.rowCount())]


def tab_titles(panel: ProjectListsPanel) -> list[str]:
    return [panel.tabs.tabText(i) for i in range(panel.tabs.count())]


def save_form(qtbot, form, **typed) -> None:
    qtbot.waitUntil(form.isVisible)
    for name, text in typed.items():
        form.widgets[name].clear()
        type_text(qtbot, form.widgets[name], text)
    assert form.save(), {name: label.text() for name, label in form.errors.items()}


def test_the_panel_shows_this_projects_three_lists_with_counts(panel, db, project_id):
    assert tab_titles(panel) == ["问题清单（0）", "政策清单（0）", "服务清单（0）"]
    problems.raise_problem(db, project_id, "土地未摘牌")
    panel.refresh_problems()
    assert [row.description for row in records(panel.problems)] == ["土地未摘牌"]
    assert tab_titles(panel)[0] == "问题清单（1）"


def test_a_problem_raised_here_belongs_to_the_project_without_asking(qtbot, panel, db, project_id):
    form = panel.problem_actions.add()
    assert "project_id" not in form.widgets
    save_form(
        qtbot, form, description="规划方案未批复", deadline="2020-06-20", raised_on="2020-06-01"
    )

    (row,) = records(panel.problems)
    assert (row.project_id, row.deadline_state) == (project_id, DeadlineState.OVERDUE)
    assert panel.problems.summary.text() == "共1条，逾期1条"
    index = panel.problems.proxy.index(0, 0)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == DEADLINE_COLOURS[DeadlineState.OVERDUE]
    assert panel.problems.current_record().id == row.id


def test_a_problem_is_resolved_from_the_panel(qtbot, panel, db, project_id):
    problem_id = problems.raise_problem(db, project_id, "电力增容未落实")
    panel.refresh_problems()
    panel.problems.select(lambda row: row.id == problem_id)
    save_form(qtbot, panel.problem_actions.resolve(), resolution="专线已送电")
    assert records(panel.problems)[0].status is ProblemStatus.RESOLVED
    assert panel.problems.summary.text() == "共1条，逾期0条"


def test_a_policy_is_added_edited_and_marked_granted(qtbot, panel, db, project_id):
    policies = panel.policies
    save_form(qtbot, policies.add(), policy="技术改造设备投资奖补")
    (item,) = records(policies.table)
    assert (item.policy, item.state) == ("技术改造设备投资奖补", PolicyState.PENDING)
    assert tab_titles(panel)[1] == "政策清单（1）"

    form = policies.edit()
    form.widgets["state"].setCurrentIndex(form.widgets["state"].findData("applying"))
    save_form(qtbot, form, note="材料已报区工信局")
    assert records(policies.table)[0].state is PolicyState.APPLYING

    policies.done_button.click()
    assert records(policies.table)[0].state is PolicyState.GRANTED
    assert not policies.done_button.isEnabled()
    assert policies.table.summary.text() == "共1项，已落实1项"


def test_a_policy_needs_its_text(qtbot, panel):
    form = panel.policies.add()
    assert form.save() is False
    assert form.errors["policy"].text() == "请填写所需政策"
    form.done(0)


def test_a_service_is_added_with_a_due_date_and_settled_as_done(qtbot, panel, db, project_id):
    services = panel.services
    save_form(
        qtbot,
        services.add(),
        promise="协调办理施工许可证",
        provider="区行政审批服务局",
        due_on="2020-06-20",
    )
    (item,) = records(services.table)
    assert item.deadline_state is DeadlineState.OVERDUE
    colour = services.table.proxy.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert colour == DEADLINE_COLOURS[DeadlineState.OVERDUE]

    services.done_button.click()
    (done,) = records(services.table)
    assert (done.done, done.done_on) == (True, "2020-06-30")
    assert services.table.proxy.index(0, 3).data() == "已办结 2020年6月30日"
    assert tab_titles(panel)[2] == "服务清单（1）"


def test_a_deleted_service_can_be_brought_back(qtbot, panel, db, project_id, monkeypatch):
    item_id = three_lists.add_service(db, project_id, "对接银行融资")
    panel.services.refresh()
    panel.services.table.select(lambda item: item.id == item_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.services.delete_button.click()
    assert records(panel.services.table) == []
    assert tab_titles(panel)[2] == "服务清单（0）"
    panel.services.table.undo_button.click()
    assert [item.id for item in records(panel.services.table)] == [item_id]


def test_the_panel_appears_as_a_tab_of_the_project_page(qtbot, db, project_id, monkeypatch):
    monkeypatch.setattr(project_editor, "PROJECT_PANELS", (Panel("问题与清单", ProjectListsPanel),))
    editor = ProjectEditor(db, projects.get(db, project_id))
    qtbot.addWidget(editor)
    tabs = editor.ui.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "问题与清单" in titles
    panel = tabs.widget(titles.index("问题与清单"))
    assert isinstance(panel, ProjectListsPanel)
