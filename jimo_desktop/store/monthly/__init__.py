"""The month's work with the 区位: 月推进 reports, 周调度 meetings, the 调度表 templates' rows and
报送情况."""
