-- Schema version 3: the saved search index (pinyin and initials of every division), so a
-- search need not convert 665k names again on every start.
CREATE TABLE search_index (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    divisions INTEGER NOT NULL,
    data      BLOB NOT NULL
);
