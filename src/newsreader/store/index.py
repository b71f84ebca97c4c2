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
from typing import TYPE_CHECKING, Any

from newsreader.corpus.categories import category_key
from newsreader.corpus.post import Skipped
from newsreader.store import freshness, search
from newsreader.store.cachefile import cache_file, connect, discard, only_files, open_cache, open_memory
from newsreader.store.schema import CODED_ITEM_COLUMNS, ITEM_FIELDS, ITEMS, PER_POST, POSTS, quoted, unpack_text
from newsreader.store.state import UserState
from newsreader.targets.model import Target

if TYPE_CHECKING:
    from newsreader.corpus.scan import SourceFile
    from newsreader.corpus.stamps import Stamp
    from newsreader.store.records import Extracted, Job, Row

BATCH = 64  # files per worker task and per write transaction
POOL_MIN_FILES = 400  # fewer changed files than this are analysed in-process
_ID, _SIZE, _MTIME, _DIGEST = (POSTS.names.index(name) for name in ("id", "size", "mtime_ns", "digest"))

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
    n_target: int | None  # None until the post's numeric items are extracted
    n_achieved: int | None
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
    seconds: float = 0.0  # the first pass: every post listed and searchable
    warnings: list[str] = field(default_factory=list)  # what the user should be told (a cache rebuilt)
    extracted: int = 0  # the second pass: posts whose numeric items were extracted, and how long it took
    extract_seconds: float = 0.0

    def line(self) -> str:
        """One line for a terminal."""
        text = (f"{self.indexed:,} indexed, {self.unchanged:,} unchanged, {self.removed:,} removed, "
                f"{len(self.skipped):,} skipped in {self.seconds:.1f} s")
        return text


# Reading back: PostRow's fields are posts columns (the JSON lists decoded); an item's fields are
# items columns of the same name, but its text and sentence, which are cut from the post's text (each
# sentence cut once per post and shared by its items: a dense post's sentence can be a megabyte shared by
# thousands of items).
_POST_FIELDS = tuple(f.name for f in fields(PostRow))
_POST_SELECT = ", ".join(quoted(name) for name in _POST_FIELDS)
_JSON_FIELDS = frozenset(c.name for c in POSTS.columns if c.json)
_ITEM_LEAD = ("post", "sentence_start", "sentence_end")  # selected before ITEM_FIELDS
_ITEM_SELECT = ", ".join(f"i.{quoted(name)}" for name in (*_ITEM_LEAD, *ITEM_FIELDS))
_START, _END = (ITEM_FIELDS.index(name) for name in ("start", "end"))
_CODED = tuple(ITEM_FIELDS.index(c.name) for c in ITEMS.columns if c.coded)  # words by their number (`words`)


_JSON_AT = tuple(i for i, name in enumerate(_POST_FIELDS) if name in _JSON_FIELDS)
_LISTS: dict[str, list[str]] = {}  # decoded JSON lists: posts share few (the same categories, tags, [])


def _post_row(row: tuple) -> PostRow:
    values = list(row)
    for at in _JSON_AT:
        decoded = _LISTS.get(values[at])
        if decoded is None:
            if len(_LISTS) > 50_000:
                _LISTS.clear()
            decoded = _LISTS[values[at]] = json.loads(values[at])
        values[at] = list(decoded)  # a copy: the caller may change its lists
    return PostRow(*values)


def _target(text: str, sentence: str, values: list) -> Target:
    """An item from its columns (ITEM_FIELDS' values, words decoded), its post's text and its sentence."""
    return Target(text=text[values[_START]:values[_END]], sentence=sentence, **dict(zip(ITEM_FIELDS, values)))


def _in_chunks(values: list) -> Iterator[tuple[str, list]]:
    """("IN (?,?,…)", chunk) for each chunk of `values` short enough for one SQLite statement."""
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        yield f"IN ({','.join('?' * len(chunk))})", chunk


