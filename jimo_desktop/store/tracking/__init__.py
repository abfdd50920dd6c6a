"""问题清单, 政策清单 and 服务清单, 督办单, 时间节点, 工作日志 and the reminders they raise; the
rows of the tracking lists and of the 时间表."""
