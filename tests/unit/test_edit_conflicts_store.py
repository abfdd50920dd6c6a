"""No lost update, for every record a form edits: two officers open the same record on two
connections to one database; the second to save is refused, names the first, shows each field
side by side and writes nothing at all, not even the rows that hang from the record."""

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest

from jimo_desktop.demo.inspections import draw_site_photo
from jimo_desktop.domain.inspections import FoundProblem, Inspection, Point, PointState
from jimo_desktop.domain.project import Project
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.monthly import dispatches
from jimo_desktop.store.monthly.dispatches import FollowUp, Meeting
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.site_visits import inspections, photos
from jimo_desktop.store.site_visits.inspection_drafts import Draft
from jimo_desktop.store.tracking import milestones, problems, supervision, three_lists, work_logs

THEM, ME = "王晓燕", "李明"
# What a refused save must leave as it was: the record's own rows and everything it writes.
WATCHED = (
    "audit_log",
    "problems",
    "service_items",
    "work_logs",
    "dispatch_projects",
    "inspection_points",
    "inspection_projects",
    "photos",
)


@pytest.fixture
def mine(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    settings.put(db, settings.OFFICER, ME)
    return db


@pytest.fixture
def theirs(database_target):
    """A second officer's connection to the same database."""
    other = open_database(database_target)
    yield other
    other.close()


@pytest.fixture
def project_id(mine) -> int:
    return projects.save(mine, Project(name="海洋生物医药产业园", unit_id=1, industry_id=1)).id


def as_officer(db, name: str):
    settings.put(db, settings.OFFICER, name)
    return db


def snapshot(db) -> dict[str, int]:
    return {
        table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in WATCHED
    } | {
        "updated": db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'update'").fetchone()[
            0
        ]
    }


@dataclass(frozen=True)
class Kind:
    """One kind of record a form edits: make one, read it as its form does, let the other
    officer save a change, save mine over it, and read back what decides the test."""

    make: Callable  # (db, project_id) -> id
    read: Callable  # (db, id) -> what the form opens
    theirs: Callable  # (db, id, opened) -> None
    mine: Callable  # (db, id, opened) -> None
    kept: Callable  # (db, id) -> the field both changed, as stored
    their_value: object
    my_value: object
    title: str  # how the message names the record
    line: str  # the field both changed, side by side
    again: bool = True  # whether the record can still be saved after their save


def make_problem(db, project_id):
    return problems.raise_problem(db, project_id, "电力增容未落实", deadline="2020-07-31")


def save_problem(unit):
    def save(db, problem_id, opened):
        problems.save(db, dataclasses.replace(opened, responsible_unit=unit), opened=opened)

    return save


def resolve_problem(db, problem_id, opened):
    supervision.close_problem(db, problem_id, "专线已送电", "2020-06-30", opened=opened)


def make_policy(db, project_id):
    return three_lists.add_policy(db, project_id, "技术改造设备投资奖补")


def project_of(db, table: str, row_id: int) -> int:
    return db.execute(f"SELECT project_id FROM {table} WHERE id = ?", [row_id]).fetchone()[0]


def read_policy(db, item_id):
    found = three_lists.policies(db, project_of(db, "policy_items", item_id))
    return next(item for item in found if item.id == item_id)


def change_policy(note, state="pending"):
    def save(db, item_id, opened):
        values = {"policy": opened.policy, "state": state, "note": note}
        three_lists.update_policy(db, item_id, values, opened=opened)

    return save


def make_service(db, project_id):
    return three_lists.add_service(db, project_id, "协调办理施工许可证", "区行政审批服务局")


def read_service(db, item_id):
    found = three_lists.services(db, project_of(db, "service_items", item_id))
    return next(item for item in found if item.id == item_id)


def change_service(provider):
    def save(db, item_id, opened):
        values = {"promise": opened.promise, "provider": provider, "due_on": "2020-08-31"}
        three_lists.update_service(db, item_id, values | {"note": ""}, opened=opened)

    return save


def make_node(db, project_id):
    return milestones.add_custom(db, project_id, {"name": "主体封顶", "planned_on": "2020-09"})


