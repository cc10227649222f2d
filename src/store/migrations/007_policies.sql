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

-- A grant can carry a scorer role (第三方 / 购买方 / 督导方): on a scheme split among scorers,
-- the account fills only the items of its part.
ALTER TABLE users ADD COLUMN scorer TEXT CHECK (scorer IN ('third_party', 'purchaser', 'bureau'));
