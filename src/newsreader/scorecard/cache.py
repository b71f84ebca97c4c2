"""The scorecard kept beside the cache index: each post's placed items, what reports tell in words
only, and the rows, in SQLite.

Placing every item of an archive (whose figure, which years) takes minutes at 100,000 posts,
so it is done once per post and kept in a file beside the index (`<index>.scorecard`), keyed
on the post's rowid, size and modification time; the rows are kept there too, with the index
version and the code they were built from. Opening the scorecard reads the rows kept —
filtered and sorted in SQL (a fifth of a second for 100,000 rows) and fetched a screenful at a
time — and `update()` brings them up to date when the index has changed: only changed posts are
placed again, then every target is paired again (on a connection of its own, so the old rows
stay readable meanwhile). Deleting the file loses nothing.

    cache = ScorecardCache(index)
    if cache.stale():
        cache.update()
    view = cache.view("云川 gdp", sort="year")
    lines = cache.lines(view.rids[:40])
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING

from newsreader.scorecard.model import Placed, Row, Source
from newsreader.scorecard.pairing import Scorecard, place_post
from newsreader.scorecard.qualitative import Told, told_in_words
from newsreader.scorecard.speaker import post_speaker
from newsreader.scorecard.timing import Period
from newsreader.scorecard.verdict import VERDICTS
from newsreader.store.search import normalize
from newsreader.targets import EXTRACTOR_VERSION
from newsreader.targets.model import Target
from newsreader.targets.vocabulary import indicator_name

if TYPE_CHECKING:
    from newsreader.store.index import Index, PostRow

Progress = Callable[[int, int], None]
BATCH = 500  # posts placed between two writes


def _code_version() -> str:
    """A hash of this package's sources and the extractor's version: what the kept data depends on."""
    digest = hashlib.blake2b(EXTRACTOR_VERSION.encode(), digest_size=8)
    folder = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as source:
                digest.update(name.encode() + source.read())
    return digest.hexdigest()


CODE_VERSION = _code_version()

# A placed item as kept: the item's fields the pairing reads, then where it was placed.
_ITEM_FIELDS = ("text", "start", "end", "kind", "metric", "value", "unit", "low", "high", "comparator", "relation",
                "horizon", "metric_key")


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One row of the scorecard as kept (no sentences: those are read from the index when shown)."""

    rid: int
    verdict: str
    entity: str
    entity_key: str
    metric_key: str
    first: int
    last: int
    averaged: bool
    target_text: str
    result_text: str | None
    bound: str
    target_value: float
    target_low: float
    target_high: float
    unit: str | None
    delta: float | None
    result_value: float | None
    note: str
    target_post: int | None  # index rowids, and the span of each side in its post's text
    target_start: int
    target_end: int
    result_post: int | None
    result_start: int | None
    result_end: int | None
    statement: str | None  # a result told in words: its sentence
    revisions: str  # JSON: [[text, rowid, start, end, date], ...]

    @property
    def years(self) -> str:
        """The years the target is for: 2025, 2021-2025."""
        return str(self.last) if self.first == self.last else f"{self.first}-{self.last}"

    @property
    def metric_name(self) -> str:
        """The metric as a Chinese reader names it (地区生产总值), else its key."""
        return indicator_name(self.metric_key) or self.metric_key

    def revision_list(self) -> list[Revision]:
        """The later reports of the result."""
        return [Revision(*values) for values in json.loads(self.revisions)] if self.revisions else []


@dataclass(frozen=True, slots=True)
class Revision:
    """A later report of a result, as kept: its figure, and where it stands (index rowid, span, day)."""

    text: str
    post: int | None
    start: int
    end: int
    date: str | None


