-- Schema version 3: site inspections (实地查看、现场督查) with the standard points of the work
-- plan and their photos; the drafts the quick form autosaves; and what field packages need to
-- merge work done on a laptop without losing or doubling anything.
--
-- Photos: the `photos` row is the officer's record (caption, time, position); the image bytes
-- live in `photo_files`, named by the SHA-256 of the original file, so the same picture is
-- stored once however often it is attached, copied or merged. The database holds a downsized
-- JPEG and a thumbnail; the original stays beside the database in photos/<2 hex>/<sha256><ext>
-- unless the officer keeps originals in the database (setting photo_originals = 'database'),
-- in which case photo_files.original holds it.

CREATE TABLE inspections (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    inspected_on TEXT NOT NULL,             -- the day of the visit, YYYY-MM-DD
    place        TEXT NOT NULL DEFAULT '',
    inspectors   TEXT NOT NULL DEFAULT '',  -- names separated by "、"
    follow_up_on TEXT,                      -- when to look again (复查), day or month
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX inspections_day ON inspections (inspected_on);

CREATE TABLE inspection_projects (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
    project_id    INTEGER NOT NULL REFERENCES projects (id),
    PRIMARY KEY (inspection_id, project_id)
);
CREATE INDEX inspection_projects_project ON inspection_projects (project_id);

CREATE TABLE inspection_points (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
    point         TEXT NOT NULL
                  CHECK (point IN ('land', 'planning', 'demolition', 'progress', 'workforce', 'safety')),
    state         TEXT NOT NULL DEFAULT 'not_seen'
                  CHECK (state IN ('not_seen', 'normal', 'concern', 'problem', 'not_applicable')),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    UNIQUE (inspection_id, point)
);

-- Blobs after the small columns: SQLite reads a row's overflow pages only as far as the
-- column asked for, so listing thumbnails never reads the larger image.
CREATE TABLE photo_files (
    sha256        TEXT PRIMARY KEY,   -- of the original file's bytes
    extension     TEXT NOT NULL,      -- of the original file, '.jpg'
    original_size INTEGER NOT NULL,
    width         INTEGER NOT NULL,   -- of the stored image
    height        INTEGER NOT NULL,
    thumbnail     BLOB NOT NULL,      -- JPEG, longest side 240 px
    image         BLOB NOT NULL,      -- JPEG, longest side 1024 px
    original      BLOB                -- only when originals are kept in the database
);

CREATE TABLE photos (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
    file_sha256   TEXT NOT NULL REFERENCES photo_files (sha256),
    caption       TEXT NOT NULL DEFAULT '',
    taken_at      TEXT,               -- from the photo's EXIF, YYYY-MM-DDTHH:MM:SS
    latitude      REAL,               -- from the photo's EXIF GPS, decimal degrees
    longitude     REAL,
    original_name TEXT NOT NULL DEFAULT '',
    sort_order    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX photos_inspection ON photos (inspection_id, sort_order);

-- What the quick form holds while the officer types: saved every few seconds and on close,
-- so a closed lid or a flat battery loses nothing. Key 'new' or an inspection's uuid.
CREATE TABLE inspection_drafts (
    draft_key TEXT PRIMARY KEY,
    saved_at  TEXT NOT NULL,
    content   TEXT NOT NULL  -- JSON
);

-- In a database made from a field package (the laptop's): each row as it came from the
-- office, the common base against which both sides' later edits are compared.
CREATE TABLE sync_base (
    table_name TEXT NOT NULL,
    row_uuid   TEXT NOT NULL,
    content    TEXT NOT NULL,  -- JSON, references by uuid or dictionary name
    PRIMARY KEY (table_name, row_uuid)
);

-- A conflict the officer settled by keeping the office's value: the same field value coming
-- back in a package (merged twice, or exported again) is not asked about a second time.
CREATE TABLE merge_decisions (
    table_name  TEXT NOT NULL,
    row_uuid    TEXT NOT NULL,
    field       TEXT NOT NULL,
    base_value  TEXT NOT NULL,  -- JSON
    field_value TEXT NOT NULL,  -- JSON
    kept_value  TEXT NOT NULL,  -- JSON
    decided_at  TEXT NOT NULL,
    officer     TEXT NOT NULL,
    PRIMARY KEY (table_name, row_uuid, field, base_value, field_value)
);
