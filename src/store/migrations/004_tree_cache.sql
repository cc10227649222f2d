-- Schema version 4: the division tree saved whole (codes, names, preorder links), so the TUI
-- need not read and rebuild 665k divisions row by row before its first frame. A cache: it
-- is dropped whenever divisions are imported and saved again with the search index.
CREATE TABLE tree_cache (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    divisions INTEGER NOT NULL,
    data      BLOB NOT NULL
);