_LINE_COLUMNS = [f.name for f in fields(ScoreLine)]
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS posts (id TEXT PRIMARY KEY, stamp TEXT NOT NULL, voice TEXT, report_year INTEGER,
                                  placed TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lines ({", ".join(("rid INTEGER PRIMARY KEY", *_LINE_COLUMNS[1:]))},
                                  verdict_rank INTEGER, metric_name TEXT, haystack TEXT);
CREATE INDEX IF NOT EXISTS lines_series ON lines (entity_key, metric_key);
CREATE TABLE IF NOT EXISTS told (id TEXT PRIMARY KEY, stamp TEXT NOT NULL, statements TEXT NOT NULL);
"""
# How the view sorts by each column; the rid (the scorecard's own order: entity, metric, year) breaks ties.
SORTS = {
    "entity": "rid",
    "metric": "metric_name, entity_key, last",
    "year": "last, first",
    "target": "metric_key, unit, target_value",
    "result": "metric_key, unit, result_value IS NULL, result_value",
    "verdict": "verdict_rank, delta",
}


@dataclass(frozen=True, slots=True)
class View:
    """The rows holding the words typed, in the order asked for: their rids, and how many of each verdict."""

    rids: list[int]
    verdicts: dict[str, int]


def cache_path(index: Index) -> str:
    """Where an index's scorecard is kept (in memory beside an index in memory)."""
    return ":memory:" if index.path is None else str(index.path) + ".scorecard"


class _Link:
    """A connection and the lock its statements run under."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock) -> None:
        self.conn = conn
        self.lock = lock

    def query(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")


class ScorecardCache:
    """The kept scorecard of one index; safe to use from the reader's thread and a worker's."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.path = cache_path(index)
        self.link = _Link(self._open(), threading.RLock())

    def _open(self) -> sqlite3.Connection:
        try:
            conn = self._connect(self.path)
            if conn.execute("SELECT value FROM meta WHERE key = 'code'").fetchone() not in (None, (CODE_VERSION,)):
                conn.close()
                os.remove(self.path)  # written by another version: built again
                conn = self._connect(self.path)
            return conn
        except (sqlite3.DatabaseError, OSError):
            if self.path != ":memory:":  # damaged or not writable: kept in memory this time
                try:
                    os.remove(self.path)
                    return self._connect(self.path)
                except (sqlite3.DatabaseError, OSError):
                    pass
            self.path = ":memory:"
            return self._connect(self.path)

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(SCHEMA)
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('code', ?)", (CODE_VERSION,))
        return conn

    def close(self) -> None:
        with self.link.lock:
            self.link.conn.close()

    @contextmanager
    def _builder(self) -> Iterator[_Link]:
        """A connection for building: its own for a file, so the kept rows stay readable meanwhile."""
        if self.path == ":memory:":
            yield self.link
            return
        conn = self._connect(self.path)
        try:
            yield _Link(conn, threading.RLock())
        finally:
            conn.close()

    # -- freshness ------------------------------------------------------------------------------

    def wanted_version(self, today: date | None = None) -> str:
        """What the kept rows must have been built from: the index's content and this year (a target's
        years end at a new year)."""
        return f"{self.index.version()}|{(today or date.today()).year}"

    def stale(self, today: date | None = None) -> bool:
        """Whether the rows kept were built from another state of the index (or none are kept)."""
        kept = self.link.query("SELECT value FROM meta WHERE key = 'version'")
        return not kept or kept[0][0] != self.wanted_version(today)

    def has_lines(self) -> bool:
        """Whether rows are kept (perhaps stale: shown while new ones are built)."""
        return bool(self.link.query("SELECT value FROM meta WHERE key = 'version'"))

    # -- building -------------------------------------------------------------------------------

    def rows(self, today: date | None = None, progress: Progress | None = None) -> list[Row]:
        """Every row of the scorecard, with what `update` keeps brought up to date on the way (the rows
        themselves are not kept: see `update`)."""
        with self._builder() as link:
            return self._rows(link, today, progress)

    def update(self, today: date | None = None, progress: Progress | None = None) -> None:
        """Bring the kept rows up to date with the index (readers see the old rows until it is done)."""
        version = self.wanted_version(today)
        with self._builder() as link:
            rows = self._rows(link, today, progress)
            lines = [_line_values(rid, row) for rid, row in enumerate(rows, 1)]
            verdicts = Counter(row.verdict for row in rows)
            with link.writing() as conn:
                conn.execute("DELETE FROM lines")
                conn.executemany(f"INSERT INTO lines ({', '.join(_LINE_COLUMNS)}, verdict_rank, metric_name, "
                                 f"haystack) VALUES ({', '.join('?' * (len(_LINE_COLUMNS) + 3))})", lines)
                conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                 [("version", version), ("verdicts", json.dumps([verdicts[v] for v in VERDICTS]))])

    def _rows(self, link: _Link, today: date | None, progress: Progress | None) -> list[Row]:
        """Place the items of the posts that changed since the last time, forget the posts removed, and
        pair every post's placed items; what reports tell in words is kept for next time."""
        from newsreader.store.index import Filter

        posts = self.index.rows(self.index.view(Filter()))
        stamps = {post.id: _stamp(post) for post in posts}
        kept = dict(link.query("SELECT id, stamp FROM posts"))
        todo = [post for post in posts if kept.get(post.id) != stamps[post.id]]
        gone = [(post_id,) for post_id in kept if post_id not in stamps]
        texts = _TextCache(self.index)
        for start in range(0, len(todo), BATCH):
            batch = [_placed_row(post, self.index, texts) for post in todo[start:start + BATCH]]
            with link.writing() as conn:
                conn.executemany("INSERT OR REPLACE INTO posts (id, stamp, voice, report_year, placed) "
                                 "VALUES (?, ?, ?, ?, ?)", batch)
            if progress:
                progress(min(start + BATCH, len(todo)), len(todo))
        if gone:
            with link.writing() as conn:
                conn.executemany("DELETE FROM posts WHERE id = ?", gone)
                conn.executemany("DELETE FROM told WHERE id = ?", gone)
        by_id = {post.id: post for post in posts}
        told = _Told(link, stamps, texts)
        card = Scorecard(told_of=told.told_of)
        for post_id, voice, report_year, placed in link.query("SELECT id, voice, report_year, placed FROM posts"):
            post = by_id.get(post_id)
            if post is not None:
                source = _source(post)
                card.add_placed(source, _restored(source, placed), voice, report_year)
        rows = card.rows(today)
        told.save(link)
        return rows

    # -- reading --------------------------------------------------------------------------------

    def _verdicts(self) -> dict[str, int]:
        """How many rows of each verdict are kept (all verdicts, in their order)."""
        kept = self.link.query("SELECT value FROM meta WHERE key = 'verdicts'")
        counts = json.loads(kept[0][0]) if kept else [0] * len(VERDICTS)
        return dict(zip(VERDICTS, counts))

    def count(self) -> int:
        """How many rows are kept."""
        return sum(self._verdicts().values())

    def view(self, words: str = "", sort: str = "entity", reverse: bool = False) -> View:
        """The rows holding every word typed (云川 gdp 2023: entity, metric, years, verdict), sorted by a
        column (ties in the scorecard's order)."""
        wanted = [normalize(word) for word in words.split()]
        if not wanted and sort == "entity":  # every row in the order kept: rids 1..n, no query
            verdicts = self._verdicts()
            rids = list(range(1, sum(verdicts.values()) + 1))
            return View(rids[::-1] if reverse else rids, verdicts)
        where = " AND ".join("instr(haystack, ?)" for _ in wanted) or "1"
        order = ", ".join(f"{column} {'DESC' if reverse else 'ASC'}" for column in SORTS[sort].split(", "))
        found = self.link.query(f"SELECT rid, verdict_rank FROM lines WHERE {where} ORDER BY {order}, rid", wanted)
        ranks = Counter(rank for _rid, rank in found)
        return View([rid for rid, _rank in found], {verdict: ranks[i] for i, verdict in enumerate(VERDICTS)})

    def lines(self, rids: list[int]) -> list[ScoreLine]:
        """The rows with these rids, in the same order (missing ones left out)."""
        found: dict[int, ScoreLine] = {}
        for start in range(0, len(rids), 500):
            chunk = rids[start:start + 500]
            for values in self.link.query(f"SELECT {', '.join(_LINE_COLUMNS)} FROM lines WHERE rid IN "
                                          f"({', '.join('?' * len(chunk))})", chunk):
                found[values[0]] = ScoreLine(*values)
        return [found[rid] for rid in rids if rid in found]

    def series(self, line: ScoreLine) -> list[ScoreLine]:
        """Every row of one line's entity, metric and unit, oldest first."""
        rids = [rid for (rid,) in self.link.query(
            "SELECT rid FROM lines WHERE entity_key = ? AND metric_key = ? AND unit IS ? ORDER BY last, first, rid",
            (line.entity_key, line.metric_key, line.unit))]
        return self.lines(rids)


