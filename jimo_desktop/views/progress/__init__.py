"""进度调度: the 月推进 grid, 周调度, 报送情况 and the monthly templates."""
