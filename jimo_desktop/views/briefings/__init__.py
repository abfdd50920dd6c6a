"""简报导出 and 统计图表: drafts, charts and the papers that go out."""
