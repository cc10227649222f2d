-- Schema version 6: policy profiles a bureau imports (`sgz policy import`), kept as the TOML
-- text it sent, one row per version of an id. The newest version of an id is the one that
-- binds; older ones stay for the evaluations made with them.
CREATE TABLE policies (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    toml        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
