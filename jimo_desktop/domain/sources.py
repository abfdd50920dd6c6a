"""Where a problem or a work-log line came from, in the officers' words."""

MANUAL = "manual"
SOURCE_LABELS = {
    MANUAL: "手工填写",
    "problem": "问题清单",
    "policy": "政策清单",
    "service": "服务清单",
    "supervision": "督办",
    "inspection": "现场督查",
    "dispatch": "周调度",
    "milestone": "时间节点",
    "import": "Excel导入",
}
