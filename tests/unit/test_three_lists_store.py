"""政策清单 and 服务清单: add, change, settle and delete, audited and logged."""

import pytest

from jimo_desktop.domain.problems import DeadlineState, PolicyState
from jimo_desktop.domain.project import Project
from jimo_desktop.store import audit, settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.projects import ValidationError
from jimo_desktop.store.tracking import three_lists


@pytest.fixture
def project(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    return projects.save(db, Project("酷特智能数字化车间建设项目", unit_id=1, industry_id=11)).id


def logs(db, project_id) -> list[str]:
    rows = db.execute(
        "SELECT content FROM work_logs WHERE project_id = ? ORDER BY id", [project_id]
    )
    return [row[0] for row in rows]


def test_a_policy_is_added_pending_and_audited(db, project):
    item_id = three_lists.add_policy(db, project, " 技术改造设备投资奖补 ", note="设备清单已审核")
    (item,) = three_lists.policies(db, project)
    assert (item.id, item.policy, item.state, item.note) == (
        item_id,
        "技术改造设备投资奖补",
        PolicyState.PENDING,
        "设备清单已审核",
    )
    assert [e.action for e in audit.history(db, "policy_items", item_id)] == ["insert"]


def test_a_policy_without_text_is_refused(db, project):
    with pytest.raises(ValidationError) as refused:
        three_lists.add_policy(db, project, "  ")
    assert refused.value.problems == {"policy": "请填写所需政策"}


def test_granting_a_policy_is_its_done_and_is_logged_once(db, project):
    item_id = three_lists.add_policy(db, project, "重点项目贷款贴息")
    three_lists.update_policy(db, item_id, {"state": PolicyState.APPLYING})
    assert three_lists.grant_policy(db, item_id) is True
    assert three_lists.grant_policy(db, item_id) is False

    assert three_lists.policies(db, project)[0].state is PolicyState.GRANTED
    assert logs(db, project) == ["政策已落实：重点项目贷款贴息"]
    changes = [
        (e.field, e.old_value, e.new_value) for e in audit.history(db, "policy_items", item_id)
    ]
    assert ("state", "applying", "granted") in changes


def test_updating_a_policy_rejects_unknown_fields(db, project):
    item_id = three_lists.add_policy(db, project, "重点项目贷款贴息")
    with pytest.raises(ValueError, match="unknown"):
        three_lists.update_policy(db, item_id, {"deadline": "2020-07"})


def test_a_service_runs_against_its_due_date_until_done(db, project):
    late = three_lists.add_service(
        db, project, "协调办理施工许可证", "区行政审批服务局", "2020-06-20"
    )
    soon = three_lists.add_service(db, project, "组织召开推进现场会", "重点项目办", "2020-07-03")
    items = {item.id: item for item in three_lists.services(db, project)}
    assert items[late].deadline_state is DeadlineState.OVERDUE
    assert items[late].deadline_note == "逾期10天"
    assert items[soon].deadline_state is DeadlineState.NEAR

    assert three_lists.complete_service(db, late) is True
    assert three_lists.complete_service(db, late) is False
    done = next(item for item in three_lists.services(db, project) if item.id == late)
    assert (done.done, done.done_on, done.deadline_state) == (
        True,
        "2020-06-30",
        DeadlineState.SETTLED,
    )
    assert logs(db, project) == ["服务事项已办结：协调办理施工许可证"]


def test_done_services_list_after_open_ones(db, project):
    first = three_lists.add_service(db, project, "代办立项备案", due_on="2020-05-01")
    second = three_lists.add_service(db, project, "对接银行融资", due_on="2020-08-01")
    three_lists.complete_service(db, first, "2020-04-28")
    assert [item.id for item in three_lists.services(db, project)] == [second, first]


def test_updating_a_service_audits_old_and_new(db, project):
    item_id = three_lists.add_service(db, project, "对接银行融资", due_on="2020-07-01")
    three_lists.update_service(db, item_id, {"due_on": "2020-07-15", "provider": "区金融局"})
    changes = {
        e.field: (e.old_value, e.new_value)
        for e in audit.history(db, "service_items", item_id)
        if e.action == "update"
    }
    assert changes == {"due_on": ("2020-07-01", "2020-07-15"), "provider": ("", "区金融局")}
    with pytest.raises(ValidationError):
        three_lists.update_service(db, item_id, {"promise": ""})


def test_deleted_items_are_hidden_and_restorable(db, project):
    policy = three_lists.add_policy(db, project, "用地指标保障")
    service = three_lists.add_service(db, project, "协助申报省重点项目")
    three_lists.delete_policy(db, policy)
    three_lists.delete_service(db, service)
    assert three_lists.policies(db, project) == []
    assert three_lists.services(db, project) == []
    three_lists.restore_policy(db, policy)
    three_lists.restore_service(db, service)
    assert [item.id for item in three_lists.policies(db, project)] == [policy]
    assert [item.id for item in three_lists.services(db, project)] == [service]
