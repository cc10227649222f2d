-- Schema version 9: the service contracts of sites with their operators (承接机构). A renewal
-- names the contract it renews (at most one renewal each); `version` tells a stale writer that
-- the row changed. The store refuses what the site's profile forbids (length, yearly signing,
-- a renewal the evaluations refuse) before a row is written.
CREATE TABLE contracts (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    operator    TEXT NOT NULL,
    start_on    TEXT NOT NULL,
    end_on      TEXT NOT NULL,
    renews      INTEGER REFERENCES contracts(id),
    version     INTEGER NOT NULL DEFAULT 1,
    synthetic   INTEGER NOT NULL DEFAULT 0,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (end_on >= start_on)
);
CREATE INDEX contracts_site ON contracts(site_id, start_on);
CREATE UNIQUE INDEX contracts_renews ON contracts(renews) WHERE renews IS NOT NULL;