def _stamp(post: PostRow) -> str:
    # a post whose items the index has not extracted yet is placed again once it has them
    return f"{post.rowid}:{post.size}:{post.mtime_ns}" + (":pending" if post.n_target is None else "")


def _source(post: PostRow) -> Source:
    day = datetime.fromisoformat(post.date) if post.date else None
    return Source(post.id, post.path, post.title or post.label, day, post.rowid)


class _TextCache:
    """Posts' texts read again (for a report's opening lines and results told in words), each once a build."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.texts: dict[int, str | None] = {}

    def text_of(self, source: Source) -> str | None:
        if source.rowid is None:
            return None
        if source.rowid not in self.texts:
            self.texts[source.rowid] = self._read(source.rowid)
        return self.texts[source.rowid]

    def _read(self, rowid: int) -> str | None:
        from newsreader.article import load_article

        row = self.index.get(rowid)
        if row is None:
            return None
        try:
            return load_article(row, self.index).doc.text
        except Exception:  # noqa: BLE001 - a post that cannot be read again tells nothing more
            return None


class _Told:
    """What each work report tells in words only (`qualitative.told_in_words`), kept per post: a report's
    text is read the first time a target needs it, and not again while the post is unchanged."""

    def __init__(self, link: _Link, stamps: dict[str, str], texts: _TextCache) -> None:
        self.stamps = stamps
        self.texts = texts
        self.kept: dict[str, tuple[str, str]] = {post_id: (stamp, statements) for post_id, stamp, statements
                                                 in link.query("SELECT id, stamp, statements FROM told")}
        self.read: dict[str, dict[str, Told]] = {}
        self.new: list[tuple[str, str, str]] = []

    def told_of(self, source: Source) -> dict[str, Told]:
        found = self.read.get(source.id)
        if found is not None:
            return found
        stamp = self.stamps.get(source.id, "")
        kept = self.kept.get(source.id)
        if kept is not None and kept[0] == stamp:
            found = {key: (start, sentence) for key, (start, sentence) in json.loads(kept[1]).items()}
        else:
            found = told_in_words(self.texts.text_of(source) or "")
            self.new.append((source.id, stamp, json.dumps(found, ensure_ascii=False)))
        self.read[source.id] = found
        return found

    def save(self, link: _Link) -> None:
        """Keep what was read this time."""
        if self.new:
            with link.writing() as conn:
                conn.executemany("INSERT OR REPLACE INTO told (id, stamp, statements) VALUES (?, ?, ?)", self.new)
            self.new = []


def _placed_row(post: PostRow, index: Index, texts: _TextCache) -> tuple:
    """The posts table's row for one post: its stamp, voice, report year and placed items."""
    source = _source(post)
    items = []
    if post.n_target or post.n_achieved:  # those with a canonical metric (the index keeps each item's key)
        items = [item for item in index.items(post.rowid) if item.metric_key]
    voice = post_speaker(source.title, lambda: texts.text_of(source))
    placed, report_year = place_post(source, items, voice)
    kept = [[*(getattr(p.item, name) for name in _ITEM_FIELDS), p.entity, p.entity_key, p.period.first,
             p.period.last, p.period.averaged] for p in placed]
    return (post.id, _stamp(post), voice, report_year, json.dumps(kept, ensure_ascii=False, separators=(",", ":")))


