"""The cache index: a SQLite file per archive holding metadata, search text and numeric items.

Refreshes are incremental, keyed on (path, size, mtime). A damaged cache, or one written by
another version, is rebuilt with a one-line warning; a cache that cannot be written (read-only
folder, locked by another program) is replaced by an in-memory index, also with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader import __version__
from newsreader.corpus import Skipped, SourceFile, discover
from newsreader.corpus.categories import category_key
from newsreader.store import search
from newsreader.store.schema import SCHEMA_VERSION, TABLES
from newsreader.store.state import UserState
from newsreader.targets import EXTRACTOR_VERSION
from newsreader.targets.model import Target

if TYPE_CHECKING:
    from newsreader.store.records import Row

BATCH = 64  # files per worker task and per write transaction
POOL_MIN_FILES = 400  # fewer changed files than this are analysed in-process
BUSY_TIMEOUT_MS = 5000

Progress = Callable[[int, int], None]


class StoreError(Exception):
    """A cache problem a user must know about (disk full, ...); the message is one line."""


class CacheDamaged(StoreError):
    """The cache file turned out to be damaged while in use; reopen to rebuild it."""


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

    def line(self) -> str:
        """One line for a terminal."""
        text = (f"{self.indexed:,} indexed, {self.unchanged:,} unchanged, {self.removed:,} removed, "
                f"{len(self.skipped):,} skipped in {self.seconds:.1f} s")
        return text


_POST_COLUMNS = ("rowid, id, path, title, label, date, categories, tags, warnings, n_target, n_achieved, size, "
                 "mtime_ns, category_paths")
_ITEM_COLUMNS = ('text, start, "end", sentence, kind, metric, entity, value, unit, low, high, comparator, '
                 "relation, horizon")
# Reading items back: the same columns (the sentence's number, replaced by its text once read).
_ITEM_SELECT = ", ".join("i." + c.strip() for c in _ITEM_COLUMNS.split(","))


def _post_row(row: tuple) -> PostRow:
    return PostRow(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), json.loads(row[7]),
                   json.loads(row[8]), row[9], row[10], row[11], row[12], json.loads(row[13]))


def _target(row: tuple) -> Target:
    return Target(*row)


def cache_file(cache_dir: Path, sources: list[str], drafts: bool = False) -> Path:
    """The cache file of one set of sources (one archive, one file; another with its drafts)."""
    key = "\n".join(sorted(os.path.abspath(os.path.expanduser(s)) for s in sources)) + ("\ndrafts" if drafts else "")
    return cache_dir / f"index-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.sqlite"


def _looks_truncated(path: Path) -> bool:
    """True when the file is shorter than its own header says (and no WAL holds the rest)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    if size == 0:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is only valid when these agree
    wal = Path(str(path) + "-wal")
    if not valid or (wal.exists() and wal.stat().st_size > 0):
        return False
    return size < pages * page_size


