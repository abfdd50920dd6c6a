"""The audit trail in the officers' words: what each table and field is called, and each
stored value as the forms show it (万元, 2020年6月, 已纳统, names instead of ids).

The audit log keeps raw values as text ("120000", "2020-06", "1"); this turns them into
"1,200.00万元", "2020年6月", "是" for the history views.
"""

import json
from collections.abc import Mapping

from jimo_desktop.domain import inspections
from jimo_desktop.domain.as_of import CHANGE_LABELS
from jimo_desktop.domain.briefing import KIND_LABELS
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.milestones import CUSTOM, STANDARD_NODES
from jimo_desktop.domain.money import format_wan
from jimo_desktop.domain.problems import POLICY_LABELS, STATUS_LABELS
from jimo_desktop.domain.progress import period_label
from jimo_desktop.domain.project import NATURE_LABELS, STAGE_LABELS
from jimo_desktop.domain.sources import SOURCE_LABELS

TABLE_LABELS = {
    "projects": "项目",
    "problems": "问题清单",
    "policy_items": "政策清单",
    "service_items": "服务清单",
    "milestones": "时间节点",
    "work_logs": "工作日志",
    "dispatches": "周调度",
    "progress_reports": "月推进",
    "supervision_orders": "督办单",
    "listing_changes": "年度清单调整",
    "submissions": "报送情况",
    **inspections.TABLE_LABELS,
}
ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除", "restore": "恢复"}

_COMMON_FIELDS = {
    "project_id": "项目",
    "problem_id": "问题",
    "dispatch_id": "调度会",
    "responsible_unit": "责任单位",
    "responsible_person": "责任人",
    "note": "备注",
    "source": "来源",
    "sort_order": "顺序",
}
_FIELDS = {
    "projects": {
        "name": "项目名称", "code": "项目代码", "unit_id": "区位", "industry_id": "所属产业",
        "nature": "建设性质", "stage": "阶段", "is_government": "政府投资项目",
        "builder": "建设单位", "builder_contact": "联系人", "builder_phone": "联系电话",
        "scale": "建设内容及规模", "total_investment": "总投资", "planned_start": "计划开工",
        "planned_end": "计划竣工", "actual_start": "实际开工", "actual_end": "实际竣工",
        "in_statistics": "纳统", "statistics_date": "纳统日期", "location": "项目地点",
        "responsible_phone": "责任人电话", "leader": "挂钩领导", "land_status": "土地",
        "planning_status": "规划", "demolition_status": "拆迁", "remarks": "备注",
        "years": "年度清单",
    },
    "problems": {
        "category_id": "问题类别", "description": "问题描述", "raised_on": "提出日期",
        "deadline": "解决时限", "status": "状态", "resolution": "解决情况",
        "resolved_on": "解决日期", "escalated": "提交联席会议",
    },
    "policy_items": {"policy": "所需政策", "state": "落实情况"},
    "service_items": {
        "promise": "服务事项", "provider": "服务责任方", "due_on": "承诺时限", "done": "已办结",
        "done_on": "办结日期",
    },
    "milestones": {
        "kind": "节点类型", "name": "节点名称", "planned_on": "计划日期", "actual_on": "实际日期",
    },
    "work_logs": {"logged_on": "日期", "content": "内容", "author": "记录人"},
    "dispatches": {
        "held_on": "会议日期", "title": "会议名称", "attendees": "参会人员",
        "decisions": "议定事项", "notes": "备注", "projects": "研究项目",
    },
    "progress_reports": {
        "period": "月份", "completed_this_year": "本年累计完成投资",
        "completed_since_start": "开工至今累计", "image_progress": "形象进度",
        "in_statistics": "纳统", "problems_noted": "存在问题",
    },
    "supervision_orders": {
        "issued_on": "下发日期", "addressee": "督办对象", "demand": "督办事项",
        "plan_deadline": "整改方案时限", "closed_on": "销号日期", "closing_note": "销号说明",
    },
    "briefings": {
        "kind": "简报类型", "period": "月份", "draft": "草稿", "exported_at": "导出时间",
        "exported_to": "导出位置",
    },
    "submissions": {
        "unit_id": "区位", "period": "月份", "submitted_at": "报送时间", "project_count": "项目数",
        "file_name": "文件",
    },
    "listing_changes": {
        "year": "年度", "changed_on": "变更日期", "kind": "变更", "old_batch": "原批次",
        "new_batch": "新批次", "reason": "原因",
    },
    **inspections.FIELD_LABELS,
}  # fmt: skip