def change_node(planned, actual=None):
    def save(db, node_id, opened):
        values = {"name": opened.name, "planned_on": planned, "actual_on": actual}
        milestones.update(db, node_id, values, opened=opened)

    return save


def make_log(db, project_id):
    return work_logs.write(db, project_id, "现场查看主体施工进度", "2020-06-01")


def change_log(content):
    def save(db, entry_id, opened):
        work_logs.edit(db, entry_id, content, opened.logged_on, opened=opened)

    return save


def make_meeting(db, project_id):
    return dispatches.save_meeting(db, Meeting("2020-06-29", project_ids=(project_id,)))


def change_meeting(attendees, follow_up: bool = False):
    def save(db, dispatch_id, opened):
        pending = [FollowUp(opened.project_ids[0], "problem", "电力增容")] if follow_up else []
        changed = dataclasses.replace(opened, attendees=attendees)
        dispatches.save_meeting(db, changed, pending, opened=opened)

    return save


def make_order(db, project_id):
    problem_id = make_problem(db, project_id)
    return supervision.issue(db, problem_id, "区供电公司", "请于7月10日前报送增容方案")


def read_order(db, order_id):
    return next(order for order in supervision.orders(db) if order.id == order_id)


def sign_off(note):
    def save(db, order_id, opened):
        supervision.sign_off(db, order_id, note, "2020-06-30", opened=opened)

    return save


def make_inspection(db, project_id):
    data = draw_site_photo(random.Random(1), datetime(2020, 6, 30, 10, 1), 36.4, 120.4)
    photo = photos.store_bytes(db, data, "IMG_1.jpg")
    inspection = Inspection(inspected_on="2020-06-30", project_ids=[project_id], place="烟青路北侧")
    inspection.point(Point.PROGRESS).state = PointState.NORMAL
    return inspections.save(db, inspection, [photo])


def read_inspection(db, inspection_id):
    return Draft(inspections.get(db, inspection_id), photos.for_inspection(db, inspection_id))


def note_progress(note, found: bool = False):
    def save(db, inspection_id, opened):
        inspection = dataclasses.replace(
            opened.inspection, points=[dataclasses.replace(p) for p in opened.inspection.points]
        )
        inspection.point(Point.PROGRESS).note = note
        shown = [dataclasses.replace(entry, caption="东侧塔吊") for entry in opened.photos]
        seen = [FoundProblem(inspection.project_ids[0], "围挡破损")] if found else []
        inspections.save(db, inspection, shown, seen, opened=opened)

    return save


def progress_note(db, inspection_id):
    return inspections.get(db, inspection_id).point(Point.PROGRESS).note


