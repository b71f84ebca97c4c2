"""The cache index: a SQLite file per archive holding metadata, search text and numeric items.

Refreshes are incremental, keyed on (path, size, mtime). A damaged cache, or one written by
another version, is rebuilt with a one-line warning, when opened or when a refresh finds the
damage; a cache that cannot be written (read-only folder, locked by another program) is replaced
by an in-memory index, also with a warning (the policy is written out in `cachefile`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.corpus import Skipped, SourceFile, discover
from newsreader.corpus.categories import category_key
from newsreader.store import search
from newsreader.store.cachefile import cache_file, connect, discard, only_files, open_cache, open_memory
from newsreader.store.schema import ITEM_FIELDS, PER_POST, POSTS, quoted
from newsreader.store.state import UserState
from newsreader.targets.model import Target

if TYPE_CHECKING:
    from newsreader.store.records import Row

BATCH = 64  # files per worker task and per write transaction
POOL_MIN_FILES = 400  # fewer changed files than this are analysed in-process
_ID = POSTS.names.index("id")  # where a posts row holds the post's id

Progress = Callable[[int, int], None]


class StoreError(Exception):
    """A cache problem a user must know about (disk full, ...); the message is one line."""


class CacheDamaged(StoreError):
    """The cache file turned out to be damaged while in use (`Index.refresh` rebuilds it)."""


@dataclass(slots=True)
class Filter:
    """What the list shows: at most one category, tag and year; only unread or starred posts."""

    category: str | None = None
    tag: str | None = None
    year: int | None = None
    unread: bool = False
    starred: bool = False


@dataclass(slots=True)
class PostRow:
    """A post as the index knows it (no body: that is read from the file when opened)."""

    rowid: int
    id: str
    path: str
    title: str
    label: str
    date: str | None
    categories: list[str]
    tags: list[str]
    warnings: list[str]
    n_target: int
    n_achieved: int
    size: int = 0
    mtime_ns: int = 0
    category_paths: list[str] = field(default_factory=list)  # every category path, parents included


@dataclass(slots=True)
class RefreshSummary:
    """What a refresh did."""

    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # what the user should be told (a cache rebuilt)

    def line(self) -> str:
        """One line for a terminal."""
        text = (f"{self.indexed:,} indexed, {self.unchanged:,} unchanged, {self.removed:,} removed, "
                f"{len(self.skipped):,} skipped in {self.seconds:.1f} s")
        return text


# Reading back: PostRow's fields are posts columns (the JSON lists decoded); an item's fields are
# items columns of the same name, its sentence read as the sentence's number, then replaced by its
# text (read once per sentence: a dense post's sentence can be a megabyte shared by thousands of items).
_POST_FIELDS = tuple(f.name for f in fields(PostRow))
_POST_SELECT = ", ".join(quoted(name) for name in _POST_FIELDS)
_JSON_FIELDS = frozenset(c.name for c in POSTS.columns if c.json)
_TARGET_FIELDS = ("sentence", *ITEM_FIELDS)
_ITEM_SELECT = ", ".join(["i.sentence", *(f"i.{quoted(name)}" for name in ITEM_FIELDS)])


def _post_row(row: tuple) -> PostRow:
    return PostRow(**{name: json.loads(value) if name in _JSON_FIELDS else value
                      for name, value in zip(_POST_FIELDS, row)})


def _target(row: tuple) -> Target:
    return Target(**dict(zip(_TARGET_FIELDS, row)))


class _Reader:
    """One connection for queries, its lock, and what is cached per connection (the date ranks)."""

    __slots__ = ("closed", "conn", "lock", "ranks", "ranks_version")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.lock = threading.RLock()
        self.closed = False  # set when a rebuild (or close) replaced this connection
        self.ranks: array | None = None
        self.ranks_version: tuple[int, int] | None = None


class Index:
    """The SQLite index of one set of sources, with the queries the CLI and the reader need.

    It owns the cache's whole life (see `cachefile` for the policy): opening it or an index in
    memory, rebuilding it when a refresh finds it damaged, and its connections. The thread that
    opens the index queries on one connection; other threads (the reader's workers) share a
    second one, so that a long search never holds up drawing the list. A rebuild replaces the
    connections under their locks: the object callers hold stays the same.
    """

    def __init__(self, sources: list[str], cache_dir: Path | None = None, *, memory: bool = False,
                 drafts: bool = False) -> None:
        self.sources = list(sources)
        self.drafts = drafts
        self.warnings: list[str] = []
        self.path: Path | None = None  # None: in memory
        keep = not (memory or cache_dir is None or only_files(self.sources))
        self._file = cache_file(cache_dir, self.sources, drafts) if keep and cache_dir is not None else None
        self._home = threading.get_ident()
        self._main = self._open()
        self._side: _Reader | None = None
        # Held while the second connection is opened or any connection replaced: never taken by a
        # thread that holds a reader's lock, so the two kinds of lock cannot wait on each other.
        self._side_lock = threading.Lock()
        self._held = threading.local()  # the reader this thread's outermost _reading block holds
        self._closed = False
        self._writes = 0  # batches written through this object (see _date_ranks)

    @property
    def memory(self) -> bool:
        """Whether the index lives in memory (single files, or a cache that could not be used)."""
        return self.path is None

    # -- connections -----------------------------------------------------------------------

    def _open(self) -> _Reader:
        opened = open_cache(self._file, self.sources) if self._file is not None else open_memory(self.sources)
        self.warnings.extend(opened.warnings)
        self.path = opened.path
        return _Reader(opened.conn)

    def _reader(self) -> _Reader:
        """The connection of this thread's queries: the main one for the thread that opened the index,
        the second one for any other thread."""
        if self.memory or self._closed or threading.get_ident() == self._home:
            return self._main
        with self._side_lock:
            if self._side is None or self._side.closed:
                assert self.path is not None
                self._side = _Reader(connect(str(self.path)))
            return self._side

    @contextmanager
    def _reading(self) -> Iterator[_Reader]:
        """This thread's connection, held for the block (a block inside it keeps the same one);
        database errors become StoreError."""
        held = getattr(self._held, "reader", None)
        if held is not None:
            yield held
            return
        while True:
            try:
                reader = self._reader()
            except sqlite3.Error as exc:
                raise StoreError(f"the cache could not be opened ({exc})") from exc
            with reader.lock:
                if reader.closed:
                    if self._closed:
                        raise StoreError("the index is closed")
                    continue  # a rebuild replaced it while this thread waited: take the new one
                self._held.reader = reader
                try:
                    yield reader
                except sqlite3.OperationalError as exc:
                    raise StoreError(self._explain(exc, "read")) from exc
                except sqlite3.DatabaseError as exc:
                    raise CacheDamaged(f"the cache is damaged ({exc})") from exc
                finally:
                    self._held.reader = None
                return

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Run a read query on this thread's connection."""
        with self._reading() as reader:
            return reader.conn.execute(sql, tuple(params)).fetchall()

    def _replace_connections(self, rebuild: bool) -> None:
        """Close every connection (deleting the cache file when `rebuild`), then open a fresh one unless closing."""
        with self._side_lock:  # no second connection opens on the old file meanwhile
            readers = [r for r in (self._main, self._side) if r is not None]
            for reader in readers:  # each waits for the query running on it
                reader.lock.acquire()
            try:
                for reader in readers:
                    reader.conn.close()
                    reader.closed = True
                if rebuild:
                    assert self._file is not None
                    discard(self._file)
                    self._main = self._open()
            finally:
                for reader in reversed(readers):
                    reader.lock.release()

    def close(self) -> None:
        """Close the database."""
        self._closed = True
        self._replace_connections(rebuild=False)

    # -- refreshing ----------------------------------------------------------------------

    def refresh(self, progress: Progress | None = None, workers: int | None = None) -> RefreshSummary:
        """Bring the index up to date with the sources; raises SourceError or StoreError.

        A cache found damaged on the way is deleted and built again from the sources, once; the
        summary's warnings say so.
        """
        try:
            return self._refresh(progress, workers)
        except CacheDamaged as exc:
            if self._file is None or self._closed:
                raise
            self._replace_connections(rebuild=True)
            warning = f"{exc}: rebuilt"
            self.warnings.append(warning)
            summary = self._refresh(progress, workers)
            summary.warnings.insert(0, warning)
            return summary

    def _refresh(self, progress: Progress | None, workers: int | None) -> RefreshSummary:
        started = time.perf_counter()
        summary = RefreshSummary()
        files, skipped = discover(self.sources, drafts=self.drafts)
        summary.skipped.extend(skipped)
        main = self._main.conn
        writer = main if self.memory else connect(str(self.path))
        try:
            # The cache belongs to one set of sources, so a post's id fixes its path.
            known = {row[0]: row[1:] for row in writer.execute("SELECT id, size, mtime_ns FROM posts")}
            todo = [f for f in files if known.get(f.id) != (f.size, f.mtime_ns)]
            present = {f.id for f in files}
            gone = [i for i in known if i not in present]
            summary.unchanged = len(files) - len(todo)
            if progress:
                progress(0, len(todo))
            done = 0
            writes_before = self._writes
            for results in self._analyze(todo, workers):
                wrote, failed = self._write(writer, results)
                summary.indexed += wrote
                summary.skipped.extend(f for f in failed if not f.quiet)
                done += len(results)
                if progress:
                    progress(done, len(todo))
            summary.removed = len(gone)
            # Files skipped again (a Hugo draft, an unreadable file) change nothing by themselves.
            if not (self._writes != writes_before or gone or self._needs_tidying(writer, summary.skipped)):
                summary.seconds = time.perf_counter() - started
                return summary  # nothing changed: write nothing (readers keep their caches)
            with self._transaction(writer):
                for i in range(0, len(gone), 500):
                    chunk = gone[i : i + 500]
                    writer.execute(f"DELETE FROM posts WHERE id IN ({','.join('?' * len(chunk))})", chunk)
                writer.execute("DELETE FROM skipped")
                writer.executemany("INSERT OR REPLACE INTO skipped (path, reason) VALUES (?, ?)",
                                   [(s.path, s.reason) for s in summary.skipped])
                self._update_facets(writer)
                writer.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('refreshed', ?)",
                               (time.strftime("%Y-%m-%dT%H:%M:%S%z"),))
                writer.execute("DELETE FROM meta WHERE key = 'untidy'")
            self._writes += 1
        except sqlite3.OperationalError as exc:
            raise StoreError(self._explain(exc, "written")) from exc
        except sqlite3.DatabaseError as exc:
            raise CacheDamaged(f"the cache is damaged ({exc})") from exc
        finally:
            if writer is not main:
                writer.close()
        summary.seconds = time.perf_counter() - started
        return summary

    @staticmethod
    def _needs_tidying(conn: sqlite3.Connection, skipped: list[Skipped]) -> bool:
        """Whether the last refresh stopped before its last step, or the skipped files changed."""
        if conn.execute("SELECT 1 FROM meta WHERE key = 'untidy'").fetchone():
            return True
        stored = set(conn.execute("SELECT path, reason FROM skipped").fetchall())
        return stored != {(s.path, s.reason) for s in skipped}

    def _explain(self, exc: sqlite3.OperationalError, doing: str) -> str:
        text = str(exc)
        if "full" in text:
            return f"the disk holding the cache is full ({self.path}); free some space and refresh again"
        if "locked" in text or "busy" in text:
            return f"the cache is busy in another program ({self.path}); try again"
        return f"the cache could not be {doing} ({text})"

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an error) on the writer's connection."""
        # In memory the readers and the writer share one connection, so they share its lock.
        with self._main.lock if conn is self._main.conn else nullcontext():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _analyze(self, todo: list[SourceFile], workers: int | None) -> Iterator[list[Row | Skipped]]:
        """Analyse changed files in batches: in a process pool when there are many."""
        # Imported here: the analysis pulls in the renderer and the extractor, which a start
        # that only reads the cache does not need.
        from newsreader.store.records import analyze_rows

        batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
        if workers is None:
            workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        n_workers = max(1, min(workers, len(batches)))
        if len(todo) < POOL_MIN_FILES or n_workers == 1:
            for batch in batches:
                yield analyze_rows(batch)
            return
        from concurrent.futures import ProcessPoolExecutor, as_completed  # only a cold or large refresh needs them
        from multiprocessing import get_context

        pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=get_context("spawn"))
        try:
            window = 4 * n_workers
            pending = set()
            it = iter(batches)
            for batch in it:
                pending.add(pool.submit(analyze_rows, batch))
                if len(pending) >= window:
                    break
            while pending:
                finished = next(as_completed(pending))
                pending.remove(finished)
                nxt = next(it, None)
                if nxt is not None:
                    pending.add(pool.submit(analyze_rows, nxt))
                yield finished.result()
        except BaseException:
            # Stopped early (the reader quit, an error): drop the queued work instead of waiting for it.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()

    def _write(self, conn: sqlite3.Connection, results: list[Row | Skipped]) -> tuple[int, list[Skipped]]:
        """Store one batch of analysed posts in a transaction; returns (written, skipped)."""
        failed = [r for r in results if isinstance(r, Skipped)]
        rows = [r for r in results if not isinstance(r, Skipped)]
        if not rows and not any(conn.execute("SELECT 1 FROM posts WHERE path = ?", (f.path,)).fetchone()
                                for f in failed):
            return 0, failed  # only files that were not listed and still cannot be: nothing to write
        self._writes += 1
        with self._transaction(conn):
            # Counts are brought up to date at the end of a refresh; until then they are untidy.
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('untidy', '1')")
            conn.executemany("DELETE FROM posts WHERE id = ?", [(r.posts[0][_ID],) for r in rows])
            for f in failed:  # a post that can no longer be read leaves the list
                conn.execute("DELETE FROM posts WHERE path = ?", (f.path,))
            # The rowids SQLite would pick one insert at a time (the largest plus one), given up front
            # so that each table takes the whole batch in one executemany; the write lock is held.
            first = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM posts").fetchone()[0]
            if first + len(rows) >= 2**63:
                raise sqlite3.DatabaseError("post rowids are exhausted")
            for table in PER_POST:
                conn.executemany(table.insert(), [(rowid, *values) for rowid, row in enumerate(rows, first)
                                                  for values in getattr(row, table.name)])
        return len(rows), failed

    @staticmethod
    def _update_facets(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM facets")
        conn.execute("INSERT INTO facets SELECT kind, name, count(*) FROM names GROUP BY kind, name")
        conn.execute("INSERT INTO facets SELECT 'y', coalesce(year, ''), count(*) FROM posts GROUP BY year")

    # -- queries -------------------------------------------------------------------------

    def count(self) -> int:
        """How many posts the index holds."""
        return self._query("SELECT count(*) FROM posts")[0][0]

    def version(self) -> str:
        """A token that changes whenever the posts or their items change (what caches of derived data key on):
        a post read again gets a new rowid, one removed lowers the count."""
        refreshed, count, last = self._query(
            "SELECT (SELECT value FROM meta WHERE key = 'refreshed'), count(*), max(rowid) FROM posts")[0]
        return f"{refreshed}/{count}/{last}"

    def paths_warned(self, words: str) -> list[tuple[str, str]]:
        """(path, warning) of every post with a warning that contains `words`."""
        out = []
        for path, warnings in self._query("SELECT path, warnings FROM posts WHERE instr(warnings, ?) ORDER BY path",
                                          (words,)):
            out += [(path, w) for w in json.loads(warnings) if words in w]
        return out

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Sidebar counts: {"c": categories, "t": tags, "y": years}, each [(name, count)]."""
        out: dict[str, list[tuple[str, int]]] = {"c": [], "t": [], "y": []}
        for kind, name, count in self._query("SELECT kind, name, count FROM facets"):
            out.setdefault(kind, []).append((str(name), count))
        out["c"].sort(key=lambda nc: (-nc[1], nc[0]))
        out["t"].sort(key=lambda nc: (-nc[1], nc[0]))
        out["y"].sort(key=lambda nc: nc[0], reverse=True)
        return out

    def _where(self, flt: Filter, state: UserState | None) -> tuple[str, list]:
        clauses: list[str] = []
        params: list[object] = []
        if flt.category is not None:
            # `金融/新浪财经`, `金融 › 新浪财经` or a name as it is (one holding a `/`)
            clauses.append("p.rowid IN (SELECT post FROM names WHERE kind = 'c' AND name IN (?, ?))")
            params += [flt.category, category_key(flt.category)]
        if flt.tag is not None:
            clauses.append("p.rowid IN (SELECT post FROM names WHERE kind = 't' AND name = ?)")
            params.append(flt.tag)
        if flt.year is not None:
            clauses.append("p.year IS ?" if flt.year else "p.year IS NULL")
            if flt.year:
                params.append(flt.year)
        for wanted, column, negate in ((flt.unread, "read", True), (flt.starred, "starred", False)):
            if wanted:
                keys = sorted(state.keys(column)) if state else []
                self._fill_marks(column, keys)
                clauses.append(f"p.path {'NOT IN' if negate else 'IN'} (SELECT key FROM temp.marks_{column})")
        return (" AND ".join(clauses) or "1"), params

    def _fill_marks(self, column: str, keys: list[str]) -> None:
        with self._reading() as reader:
            reader.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS marks_{column} (key TEXT PRIMARY KEY)")
            reader.conn.execute(f"DELETE FROM temp.marks_{column}")
            reader.conn.executemany(f"INSERT OR IGNORE INTO temp.marks_{column} (key) VALUES (?)",
                                    [(k,) for k in keys])

    def _match(self, query: str, table: str = "fts") -> tuple[str, list] | None:
        """SQL selecting the rowids where every term of `query` occurs (None: no terms).

        `table` is "fts" (titles and bodies) or "fts_titles" (titles only).
        """
        terms = search.query_terms(query)
        if not terms:
            return None
        parts, params = [], []
        for term in terms:
            if len(term) >= 3:
                parts.append(f"SELECT rowid FROM {table} WHERE {table} MATCH ?")
                params.append(search.phrase(term))
                continue
            expansion = [t for (t,) in self._query(
                f"SELECT term FROM {table}_vocab WHERE term >= ? AND term < ? LIMIT ?",
                (term, term + "\U0010ffff", search.MAX_EXPANSION + 1))]
            if not expansion:
                return "SELECT rowid FROM texts WHERE 0", []
            if len(expansion) > search.MAX_EXPANSION:
                # Too many trigrams begin with this character: scanning the text is quicker.
                titles_only = table == "fts_titles"
                cond = "instr(title, ?)" if titles_only else "instr(title, ?) OR instr(body, ?)"
                parts.append(f"SELECT rowid FROM texts WHERE {cond}")
                params += [term] * (1 if titles_only else 2)
            else:
                parts.append(f"SELECT rowid FROM {table} WHERE {table} MATCH ?")
                params.append(" OR ".join(search.phrase(t) for t in expansion))
        return " INTERSECT ".join(parts), params

    def view(self, flt: Filter | None = None, query: str | None = None,
             state: UserState | None = None, limit: int | None = None) -> list[int]:
        """Rowids of the posts shown for a filter and search: title matches first, then newest first.

        `limit` returns only the first rows (without a query it costs as little as the rows:
        how a start paints its first screen before the whole list is known).
        """
        with self._reading():  # one connection throughout: the marks' temporary tables live there
            return self._view(flt or Filter(), query, state, limit)

    def _view(self, flt: Filter, query: str | None, state: UserState | None, limit: int | None) -> list[int]:
        where, params = self._where(flt, state)
        if not (query and query.strip()):
            cap = f" LIMIT {int(limit)}" if limit is not None else ""
            return [r[0] for r in self._query(
                f"SELECT p.rowid FROM posts p WHERE {where} ORDER BY p.sort_key DESC, p.id{cap}", params)]
        match = self._match(query)
        if match is None:
            return []
        sql, mparams = match
        if where == "1":
            hits = [r for (r,) in self._query(sql, mparams)]
        else:
            hits = [r for (r,) in self._query(f"SELECT p.rowid FROM posts p WHERE p.rowid IN ({sql}) AND {where}",
                                              mparams + params)]
        if not hits:
            return []
        # Sorting the hits here is several times quicker than ORDER BY over a large IN (...):
        # SQLite would walk the whole date index to find them.
        title_hits = self._title_hits(query)
        rank = self._date_ranks()
        last = len(rank)
        hits.sort(key=lambda r: (r not in title_hits, rank[r] if r < last else last))
        return hits if limit is None else hits[:limit]

    def _title_hits(self, query: str) -> set[int]:
        """Rowids whose title holds every term of the query (they rank first)."""
        match = self._match(query, "fts_titles")
        return {r[0] for r in self._query(match[0], match[1])} if match else set()

    def _date_ranks(self) -> array:
        """rank[rowid]: the post's place in the newest-first list; rebuilt after the index changes.

        `PRAGMA data_version` moves when another connection commits; in memory the reader and
        the writer share one connection, and the write counter says so instead.
        """
        with self._reading() as reader:
            version = (reader.conn.execute("PRAGMA data_version").fetchone()[0], self._writes)
            if reader.ranks is None or reader.ranks_version != version:
                ordered = [r for (r,) in reader.conn.execute("SELECT rowid FROM posts ORDER BY sort_key DESC, id")]
                ranks = array("l", [len(ordered)]) * (max(ordered, default=0) + 1)
                for place, rowid in enumerate(ordered):
                    ranks[rowid] = place
                reader.ranks, reader.ranks_version = ranks, version
            return reader.ranks

    def rows(self, rowids: list[int]) -> list[PostRow]:
        """The posts with these rowids, in the same order (missing ones left out)."""
        found: dict[int, PostRow] = {}
        for i in range(0, len(rowids), 500):
            chunk = rowids[i : i + 500]
            for row in self._query(f"SELECT {_POST_SELECT} FROM posts WHERE rowid IN "
                                   f"({','.join('?' * len(chunk))})", chunk):
                found[row[0]] = _post_row(row)
        return [found[r] for r in rowids if r in found]

    def ordered(self, rowids: list[int], by: str) -> list[int]:
        """These posts sorted by `title` (as search compares text) or by `targets` (most first); ties keep their order."""
        if by not in ("title", "targets"):
            raise ValueError(by)
        titles: dict[int, str] = {}
        targets: dict[int, int] = {}
        for i in range(0, len(rowids), 500):
            chunk = rowids[i : i + 500]
            for rowid, label, n_target in self._query(
                    f"SELECT rowid, label, n_target FROM posts WHERE rowid IN ({','.join('?' * len(chunk))})", chunk):
                titles[rowid] = search.normalize(label or "")
                targets[rowid] = n_target
        present = [r for r in rowids if r in titles]
        if by == "title":
            return sorted(present, key=titles.__getitem__)
        return sorted(present, key=lambda rowid: -targets[rowid])

    def get(self, rowid: int) -> PostRow | None:
        """One post by rowid."""
        rows = self.rows([rowid])
        return rows[0] if rows else None

    def find(self, ref: str) -> PostRow | None:
        """A post by its id, or by its path (absolute, or relative to the working folder)."""
        rows = self._query(f"SELECT {_POST_SELECT} FROM posts WHERE id = ?", (ref,))
        if not rows:
            rows = self._query(f"SELECT {_POST_SELECT} FROM posts WHERE path = ?",
                               (os.path.abspath(os.path.expanduser(ref)),))
        if not rows:
            rows = self._query(f"SELECT {_POST_SELECT} FROM posts WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
                               ("%/" + ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),))
            if len(rows) != 1:
                return None
        return _post_row(rows[0])

    def items(self, rowid: int) -> list[Target]:
        """The numeric items of one post, in text order.

        Each sentence is read once and shared by its items: a dense post can be one sentence of a
        megabyte holding thousands of items (joined per item, that would be gigabytes).
        """
        with self._reading():  # one connection for both
            sentences = dict(self._query("SELECT seq, text FROM sentences WHERE post = ?", (rowid,)))
            items = [_target(r) for r in self._query(
                f"SELECT {_ITEM_SELECT} FROM items i WHERE i.post = ? ORDER BY i.seq", (rowid,))]
        for item in items:
            item.sentence = sentences.get(item.sentence, "")  # (read as the sentence's number)
        return items

    def all_items(self, *, kind: str | None = None, metric: str | None = None, metric_key: str | None = None,
                  flt: Filter | None = None, query: str | None = None,
                  state: UserState | None = None) -> list[tuple[PostRow, Target]]:
        """Numeric items across the archive, oldest first: optionally one kind, one metric, a filter and search.

        `metric` keeps the items whose metric holds that text, `metric_key` those whose canonical
        metric key is that key; given both, an item matching either is kept.
        """
        with self._reading():  # one connection throughout: the view's temporary table lives there
            return self._all_items(kind, metric, metric_key, flt, query, state)

    def _all_items(self, kind: str | None, metric: str | None, metric_key: str | None, flt: Filter | None,
                   query: str | None, state: UserState | None) -> list[tuple[PostRow, Target]]:
        rowids = self.view(flt, query, state) if (flt or query) else None
        clauses: list[str] = []
        params: list[object] = []
        if kind:
            clauses.append("i.kind = ?")
            params.append(kind)
        by_metric = [("instr(i.metric, ?)", metric), ("i.metric_key = ?", metric_key)]
        if metric or metric_key:
            clauses.append("(" + " OR ".join(sql for sql, value in by_metric if value) + ")")
            params += [value for _, value in by_metric if value]
        if rowids is not None:
            self._fill_rowids(rowids)
            clauses.append("i.post IN (SELECT rowid FROM temp.view_rowids)")
        where = " AND ".join(clauses) or "1"
        # each sentence once (as in items()), then the items, which share it
        sentences = {(post, seq): text for post, seq, text in self._query(
            "SELECT s.post, s.seq, s.text FROM sentences s JOIN "
            f"(SELECT DISTINCT i.post, i.sentence FROM items i WHERE {where}) used "
            "ON s.post = used.post AND s.seq = used.sentence", params)}
        rows = self._query(f"SELECT i.post, {_ITEM_SELECT} FROM items i JOIN posts p ON p.rowid = i.post "
                           f"WHERE {where} ORDER BY p.sort_key IS NULL, p.sort_key, p.id, i.seq", params)
        posts = {r.rowid: r for r in self.rows(sorted({r[0] for r in rows}))}
        found = []
        for row in rows:
            if row[0] in posts:
                item = _target(row[1:])
                item.sentence = sentences.get((row[0], item.sentence), "")
                found.append((posts[row[0]], item))
        return found

    def _fill_rowids(self, rowids: list[int]) -> None:
        with self._reading() as reader:
            reader.conn.execute("CREATE TEMP TABLE IF NOT EXISTS view_rowids (rowid INTEGER PRIMARY KEY)")
            reader.conn.execute("DELETE FROM temp.view_rowids")
            reader.conn.executemany("INSERT OR IGNORE INTO temp.view_rowids VALUES (?)", [(r,) for r in rowids])

    def skipped(self) -> list[Skipped]:
        """Files the last refresh could not read, with reasons."""
        return [Skipped(p, r) for p, r in self._query("SELECT path, reason FROM skipped ORDER BY path")]