_MONEY = {"total_investment", "completed_this_year", "completed_since_start", "annual_plan"}
_DATES = {
    "planned_start", "planned_end", "actual_start", "actual_end", "statistics_date", "raised_on",
    "deadline", "resolved_on", "due_on", "done_on", "planned_on", "actual_on", "logged_on",
    "held_on", "issued_on", "plan_deadline", "closed_on", "changed_on", "inspected_on",
    "follow_up_on",
}  # fmt: skip
_MOMENTS = {"taken_at", "submitted_at"}  # a day and a time of day
_FLAGS = {"is_government", "in_statistics", "escalated", "done"}
_CHOICES = {
    "stage": {stage.value: label for stage, label in STAGE_LABELS.items()},
    "old_batch": {stage.value: f"{label}一批" for stage, label in STAGE_LABELS.items()},
    "new_batch": {stage.value: f"{label}一批" for stage, label in STAGE_LABELS.items()},
    "nature": {nature.value: label for nature, label in NATURE_LABELS.items()},
    "status": {status.value: label for status, label in STATUS_LABELS.items()},
    "source": SOURCE_LABELS,
}  # fmt: skip
# Codes whose words depend on the table: a milestone's kind is not a listing change's.
_TABLE_CHOICES = {
    ("milestones", "kind"): {**{node.code: node.name for node in STANDARD_NODES}, CUSTOM: "自定义"},
    ("listing_changes", "kind"): CHANGE_LABELS,
    ("briefings", "kind"): KIND_LABELS,
    ("policy_items", "state"): {state.value: label for state, label in POLICY_LABELS.items()},
    # StrEnum keys: their stored text finds them.
    ("inspection_points", "point"): inspections.POINT_LABELS,
    ("inspection_points", "state"): inspections.STATE_LABELS,
}  # fmt: skip
# Values that mean nothing to an officer (a photo's content hash, a draft's stored form): the
# history says what changed, never the value.
_UNSHOWN = {("photos", "file_sha256"): "照片", ("briefings", "draft"): "草稿"}
_TRUE_TEXTS = {"1", "True", "true"}
EMPTY = "（空）"

# Field → {id: name}, for the fields that hold the id of another record.
Names = Mapping[str, Mapping[int, str]]


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def field_label(table: str, field: str) -> str:
    return _FIELDS.get(table, {}).get(field) or _COMMON_FIELDS.get(field, field)


def value_text(field: str, raw: object, names: Names, table: str = "") -> str:
    """A stored value as an officer reads it; blank values read as （空）."""
    if raw is None or raw == "":
        return EMPTY
    text = str(raw)
    if (table, field) in _UNSHOWN:
        return _UNSHOWN[table, field]
    if field in names:
        return names[field].get(int(text), text) if text.lstrip("-").isdigit() else text
    if field in _MONEY:
        return f"{format_wan(int(text))}万元" if text.lstrip("-").isdigit() else text
    if field == "period":
        return period_label(text)
    if field in _DATES:
        return format_partial_date(text)
    if field in _MOMENTS:
        return text.replace("T", " ")
    if field in _FLAGS:
        return "是" if text in _TRUE_TEXTS else "否"
    if (table, field) in _TABLE_CHOICES:
        return _TABLE_CHOICES[table, field].get(text, text)
    return _CHOICES.get(field, {}).get(text, text)


def in_a_line(text: str, limit: int = 60) -> str:
    """A value said beside others on one line (a conflict, a merge's change): a long text
    (a 建设内容, a resolution pasted whole) is cut with its length, so the line and the box
    showing it stay on the screen."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…（共{len(text)}字）"


def change_text(field: str, old: object, new: object, names: Names, table: str = "") -> str:
    if (table, field) in _UNSHOWN:
        return f"{_UNSHOWN[table, field]}已修改"
    return f"{value_text(field, old, names, table)} → {value_text(field, new, names, table)}"


def inserted_text(table: str, summary: str | None, names: Names) -> str:
    """The JSON an insert line keeps, as "月份：2020年6月；本年累计完成投资：…".

    The project is left out: the history names it beside every line already.
    """
    if not summary:
        return ""
    try:
        values = json.loads(summary)
    except ValueError:
        return summary
    return "；".join(
        f"{field_label(table, field)}：{value_text(field, value, names, table)}"
        for field, value in values.items()
        if field != "project_id" and (table, field) not in _UNSHOWN
    )
