"""现场督查: inspections with their points, drafts and photos, and what the 督查报告 prints of
them."""
