-- Schema version 6: 报送情况. One live row per 区位 and month whose 调度表 came back: when it
-- was imported, for how many projects, from which file. A re-sent report updates the row; the
-- earlier one stays in the audit trail.

CREATE TABLE submissions (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    period        TEXT NOT NULL,                  -- YYYY-MM
    submitted_at  TEXT NOT NULL,                  -- ISO date and time
    project_count INTEGER NOT NULL,
    file_name     TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE UNIQUE INDEX submissions_one_live ON submissions (unit_id, period) WHERE deleted_at IS NULL;
