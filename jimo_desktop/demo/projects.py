"""Demo projects: names, builders and figures in the manner of the bureau's key-project lists."""

import random

from jimo_desktop.domain.as_of import batch_by_dates
from jimo_desktop.domain.project import Level, Nature, Project, Stage, YearListing

CURRENT_YEAR = 2020
LIST_YEARS = (2019, 2020, 2021)

NAME_PARTS = {
    "现代海洋": (
        "海洋生物医药产业园",
        "海洋装备制造基地",
        "海水淡化综合利用",
        "远洋渔业冷链物流中心",
        "海洋科技创新中心",
        "深远海养殖平台",
    ),
    "新材料": (
        "高性能纤维新材料",
        "石墨烯复合材料生产线",
        "碳纤维制品",
        "特种涂料生产基地",
        "新型建材产业园",
    ),
    "大健康": (
        "康养小镇",
        "生物医药孵化器",
        "医疗器械产业园",
        "中医药健康产业园",
        "健康食品加工基地",
    ),
    "微电子": ("集成电路封装测试", "半导体材料产业园", "光电芯片研发中心", "电子元器件生产线"),
    "交通": ("道路拓宽改造工程", "快速路建设工程", "公交枢纽站", "跨河大桥工程", "停车场建设"),
    "水利": ("水库除险加固工程", "河道综合治理工程", "污水处理厂扩建", "供水管网改造工程"),
    "城建": ("棚户区改造", "老旧小区综合整治", "安置房建设", "城市更新片区", "综合管廊工程"),
    "科技创新": ("科技企业孵化园", "工业互联网平台", "研发中试基地", "人工智能产业园"),
    "社会民生": ("中学新建工程", "幼儿园建设", "人民医院新院区", "养老服务中心", "文体中心"),
    "现代服务业": ("商业综合体", "冷链物流园", "电商产业园", "文旅小镇", "五星级酒店"),
    "工业技改": ("智能化技术改造", "生产线自动化升级", "绿色工厂改造", "数字化车间建设"),
}

COMPANY_PREFIXES = (
    "青岛海润",
    "即墨国投",
    "青岛蓝海",
    "鳌山湾",
    "青岛华通",
    "即发集团",
    "青岛中车",
    "酷特智能",
    "青岛海创",
    "即墨城投",
    "青岛新纪元",
    "东方海洋",
    "青岛润泰",
    "中集冷链",
    "青岛三元",
    "墨河",
    "青岛金宏",
    "海尔生物",
    "青岛康元",
    "青岛汇川",
)
COMPANY_SUFFIXES = ("有限公司", "集团有限公司", "股份有限公司", "投资发展有限公司")

LEADERS = ("王建国", "张立新", "刘海峰", "陈志强", "赵文明", "孙广平", "周德海", "吴春雷")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超")
LAND = ("已取得不动产权证", "已完成土地挂牌", "土地组卷报批中", "用地预审已通过", "利用自有土地")
PLANNING = ("已取得建设工程规划许可证", "规划方案已审定", "规划方案设计中", "已取得用地规划许可证")
DEMOLITION = ("无拆迁任务", "拆迁已完成", "拆迁完成80%", "正在入户调查")
ROADS = ("烟青路", "鹤山路", "蓝谷大道", "通济路", "龙山路", "青威路")
SIDES = ("北侧", "南侧", "以东", "以西")
DEPARTMENTS = (
    "区发展和改革局",
    "区工业和信息化局",
    "区住房和城乡建设局",
    "区交通运输局",
    "区水务局",
    "区卫生健康局",
    "区教育和体育局",
    "区商务局",
)
PHASES = ("", "（一期）", "（二期）", "（三期）")


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}"


def make_projects(count: int, unit_ids: list[int], industry_ids: dict[str, int], seed: int):
    rng = random.Random(seed)
    used_names: set[str] = set()
    projects = []
    for number in range(count):
        industry = list(NAME_PARTS)[number % len(NAME_PARTS)]
        unit_id = (
            unit_ids[rng.randrange(len(unit_ids))] if number >= len(unit_ids) else unit_ids[number]
        )
        name = _unique_name(rng, industry, used_names, number)
        projects.append(_project(rng, name, unit_id, industry_ids[industry], industry))
    return projects


def _unique_name(rng: random.Random, industry: str, used: set[str], number: int) -> str:
    for _ in range(20):
        part = rng.choice(NAME_PARTS[industry])
        suffix = "" if part.endswith("工程") else "项目"
        name = f"{rng.choice(COMPANY_PREFIXES)}{part}{suffix}{rng.choice(PHASES)}"
        if name not in used:
            used.add(name)
            return name
    name = f"{rng.choice(COMPANY_PREFIXES)}{rng.choice(NAME_PARTS[industry])}项目（{number}号地块）"
    used.add(name)
    return name


