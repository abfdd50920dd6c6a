-- Schema version 2: the daily tracking of projects. Problems and the other two of the three
-- lists, milestones, work logs, weekly dispatch meetings, monthly progress and supervision
-- orders. Every table that may leave the office in a field package carries a uuid and an
-- updated_at stamp; rows officers may regret deleting are deleted softly (deleted_at).

CREATE TABLE problem_categories (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    aliases    TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO problem_categories (name, sort_order) VALUES
    ('土地', 0), ('规划', 1), ('拆迁', 2), ('资金', 3), ('审批手续', 4), ('水电气暖', 5),
    ('环保', 6), ('其他', 7);

CREATE TABLE dispatches (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    held_on    TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    attendees  TEXT NOT NULL DEFAULT '',
    decisions  TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE dispatch_projects (
    dispatch_id INTEGER NOT NULL REFERENCES dispatches (id),
    project_id  INTEGER NOT NULL REFERENCES projects (id),
    PRIMARY KEY (dispatch_id, project_id)
);

CREATE TABLE problems (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE,
    project_id         INTEGER NOT NULL REFERENCES projects (id),
    category_id        INTEGER REFERENCES problem_categories (id),
    description        TEXT NOT NULL,
    raised_on          TEXT NOT NULL,
    responsible_unit   TEXT NOT NULL DEFAULT '',
    responsible_person TEXT NOT NULL DEFAULT '',
    deadline           TEXT,
    status             TEXT NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'coordinating', 'resolved', 'closed')),
    resolution         TEXT NOT NULL DEFAULT '',
    resolved_on        TEXT,
    escalated          INTEGER NOT NULL DEFAULT 0,  -- taken to the leaders' joint meeting
    source             TEXT NOT NULL DEFAULT 'manual',  -- manual, import, dispatch, inspection
    dispatch_id        INTEGER REFERENCES dispatches (id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE INDEX problems_project ON problems (project_id);
CREATE INDEX problems_status ON problems (status, deadline);

CREATE TABLE policy_items (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    policy     TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applying', 'granted', 'refused')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX policy_items_project ON policy_items (project_id);

CREATE TABLE service_items (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    project_id  INTEGER NOT NULL REFERENCES projects (id),
    promise     TEXT NOT NULL,
    provider    TEXT NOT NULL DEFAULT '',  -- who in the bureau or which department promised it
    due_on      TEXT,
    done        INTEGER NOT NULL DEFAULT 0,
    done_on     TEXT,
    note        TEXT NOT NULL DEFAULT '',
    dispatch_id INTEGER REFERENCES dispatches (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX service_items_project ON service_items (project_id);

CREATE TABLE milestones (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    project_id       INTEGER NOT NULL REFERENCES projects (id),
    kind             TEXT NOT NULL DEFAULT 'custom',  -- a standard node's code, or custom
    name             TEXT NOT NULL,
    planned_on       TEXT,
    actual_on        TEXT,
    responsible_unit TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    sort_order       INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);
CREATE INDEX milestones_project ON milestones (project_id);

CREATE TABLE work_logs (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    logged_on  TEXT NOT NULL,
    content    TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT 'manual',  -- manual, problem, inspection, dispatch, import
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX work_logs_project ON work_logs (project_id, logged_on);

CREATE TABLE progress_reports (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    project_id            INTEGER NOT NULL REFERENCES projects (id),
    period                TEXT NOT NULL,  -- YYYY-MM: the report covers January to this month
    completed_this_year   INTEGER,        -- 1-N月累计完成投资, hundredths of 万元
    completed_since_start INTEGER,        -- 开工至今累计完成投资
    image_progress        TEXT NOT NULL DEFAULT '',  -- 形象进度
    in_statistics         INTEGER,
    problems_noted        TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    deleted_at            TEXT,
    UNIQUE (project_id, period)
);
CREATE INDEX progress_reports_period ON progress_reports (period);

CREATE TABLE supervision_orders (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    problem_id    INTEGER NOT NULL REFERENCES problems (id),
    issued_on     TEXT NOT NULL,
    addressee     TEXT NOT NULL,   -- to whom the 督办单 goes
    demand        TEXT NOT NULL,   -- what is required
    plan_deadline TEXT,            -- deadline for the rectification plan
    closed_on     TEXT,            -- 销号
    closing_note  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX supervision_orders_problem ON supervision_orders (problem_id);
