"""The cache database's tables. Bump SCHEMA_VERSION on any change: old caches are rebuilt."""

SCHEMA_VERSION = 6

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

-- One row per post: the narrow columns that lists, filters and refreshes read.
CREATE TABLE posts (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    label TEXT NOT NULL,
    date TEXT,
    sort_key REAL,
    year INTEGER,
    categories TEXT NOT NULL,
    category_paths TEXT NOT NULL,
    tags TEXT NOT NULL,
    warnings TEXT NOT NULL,
    n_target INTEGER NOT NULL DEFAULT 0,
    n_achieved INTEGER NOT NULL DEFAULT 0,
    digest INTEGER NOT NULL DEFAULT 0  -- of everything stored about the post but its file's size and time
);
CREATE INDEX posts_by_date ON posts (sort_key DESC, id);
CREATE INDEX posts_by_year ON posts (year, sort_key DESC);
CREATE INDEX posts_by_path ON posts (path);

-- Search text, normalised (NFKC, case-folded), apart from `posts` so scans of `posts` stay small.
CREATE TABLE texts (rowid INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);

-- Categories (kind 'c') and tags (kind 't') of each post, for filters and counts. A post's
-- categories are its category paths, parents included (金融, 金融/新浪财经): a parent counts
-- and shows its children's posts.
CREATE TABLE names (post INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX names_by_name ON names (kind, name, post);
CREATE INDEX names_by_post ON names (post);

-- Extracted numeric items (targets and achieved figures) of each post. Their sentences are
-- stored once per post (a sentence often holds several items).
CREATE TABLE items (
    post INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    metric TEXT,
    entity TEXT,
    value REAL,
    unit TEXT,
    low REAL,
    high REAL,
    comparator TEXT,
    relation TEXT,
    horizon TEXT,
    PRIMARY KEY (post, seq)
);
CREATE TABLE sentences (
    post INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (post, seq)
) WITHOUT ROWID;

-- Files that could not be read at the last refresh, and why.
CREATE TABLE skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL);

-- Counts for the sidebar, recomputed after each refresh so a start never waits for them.
CREATE TABLE facets (kind TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL);

-- Trigram full-text index over `texts`; 1- and 2-character queries expand through its vocabulary.
CREATE VIRTUAL TABLE fts USING fts5 (
    title, body, content='texts', content_rowid='rowid', tokenize='trigram case_sensitive 1'
);
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab (fts, 'row');
-- Titles alone, a small index: which posts match in their title (they rank first).
CREATE VIRTUAL TABLE fts_titles USING fts5 (
    title, content='texts', content_rowid='rowid', tokenize='trigram case_sensitive 1'
);
CREATE VIRTUAL TABLE fts_titles_vocab USING fts5vocab (fts_titles, 'row');

CREATE TRIGGER texts_ai AFTER INSERT ON texts BEGIN
    INSERT INTO fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
    INSERT INTO fts_titles (rowid, title) VALUES (new.rowid, new.title);
END;
CREATE TRIGGER texts_ad AFTER DELETE ON texts BEGIN
    INSERT INTO fts (fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO fts_titles (fts_titles, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN
    DELETE FROM texts WHERE rowid = old.rowid;
    DELETE FROM names WHERE post = old.rowid;
    DELETE FROM items WHERE post = old.rowid;
    DELETE FROM sentences WHERE post = old.rowid;
END;
"""

STATE_TABLES = """
CREATE TABLE IF NOT EXISTS marks (
    key TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    changed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT);
"""
