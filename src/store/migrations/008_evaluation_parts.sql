-- Schema version 8: on a sheet split among scorer roles each part is submitted on its own; a
-- row is a part submitted (no row: the part is a draft). The sheet is submitted when every
-- part is.
CREATE TABLE evaluation_parts (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    scorer        TEXT NOT NULL CHECK (scorer IN ('third_party', 'purchaser', 'bureau')),
    submitted_at  TEXT NOT NULL,
    submitted_by  TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, scorer)
) WITHOUT ROWID;