class Index:
    """The SQLite index of one set of sources, with the queries the CLI and the reader need."""

    def __init__(self, sources: list[str], cache_dir: Path | None = None, *, memory: bool = False,
                 drafts: bool = False) -> None:
        self.sources = list(sources)
        self.drafts = drafts
        self.warnings: list[str] = []
        self._lock = threading.RLock()
        self.memory = memory or cache_dir is None
        self.path: Path | None = None if self.memory else cache_file(cache_dir, self.sources, drafts)
        self.conn = self._open()
        self._writes = 0  # batches written through this object (see _date_ranks)
        self._ranks: array | None = None
        self._ranks_version: tuple[int, int] | None = None

    # -- opening -------------------------------------------------------------------------

    def _connect(self, target: str) -> sqlite3.Connection:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                               isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if target != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")
        return conn

    def _create(self, conn: sqlite3.Connection) -> None:
        """Create the tables unless they exist (another process may be creating them too)."""
        if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").fetchone()[0]:
            return
        try:
            conn.executescript("BEGIN IMMEDIATE;" + TABLES)  # the transaction stays open
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                             [("schema", str(SCHEMA_VERSION)), ("version", __version__),
                              ("extractor", str(EXTRACTOR_VERSION)),
                              ("sources", json.dumps(self.sources, ensure_ascii=False))])
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if "already exists" not in str(exc):
                raise

    def _check(self, conn: sqlite3.Connection) -> str | None:
        """Why this cache cannot be used as it is, or None when it can."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "meta" not in tables:
            return "the cache file is not newsreader's"
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != str(SCHEMA_VERSION) or meta.get("version") != __version__:
            return f"the cache was written by newsreader {meta.get('version', '?')}"
        if meta.get("extractor") != str(EXTRACTOR_VERSION):
            return "the cache's numeric items come from another version of the extractor"
        conn.execute("SELECT count(*) FROM posts").fetchone()
        return None

    def _discard(self) -> None:
        assert self.path is not None
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(str(self.path) + suffix)
            except FileNotFoundError:
                pass

    def _open(self) -> sqlite3.Connection:
        if self.memory:
            conn = self._connect(":memory:")
            self._create(conn)
            return conn
        assert self.path is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if _looks_truncated(self.path):
                self._discard()
                self.warnings.append(f"the cache {self.path} was truncated: rebuilt")
            conn = self._connect(str(self.path))
            try:
                problem = self._check(conn)
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError as exc:
                problem = f"the cache was damaged ({exc})"
            if problem:
                conn.close()
                self._discard()
                self.warnings.append(f"{problem}: rebuilt")
                conn = self._connect(str(self.path))
            self._create(conn)
            return conn
        except (OSError, sqlite3.OperationalError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.warnings.append(f"the cache {self.path} cannot be used ({reason}): "
                                 "using a temporary in-memory index")
            self.memory = True
            self.path = None
            conn = self._connect(":memory:")
            self._create(conn)
            return conn
        except sqlite3.DatabaseError as exc:
            self._discard()
            self.warnings.append(f"the cache was damaged ({exc}): rebuilt")
            conn = self._connect(str(self.path))
            self._create(conn)
            return conn

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self.conn.close()

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Run a read query under the lock; a damaged file becomes CacheDamaged."""
        with self._lock:
            try:
                return self.conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError as exc:
                raise CacheDamaged(f"the cache is damaged ({exc})") from exc

    def interrupt(self) -> None:
        """Abort the query running on this index's connection (used to cancel stale searches)."""
        self.conn.interrupt()

    # -- refreshing ----------------------------------------------------------------------

    def refresh(self, progress: Progress | None = None, workers: int | None = None) -> RefreshSummary:
        """Bring the index up to date with the sources; raises SourceError or StoreError."""
        started = time.perf_counter()
        summary = RefreshSummary()
        files, skipped = discover(self.sources, drafts=self.drafts)
        summary.skipped.extend(skipped)
        writer = self.conn if self.memory else self._connect(str(self.path))
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
            raise StoreError(self._explain(exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise CacheDamaged(f"the cache is damaged ({exc})") from exc
        finally:
            if writer is not self.conn:
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

    def _explain(self, exc: sqlite3.OperationalError) -> str:
        text = str(exc)
        if "full" in text:
            return f"the disk holding the cache is full ({self.path}); free some space and refresh again"
        if "locked" in text or "busy" in text:
            return f"the cache is busy in another program ({self.path}); try again"
        return f"the cache could not be written ({text})"

    class _Txn:
        def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
            self.conn, self.lock = conn, lock

        def __enter__(self) -> sqlite3.Connection:
            self.lock.acquire()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except BaseException:
                self.lock.release()
                raise
            return self.conn

        def __exit__(self, kind, value, tb) -> None:
            try:
                self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
            finally:
                self.lock.release()

    def _transaction(self, conn: sqlite3.Connection) -> Index._Txn:
        # In memory the reader and the writer share one connection, so they share the lock.
        return self._Txn(conn, self._lock if conn is self.conn else threading.RLock())

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
            conn.executemany("DELETE FROM posts WHERE id = ?", [(r[0][0],) for r in rows])
            for f in failed:  # a post that can no longer be read leaves the list
                conn.execute("DELETE FROM posts WHERE path = ?", (f.path,))
            # The rowids SQLite would pick one insert at a time (the largest plus one), given up front
            # so that each table takes the whole batch in one executemany; the write lock is held.
            first = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM posts").fetchone()[0]
            if first + len(rows) >= 2**63:
                raise sqlite3.DatabaseError("post rowids are exhausted")
            rowids = range(first, first + len(rows))
            conn.executemany(
                "INSERT INTO posts (rowid, id, path, size, mtime_ns, title, label, date, sort_key, year, categories, "
                "category_paths, tags, warnings, n_target, n_achieved) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(rowid, *r[0]) for rowid, r in zip(rowids, rows)])
            conn.executemany("INSERT INTO texts (rowid, title, body) VALUES (?, ?, ?)",
                             [(rowid, r[1], r[2]) for rowid, r in zip(rowids, rows)])
            conn.executemany("INSERT INTO names (post, kind, name) VALUES (?, ?, ?)",
                             [(rowid, *name) for rowid, r in zip(rowids, rows) for name in r[3]])
            conn.executemany(f"INSERT INTO items (post, seq, {_ITEM_COLUMNS}) VALUES ({', '.join('?' * 16)})",
                             [(rowid, *item) for rowid, r in zip(rowids, rows) for item in r[4]])
            conn.executemany("INSERT INTO sentences (post, seq, text) VALUES (?, ?, ?)",
                             [(rowid, *sentence) for rowid, r in zip(rowids, rows) for sentence in r[5]])
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
        clauses, params = [], []
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
        with self._lock:
            self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS marks_{column} (key TEXT PRIMARY KEY)")
            self.conn.execute(f"DELETE FROM temp.marks_{column}")
            self.conn.executemany(f"INSERT OR IGNORE INTO temp.marks_{column} (key) VALUES (?)",
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
        flt = flt or Filter()
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
        with self._lock:
            version = (self.conn.execute("PRAGMA data_version").fetchone()[0], self._writes)
            if self._ranks is None or self._ranks_version != version:
                ordered = [r for (r,) in self.conn.execute("SELECT rowid FROM posts ORDER BY sort_key DESC, id")]
                ranks = array("l", [len(ordered)]) * (max(ordered, default=0) + 1)
                for place, rowid in enumerate(ordered):
                    ranks[rowid] = place
                self._ranks, self._ranks_version = ranks, version
            return self._ranks

    def rows(self, rowids: list[int]) -> list[PostRow]:
        """The posts with these rowids, in the same order (missing ones left out)."""
        found: dict[int, PostRow] = {}
        for i in range(0, len(rowids), 500):
            chunk = rowids[i : i + 500]
            for row in self._query(f"SELECT {_POST_COLUMNS} FROM posts WHERE rowid IN "
                                   f"({','.join('?' * len(chunk))})", chunk):
                found[row[0]] = _post_row(row)
        return [found[r] for r in rowids if r in found]

    def ordered(self, rowids: list[int], by: str) -> list[int]:
        """These posts sorted by `title` (as search compares text) or by `targets` (most first); ties keep their order."""
        if by not in ("title", "targets"):
            raise ValueError(by)
        keys: dict[int, object] = {}
        for i in range(0, len(rowids), 500):
            chunk = rowids[i : i + 500]
            for rowid, label, n_target in self._query(
                    f"SELECT rowid, label, n_target FROM posts WHERE rowid IN ({','.join('?' * len(chunk))})", chunk):
                keys[rowid] = search.normalize(label or "") if by == "title" else -n_target
        present = [r for r in rowids if r in keys]
        return sorted(present, key=keys.__getitem__)

    def get(self, rowid: int) -> PostRow | None:
        """One post by rowid."""
        rows = self.rows([rowid])
        return rows[0] if rows else None

    def find(self, ref: str) -> PostRow | None:
        """A post by its id, or by its path (absolute, or relative to the working folder)."""
        rows = self._query(f"SELECT {_POST_COLUMNS} FROM posts WHERE id = ?", (ref,))
        if not rows:
            rows = self._query(f"SELECT {_POST_COLUMNS} FROM posts WHERE path = ?",
                               (os.path.abspath(os.path.expanduser(ref)),))
        if not rows:
            rows = self._query(f"SELECT {_POST_COLUMNS} FROM posts WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
                               ("%/" + ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),))
            if len(rows) != 1:
                return None
        return _post_row(rows[0])

    def items(self, rowid: int) -> list[Target]:
        """The numeric items of one post, in text order.

        Each sentence is read once and shared by its items: a dense post can be one sentence of a
        megabyte holding thousands of items (joined per item, that would be gigabytes).
        """
        sentences = dict(self._query("SELECT seq, text FROM sentences WHERE post = ?", (rowid,)))
        items = [_target(r) for r in self._query(
            f"SELECT {_ITEM_SELECT} FROM items i WHERE i.post = ? ORDER BY i.seq", (rowid,))]
        for item in items:
            item.sentence = sentences.get(item.sentence, "")  # (read as the sentence's number)
        return items

    def all_items(self, *, kind: str | None = None, metric: str | None = None, flt: Filter | None = None,
                  query: str | None = None, state: UserState | None = None) -> list[tuple[PostRow, Target]]:
        """Numeric items across the archive (optionally one kind, a metric substring, a filter), oldest first."""
        rowids = self.view(flt, query, state) if (flt or query) else None
        clauses, params = [], []
        if kind:
            clauses.append("i.kind = ?")
            params.append(kind)
        if metric:
            clauses.append("instr(i.metric, ?)")
            params.append(metric)
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
        with self._lock:
            self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS view_rowids (rowid INTEGER PRIMARY KEY)")
            self.conn.execute("DELETE FROM temp.view_rowids")
            self.conn.executemany("INSERT OR IGNORE INTO temp.view_rowids VALUES (?)", [(r,) for r in rowids])

    def skipped(self) -> list[Skipped]:
        """Files the last refresh could not read, with reasons."""
        return [Skipped(p, r) for p, r in self._query("SELECT path, reason FROM skipped ORDER BY path")]
