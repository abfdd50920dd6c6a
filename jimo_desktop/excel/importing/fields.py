"""What a column of a submission holds, and the one table of the names units give it.

Names are listed as they read once normalised (headers.read_label): half-width brackets,
no spaces or line breaks, without the unit in brackets or a leading year or month range.
"""

from enum import StrEnum


class Field(StrEnum):
    """What a column holds; most are named after the Project field they fill."""

    SERIAL = "serial"
    NAME = "name"
    CODE = "code"
    UNIT = "unit"
    BUILDER = "builder"
    BUILDER_CONTACT = "builder_contact"
    BUILDER_PHONE = "builder_phone"
    SCALE = "scale"
    NATURE = "nature"
    INDUSTRY = "industry"
    STAGE = "stage"
    LEVEL = "level"
    GOVERNMENT = "is_government"
    TOTAL = "total_investment"
    ANNUAL_PLAN = "annual_plan"
    PLANNED_START = "planned_start"
    PLANNED_END = "planned_end"
    BUILD_PERIOD = "build_period"  # "2020.3-2021.12" in one column
    ACTUAL_START = "actual_start"
    ACTUAL_END = "actual_end"
    LOCATION = "location"
    RESPONSIBLE_UNIT = "responsible_unit"
    RESPONSIBLE_PERSON = "responsible_person"
    RESPONSIBLE_PHONE = "responsible_phone"
    LEADER = "leader"
    IN_STATISTICS = "in_statistics"
    STATISTICS_DATE = "statistics_date"
    LAND = "land_status"
    PLANNING = "planning_status"
    DEMOLITION = "demolition_status"
    REMARKS = "remarks"
    COMPLETED_THIS_YEAR = "completed_this_year"
    COMPLETED_SINCE_START = "completed_since_start"
    IMAGE_PROGRESS = "image_progress"
    PROBLEMS = "problems_noted"
    CONTACT = "contact"  # 联系人: the builder's or the responsible one's, by its neighbours
    PHONE = "phone"  # 联系电话: likewise
    IGNORED = "ignored"  # known, computed by the program (占年度计划, 时序进度 …)


