"""Demo 问题清单, policy and service lists and 督办单, in the manner of the 2020 key-project work.

Everything is written through the store, so the demo carries work-log lines and audit rows
like real data. At the demo date some problems are overdue, some near their deadline, some
taken to the 联席会议 and a few under a 督办单.
"""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from jimo_desktop.domain.problems import Attention, PolicyState, ProblemStatus, deadline_day
from jimo_desktop.store import dictionaries
from jimo_desktop.store.tracking import problems, supervision, three_lists

# category → (description, responsible department, resolution); "{unit}" is the project's 区位.
PROBLEMS = {
    "土地": (
        ("项目用地尚未摘牌，无法办理不动产权证", "区自然资源局", "土地已挂牌出让，企业已摘牌"),
        ("土地组卷报批进度慢，用地指标不足", "区自然资源局", "已争取青岛市用地指标，组卷已上报"),
        ("部分地块涉及基本农田，需调整土地规划", "区自然资源局", "土地规划调整方案已获批复"),
        ("土地出让金分期缴纳方案未确定", "区财政局", "分期缴纳协议已签订"),
    ),
    "规划": (
        ("规划方案未批复，无法办理建设工程规划许可证", "区自然资源局", "规划方案已审定"),
        ("容积率调整需重新报审规划方案", "区自然资源局", "调整方案已通过规委会审议"),
        ("地块控规未覆盖，需先编制控制性详细规划", "区自然资源局", "控规已编制完成并公示"),
    ),
    "拆迁": (
        ("拆迁补偿未谈妥，尚有部分住户未签约", "{unit}", "剩余住户全部签约，房屋已拆除"),
        ("地上附着物清点存在争议，影响场地平整", "{unit}", "附着物经第三方评估后补偿到位"),
        ("坟墓迁移工作尚未完成", "{unit}", "坟墓已全部迁移"),
    ),
    "资金": (
        ("项目资本金未足额到位", "区财政局", "资本金已全部到位"),
        ("专项债券资金未下达，影响工程款支付", "区财政局", "第二批专项债券资金已拨付"),
        ("银行贷款审批未通过，存在融资缺口", "区地方金融监督管理局", "已对接农发行，贷款获批"),
    ),
    "审批手续": (
        ("可研批复滞后，影响后续手续办理", "区发展和改革局", "可研报告已批复"),
        ("施工许可证办理材料不全", "区行政审批服务局", "补齐材料，施工许可证已核发"),
        ("节能审查意见未出具", "区发展和改革局", "节能审查意见已出具"),
        ("消防设计审查未通过，需修改设计", "区住房和城乡建设局", "修改后的消防设计已通过审查"),
    ),
    "水电气暖": (
        ("电力增容未落实，需新建10千伏专线", "国网青岛市即墨区供电公司", "专线已送电"),
        ("天然气管道未接入园区", "即墨区燃气公司", "燃气管道已接通"),
        ("供水管网未铺设到位，影响施工用水", "区水务局", "临时供水管道已接入"),
        ("供热管网配套滞后，冬季无法投用", "区住房和城乡建设局", "供热管网已纳入年度计划并开工"),
    ),
    "环保": (
        ("环评批复未取得，需补充大气环境影响专章", "青岛市生态环境局即墨分局", "环评已批复"),
        ("施工扬尘治理不达标，被环保部门通报", "{unit}", "已整改并通过复查"),
        ("污水排放指标需重新核定", "青岛市生态环境局即墨分局", "排污许可已核发"),
    ),
    "其他": (
        ("施工道路未打通，大型设备无法进场", "区交通运输局", "临时施工道路已打通"),
        ("受疫情影响外地施工人员返岗不足", "{unit}", "施工人员已全部返岗"),
        ("项目单位负责人变更，推进放缓", "{unit}", "新负责人已到位并召开推进会"),
    ),
}
POLICIES = (
    ("新旧动能转换重大项目库入库支持", "已报送青岛市发展改革委"),
    ("省重点项目用地指标保障", "需省级统筹指标"),
    ("青岛市工业转型升级专项资金", "按季度申报"),
    ("技术改造设备投资奖补", "设备清单已审核"),
    ("政府专项债券资金支持", "纳入下一批债券项目"),
    ("重点项目贷款贴息", ""),
    ("高新技术企业所得税优惠", ""),
    ("新建厂房城市基础设施配套费减免", "按即墨区促进企业高质量发展政策"),
)
SERVICES = (
    ("协调办理施工许可证并联审批", "区行政审批服务局"),
    ("协助对接供电公司落实临时用电", "区发展和改革局 王磊"),
    ("组织召开项目推进现场会", "重点项目办"),
    ("帮助企业对接银行融资", "区地方金融监督管理局"),
    ("代办项目立项备案手续", "重点项目办 刘静"),
    ("协调解决施工道路通行问题", "区交通运输局"),
    ("指导企业做好纳统入库工作", "区统计局"),
    ("协助申报省重点项目", "区发展和改革局"),
)
DEMANDS = (
    "请于方案时限前报送整改方案，明确解决时限",
    "请会同相关部门现场办公，限期解决",
    "请明确责任人，每周报送进展情况",
)
POLICY_STATES = (
    PolicyState.PENDING,
    PolicyState.APPLYING,
    PolicyState.GRANTED,
    PolicyState.REFUSED,
)
YEAR_START = date(2020, 1, 6)


