"""项目库 and the project editor with its panels: year lists, milestones, work logs, policies."""
