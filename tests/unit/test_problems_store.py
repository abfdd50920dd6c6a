"""问题清单 store: every step is audited and logged, lists filter as the officers ask."""

import random
from datetime import date

import pytest

from jimo_desktop.demo import problems as demo_problems
from jimo_desktop.demo.projects import make_projects
from jimo_desktop.domain.problems import Attention, DeadlineState, Problem, ProblemStatus
from jimo_desktop.domain.project import Project
from jimo_desktop.store import audit, dictionaries, settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.projects import ValidationError
from jimo_desktop.store.tracking import problems, supervision
from jimo_desktop.store.tracking.problems import ProblemFilter

TODAY = "2020-06-30"


@pytest.fixture
def world(db):
    """Three projects in two units under two leaders, on the demo's business day."""
    settings.put(db, settings.BUSINESS_DATE, TODAY)
    settings.put(db, settings.OFFICER, "张科员")

    def project(name, unit_id, leader):
        return projects.save(db, Project(name, unit_id=unit_id, industry_id=1, leader=leader)).id

    return {
        "db": db,
        "school": project("即墨区第二实验中学新建工程", 1, "王建国"),
        "park": project("海洋生物医药产业园项目", 16, "张立新"),
        "road": project("蓝谷大道拓宽改造工程", 16, "王建国"),
    }


def log_lines(db, project_id) -> list[tuple[str, str, str]]:
    return db.execute(
        "SELECT logged_on, content, author FROM work_logs WHERE project_id = ? ORDER BY id",
        [project_id],
    ).fetchall()


def audit_actions(db, table, row_id) -> list[tuple]:
    return [(e.action, e.field, e.old_value, e.new_value) for e in audit.history(db, table, row_id)]


def listed(db, **chosen) -> list[int]:
    return sorted(row.id for row in problems.list_problems(db, ProblemFilter(**chosen)))


def test_raising_a_problem_writes_a_log_line_and_audit_rows(world):
    db, school = world["db"], world["school"]
    problem_id = problems.raise_problem(db, school, "电力增容未落实", deadline="2020-07-15")

    assert log_lines(db, school) == [(TODAY, "提出问题：电力增容未落实", "张科员")]
    (insert,) = audit.history(db, "problems", problem_id)
    assert (insert.action, insert.officer) == ("insert", "张科员")
    assert "电力增容未落实" in insert.new_value
    log_id = db.execute("SELECT id FROM work_logs WHERE project_id = ?", [school]).fetchone()[0]
    assert [e.action for e in audit.history(db, "work_logs", log_id)] == ["insert"]


def test_raise_problem_keeps_the_importers_keyword_signature(world):
    db = world["db"]
    problem_id = problems.raise_problem(
        db,
        world["park"],
        "土地未摘牌",
        category_id=1,
        raised_on="2020-03-02",
        deadline="2020-04",
        responsible_unit="区自然资源局",
        responsible_person="刘科长",
        source="import",
        dispatch_id=None,
    )
    problem = problems.get(db, problem_id)
    assert (problem.raised_on, problem.deadline, problem.status) == (
        "2020-03-02",
        "2020-04",
        ProblemStatus.OPEN,
    )


def test_saving_a_new_problem_validates_and_raises_it(world):
    db = world["db"]
    with pytest.raises(ValidationError) as refused:
        problems.save(db, Problem(project_id=None, description="", raised_on=TODAY))
    assert set(refused.value.problems) == {"project_id", "description"}
    assert db.execute("SELECT COUNT(*) FROM problems").fetchone()[0] == 0

    problem_id = problems.save(
        db, Problem(project_id=world["school"], description=" 规划方案未批复 ", raised_on=TODAY)
    )
    assert problems.get(db, problem_id).description == "规划方案未批复"
    assert log_lines(db, world["school"])[-1][1] == "提出问题：规划方案未批复"


