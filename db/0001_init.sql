-- Jimo Project Desk, schema version 1: dictionaries, settings, projects and their yearly listings,
-- and the audit trail. Amounts are INTEGER hundredths of 万元; dates are ISO text ("2020-06" or
-- "2020-06-15"); booleans are 0/1.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL DEFAULT 'town' CHECK (kind IN ('street', 'town', 'zone')),
    aliases    TEXT NOT NULL DEFAULT '',   -- short and former names, separated by "、"
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE industries (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    aliases    TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE projects (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    name_initials      TEXT NOT NULL DEFAULT '',
    code               TEXT NOT NULL DEFAULT '',
    unit_id            INTEGER REFERENCES units (id),
    builder            TEXT NOT NULL DEFAULT '',
    builder_contact    TEXT NOT NULL DEFAULT '',
    builder_phone      TEXT NOT NULL DEFAULT '',
    scale              TEXT NOT NULL DEFAULT '',
    nature             TEXT CHECK (nature IN ('new', 'continued', 'expansion')),
    industry_id        INTEGER REFERENCES industries (id),
    stage              TEXT NOT NULL DEFAULT 'planning'
                       CHECK (stage IN ('planning', 'reserve', 'started', 'completed', 'producing')),
    is_government      INTEGER NOT NULL DEFAULT 0,
    total_investment   INTEGER,
    planned_start      TEXT,
    planned_end        TEXT,
    actual_start       TEXT,
    actual_end         TEXT,
    location           TEXT NOT NULL DEFAULT '',
    responsible_unit   TEXT NOT NULL DEFAULT '',
    responsible_person TEXT NOT NULL DEFAULT '',
    responsible_phone  TEXT NOT NULL DEFAULT '',
    leader             TEXT NOT NULL DEFAULT '',
    in_statistics      INTEGER NOT NULL DEFAULT 0,
    statistics_date    TEXT,
    land_status        TEXT NOT NULL DEFAULT '',
    planning_status    TEXT NOT NULL DEFAULT '',
    demolition_status  TEXT NOT NULL DEFAULT '',
    remarks            TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE INDEX projects_unit ON projects (unit_id);
CREATE INDEX projects_industry ON projects (industry_id);

CREATE TABLE project_years (
    project_id  INTEGER NOT NULL REFERENCES projects (id),
    year        INTEGER NOT NULL,
    level       TEXT CHECK (level IN ('province', 'qingdao', 'district')),
    annual_plan INTEGER,
    PRIMARY KEY (project_id, year)
);
CREATE INDEX project_years_year ON project_years (year);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    officer    TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    row_uuid   TEXT,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
