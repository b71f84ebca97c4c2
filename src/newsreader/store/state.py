"""User state (read, starred, last selected post): a small SQLite file in the user-data folder.

It lives apart from the cache, so deleting or rebuilding the cache never loses it. Every
change is committed (synchronous=FULL) before the call returns, so a change the reader has
shown as done survives a crash.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from newsreader.store.schema import STATE_TABLES

STATE_FILE = "state.sqlite"


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.executescript(STATE_TABLES)
    conn.execute("SELECT count(*) FROM marks").fetchone()
    return conn


class UserState:
    """Read/starred marks keyed by a post's absolute path, and small settings."""

    def __init__(self, folder: Path | str | None) -> None:
        self.warnings: list[str] = []
        self._lock = threading.RLock()
        if folder is None:
            self.path = ":memory:"
            self.conn = _connect(self.path)
            return
        folder = Path(folder)
        self.path = str(folder / STATE_FILE)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.conn = _connect(self.path)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                self._fallback(f"user state {self.path} is locked by another program ({exc})")
                return
            # A damaged state file is kept aside, never deleted: it is the user's data.
            aside = f"{self.path}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
            try:
                os.replace(self.path, aside)
                for suffix in ("-wal", "-shm"):
                    if os.path.exists(self.path + suffix):
                        os.replace(self.path + suffix, aside + suffix)
                self.conn = _connect(self.path)
                self.warnings.append(f"user state was damaged ({exc}); kept as {aside}, starting afresh")
            except (OSError, sqlite3.DatabaseError) as exc2:
                self._fallback(f"user state cannot be used ({exc2})")
        except OSError as exc:
            self._fallback(f"user state folder {folder} cannot be used ({exc.strerror or exc})")

    def _fallback(self, why: str) -> None:
        """Keep working in memory, and say that marks will not be saved."""
        self.warnings.append(f"{why}: read and starred marks will not be saved")
        self.path = ":memory:"
        self.conn = _connect(self.path)

    def _set(self, key: str, column: str, value: bool) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            self.conn.execute(
                f"INSERT INTO marks (key, {column}, changed) VALUES (?, ?, ?) "
                f"ON CONFLICT (key) DO UPDATE SET {column} = excluded.{column}, changed = excluded.changed",
                (key, int(value), now),
            )

    def _get(self, key: str, column: str) -> bool:
        with self._lock:
            row = self.conn.execute(f"SELECT {column} FROM marks WHERE key = ?", (key,)).fetchone()
        return bool(row and row[0])

    def is_read(self, key: str) -> bool:
        """Whether the post at `key` has been read."""
        return self._get(key, "read")

    def set_read(self, key: str, read: bool = True) -> None:
        """Mark a post read or unread (committed before returning)."""
        self._set(key, "read", read)

    def set_read_many(self, keys: list[str], read: bool = True) -> None:
        """Mark many posts read or unread in one transaction (committed before returning)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            self.conn.execute("BEGIN")
            try:
                self.conn.executemany(
                    "INSERT INTO marks (key, read, changed) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET read = excluded.read, changed = excluded.changed",
                    [(key, int(read), now) for key in keys])
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def is_starred(self, key: str) -> bool:
        """Whether the post at `key` is starred."""
        return self._get(key, "starred")

    def set_starred(self, key: str, starred: bool) -> None:
        """Star or unstar a post (committed before returning)."""
        self._set(key, "starred", starred)

    def keys(self, column: str) -> set[str]:
        """Every key marked read (`column="read"`) or starred."""
        if column not in ("read", "starred"):
            raise ValueError(column)
        with self._lock:
            return {k for (k,) in self.conn.execute(f"SELECT key FROM marks WHERE {column} = 1")}

    def get(self, key: str, default: str | None = None) -> str | None:
        """A saved setting."""
        with self._lock:
            row = self.conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def put(self, key: str, value: str) -> None:
        """Save a setting."""
        with self._lock:
            self.conn.execute("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", (key, value))

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self.conn.close()