def _restored(source: Source, placed: str) -> list[Placed]:
    """A post's placed items as kept."""
    n = len(_ITEM_FIELDS)
    out = []
    for values in json.loads(placed):
        item = Target(**dict(zip(_ITEM_FIELDS, values[:n])), sentence="")
        entity, key, first, last, averaged = values[n:]
        out.append(Placed(source, item, entity, key, item.metric_key or "", Period(first, last, averaged)))
    return out


def _line_values(rid: int, row: Row) -> tuple:
    """A row as the lines table keeps it."""
    from newsreader.scorecard.fields import metric_words

    target, result, statement = row.target, row.result, row.statement
    revisions = [[r.item.text, r.post.rowid, r.item.start, r.item.end, r.post.date.isoformat() if r.post.date else None]
                 for r in row.revisions]
    result_side = (result.post.rowid, result.item.start, result.item.end) if result is not None else \
        (statement.post.rowid, statement.start, statement.start + len(statement.sentence)) if statement is not None \
        else (None, None, None)
    name = indicator_name(row.metric_key) or row.metric_key
    haystack = normalize(f"{row.entity} {target.entity_key} {row.metric_key} {name} {metric_words(row)} "
                         f"{target.period.years} {row.verdict}")
    return (rid, row.verdict, row.entity, target.entity_key, row.metric_key, target.period.first, target.period.last,
            target.period.averaged, target.item.text, result.item.text if result else None, row.bound.kind,
            row.bound.value, row.bound.low, row.bound.high, row.bound.unit, row.delta, row.result_value, row.note,
            target.post.rowid, target.item.start, target.item.end, *result_side,
            statement.sentence if statement else None, json.dumps(revisions, ensure_ascii=False) if revisions else "",
            VERDICTS.index(row.verdict), name, haystack)