def test_editing_a_problem_audits_each_changed_field_with_old_and_new_value(world):
    db = world["db"]
    problem_id = problems.raise_problem(
        db, world["school"], "拆迁补偿未谈妥", deadline="2020-07-31"
    )
    problem = problems.get(db, problem_id)
    problem.deadline = "2020-08-15"
    problem.responsible_unit = "龙山街道"
    problems.save(db, problem)

    updates = [a for a in audit_actions(db, "problems", problem_id) if a[0] == "update"]
    assert sorted(updates) == [
        ("update", "deadline", "2020-07-31", "2020-08-15"),
        ("update", "responsible_unit", "", "龙山街道"),
    ]


def test_moving_a_deadline_into_the_past_makes_the_problem_overdue_and_counted(world):
    db = world["db"]
    problem_id = problems.raise_problem(db, world["park"], "环评批复未取得", deadline="2020-08-01")
    assert problems.counts(db).overdue == 0

    problem = problems.get(db, problem_id)
    problem.raised_on, problem.deadline = "2020-06-01", "2020-06-20"
    problems.save(db, problem)

    (row,) = problems.list_problems(db)
    assert row.deadline_state is DeadlineState.OVERDUE
    assert row.deadline_note == "逾期10天"
    assert problems.counts(db).summary() == "共1条，逾期1条"
    assert problems.overdue_by_project(db) == {world["park"]: 1}


def test_coordinating_is_logged_and_audited(world):
    db = world["db"]
    problem_id = problems.raise_problem(db, world["road"], "施工道路未打通")
    problems.change_status(db, problem_id, ProblemStatus.COORDINATING, "2020-06-28")

    assert problems.get(db, problem_id).status is ProblemStatus.COORDINATING
    assert log_lines(db, world["road"])[-1][:2] == ("2020-06-28", "问题转入协调：施工道路未打通")
    assert ("update", "status", "open", "coordinating") in audit_actions(db, "problems", problem_id)


def test_resolving_needs_the_resolution_and_writes_a_solved_line(world):
    db = world["db"]
    problem_id = problems.raise_problem(
        db, world["school"], "电力增容未落实", raised_on="2020-06-01"
    )
    with pytest.raises(ValidationError) as refused:
        problems.close(db, problem_id, "  ", None)
    assert set(refused.value.problems) == {"resolution", "resolved_on"}
    assert problems.get(db, problem_id).status is ProblemStatus.OPEN

    problems.close(db, problem_id, "10千伏专线已送电", "2020-06-25")

    problem = problems.get(db, problem_id)
    assert (problem.status, problem.resolution, problem.resolved_on) == (
        ProblemStatus.RESOLVED,
        "10千伏专线已送电",
        "2020-06-25",
    )
    assert log_lines(db, world["school"])[-1][:2] == ("2020-06-25", "解决问题：电力增容未落实")
    fields = {a[1] for a in audit_actions(db, "problems", problem_id) if a[0] == "update"}
    assert fields == {"status", "resolution", "resolved_on"}


def test_closing_an_open_problem_and_then_nothing_more(world):
    db = world["db"]
    problem_id = problems.raise_problem(db, world["park"], "土地未摘牌", raised_on="2020-05-01")
    problems.close(db, problem_id, "已摘牌", "2020-06-10", ProblemStatus.CLOSED)
    assert log_lines(db, world["park"])[-1][1] == "解决问题并销号：土地未摘牌"

    with pytest.raises(ValidationError) as refused:
        problems.change_status(db, problem_id, ProblemStatus.COORDINATING)
    assert refused.value.problems == {"status": "“已销号”的问题不能改为“协调中”"}


def test_a_resolved_problem_can_be_closed_later(world):
    db = world["db"]
    problem_id = problems.raise_problem(db, world["park"], "供水管网未铺设", raised_on="2020-05-01")
    problems.close(db, problem_id, "临时供水已接入", "2020-06-01")
    problems.close(
        db, problem_id, "临时供水已接入，正式管网已验收", "2020-06-29", ProblemStatus.CLOSED
    )
    assert problems.get(db, problem_id).status is ProblemStatus.CLOSED
    assert log_lines(db, world["park"])[-1][1] == "问题销号：供水管网未铺设"


