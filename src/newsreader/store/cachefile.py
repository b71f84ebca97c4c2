"""The cache file of an index: where it is, and how it is opened.

The policy, in one place (`Index` is its only user):
- single files (as scripts pass them) get a throwaway in-memory index, folders a cached one;
- a cache that cannot be used (folder not writable, file locked) is replaced by an in-memory
  index, with a warning;
- a damaged cache, a truncated one, or one written by another version (schema, newsreader or
  extractor) is deleted and rebuilt from the sources, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from newsreader import __version__
from newsreader.store.schema import SCHEMA_VERSION, TABLES
from newsreader.targets import EXTRACTOR_VERSION

BUSY_TIMEOUT_MS = 5000
MEMORY = ":memory:"


def cache_file(cache_dir: Path, sources: list[str], drafts: bool = False) -> Path:
    """The cache file of one set of sources (one archive, one file; another with its drafts)."""
    key = "\n".join(sorted(os.path.abspath(os.path.expanduser(s)) for s in sources)) + ("\ndrafts" if drafts else "")
    return cache_dir / f"index-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.sqlite"


def only_files(sources: list[str]) -> bool:
    """True when every source is a single file: such an index is not worth keeping."""
    return bool(sources) and all(os.path.isfile(os.path.expanduser(s)) for s in sources)


def connect(target: str) -> sqlite3.Connection:
    """A connection to the file `target` (or MEMORY), usable from any thread, in autocommit mode."""
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if target != MEMORY:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -32000")
    return conn


def _create(conn: sqlite3.Connection, sources: list[str]) -> None:
    """Create the tables unless they exist (another process may be creating them too)."""
    if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").fetchone()[0]:
        return
    try:
        conn.executescript("BEGIN IMMEDIATE;" + TABLES)  # the transaction stays open
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                         [("schema", SCHEMA_VERSION), ("version", __version__),
                          ("extractor", str(EXTRACTOR_VERSION)),
                          ("sources", json.dumps(sources, ensure_ascii=False))])
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if "already exists" not in str(exc):
            raise


def _problem(conn: sqlite3.Connection) -> str | None:
    """Why this cache cannot be used as it is, or None when it can."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return None
    if "meta" not in tables:
        return "the cache file is not newsreader's"
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("schema") != SCHEMA_VERSION or meta.get("version") != __version__:
        return f"the cache was written by newsreader {meta.get('version', '?')}"
    if meta.get("extractor") != str(EXTRACTOR_VERSION):
        return "the cache's numeric items come from another version of the extractor"
    conn.execute("SELECT count(*) FROM posts").fetchone()
    return None


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


def discard(path: Path) -> None:
    """Delete a cache file with its write-ahead log."""
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(str(path) + suffix)
        except FileNotFoundError:
            pass


@dataclass(slots=True)
class Opened:
    """An open cache: the connection, the file (None: in memory), and what the user should be told."""

    conn: sqlite3.Connection
    path: Path | None
    warnings: list[str] = field(default_factory=list)


def open_memory(sources: list[str]) -> Opened:
    """A fresh in-memory index."""
    conn = connect(MEMORY)
    _create(conn, sources)
    return Opened(conn, None)


def open_cache(path: Path, sources: list[str]) -> Opened:
    """Open (or create) the cache file at `path`, rebuilding it when damaged; memory when it cannot be used."""
    warnings: list[str] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if _looks_truncated(path):
            discard(path)
            warnings.append(f"the cache {path} was truncated: rebuilt")
        conn = connect(str(path))
        try:
            problem = _problem(conn)
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            problem = f"the cache was damaged ({exc})"
        if problem:
            conn.close()
            discard(path)
            warnings.append(f"{problem}: rebuilt")
            conn = connect(str(path))
        _create(conn, sources)
        return Opened(conn, path, warnings)
    except (OSError, sqlite3.OperationalError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        warnings.append(f"the cache {path} cannot be used ({reason}): using a temporary in-memory index")
        opened = open_memory(sources)
        opened.warnings = warnings
        return opened
    except sqlite3.DatabaseError as exc:
        discard(path)
        warnings.append(f"the cache was damaged ({exc}): rebuilt")
        conn = connect(str(path))
        _create(conn, sources)
        return Opened(conn, path, warnings)