def fill(db: Database, rng: random.Random, today: date) -> None:
    """Problems on about half the projects, lists on about a third, a few 督办单."""
    categories = {entry.name: entry.id for entry in dictionaries.entries(db, "problem_categories")}
    projects = db.execute(
        "SELECT p.id, COALESCE(u.name, ''), p.stage FROM projects p"
        " LEFT JOIN units u ON u.id = p.unit_id WHERE p.deleted_at IS NULL ORDER BY p.id"
    ).fetchall()
    with db.atomic():
        for project_id, unit, stage in projects:
            if rng.random() < (0.35 if stage == "planning" else 0.6):
                for _ in range(rng.choice((1, 1, 2, 3))):
                    _problem(db, rng, today, project_id, unit, categories)
            if rng.random() < 0.35:
                _lists(db, rng, today, project_id)
        _supervision(db, rng, today)


def _problem(db, rng, today, project_id, unit, categories) -> None:
    category = rng.choice(list(PROBLEMS))
    description, department, resolution = rng.choice(PROBLEMS[category])
    raised = _day_between(rng, YEAR_START, today - timedelta(days=3))
    deadline = _deadline(rng, raised, today)
    problem_id = problems.raise_problem(
        db,
        project_id,
        description,
        category_id=categories.get(category),
        raised_on=raised.isoformat(),
        deadline=deadline,
        responsible_unit=department.format(unit=unit),
        responsible_person=rng.choice("王李张刘陈杨赵孙") + rng.choice(("科长", "主任", "局长")),
    )
    _advance(db, rng, today, problem_id, raised, deadline, resolution)


def _deadline(rng: random.Random, raised: date, today: date) -> str:
    """Mostly a day two weeks to three months out; some written as a month (6月底)."""
    if rng.random() < 0.06:
        near = today + timedelta(days=rng.randrange(1, 7))
        return max(near, raised + timedelta(days=7)).isoformat()
    day = raised + timedelta(days=rng.randrange(14, 95))
    return day.isoformat()[:7] if rng.random() < 0.2 else day.isoformat()


def _advance(db, rng, today, problem_id, raised: date, deadline: str, resolution: str) -> None:
    """Move the problem along as officers would have by the demo date; old ones mostly solved."""
    step = _day_between(rng, raised + timedelta(days=2), today).isoformat()
    due_passed = deadline_day(deadline) < today
    if rng.random() < (0.6 if due_passed else 0.2):
        status = ProblemStatus.CLOSED if rng.random() < 0.4 else ProblemStatus.RESOLVED
        problems.close(db, problem_id, resolution, step, status)
        return
    if rng.random() < 0.5:
        problems.change_status(db, problem_id, ProblemStatus.COORDINATING, step)
    if rng.random() < (0.4 if due_passed else 0.1):
        problems.set_escalated(db, problem_id, True, step)


def _supervision(db: Database, rng: random.Random, today: date) -> None:
    """督办单 on overdue escalated problems: the oldest signed off, the newest just issued."""
    overdue = problems.list_problems(db, problems.ProblemFilter(status=Attention.OVERDUE))
    escalated = sorted((row for row in overdue if row.escalated), key=lambda row: row.deadline)
    for number, row in enumerate(escalated[:7]):
        issued = deadline_day(row.deadline) + timedelta(days=rng.randrange(3, 20))
        if number >= 4:
            issued = today - timedelta(days=rng.randrange(1, 6))
        issued = min(issued, today)
        order_id = supervision.issue(
            db,
            row.id,
            row.responsible_unit,
            rng.choice(DEMANDS),
            (issued + timedelta(days=rng.choice((7, 10, 15)))).isoformat(),
            issued.isoformat(),
        )
        if number < 2:
            closed = min(today, issued + timedelta(days=12))
            supervision.sign_off(db, order_id, "整改方案已报送，按方案推进", closed.isoformat())


def _lists(db: Database, rng: random.Random, today: date, project_id: int) -> None:
    for policy, note in rng.sample(POLICIES, rng.choice((1, 2))):
        item_id = three_lists.add_policy(db, project_id, policy, PolicyState.PENDING, note)
        state = rng.choice(POLICY_STATES)
        if state is not PolicyState.PENDING:
            three_lists.update_policy(db, item_id, {"state": state})
    for promise, provider in rng.sample(SERVICES, rng.choice((1, 2, 3))):
        due = _day_between(rng, date(2020, 3, 1), today + timedelta(days=60))
        item_id = three_lists.add_service(db, project_id, promise, provider, due.isoformat())
        if due < today and rng.random() < 0.7:
            three_lists.complete_service(db, item_id, min(due, today).isoformat())


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange(max(1, (last - first).days + 1)))
