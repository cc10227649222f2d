-- Schema version 2: users and their jurisdictions, training hours per year, score drafts.
CREATE TABLE users (
    name       TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    scope      TEXT,
    granted_by TEXT,
    granted_at TEXT
) WITHOUT ROWID;

CREATE TABLE training (
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    year     INTEGER NOT NULL,
    hours    REAL NOT NULL CHECK (hours >= 0),
    PRIMARY KEY (staff_id, year)
) WITHOUT ROWID;

-- Every committed cell of an unsaved sheet, so nothing typed is lost.
CREATE TABLE drafts (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    user          TEXT NOT NULL,
    item          TEXT NOT NULL,
    score         REAL NOT NULL,
    base_version  INTEGER NOT NULL,
    PRIMARY KEY (evaluation_id, user, item)
) WITHOUT ROWID;

CREATE INDEX evaluations_site ON evaluations(site_id);