def _project(rng, name, unit_id, industry_id, industry) -> Project:
    government = industry in ("交通", "水利", "城建", "社会民生")
    total_wan = rng.choice((3000, 5000, 8000, 12000, 20000, 35000, 50000, 100000, 150000))
    total = (total_wan + rng.randrange(0, 2000)) * 100 + rng.choice((0, 0, 50, 25))
    stage = _stage_for(rng)
    start_year = {Stage.PLANNING: 2021, Stage.RESERVE: 2020}.get(
        stage, rng.choice((2018, 2019, 2020))
    )
    start_month = rng.randrange(1, 7) if start_year == 2020 else rng.randrange(1, 13)
    duration = rng.choice((12, 18, 24, 36))
    end_year = start_year + (start_month + duration - 1) // 12
    end_month = (start_month + duration - 1) % 12 + 1
    started = stage in (Stage.STARTED, Stage.COMPLETED, Stage.PRODUCING)
    # Counted by the statistics bureau the month after the start, if that month has come.
    counted_from = f"{start_year}-{min(start_month + 1, 12):02d}"
    builder = rng.choice(COMPANY_PREFIXES) + rng.choice(COMPANY_SUFFIXES)
    project = Project(
        name=name,
        code=f"{start_year}-370282-{rng.randrange(10, 99)}-03-{rng.randrange(10**5, 10**6)}",
        unit_id=unit_id,
        builder=builder,
        builder_contact=person(rng),
        builder_phone=phone(rng),
        scale=_scale_text(rng, industry),
        nature=rng.choice((Nature.NEW, Nature.NEW, Nature.CONTINUED, Nature.EXPANSION)),
        industry_id=industry_id,
        stage=stage,
        is_government=government,
        total_investment=total,
        planned_start=f"{start_year}-{start_month:02d}",
        planned_end=f"{end_year}-{end_month:02d}",
        actual_start=f"{start_year}-{start_month:02d}-{rng.randrange(1, 28):02d}"
        if started
        else None,
        actual_end=f"{min(end_year, 2020)}-{min(end_month, 6):02d}"
        if stage in (Stage.COMPLETED, Stage.PRODUCING)
        else None,
        location=f"{rng.choice(ROADS)}{rng.choice(SIDES)}",
        responsible_unit=rng.choice(DEPARTMENTS),
        responsible_person=person(rng),
        responsible_phone=f"0532-{rng.randrange(8000_0000, 8999_9999)}",
        leader=rng.choice(LEADERS),
        in_statistics=started and rng.random() < 0.85 and counted_from <= BUSINESS_MONTH,
        statistics_date=counted_from if started and counted_from <= BUSINESS_MONTH else None,
        land_status=rng.choice(LAND),
        planning_status=rng.choice(PLANNING),
        demolition_status=rng.choice(DEMOLITION),
        remarks="",
        years=_listings(rng, total, stage),
    )
    for listing in project.years:
        listing.batch = batch_by_dates(
            listing.year,
            stage,
            project.planned_start,
            project.planned_end,
            project.actual_start,
            project.actual_end,
        )
    return project


BUSINESS_MONTH = "2020-06"  # the demo's business date is 2020-06-30


def _stage_for(rng: random.Random) -> Stage:
    """About four in five listed projects have started, as the 2020 bulletins report."""
    roll = rng.random()
    if roll < 0.60:
        return Stage.STARTED
    if roll < 0.72:
        return Stage.COMPLETED
    if roll < 0.80:
        return Stage.PRODUCING
    if roll < 0.92:
        return Stage.RESERVE
    return Stage.PLANNING


def _listings(rng: random.Random, total: int, stage: Stage) -> list[YearListing]:
    years = [CURRENT_YEAR]
    if stage in (Stage.STARTED, Stage.COMPLETED, Stage.PRODUCING) and rng.random() < 0.5:
        years.insert(0, 2019)
    if stage in (Stage.STARTED, Stage.RESERVE, Stage.PLANNING) and rng.random() < 0.6:
        years.append(2021)
    level = rng.choices((Level.PROVINCE, Level.QINGDAO, Level.DISTRICT), weights=(1, 4, 12))[0]
    return [
        YearListing(year, level, (total * rng.randrange(20, 60) // 100) // 100 * 100)
        for year in years
    ]


def _scale_text(rng: random.Random, industry: str) -> str:
    area = rng.randrange(20, 400)
    floor = rng.randrange(2, 30) * 10000
    return (
        f"占地约{area}亩，总建筑面积约{floor:,}平方米，主要建设{industry}相关厂房、研发及配套设施。"
    )
