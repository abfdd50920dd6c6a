"""The month's charts by key, with the short title of their tab and the caption they print
under, without loading matplotlib: the 统计图表 view lists its tabs from here at start-up and
draws a chart (reports/charts.py) only when it is shown."""

MONTHLY_CHART_TITLES = (
    ("completion", "投资完成排名", "各区位年度计划投资完成率"),
    ("industry", "产业投资", "各产业年度计划与累计完成投资"),
    ("batches", "四个一批", "“四个一批”项目个数与总投资"),
    ("monthly", "逐月累计", "逐月累计完成投资与时序进度"),
    ("start_rate", "开工率", "各区位项目开工率"),
    ("problems", "问题分类", "存在问题分类及办理情况"),
    ("years", "历年对比", "历年重点项目个数与年度计划投资"),
)