def test_escalating_to_the_joint_meeting_is_logged_and_can_be_withdrawn(world):
    db = world["db"]
    problem_id = problems.raise_problem(db, world["road"], "拆迁补偿未谈妥")
    problems.set_escalated(db, problem_id)
    problems.set_escalated(db, problem_id)  # twice is once

    assert problems.get(db, problem_id).escalated is True
    assert listed(db, status=Attention.ESCALATED) == [problem_id]
    problems.set_escalated(db, problem_id, False)
    lines = [line[1] for line in log_lines(db, world["road"])]
    assert lines[1:] == [
        "提交区重点项目联席会议：拆迁补偿未谈妥",
        "撤回联席会议议题：拆迁补偿未谈妥",
    ]
    assert listed(db, status=Attention.ESCALATED) == []


def test_a_deleted_problem_leaves_the_lists_and_comes_back_on_restore(world):
    db = world["db"]
    problem_id = problems.raise_problem(db, world["road"], "资本金未到位", deadline="2020-06-01")
    problems.delete(db, problem_id)
    assert problems.list_problems(db) == []
    assert problems.counts(db).overdue == 0
    problems.restore(db, problem_id)
    assert listed(db) == [problem_id]
    actions = [a[0] for a in audit_actions(db, "problems", problem_id)]
    assert actions == ["restore", "delete", "insert"]


def test_problems_of_a_deleted_project_are_not_listed(world):
    db = world["db"]
    problems.raise_problem(db, world["road"], "资本金未到位")
    projects.delete(db, world["road"])
    assert problems.list_problems(db) == []


@pytest.fixture
def spread(world):
    """Problems across projects, categories and states."""
    db = world["db"]
    ids = {
        "land": problems.raise_problem(
            db,
            world["school"],
            "土地未摘牌",
            category_id=1,
            deadline="2020-06-10",
            raised_on="2020-05-01",
            responsible_unit="区自然资源局",
        ),
        "plan": problems.raise_problem(
            db,
            world["park"],
            "规划方案未批复",
            category_id=2,
            deadline="2020-07-03",
            raised_on="2020-06-01",
        ),
        "power": problems.raise_problem(
            db,
            world["road"],
            "电力增容未落实",
            category_id=6,
            deadline="2020-09-30",
            raised_on="2020-06-01",
            responsible_unit="国网青岛市即墨区供电公司",
        ),
        "done": problems.raise_problem(
            db,
            world["road"],
            "坟墓迁移未完成",
            category_id=3,
            deadline="2020-05-01",
            raised_on="2020-04-01",
        ),
    }
    problems.change_status(db, ids["plan"], ProblemStatus.COORDINATING)
    problems.close(db, ids["done"], "已全部迁移", "2020-04-28")
    return world | ids


def test_filters_by_status_and_by_what_needs_attention(spread):
    db = spread["db"]
    assert listed(db, status=ProblemStatus.COORDINATING) == [spread["plan"]]
    assert listed(db, status=ProblemStatus.RESOLVED) == [spread["done"]]
    assert listed(db, status=Attention.UNSETTLED) == sorted(
        [spread["land"], spread["plan"], spread["power"]]
    )
    assert listed(db, status=Attention.OVERDUE) == [spread["land"]]
    assert listed(db, status=Attention.NEAR) == [spread["plan"]]


@pytest.mark.parametrize(
    ("deadline", "attention"),
    [
        ("2020-05", Attention.OVERDUE),  # a month that has ended
        ("2020-06-29", Attention.OVERDUE),
        ("2020-06", Attention.NEAR),  # 6月底 is today
        ("2020-06-30", Attention.NEAR),
        ("2020-07-07", Attention.NEAR),  # the seventh day ahead
        ("2020-07-08", None),
        ("2020-07", None),  # its last day is a month away
        (None, None),
    ],
)
def test_overdue_and_near_lists_judge_month_and_day_deadlines_at_their_edges(
    world, deadline, attention
):
    db = world["db"]
    problem_id = problems.raise_problem(db, world["school"], "施工许可未办", deadline=deadline)
    for each in (Attention.OVERDUE, Attention.NEAR):
        assert listed(db, status=each) == ([problem_id] if each is attention else [])
        found = [(problem_id, world["school"], deadline)] if each is attention else []
        assert problems.needing(db, each) == found
    problems.close(db, problem_id, "已办结", TODAY)
    assert listed(db, status=Attention.OVERDUE) == listed(db, status=Attention.NEAR) == []


