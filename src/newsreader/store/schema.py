"""The cache database's tables, each column defined once.

The SQL (CREATE, INSERT and SELECT lists), the row tuples the analysis produces and the
objects read back (`PostRow`, `Target`) all come from these definitions. The items table
takes its columns from the fields of `Target`, so a new field there is a new column here.
SCHEMA_VERSION is a hash of the SQL: any change to a table rebuilds old caches by itself.
"""

from __future__ import annotations

import hashlib
import unicodedata
import zlib
from dataclasses import dataclass, field, fields
from pathlib import Path

from newsreader.targets.model import Target


def quoted(name: str) -> str:
    """A column name as SQL writes it (some, like "end", are keywords)."""
    return f'"{name}"'


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, its SQL type and constraints, whether it holds a JSON list, and whether
    it holds a word by its number in `words` (`coded`: a column of few words and many rows)."""

    name: str
    decl: str
    json: bool = False
    coded: bool = False


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


# SQL declarations of the field types `Target` uses (NOT NULL unless the field may be None). Its
# text fields hold few distinct words (kinds, units, metrics) over millions of items: each is
# kept once, in `words`, and an item holds its number.
_SQL_TYPES = {"str": "INTEGER", "int": "INTEGER", "float": "REAL"}


def _item_column(name: str, annotation: str) -> Column:
    optional = annotation.endswith(" | None")
    base = annotation.removesuffix(" | None")
    if base not in _SQL_TYPES:
        raise TypeError(f"no SQL type for a field annotated {annotation!r}")
    return Column(name, _SQL_TYPES[base] + ("" if optional else " NOT NULL"), coded=base == "str")


#: The fields of `Target` stored as items columns of the same name. `text` and `sentence` are not
#: among them: both are stretches of the post's text (`texts`), an item keeps where they are.
ITEM_FIELDS = tuple(f.name for f in fields(Target) if f.name not in ("text", "sentence"))

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
    Column("n_target", "INTEGER"),  # NULL until the post's numeric items are extracted
    Column("n_achieved", "INTEGER"),
    Column("digest", "INTEGER NOT NULL"),  # of all the post's rows but its file's size and time (records.digest)
))
# The post's plain text (what the article pane shows, zlib-compressed: pack_text), apart
# from `posts` so scans of `posts` stay small: numeric items are extracted from it and point into
# it, and the full-text index is told what it held when the post leaves.
TEXTS = Table("texts", Column("rowid", "INTEGER PRIMARY KEY"), (
    Column("text", "BLOB NOT NULL"),
))


def pack_text(text: str) -> bytes:
    """A post's text as `texts` keeps it."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"))


def unpack_text(blob: bytes) -> str:
    """A post's text from `texts`."""
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")
# Categories (kind 'c') and tags (kind 't') of each post, for filters and counts. A post's
# categories are its category paths, parents included (金融, 金融/新浪财经): a parent counts
# and shows its children's posts.
NAMES = Table("names", Column("post", "INTEGER NOT NULL"), (
    Column("kind", "TEXT NOT NULL"),
    Column("name", "TEXT NOT NULL"),
))
# Extracted numeric items (targets and achieved figures) of each post. The item's text is the
# post's text from `start` to `end`, its sentence from `sentence_start` to `sentence_end`.
ITEMS = Table("items", Column("post", "INTEGER NOT NULL"), (
    Column("seq", "INTEGER NOT NULL"),
    Column("sentence_start", "INTEGER NOT NULL"),
    Column("sentence_end", "INTEGER NOT NULL"),
    *(_item_column(f.name, str(f.type)) for f in fields(Target) if f.name in ITEM_FIELDS),
), constraints="PRIMARY KEY (post, seq)", without_rowid=True)

#: Where an items row (its `columns`) holds words by their number.
CODED_ITEM_COLUMNS = tuple(i for i, column in enumerate(ITEMS.columns) if column.coded)

#: The tables the writer fills from each analysed post, in the order of `records.Row`'s fields
#: (items come in a second pass: `Index.extract_items`).
PER_POST = (POSTS, TEXTS, NAMES)

TABLES = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n" + "".join(
    t.create() for t in (*PER_POST, ITEMS)) + """
CREATE INDEX posts_by_date ON posts (sort_key DESC, id);
CREATE INDEX posts_by_year ON posts (year, sort_key DESC);
CREATE INDEX posts_by_path ON posts (path);
CREATE INDEX posts_without_items ON posts (n_target) WHERE n_target IS NULL;
CREATE INDEX names_by_name ON names (kind, name, post);
CREATE INDEX names_by_post ON names (post);

-- The words of coded columns (Column.coded), each once.
CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);

-- Files that could not be read at the last refresh, and why.
CREATE TABLE skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL);

-- Counts for the sidebar, recomputed after each refresh so a start never waits for them.
CREATE TABLE facets (kind TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL);

-- Trigram full-text index of each post's title and text, normalised (store.search.index_text)
-- and joined by a line break no query holds (store.search.indexed), so every substring of either is
-- found and none across them. Contentless: nothing of the text is kept twice; the writer gives
-- back what was indexed when a post leaves. 1- and 2-character queries expand through its
-- vocabulary.
CREATE VIRTUAL TABLE fts USING fts5 (text, content='', tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab (fts, 'row');
-- Titles alone, a small index: which posts match in their title (they rank first).
CREATE VIRTUAL TABLE fts_titles USING fts5 (title, content='', tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE fts_titles_vocab USING fts5vocab (fts_titles, 'row');
"""
# Deleting a post deletes its rows in every other table written per post.
TABLES += "CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN\n" + "".join(
    f"    DELETE FROM {t.name} WHERE {quoted(t.key.name)} = old.rowid;\n" for t in (*PER_POST, ITEMS) if t is not POSTS
) + "END;\n"

#: Caches written with other tables, or searched by another normalisation (the contentless index
#: can only forget a post as it indexed it: same code, same Unicode tables), are rebuilt: the
#: version is a hash of all three.
SCHEMA_VERSION = hashlib.sha1(TABLES.encode("utf-8") + (Path(__file__).parent / "search.py").read_bytes()
                              + unicodedata.unidata_version.encode()).hexdigest()[:12]

STATE_TABLES = """
CREATE TABLE IF NOT EXISTS marks (
    key TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    changed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT);
"""
