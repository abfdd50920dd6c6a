"""时间节点 in the store: the standard set, custom nodes, edits, order, deletes, the audit trail."""

from datetime import date

import pytest

from jimo_desktop.domain.milestones import CUSTOM, STANDARD_CODES, Status, milestone_lateness
from jimo_desktop.domain.project import Project, Stage
from jimo_desktop.store import audit, settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import milestones, work_logs
from jimo_desktop.store.tracking.milestones import MilestoneError


@pytest.fixture
def project_id(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    settings.put(db, settings.OFFICER, "李明")
    project = Project(
        name="蓝谷海洋科技创新中心项目",
        unit_id=1,
        industry_id=1,
        stage=Stage.STARTED,
        planned_start="2020-03",
        planned_end="2022-06",
        actual_start="2020-04-08",
    )
    return projects.save(db, project).id


def kinds(db, project_id) -> list[str]:
    return [node.kind for node in milestones.for_project(db, project_id)]


def test_the_standard_set_adds_ten_nodes_in_order(db, project_id):
    added = milestones.add_standard_set(db, project_id)
    assert len(added) == 10
    assert kinds(db, project_id) == list(STANDARD_CODES)


def test_the_standard_set_takes_start_and_completion_from_the_project(db, project_id):
    milestones.add_standard_set(db, project_id)
    nodes = {node.kind: node for node in milestones.for_project(db, project_id)}
    assert (nodes["start"].planned_on, nodes["start"].actual_on) == ("2020-03", "2020-04-08")
    assert (nodes["acceptance"].planned_on, nodes["acceptance"].actual_on) == ("2022-06", None)
    assert nodes["eia"].planned_on is None


def test_adding_the_standard_set_twice_adds_nothing_the_second_time(db, project_id):
    milestones.add_standard_set(db, project_id)
    assert milestones.add_standard_set(db, project_id) == []
    assert len(milestones.for_project(db, project_id)) == 10


def test_missing_standard_nodes_join_around_the_officers_own_nodes(db, project_id):
    milestones.add_custom(db, project_id, {"name": "管线迁改", "planned_on": "2020-05"})
    milestones.add_custom(db, project_id, {"name": "开工", "planned_on": "2020-03"})
    milestones.add_standard_set(db, project_id)
    # 管线迁改 was before 开工, so it stays just before it, after the approvals.
    assert kinds(db, project_id) == [*STANDARD_CODES[:6], CUSTOM, *STANDARD_CODES[6:]]


def test_a_custom_node_is_stored_with_its_dates_and_an_insert_audit_line(db, project_id):
    node_id = milestones.add_custom(
        db,
        project_id,
        {"name": "管线迁改", "planned_on": "2020年5月", "responsible_unit": "区住建局"},
    )
    node = milestones.get(db, node_id)
    assert (node.kind, node.name, node.planned_on, node.responsible_unit) == (
        CUSTOM,
        "管线迁改",
        "2020-05",
        "区住建局",
    )
    [entry] = audit.history(db, "milestones", node_id)
    assert (entry.action, entry.officer) == ("insert", "李明")
    assert "管线迁改" in entry.new_value


def test_a_node_that_cannot_be_read_is_refused_with_reasons_per_field(db, project_id):
    with pytest.raises(MilestoneError) as refused:
        milestones.add_custom(db, project_id, {"name": "", "planned_on": "下个月"})
    assert set(refused.value.problems) == {"name", "planned_on"}
    assert milestones.for_project(db, project_id) == []


def test_updating_dates_writes_one_audit_line_per_changed_field(db, project_id):
    milestones.add_standard_set(db, project_id)
    eia = next(n for n in milestones.for_project(db, project_id) if n.kind == "eia")
    assert milestones.update(db, eia.id, {"planned_on": "2020-05-15", "note": "专家评审"})
    changes = {
        entry.field: (entry.old_value, entry.new_value)
        for entry in audit.history(db, "milestones", eia.id)
        if entry.action == "update"
    }
    assert changes == {"planned_on": (None, "2020-05-15"), "note": ("", "专家评审")}
    assert not milestones.update(db, eia.id, {"planned_on": "2020-05-15"})


def test_a_node_past_its_planned_date_is_late_until_its_actual_date_is_entered(db, project_id):
    node_id = milestones.add_custom(db, project_id, {"name": "环评批复", "planned_on": "2020-05"})
    today = settings.today(db)
    assert milestone_lateness(milestones.get(db, node_id), today).status is Status.LATE
    assert [node.id for node in milestones.late(db, today)] == [node_id]
    milestones.update(db, node_id, {"actual_on": "2020-06-10"})
    assert milestone_lateness(milestones.get(db, node_id), today).status is Status.DONE_LATE
    assert milestones.late(db, today) == []


def test_reaching_a_node_writes_a_line_in_the_work_log(db, project_id):
    node_id = milestones.add_custom(db, project_id, {"name": "施工许可", "planned_on": "2020-05"})
    milestones.update(db, node_id, {"actual_on": "2020-06-10"})
    [line] = work_logs.for_project(db, project_id)
    assert line.content == "时间节点“施工许可”完成（2020年6月10日）"
    assert (line.source, line.logged_on) == ("milestone", "2020-06-30")


def test_an_actual_date_after_today_is_refused(db, project_id):
    node_id = milestones.add_custom(db, project_id, {"name": "主体完工", "planned_on": "2020-09"})
    with pytest.raises(MilestoneError, match="不能晚于今天"):
        milestones.update(db, node_id, {"actual_on": "2020-07-02"})
    assert milestones.get(db, node_id).actual_on is None


def test_renaming_a_node_to_a_standard_name_makes_it_that_node(db, project_id):
    node_id = milestones.add_custom(db, project_id, {"name": "施工证"})
    milestones.update(db, node_id, {"name": "施工许可"})
    assert milestones.get(db, node_id).kind == "construction_permit"


def test_moving_a_node_swaps_it_with_its_neighbour_and_stops_at_the_ends(db, project_id):
    milestones.add_standard_set(db, project_id)
    first, second = milestones.for_project(db, project_id)[:2]
    assert milestones.move(db, second.id, -1)
    assert [n.id for n in milestones.for_project(db, project_id)][:2] == [second.id, first.id]
    assert not milestones.move(db, second.id, -1)
    last = milestones.for_project(db, project_id)[-1]
    assert not milestones.move(db, last.id, +1)


def test_reorder_must_name_every_node_once(db, project_id):
    ids = milestones.add_standard_set(db, project_id)
    with pytest.raises(ValueError):
        milestones.reorder(db, project_id, ids[:-1])
    milestones.reorder(db, project_id, list(reversed(ids)))
    assert [n.id for n in milestones.for_project(db, project_id)] == list(reversed(ids))


def test_a_deleted_node_leaves_the_lists_but_not_the_history(db, project_id):
    node_id = milestones.add_custom(db, project_id, {"name": "管线迁改", "planned_on": "2020-01"})
    milestones.delete(db, node_id)
    assert milestones.for_project(db, project_id) == []
    assert milestones.late(db, date(2020, 6, 30)) == []
    assert [entry.action for entry in audit.history(db, "milestones", node_id)] == [
        "delete",
        "insert",
    ]