def test_what_needs_attention_is_what_the_lists_show_and_each_row_reads_alone(spread):
    db = spread["db"]
    for attention in Attention:
        rows = problems.list_problems(db, ProblemFilter(status=attention))
        assert sorted(pid for pid, _, _ in problems.needing(db, attention)) == listed(
            db, status=attention
        )
        assert [problems.problem_row(db, row.id) for row in rows] == rows


def test_filters_by_category_unit_leader_project_and_text(spread):
    db = spread["db"]
    assert listed(db, category_id=2) == [spread["plan"]]
    assert listed(db, unit_id=16) == sorted([spread["plan"], spread["power"], spread["done"]])
    assert listed(db, leader="王建国") == sorted([spread["land"], spread["power"], spread["done"]])
    assert listed(db, project_id=spread["road"]) == sorted([spread["power"], spread["done"]])
    assert listed(db, text="供电") == [spread["power"]]  # 责任单位
    assert listed(db, text="实验中学") == [spread["land"]]  # project name
    assert listed(db, text="规划") == [spread["plan"]]
    assert listed(db, leader="王建国", status=Attention.UNSETTLED, unit_id=16) == [spread["power"]]


def test_rows_carry_the_names_they_show(spread):
    db = spread["db"]
    (row,) = problems.list_problems(db, ProblemFilter(project_id=spread["school"]))
    assert (row.project_name, row.unit, row.leader, row.category) == (
        "即墨区第二实验中学新建工程",
        "通济街道",
        "王建国",
        "土地",
    )
    assert row.open_orders == 0


def test_counts_follow_the_filter(spread):
    counts = problems.counts(spread["db"], ProblemFilter(unit_id=16))
    assert (counts.total, counts.overdue, counts.near) == (3, 0, 1)


def test_leaders_and_project_choices_for_the_forms(spread):
    db = spread["db"]
    assert problems.leaders(db) == sorted(["王建国", "张立新"])
    projects.save(db, Project("海洋生物医药产业园项目", unit_id=2, industry_id=1))
    texts = [text for text, _ in problems.project_choices(db)]
    assert "即墨区第二实验中学新建工程" in texts
    assert sum(text.startswith("海洋生物医药产业园项目（") for text in texts) == 2


def test_the_demo_has_problems_in_every_state_and_traces_them(db):
    settings.put(db, settings.BUSINESS_DATE, TODAY)
    unit_ids = [entry.id for entry in dictionaries.entries(db, "units")]
    industries = {entry.name: entry.id for entry in dictionaries.entries(db, "industries")}
    projects.insert_many(db, make_projects(40, unit_ids, industries, 2020))
    demo_problems.fill(db, random.Random(2020), date(2020, 6, 30))

    counts = problems.counts(db)
    assert all(counts.by_status[status] for status in ProblemStatus)
    assert counts.overdue and counts.near
    assert problems.list_problems(db, ProblemFilter(status=Attention.ESCALATED))
    assert supervision.open_orders(db) and supervision.orders(db, signed_off=True)
    raised_on_projects = db.execute("SELECT COUNT(DISTINCT project_id) FROM problems").fetchone()[0]
    assert raised_on_projects >= 15
    for table in ("problems", "policy_items", "service_items", "supervision_orders"):
        rows = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        traced = db.execute(
            "SELECT COUNT(*) FROM audit_log WHERE table_name = ? AND action = 'insert'", [table]
        ).fetchone()[0]
        assert rows and traced == rows
    solved = db.execute("SELECT COUNT(*) FROM work_logs WHERE content LIKE '解决问题%'").fetchone()
    assert (
        solved[0]
        == counts.by_status[ProblemStatus.RESOLVED] + counts.by_status[ProblemStatus.CLOSED]
    )
