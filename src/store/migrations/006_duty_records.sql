-- Schema version 6: duties on a calendar. One row per instance someone recorded: which
-- profile's duty, which owner (division code) and period (`2021-12`, `2021-H2`, `2021`,
-- `2022-W05`, or a once duty's due date). `received` is NULL when a mark was undone; the row
-- stays so that its version keeps telling an imported sheet that the instance changed.
CREATE TABLE duty_records (
    policy      TEXT NOT NULL,
    duty        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    period      TEXT NOT NULL,
    received    TEXT,
    note        TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    synthetic   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (policy, duty, owner, period)
) WITHOUT ROWID;
CREATE INDEX duty_records_owner ON duty_records(owner);