KINDS = {
    "problem": Kind(
        make_problem,
        problems.get,
        save_problem("区供电公司"),
        save_problem("区发改局"),
        lambda db, i: problems.get(db, i).responsible_unit,
        "区供电公司",
        "区发改局",
        "项目“海洋生物医药产业园”的问题“电力增容未落实”",
        "责任单位（双方都改了）：打开时「（空）」｜王晓燕「区供电公司」｜您「区发改局」",
    ),
    "problem resolved": Kind(
        make_problem,
        problems.get,
        save_problem("区供电公司"),
        resolve_problem,
        lambda db, i: problems.get(db, i).status.value,
        "open",
        "resolved",
        "项目“海洋生物医药产业园”的问题“电力增容未落实”",
        "状态：打开时「待解决」｜王晓燕「待解决」｜您「已解决」",
    ),
    "policy": Kind(
        make_policy,
        read_policy,
        change_policy("待区政府常务会研究"),
        change_policy("已兑现", "granted"),
        lambda db, i: read_policy(db, i).note,
        "待区政府常务会研究",
        "已兑现",
        "项目“海洋生物医药产业园”的政策“技术改造设备投资奖补”",
        "备注（双方都改了）：打开时「（空）」｜王晓燕「待区政府常务会研究」｜您「已兑现」",
    ),
    "service": Kind(
        make_service,
        read_service,
        change_service("区住建局"),
        change_service("区自然资源局"),
        lambda db, i: read_service(db, i).provider,
        "区住建局",
        "区自然资源局",
        "项目“海洋生物医药产业园”的服务事项“协调办理施工许可证”",
        "服务责任方（双方都改了）：打开时「区行政审批服务局」｜王晓燕「区住建局」｜您「区自然资源局」",
    ),
    "milestone": Kind(
        make_node,
        milestones.get,
        change_node("2020-10"),
        change_node("2020-11", "2020-06"),
        lambda db, i: milestones.get(db, i).planned_on,
        "2020-10",
        "2020-11",
        "项目“海洋生物医药产业园”的时间节点“主体封顶”",
        "计划日期（双方都改了）：打开时「2020年9月」｜王晓燕「2020年10月」｜您「2020年11月」",
    ),
    "work log": Kind(
        make_log,
        work_logs.get,
        change_log("现场查看主体施工进度，已至五层"),
        change_log("现场查看主体施工进度，塔吊三台"),
        lambda db, i: work_logs.get(db, i).content,
        "现场查看主体施工进度，已至五层",
        "现场查看主体施工进度，塔吊三台",
        "项目“海洋生物医药产业园”的工作日志“现场查看主体施工进度”",
        "内容（双方都改了）：打开时「现场查看主体施工进度」｜李明「现场查看主体施工进度，已至五层」",
    ),
    "dispatch meeting": Kind(
        make_meeting,
        dispatches.get,
        change_meeting("区发改局、区住建局"),
        change_meeting("区发改局、区供电公司", follow_up=True),
        lambda db, i: dispatches.get(db, i).attendees,
        "区发改局、区住建局",
        "区发改局、区供电公司",
        "调度会议“6月29日周调度会议”",
        "参会人员（双方都改了）：打开时「（空）」｜王晓燕「区发改局、区住建局」",
    ),
    "supervision order": Kind(
        make_order,
        read_order,
        sign_off("整改方案已报送"),
        sign_off("已约谈供电公司"),
        lambda db, i: read_order_any(db, i).closing_note,
        "整改方案已报送",
        "已约谈供电公司",
        "项目“海洋生物医药产业园”的督办单“请于7月10日前报送增容方案”",
        "销号说明（双方都改了）：打开时「（空）」｜王晓燕「整改方案已报送」｜您「已约谈供电公司」",
        again=False,  # signed off once, an order is done with
    ),
    "inspection": Kind(
        make_inspection,
        read_inspection,
        note_progress("主体封顶"),
        note_progress("基础施工", found=True),
        progress_note,
        "主体封顶",
        "基础施工",
        "现场督查“2020年6月30日 烟青路北侧”",
        "形象进度（督查要点）（双方都改了）：打开时「正常」｜王晓燕「正常，主体封顶」｜您「正常，基础施工」",
    ),
}


def read_order_any(db, order_id):
    return next(order for order in supervision.orders(db, signed_off=None) if order.id == order_id)


def officer_line(kind: Kind) -> str:
    return "已由李明于" if kind.make is make_log else f"已由{THEM}于"


@pytest.mark.parametrize("name", KINDS)
def test_a_save_over_a_colleagues_later_save_is_refused_whole_naming_them(
    name, mine, theirs, project_id
):
    kind = KINDS[name]
    record_id = kind.make(mine, project_id)
    opened = kind.read(mine, record_id)
    colleague = THEM if kind.make is not make_log else ME  # a log line is changed by its author
    kind.theirs(as_officer(theirs, colleague), record_id, kind.read(theirs, record_id))
    as_officer(mine, ME)
    before = snapshot(mine)

    with pytest.raises(EditedMeanwhile) as refused:
        kind.mine(mine, record_id, opened)

    assert snapshot(mine) == before
    assert kind.kept(mine, record_id) == kind.their_value
    message = str(refused.value)
    assert message.startswith(f"「{kind.title}」在您打开后{officer_line(kind)}")
    assert "您的修改未保存" in message
    assert kind.line in message