# One line of names per field, separated by spaces (no name holds a space once normalised).
_NAMES = {
    Field.SERIAL: "序号 编号 序 No No. 项目序号 排序",
    Field.NAME: "项目名称 项目名 名称 项目 建设项目名称 项目全称 建设项目",
    Field.CODE: (
        "项目代码 项目编码 统一项目代码 项目统一代码 投资项目代码 备案代码 备案号 "
        "项目代码(备案号) 代码"
    ),
    Field.UNIT: (
        "区位 镇街 所属镇街 镇街功能区 所属区位 所在镇街 责任区位 镇街园区 属地 所属镇街功能区 "
        "填报单位 镇街及功能区 区市 所属区域 镇街道 责任镇街 属地镇街 所在镇街园区 "
        "所在区域 所在镇 项目所在镇街 所在园区"
    ),
    Field.BUILDER: (
        "建设单位 项目单位 实施主体 业主单位 项目建设单位 项目业主 建设主体 投资主体 项目法人 "
        "投资单位 实施单位 项目法人单位 企业名称 项目实施主体"
    ),
    Field.CONTACT: "联系人 项目联系人",
    Field.BUILDER_CONTACT: "企业联系人 建设单位联系人 单位联系人",
    Field.PHONE: "联系电话 联系方式 电话 手机 联系人电话 手机号码",
    Field.BUILDER_PHONE: "企业联系电话 建设单位联系电话 单位联系电话",
    Field.SCALE: (
        "建设规模及内容 建设内容及规模 建设规模和内容 建设内容和规模 建设规模 建设内容 "
        "主要建设内容 项目建设内容 主要建设内容及规模 项目概况 项目简介 建设规模及主要内容"
    ),
    Field.NATURE: "建设性质 性质 项目性质",
    Field.INDUSTRY: (
        "所属产业 产业类别 行业 产业 所属行业 行业类别 产业分类 产业领域 所属领域 领域 行业分类 "
        "所属产业类别"
    ),
    Field.STAGE: "阶段 项目阶段 项目类别 类别 批次 所属批次 建设阶段 项目状态 四个一批 项目类型",
    Field.LEVEL: "项目级别 级别 重点项目级别 层级 项目层级 重点级别",
    Field.GOVERNMENT: "是否政府投资项目 政府投资项目 是否政府投资 政府投资",
    Field.TOTAL: "总投资 计划总投资 项目总投资 总投资额 投资总额 估算总投资 概算总投资",
    Field.ANNUAL_PLAN: (
        "年度计划投资 年度投资计划 本年计划投资 年计划投资 年度计划完成投资 计划投资 投资计划 "
        "计划完成投资 年度计划 本年度计划投资 当年计划投资"
    ),
    Field.PLANNED_START: (
        "开工时间 计划开工 开工年月 计划开工时间 开工日期 计划开工日期 计划开工年月 开工 起 开始 "
        "开始时间"
    ),
    Field.PLANNED_END: (
        "竣工时间 计划竣工 竣工年月 计划竣工时间 完工时间 竣工日期 计划竣工日期 计划完工时间 "
        "计划竣工年月 竣工 完工 止 结束 结束时间"
    ),
    Field.BUILD_PERIOD: (
        "建设起止年限 建设年限 起止年限 建设期限 建设工期 起止时间 建设起止时间 建设周期 "
        "开竣工时间 计划开竣工时间 建设期 建设起止年月 起止年月 建设起止期限 起止日期 "
        "计划建设期 建设时限 实施期限 建设起止日期 开竣工年限 项目建设期 建设起止"
    ),
    Field.ACTUAL_START: "实际开工时间 实际开工日期 实际开工",
    Field.ACTUAL_END: "实际竣工时间 实际竣工日期 实际竣工",
    Field.LOCATION: (
        "建设地点 项目地点 选址 项目选址 建设地址 项目位置 地点 具体位置 项目建设地点 项目地址 "
        "建设位置 坐落 项目所在地 所在地 建设地点及四至"
    ),
    Field.RESPONSIBLE_UNIT: (
        "责任单位 区级责任单位 牵头单位 主管部门 区直责任部门 责任部门 行业主管部门 牵头部门 "
        "区级责任部门 服务单位"
    ),
    Field.RESPONSIBLE_PERSON: "责任人 项目责任人 区级责任人 单位责任人",
    Field.RESPONSIBLE_PHONE: "责任人电话 责任人联系电话 责任人联系方式 责任人手机",
    Field.LEADER: (
        "挂钩领导 包联领导 区级领导 联系领导 挂包领导 分管领导 包保领导 区级挂钩领导 挂帅领导 "
        "区级包联领导"
    ),
    Field.IN_STATISTICS: "是否纳统 纳统情况 纳统 是否已纳统 是否入统 入统情况 是否纳入统计",
    Field.STATISTICS_DATE: "纳统时间 纳统日期 入统时间 纳统年月",
    Field.LAND: "土地情况 用地情况 土地手续 用地手续 土地手续办理情况 用地",
    Field.PLANNING: "规划情况 规划手续 规划手续办理情况",
    Field.DEMOLITION: "拆迁情况 征迁情况 拆迁进度 征地拆迁情况",
    Field.REMARKS: "备注 说明 备注说明",
    Field.COMPLETED_THIS_YEAR: (
        "累计完成投资 本年累计完成投资 年度累计完成投资 年初至今累计完成投资 本年完成投资 "
        "完成投资 累计完成 今年累计完成投资 当年累计完成投资 本年度累计完成投资 累计完成投资额 "
        "月累计完成投资 完成投资额"
    ),
    Field.COMPLETED_SINCE_START: (
        "开工至今累计完成投资 开工以来累计完成投资 自开工累计完成投资 开工累计完成投资 "
        "累计完成投资开工至今 至今累计完成投资 项目累计完成投资 开工至今完成投资 开工至今累计 "
        "自开工以来累计完成投资"
    ),
    Field.IMAGE_PROGRESS: (
        "形象进度 工程形象进度 项目形象进度 目前形象进度 进展情况 项目进展情况 目前进展情况 "
        "项目进展 建设进展 工程进度 形象进度及进展情况 当前进展"
    ),
    Field.PROBLEMS: (
        "存在问题 存在的问题 存在问题及建议 需协调解决的问题 存在困难和问题 困难问题 问题 "
        "需协调解决事项 存在问题及解决措施 存在的困难和问题 需要协调解决的问题 "
        "存在问题及需协调事项"
    ),
    Field.IGNORED: (
        "占年度计划 完成率 年度计划完成率 占年度计划比例 时序进度 超时序进度 "
        "至上年底累计完成投资 底累计完成投资 上年底累计完成投资 以前年度累计完成投资 占比 "
        "完成比例 上月累计完成投资 上月开工至今累计完成投资 模板校验码"
    ),
}
SYNONYMS: dict[Field, tuple[str, ...]] = {
    field: tuple(names.split()) for field, names in _NAMES.items()
}

# Fields only a monthly progress report (调度表) has: they tell the two kinds apart.
PROGRESS_FIELDS = frozenset(
    {Field.COMPLETED_THIS_YEAR, Field.COMPLETED_SINCE_START, Field.IMAGE_PROGRESS, Field.PROBLEMS}
)
