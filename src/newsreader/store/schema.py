"""The cache database's tables, each column defined once.

The SQL (CREATE, INSERT and SELECT lists), the row tuples the analysis produces and the
objects read back (`PostRow`, `Target`) all come from these definitions. The items table
takes its columns from the fields of `Target`, so a new field there is a new column here.
SCHEMA_VERSION is a hash of the SQL: any change to a table rebuilds old caches by itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields

from newsreader.targets.model import Target


def quoted(name: str) -> str:
    """A column name as SQL writes it (some, like "end", are keywords)."""
    return f'"{name}"'


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, its SQL type and constraints, and whether it holds a JSON list."""

    name: str
    decl: str
    json: bool = False


@dataclass(frozen=True)
class Table:
    """A table written post by post: `key` holds the post's rowid (the writer gives it), `columns` the values.

    A row of the table, as the analysis produces it, is the tuple of `columns`' values.
    """

    name: str
    key: Column
    columns: tuple[Column, ...]
    constraints: str = ""
    without_rowid: bool = False
    names: tuple[str, ...] = field(init=False)  # the names of `columns`, in the order of a row's values

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(column.name for column in self.columns))

    def create(self) -> str:
        """The CREATE TABLE statement."""
        lines = [f"    {quoted(c.name)} {c.decl}" for c in (self.key, *self.columns)]
        if self.constraints:
            lines.append(f"    {self.constraints}")
        end = ") WITHOUT ROWID;" if self.without_rowid else ");"
        return f"CREATE TABLE {self.name} (\n" + ",\n".join(lines) + f"\n{end}\n"

    def insert(self) -> str:
        """INSERT of one row, the key first: parameters (rowid, *row)."""
        names = (self.key.name, *self.names)
        return (f"INSERT INTO {self.name} ({', '.join(quoted(n) for n in names)}) "
                f"VALUES ({', '.join('?' * len(names))})")

    def row(self, **values: object) -> tuple:
        """A row from its values by column name (every column, and nothing else)."""
        if len(values) != len(self.columns):
            unknown = set(values) - set(self.names)
            raise TypeError(f"{self.name}: unknown columns {sorted(unknown)}" if unknown
                            else f"{self.name}: missing columns {sorted(set(self.names) - set(values))}")
        return tuple(map(values.__getitem__, self.names))


# SQL declarations of the field types `Target` uses (NOT NULL unless the field may be None).
_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL"}


def _declaration(annotation: str) -> str:
    optional = annotation.endswith(" | None")
    base = annotation.removesuffix(" | None")
    if base not in _SQL_TYPES:
        raise TypeError(f"no SQL type for a field annotated {annotation!r}")
    return _SQL_TYPES[base] + ("" if optional else " NOT NULL")


#: The fields of `Target` stored as items columns of the same name. `sentence` is not among
#: them: a sentence is stored once per post, and an item keeps the seq of its sentence.
ITEM_FIELDS = tuple(f.name for f in fields(Target) if f.name != "sentence")

POSTS = Table("posts", Column("rowid", "INTEGER PRIMARY KEY"), (
    Column("id", "TEXT NOT NULL UNIQUE"),
    Column("path", "TEXT NOT NULL"),
    Column("size", "INTEGER NOT NULL"),
    Column("mtime_ns", "INTEGER NOT NULL"),
    Column("title", "TEXT NOT NULL"),
    Column("label", "TEXT NOT NULL"),
    Column("date", "TEXT"),
    Column("sort_key", "REAL"),
    Column("year", "INTEGER"),
    Column("categories", "TEXT NOT NULL", json=True),
    Column("category_paths", "TEXT NOT NULL", json=True),  # every category path, parents included
    Column("tags", "TEXT NOT NULL", json=True),
    Column("warnings", "TEXT NOT NULL", json=True),
    Column("n_target", "INTEGER NOT NULL DEFAULT 0"),
    Column("n_achieved", "INTEGER NOT NULL DEFAULT 0"),
))
# Search text, normalised (NFKC, case-folded), apart from `posts` so scans of `posts` stay small.
TEXTS = Table("texts", Column("rowid", "INTEGER PRIMARY KEY"), (
    Column("title", "TEXT NOT NULL"),
    Column("body", "TEXT NOT NULL"),
))
# Categories (kind 'c') and tags (kind 't') of each post, for filters and counts. A post's
# categories are its category paths, parents included (金融, 金融/新浪财经): a parent counts
# and shows its children's posts.
NAMES = Table("names", Column("post", "INTEGER NOT NULL"), (
    Column("kind", "TEXT NOT NULL"),
    Column("name", "TEXT NOT NULL"),
))
# Extracted numeric items (targets and achieved figures) of each post.
ITEMS = Table("items", Column("post", "INTEGER NOT NULL"), (
    Column("seq", "INTEGER NOT NULL"),
    Column("sentence", "INTEGER NOT NULL"),  # the seq of its sentence in `sentences`
    *(Column(f.name, _declaration(str(f.type))) for f in fields(Target) if f.name in ITEM_FIELDS),
), constraints="PRIMARY KEY (post, seq)")
# The sentences items stand in, once per post (a sentence often holds several items).
SENTENCES = Table("sentences", Column("post", "INTEGER NOT NULL"), (
    Column("seq", "INTEGER NOT NULL"),
    Column("text", "TEXT NOT NULL"),
), constraints="PRIMARY KEY (post, seq)", without_rowid=True)

#: The tables the writer fills from each analysed post, in the order of `records.Row`'s fields.
PER_POST = (POSTS, TEXTS, NAMES, ITEMS, SENTENCES)

TABLES = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n" + "".join(t.create() for t in PER_POST) + """
CREATE INDEX posts_by_date ON posts (sort_key DESC, id);
CREATE INDEX posts_by_year ON posts (year, sort_key DESC);
CREATE INDEX posts_by_path ON posts (path);
CREATE INDEX names_by_name ON names (kind, name, post);
CREATE INDEX names_by_post ON names (post);

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
"""
# Deleting a post deletes its rows in every other table written per post.
TABLES += "CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN\n" + "".join(
    f"    DELETE FROM {t.name} WHERE {quoted(t.key.name)} = old.rowid;\n" for t in PER_POST if t is not POSTS
) + "END;\n"

#: Caches written with other tables are rebuilt: the version is the tables' own text.
SCHEMA_VERSION = hashlib.sha1(TABLES.encode("utf-8")).hexdigest()[:12]

STATE_TABLES = """
CREATE TABLE IF NOT EXISTS marks (
    key TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    changed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT);
"""