@pytest.mark.parametrize("name", KINDS)
def test_a_save_from_a_form_opened_after_the_last_save_goes_through(name, mine, theirs, project_id):
    kind = KINDS[name]
    record_id = kind.make(mine, project_id)
    if kind.again:
        kind.theirs(theirs, record_id, kind.read(theirs, record_id))
    kind.mine(mine, record_id, kind.read(mine, record_id))
    assert kind.kept(mine, record_id) == kind.my_value


def test_the_refused_resolution_writes_no_log_line_and_leaves_the_problem_open(
    mine, theirs, project_id
):
    problem_id = make_problem(mine, project_id)
    opened = problems.get(mine, problem_id)
    save_problem("区供电公司")(as_officer(theirs, THEM), problem_id, opened)
    with pytest.raises(EditedMeanwhile):
        resolve_problem(mine, problem_id, opened)
    lines = [entry.content for entry in work_logs.for_project(mine, project_id)]
    assert not any(line.startswith("解决问题") for line in lines)


@pytest.mark.parametrize("name", ["problem", "milestone", "work log", "inspection", "policy"])
def test_a_save_over_a_record_deleted_meanwhile_is_refused_and_does_not_bring_it_back(
    name, mine, theirs, project_id
):
    kind = KINDS[name]
    record_id = kind.make(mine, project_id)
    opened = kind.read(mine, record_id)
    table = {
        "problem": "problems",
        "milestone": "milestones",
        "work log": "work_logs",
        "inspection": "inspections",
        "policy": "policy_items",
    }[name]
    deleted_by = ME if name == "work log" else THEM
    deletes = {
        "problem": problems.delete,
        "milestone": milestones.delete,
        "work log": work_logs.delete,
        "inspection": inspections.delete,
        "policy": three_lists.delete_policy,
    }
    deletes[name](as_officer(theirs, deleted_by), record_id)
    as_officer(mine, ME)
    before = snapshot(mine)

    with pytest.raises(EditedMeanwhile) as refused:
        kind.mine(mine, record_id, opened)

    assert snapshot(mine) == before
    row = mine.execute(f"SELECT deleted_at FROM {table} WHERE id = ?", [record_id]).fetchone()
    assert row[0] is not None
    message = str(refused.value)
    assert f"已由{deleted_by}于" in message and "删除，您的修改未保存" in message
    assert "操作历史" in message


def test_a_project_deleted_after_the_editor_opened_it_is_not_saved_back(mine, theirs, project_id):
    opened = projects.get(mine, project_id)
    projects.delete(as_officer(theirs, THEM), project_id)
    with pytest.raises(EditedMeanwhile) as refused:
        projects.save(as_officer(mine, ME), dataclasses.replace(opened, leader="张居正"), opened)
    assert "「海洋生物医药产业园」在您打开后已由王晓燕于" in str(refused.value)
    assert "删除" in str(refused.value)
    assert projects.get_many(mine, [project_id]) == {}


def test_deleting_a_record_a_colleague_deleted_meanwhile_changes_nothing(mine, theirs, project_id):
    problem_id = make_problem(mine, project_id)
    entry_id = make_log(mine, project_id)
    problems.delete(as_officer(theirs, THEM), problem_id)
    work_logs.delete(as_officer(theirs, ME), entry_id)
    before = snapshot(mine)
    problems.delete(mine, problem_id)
    work_logs.delete(mine, entry_id)
    assert snapshot(mine) == before


def test_a_long_text_saved_meanwhile_is_cut_in_the_refusal_with_its_length(
    mine, theirs, project_id
):
    """A 建设内容 or a resolution pasted whole, tens of thousands of characters: the refusal
    printed each side in full, and the box showing it ran off the screen."""
    opened = projects.get(mine, project_id)
    pasted = "占地约53亩，总建筑面积约80000平方米。" * 2000
    colleague = projects.get(theirs, project_id)
    projects.save(as_officer(theirs, THEM), dataclasses.replace(colleague, scale=pasted), colleague)
    with pytest.raises(EditedMeanwhile) as refused:
        projects.save(as_officer(mine, ME), dataclasses.replace(opened, remarks="补充"), opened)
    [line] = [text for text in str(refused.value).splitlines() if text.startswith("建设")]
    assert f"…（共{len(pasted)}字）" in line and len(line) < 200
