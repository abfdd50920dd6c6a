-- Schema version 4: briefings (月度通报, 项目简报, 督查报告) as the officer edited them before
-- export. The draft is JSON (title, masthead, issue, date, sections of paragraphs); tables and
-- charts are not stored, they are drawn from the data at every export. One live draft per
-- kind, month and project; a replaced draft stays readable in the audit trail.

CREATE TABLE briefings (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('monthly', 'project', 'inspection')),
    period      TEXT NOT NULL,                     -- YYYY-MM
    project_id  INTEGER REFERENCES projects (id),  -- a 项目简报's project
    draft       TEXT NOT NULL,
    exported_at TEXT,                              -- the last time it was written as PDF
    exported_to TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX briefings_one_draft
    ON briefings (kind, period, COALESCE(project_id, 0)) WHERE deleted_at IS NULL;
