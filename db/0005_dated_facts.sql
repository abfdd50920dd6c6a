-- Schema version 5: facts are dated, figures are derived from them.
--
-- 纳统 has one home, the project (flag and date). A month's report that said 已纳统 moves onto
-- its project, dated with the first such month, when the project did not say so itself.
UPDATE projects
SET in_statistics = 1,
    statistics_date = (
        SELECT MIN(r.period) FROM progress_reports r
        WHERE r.project_id = projects.id AND r.in_statistics = 1 AND r.deleted_at IS NULL
    )
WHERE in_statistics = 0
  AND EXISTS (
        SELECT 1 FROM progress_reports r
        WHERE r.project_id = projects.id AND r.in_statistics = 1 AND r.deleted_at IS NULL
  );
ALTER TABLE progress_reports DROP COLUMN in_statistics;

-- 四个一批 is the year's target list: each listing names the batch the project is to make that
-- year (竣工: finish, 开工: start, 储备, 谋划); NULL for a project continuing under construction.
-- A listing added during the year (增补) or withdrawn from it (退出) is dated, so a past month's
-- figures count the list as it stood then.
ALTER TABLE project_years ADD COLUMN batch TEXT
    CHECK (batch IN ('planning', 'reserve', 'started', 'completed'));
ALTER TABLE project_years ADD COLUMN added_on TEXT;
ALTER TABLE project_years ADD COLUMN withdrawn_on TEXT;

-- Listings kept before version 5 take the batch their dates and stage give for their year.
UPDATE project_years SET batch = (
    SELECT CASE
        WHEN substr(COALESCE(p.actual_end, p.planned_end, ''), 1, 4) = CAST(project_years.year AS TEXT)
            THEN 'completed'
        WHEN substr(COALESCE(p.actual_start, p.planned_start, ''), 1, 4) = CAST(project_years.year AS TEXT)
            THEN 'started'
        WHEN p.stage IN ('planning', 'reserve') THEN p.stage
    END
    FROM projects p WHERE p.id = project_years.project_id
);

-- 调整、增补、退出 of a listing during its year: when, why, and the batch before and after.
CREATE TABLE listing_changes (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    project_id  INTEGER NOT NULL REFERENCES projects (id),
    year        INTEGER NOT NULL,
    changed_on  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('adjust', 'add', 'withdraw')),
    old_batch   TEXT CHECK (old_batch IN ('planning', 'reserve', 'started', 'completed')),
    new_batch   TEXT CHECK (new_batch IN ('planning', 'reserve', 'started', 'completed')),
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX listing_changes_project ON listing_changes (project_id, year);
