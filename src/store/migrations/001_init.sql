-- Schema version 1: divisions, sites with status history, staff, evaluations, audit.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE divisions (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    level  INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    parent TEXT
) WITHOUT ROWID;

CREATE TABLE sites (
    id        INTEGER PRIMARY KEY,
    division  TEXT NOT NULL UNIQUE REFERENCES divisions(code),
    tier      TEXT NOT NULL CHECK (tier IN ('center', 'station', 'room')),
    name      TEXT NOT NULL,
    operator  TEXT,
    area_m2   REAL CHECK (area_m2 IS NULL OR area_m2 >= 0),
    civil_reg TEXT,
    head      TEXT,
    synthetic INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE site_status (
    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    status  TEXT NOT NULL CHECK (status IN ('planned', 'under_construction', 'established', 'operating', 'suspended')),
    on_date TEXT NOT NULL,
    PRIMARY KEY (site_id, on_date, status)
) WITHOUT ROWID;

CREATE TABLE staff (
    id             INTEGER PRIMARY KEY,
    site_id        INTEGER NOT NULL REFERENCES sites(id),
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('resident_worker', 'project_worker', 'supervisor', 'station_head', 'assistant')),
    birth          TEXT,
    hired          TEXT NOT NULL,
    contract_start TEXT,
    contract_end   TEXT,
    cert_level     TEXT NOT NULL DEFAULT 'none' CHECK (cert_level IN ('none', 'assistant', 'intermediate', 'senior')),
    cert_passed    TEXT,
    reg_date       TEXT,
    reg_expiry     TEXT,
    ce_hours       REAL NOT NULL DEFAULT 0,
    sw_degree      INTEGER NOT NULL DEFAULT 0,
    prior_years    REAL NOT NULL DEFAULT 0,
    departed       TEXT,
    synthetic      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX staff_site ON staff(site_id);

CREATE TABLE evaluations (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites(id),
    year       INTEGER NOT NULL,
    phase      TEXT NOT NULL CHECK (phase IN ('mid_term', 'end_term', 'annual')),
    template   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'locked')),
    total      REAL,
    grade      TEXT,
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT,
    updated_by TEXT,
    synthetic  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (site_id, year, phase)
);

CREATE TABLE scores (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    item          TEXT NOT NULL,
    score         REAL NOT NULL CHECK (score >= 0),
    PRIMARY KEY (evaluation_id, item)
) WITHOUT ROWID;

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    scope     TEXT,
    field     TEXT,
    old       TEXT,
    new       TEXT
);
CREATE INDEX audit_at ON audit(at);