def _run(work: Callable[[list[Any]], list[Any]], batches: Iterator[list[Any]], count: int,
         workers: int | None) -> Iterator[list[Any]]:
    """work(batch) for each batch of `count` things in all: in a process pool when there are many,
    in the order they finish; the batches are made as the workers need them."""
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    n_workers = max(1, min(workers, -(-count // BATCH)))
    if count < POOL_MIN_FILES or n_workers == 1:
        for batch in batches:
            yield work(batch)
        return
    from concurrent.futures import Future, ProcessPoolExecutor, as_completed  # only a cold or large refresh needs them
    from multiprocessing import get_context

    pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=get_context("spawn"))
    try:
        pending: set[Future] = set()
        for batch in batches:
            pending.add(pool.submit(work, batch))
            if len(pending) >= 4 * n_workers:
                break
        while pending:
            finished = next(as_completed(pending))
            pending.remove(finished)
            following = next(batches, None)
            if following is not None:
                pending.add(pool.submit(work, following))
            yield finished.result()
    except BaseException:
        # Stopped early (the reader quit, an error): drop the queued work instead of waiting for it.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


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
        self._words: dict[int, str] = {}  # the `words` of coded columns, by number (see _words_of)

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
                    with self._errors("read"):
                        yield reader
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

    def refresh(self, progress: Progress | None = None, workers: int | None = None, *,
                quick: bool = False, items: bool = True) -> RefreshSummary:
        """Bring the index up to date with the sources; raises SourceError or StoreError.

        Every post is listed and searchable first; then, with `items`, the numeric items of the
        posts that lack them are extracted (`extract_items`; `progress` counts each pass from 0).
        `quick`: when no folder or site configuration changed since the last refresh, take the
        index as it is (a post edited in place waits for the next full refresh: see `freshness`).
        """
        def run() -> RefreshSummary:
            started = time.perf_counter()
            if quick and self.is_unchanged():
                summary = RefreshSummary(unchanged=self.count(), skipped=self.skipped(),
                                         seconds=time.perf_counter() - started)
                if items:
                    self._extract(summary, progress, workers)
                return summary
            return self._full_refresh(progress, workers, items)

        return self._rebuilding(run, progress, workers, items)

    def extract_items(self, progress: Progress | None = None, workers: int | None = None) -> RefreshSummary:
        """Extract the numeric items of every post still without them (a refresh's second pass):
        the summary's `extracted` says how many posts got theirs. The list and search work
        meanwhile; a post that changes on the way is left to the next refresh."""
        return self._rebuilding(lambda: self._extract(RefreshSummary(), progress, workers), progress, workers, True)

    def _rebuilding(self, run: Callable[[], RefreshSummary], progress: Progress | None, workers: int | None,
                    items: bool) -> RefreshSummary:
        """run(); a cache it finds damaged is deleted and built again from the sources, once (the
        summary's warnings say so)."""
        try:
            return run()
        except CacheDamaged as exc:
            if self._file is None or self._closed:
                raise
            self._replace_connections(rebuild=True)
            warning = f"{exc}: rebuilt"
            self.warnings.append(warning)
            summary = self._full_refresh(progress, workers, items)
            summary.warnings.insert(0, warning)
            return summary

    def _full_refresh(self, progress: Progress | None, workers: int | None, items: bool) -> RefreshSummary:
        """Every file checked (the first pass), then, with `items`, the missing numeric items (the second)."""
        summary = self._refresh(progress, workers)
        if items:
            self._extract(summary, progress, workers)
        return summary

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A connection to write with (the main one of an in-memory index), closed after; SQLite's errors
        said as the store's."""
        main = self._main.conn
        try:
            writer = main if self.memory else connect(str(self.path))
        except sqlite3.Error as exc:
            raise StoreError(f"the cache could not be opened ({exc})") from exc
        try:
            with self._errors("written"):
                yield writer
        finally:
            if writer is not main:
                writer.close()

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """SQLite's errors while the cache is `doing` ("read", "written"), said as the store's."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise StoreError(self._explain(exc, doing)) from exc
        except sqlite3.DatabaseError as exc:
            raise CacheDamaged(f"the cache is damaged ({exc})") from exc

    def _extract(self, summary: RefreshSummary, progress: Progress | None, workers: int | None) -> RefreshSummary:
        """The second pass, noted in `summary`."""
        started = time.perf_counter()
        with self._writing() as writer:
            pending = [rowid for (rowid,) in writer.execute("SELECT rowid FROM posts WHERE n_target IS NULL")]
            if not pending:
                return summary
            from newsreader.store.records import extract_rows  # the extractor's rules load when needed

            if progress:
                progress(0, len(pending))
            jobs = (self._jobs(writer, pending[i : i + BATCH]) for i in range(0, len(pending), BATCH))
            done = 0
            for results in _run(extract_rows, jobs, len(pending), workers):
                summary.extracted += self._write_items(writer, results)
                done += len(results)
                if progress:
                    progress(done, len(pending))
            summary.extract_seconds = time.perf_counter() - started
            return summary

    @staticmethod
    def _jobs(conn: sqlite3.Connection, rowids: list[int]) -> list[Job]:
        """What the second pass needs of these posts (see records.Job)."""
        with_rowids = f"p.rowid IN ({','.join('?' * len(rowids))})"
        return conn.execute(f"SELECT p.rowid, p.digest, p.date, p.title, t.text FROM posts p "
                            f"JOIN texts t ON t.rowid = p.rowid WHERE {with_rowids}", rowids).fetchall()

    def _write_items(self, conn: sqlite3.Connection, results: list[Extracted]) -> int:
        """Store the items of one batch of posts; a post re-read or gone meanwhile is left alone."""
        written = 0
        with self._transaction(conn):
            numbers = dict(conn.execute("SELECT word, id FROM words"))
            for rowid, post_digest, rows, n_target, n_achieved, warnings in results:
                found = conn.execute("SELECT warnings FROM posts WHERE rowid = ? AND digest = ? AND n_target IS NULL",
                                     (rowid, post_digest)).fetchone()
                if found is None:
                    continue
                if warnings:
                    warnings = json.loads(found[0]) + warnings
                conn.execute("UPDATE posts SET n_target = ?, n_achieved = ?, warnings = coalesce(?, warnings) "
                             "WHERE rowid = ?",
                             (n_target, n_achieved, json.dumps(warnings, ensure_ascii=False) if warnings else None,
                              rowid))
                conn.executemany(ITEMS.insert(), [(rowid, *self._coded(conn, numbers, row)) for row in rows])
                written += 1
        return written

    @staticmethod
    def _coded(conn: sqlite3.Connection, numbers: dict[str, int], row: tuple) -> list:
        """An items row with its words (CODED_ITEM_COLUMNS) by number, new words added to `words`."""
        values = list(row)
        for at in CODED_ITEM_COLUMNS:
            word = values[at]
            if word is not None:
                number = numbers.get(word)
                if number is None:
                    added = conn.execute("INSERT INTO words (word) VALUES (?)", (word,)).lastrowid
                    assert added is not None  # an INSERT's rowid
                    number = numbers[word] = added
                values[at] = number
        return values

    def items_coverage(self) -> tuple[int, int]:
        """(posts whose numeric items are extracted, posts): what `T` covers while items are extracted."""
        done, total = self._query("SELECT count(n_target), count(*) FROM posts")[0]
        return done, total

    def _refresh(self, progress: Progress | None, workers: int | None) -> RefreshSummary:
        from newsreader.corpus import discover

        started = time.perf_counter()
        summary = RefreshSummary()
        checked_ns = freshness.now_ns()
        stamps: dict[str, Stamp] = {}
        files, skipped = discover(self.sources, drafts=self.drafts, stamps=stamps)
        summary.skipped.extend(skipped)
        with self._writing() as writer:
            # The cache belongs to one set of sources, so a post's id fixes its path.
            known = {row[0]: row[1:] for row in writer.execute("SELECT id, size, mtime_ns FROM posts")}
            recheck = set(json.loads(self._meta(writer, "recheck") or "[]"))
            todo = [f for f in files if known.get(f.id) != (f.size, f.mtime_ns) or f.id in recheck]
            present = {f.id for f in files}
            gone = [i for i in known if i not in present]
            summary.unchanged = len(files) - len(todo)
            # Posts read now that may change again within their modification time's tick: read
            # them at the next full refresh too (noted before they are written).
            racy = sorted(f.id for f in todo if freshness.is_racy(f.mtime_ns, checked_ns))
            if not recheck.issuperset(racy):
                with self._transaction(writer):
                    self._set_meta(writer, "recheck", json.dumps(sorted(recheck.union(racy))))
            kept_stamps = None if self.memory else freshness.dump_stamps(stamps, checked_ns)
            if progress:
                progress(0, len(todo))
            done = 0
            writes_before = self._writes
            for results in self._analyze(todo, workers):
                wrote, failed = self._write(writer, results)
                summary.indexed += wrote
                summary.unchanged += len(results) - wrote - len(failed)  # read again, found as stored
                summary.skipped.extend(f for f in failed if not f.quiet)
                done += len(results)
                if progress:
                    progress(done, len(todo))
            summary.removed = len(gone)
            # Files skipped again (a Hugo draft, an unreadable file) change nothing by themselves.
            if not (self._writes != writes_before or gone or self._needs_tidying(writer, summary.skipped)
                    or kept_stamps != self._meta(writer, "stamps")):
                summary.seconds = time.perf_counter() - started
                return summary  # nothing changed: write nothing (readers keep their caches)
            with self._transaction(writer):
                for among, chunk in _in_chunks(gone):
                    self._forget(writer, f"id {among}", chunk)
                writer.execute("DELETE FROM skipped")
                writer.executemany("INSERT OR REPLACE INTO skipped (path, reason) VALUES (?, ?)",
                                   [(s.path, s.reason) for s in summary.skipped])
                self._update_facets(writer)
                writer.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('refreshed', ?)",
                               (time.strftime("%Y-%m-%dT%H:%M:%S%z"),))
                writer.execute("DELETE FROM meta WHERE key = 'untidy'")
                self._set_meta(writer, "recheck", json.dumps(racy) if racy else None)
                self._set_meta(writer, "stamps", kept_stamps)
            self._writes += 1
        summary.seconds = time.perf_counter() - started
        return summary

    def is_unchanged(self) -> bool:
        """Whether the quick check finds the sources as the last full refresh left them (see `freshness`)."""
        if self.memory:
            return False
        meta = dict(self._query("SELECT key, value FROM meta WHERE key IN ('stamps', 'untidy')"))
        return "untidy" not in meta and freshness.unchanged(meta.get("stamps"))

    @staticmethod
    def _meta(conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _set_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
        """Set a meta value (None deletes it), inside the caller's transaction."""
        if value is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

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
        """Read and render changed files in batches (the first pass)."""
        if not todo:
            return
        # Imported here: the analysis pulls in the renderer and the extractor, which a start
        # that only reads the cache does not need.
        from newsreader.store.records import analyze_rows

        yield from _run(analyze_rows, (todo[i : i + BATCH] for i in range(0, len(todo), BATCH)), len(todo), workers)

    def _write(self, conn: sqlite3.Connection, results: list[Row | Skipped]) -> tuple[int, list[Skipped]]:
        """Store one batch of analysed posts in a transaction; returns (written, skipped).

        A post whose digest is the one stored (its file touched, or read again to be sure) keeps
        its rows: only its file's size and time are brought up to date.
        """
        failed = [r for r in results if isinstance(r, Skipped)]
        rows = [r for r in results if not isinstance(r, Skipped)]
        stored = self._stored(conn, [row.posts[0][_ID] for row in rows])
        touched = []  # (size, mtime, id) of posts read again and found as stored, their file touched
        changed = []
        for row in rows:
            post = row.posts[0]
            kept = stored.get(post[_ID])
            if kept is None or kept[0] != post[_DIGEST]:
                changed.append(row)
            elif kept[1:] != (post[_SIZE], post[_MTIME]):
                touched.append((post[_SIZE], post[_MTIME], post[_ID]))
        rows = changed
        if touched:
            with self._transaction(conn):
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('untidy', '1')")
                conn.executemany("UPDATE posts SET size = ?, mtime_ns = ? WHERE id = ?", touched)
        if not rows and not any(conn.execute("SELECT 1 FROM posts WHERE path = ?", (f.path,)).fetchone()
                                for f in failed):
            return 0, failed  # only files that were not listed and still cannot be: nothing to write
        self._writes += 1
        with self._transaction(conn):
            # Counts are brought up to date at the end of a refresh; until then they are untidy.
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('untidy', '1')")
            for among, chunk in _in_chunks([row.posts[0][_ID] for row in rows]):
                self._forget(conn, f"id {among}", chunk)
            for f in failed:  # a post that can no longer be read leaves the list
                self._forget(conn, "path = ?", (f.path,))
            # The rowids SQLite would pick one insert at a time (the largest plus one), given up front
            # so that each table takes the whole batch in one executemany; the write lock is held.
            first = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM posts").fetchone()[0]
            if first + len(rows) >= 2**63:
                raise sqlite3.DatabaseError("post rowids are exhausted")
            for table in PER_POST:
                conn.executemany(table.insert(), [(rowid, *values) for rowid, row in enumerate(rows, first)
                                                  for values in getattr(row, table.name)])
            conn.executemany("INSERT INTO fts (rowid, text) VALUES (?, ?)",
                             [(rowid, row.search[0]) for rowid, row in enumerate(rows, first)])
            conn.executemany("INSERT INTO fts_titles (rowid, title) VALUES (?, ?)",
                             [(rowid, row.search[1]) for rowid, row in enumerate(rows, first)])
        return len(rows), failed

    @staticmethod
    def _forget(conn: sqlite3.Connection, where: str, params: Iterable) -> None:
        """Delete the posts `where` holds, with their rows in every table.

        The full-text tables keep no text (they are contentless): they are given back what they
        indexed, which the post's text and title make again.
        """
        gone = conn.execute(f"SELECT p.rowid, p.title, t.text FROM posts p JOIN texts t ON t.rowid = p.rowid "
                            f"WHERE {where}", tuple(params)).fetchall()
        if not gone:
            return
        held = [(rowid, *search.indexed(title, unpack_text(packed))) for rowid, title, packed in gone]
        conn.executemany("INSERT INTO fts (fts, rowid, text) VALUES ('delete', ?, ?)",
                         [(rowid, text) for rowid, text, _ in held])
        conn.executemany("INSERT INTO fts_titles (fts_titles, rowid, title) VALUES ('delete', ?, ?)",
                         [(rowid, title) for rowid, _, title in held])
        conn.executemany("DELETE FROM posts WHERE rowid = ?", [(rowid,) for rowid, *_ in gone])

    @staticmethod
    def _stored(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[int, int, int]]:
        """{id: (digest, size, mtime_ns)} of the posts with these ids that the index holds."""
        found: dict[str, tuple[int, int, int]] = {}
        for among, chunk in _in_chunks(ids):
            found.update((row[0], row[1:]) for row in conn.execute(
                f"SELECT id, digest, size, mtime_ns FROM posts WHERE id {among}", chunk))
        return found

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
        a post read again gets a new rowid, one removed lowers the count, and the second pass giving posts
        their items lowers the count of posts still without them."""
        refreshed, count, last, pending = self._query(
            "SELECT (SELECT value FROM meta WHERE key = 'refreshed'), count(*), max(rowid), "
            "(SELECT count(*) FROM posts WHERE n_target IS NULL) FROM posts")[0]
        return f"{refreshed}/{count}/{last}/{pending}"

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

        `table` is "fts" (titles and texts) or "fts_titles" (titles only). A term shorter than a
        trigram matches every trigram it begins (its vocabulary's expansions).
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
            expansion = [t for (t,) in self._query(f"SELECT term FROM {table}_vocab WHERE term >= ? AND term < ?",
                                                   (term, term + "\U0010ffff"))]
            if not expansion:
                return f"SELECT rowid FROM {table} WHERE 0", []
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
        if max(hits) < len(rank):
            hits.sort(key=rank.__getitem__)  # (the array's own method: no Python call a hit, twice as quick)
        else:  # a post added since the ranks were counted goes last
            last = len(rank)
            hits.sort(key=lambda r: rank[r] if r < last else last)
        if title_hits:
            hits = [r for r in hits if r in title_hits] + [r for r in hits if r not in title_hits]
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
        for among, chunk in _in_chunks(rowids):
            for row in self._query(f"SELECT {_POST_SELECT} FROM posts WHERE rowid {among}", chunk):
                found[row[0]] = _post_row(row)
        return [found[r] for r in rowids if r in found]

    def ordered(self, rowids: list[int], by: str) -> list[int]:
        """These posts sorted by `title` (as search compares text) or by `targets` (most first); ties keep their order."""
        if by not in ("title", "targets"):
            raise ValueError(by)
        titles: dict[int, str] = {}
        targets: dict[int, int] = {}
        for among, chunk in _in_chunks(rowids):
            for rowid, label, n_target in self._query(f"SELECT rowid, label, n_target FROM posts WHERE rowid {among}",
                                                      chunk):
                titles[rowid] = search.normalize(label or "")
                targets[rowid] = n_target or 0
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
        """The numeric items of one post, in text order (none until they are extracted)."""
        with self._reading():
            rows = self._query(f"SELECT {_ITEM_SELECT} FROM items i WHERE i.post = ? ORDER BY i.seq", (rowid,))
            return self._targets(rows)[rowid] if rows else []

    def _targets(self, rows: list[tuple]) -> dict[int, list[Target]]:
        """{post: its items} from items rows (post, sentence_start, sentence_end, *ITEM_FIELDS), in their order."""
        posts = sorted({row[0] for row in rows})
        texts: dict[int, str] = {}
        for among, chunk in _in_chunks(posts):
            texts.update((rowid, unpack_text(packed)) for rowid, packed in self._query(
                f"SELECT rowid, text FROM texts WHERE rowid {among}", chunk))
        words = self._words_of(rows)
        out: dict[int, list[Target]] = {}
        # Each sentence is cut once and shared by its items: a dense post can be one sentence of a
        # megabyte holding thousands of items (cut per item, that would be gigabytes).
        sentences: dict[tuple[int, int, int], str] = {}
        for post, sentence_start, sentence_end, *values in rows:
            if post in texts:
                for at in _CODED:
                    if values[at] is not None:
                        values[at] = words[values[at]]
                key = (post, sentence_start, sentence_end)
                sentence = sentences.get(key)
                if sentence is None:
                    sentence = sentences[key] = texts[post][sentence_start:sentence_end]
                out.setdefault(post, []).append(_target(texts[post], sentence, values))
        return out

    def _words_of(self, rows: list[tuple]) -> dict[int, str]:
        """The words items rows hold by number (read again when one is new: words are only added)."""
        needed = {row[len(_ITEM_LEAD) + at] for row in rows for at in _CODED} - {None}
        if not needed.issubset(self._words):
            self._words = dict(self._query("SELECT id, word FROM words"))
        return self._words

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
            clauses.append("i.kind IN (SELECT id FROM words WHERE word = ?)")
            params.append(kind)
        by_metric = [("i.metric IN (SELECT id FROM words WHERE instr(word, ?))", metric),
                     ("i.metric_key IN (SELECT id FROM words WHERE word = ?)", metric_key)]
        if metric or metric_key:
            clauses.append("(" + " OR ".join(sql for sql, value in by_metric if value) + ")")
            params += [value for _, value in by_metric if value]
        if rowids is not None:
            self._fill_rowids(rowids)
            clauses.append("i.post IN (SELECT rowid FROM temp.view_rowids)")
        sql = (f"SELECT {_ITEM_SELECT} FROM items i JOIN posts p ON p.rowid = i.post "
               f"WHERE {' AND '.join(clauses) or '1'} ORDER BY p.sort_key IS NULL, p.sort_key, p.id, i.seq")
        rows = self._query(sql, params)
        items = self._targets(rows)
        posts = {r.rowid: r for r in self.rows(sorted(items))}
        return [(posts[post], item) for post, item_list in items.items() if post in posts for item in item_list]

    def _fill_rowids(self, rowids: list[int]) -> None:
        with self._reading() as reader:
            reader.conn.execute("CREATE TEMP TABLE IF NOT EXISTS view_rowids (rowid INTEGER PRIMARY KEY)")
            reader.conn.execute("DELETE FROM temp.view_rowids")
            reader.conn.executemany("INSERT OR IGNORE INTO temp.view_rowids VALUES (?)", [(r,) for r in rowids])

    def skipped(self) -> list[Skipped]:
        """Files the last refresh could not read, with reasons."""
        return [Skipped(p, r) for p, r in self._query("SELECT path, reason FROM skipped ORDER BY path")]
