"""The import of the units' submissions: rows read into projects and month reports, matched
with what is kept, planned and applied in one transaction."""
