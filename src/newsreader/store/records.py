"""The per-post work of indexing, in two passes, on plain data (it runs in worker processes).

The first pass reads and renders each changed post: what lists it and finds it (`analyze`,
`to_row`). The second extracts its numeric items from the text the first pass kept
(`extract_rows`): the slow part, which the reader does not wait for.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import NamedTuple

from newsreader.corpus import NotAPost, PostError, Skipped, SourceFile, load_post
from newsreader.corpus.dates import sort_key
from newsreader.corpus.post import Post
from newsreader.render import parse_body
from newsreader.store.schema import ITEM_FIELDS, ITEMS, NAMES, POSTS, TEXTS, pack_text, unpack_text
from newsreader.store.search import indexed
from newsreader.targets import extract_reported
from newsreader.targets.model import Target

LABEL_CHARS = 60


@dataclass(slots=True)
class Record:
    """What the first pass keeps of one post: its metadata, the label the list shows, its text."""

    post: Post
    label: str
    text: str  # the article's plain text, as the article pane shows it

    @property
    def sort_key(self) -> float | None:
        return sort_key(self.post.date)


def label_for(title: str, text: str, path: str) -> str:
    """What a list shows for a post: its title, else its first words, else its file name."""
    if title.strip():
        return " ".join(title.split())
    for line in text.splitlines():
        words = " ".join(line.split())
        if words:
            return words[:LABEL_CHARS] + ("…" if len(words) > LABEL_CHARS else "")
    return os.path.basename(path)


def analyze(source: SourceFile) -> Record:
    """Read and render one post file; raises PostError when it cannot be read at all."""
    post = load_post(source)
    if not post.title:
        post.warnings.append("title is empty")
    # A bug in rendering must not hide the post: it is listed with a warning.
    try:
        doc = parse_body(post.body)
        text = doc.text
        if doc.truncated:
            post.warnings.append("body is too long to show in full: the end is left out")
        if doc.fallback:
            post.warnings.append("body could not be parsed as HTML: shown as plain text")
    except Exception as exc:  # noqa: BLE001 - a safety net; the reason is kept
        post.warnings.append(f"body could not be rendered ({type(exc).__name__})")
        text = ""
    return Record(post=post, label=label_for(post.title, text, post.path), text=text)


class Row(NamedTuple):
    """One post of the first pass as the index writes it: for each table of `schema.PER_POST`,
    its rows, and what the full-text tables index (`search.indexed`).

    Each row is a plain tuple of the table's `columns` (the writer adds the post's rowid in
    front): plain tuples pickle several times faster than the dataclasses they come from,
    and the process pool sends one `Row` per post back to the writer.
    """

    posts: list[tuple]
    texts: list[tuple]
    names: list[tuple]
    search: tuple[str, str]


def to_row(record: Record) -> Row:
    """The values the index stores for one record (see `Row`); its items are still to come (None)."""
    post = record.post
    content: dict[str, object] = {
        "id": post.id, "path": post.path, "title": post.title, "label": record.label, "date": post.date_iso(),
        "sort_key": record.sort_key, "year": post.date.year if post.date else None,
        "categories": json.dumps(post.categories, ensure_ascii=False),
        "category_paths": json.dumps(post.category_paths, ensure_ascii=False),
        "tags": json.dumps(post.tags, ensure_ascii=False), "warnings": json.dumps(post.warnings, ensure_ascii=False)}
    names = [NAMES.row(kind="c", name=path) for path in post.category_paths] + [
        NAMES.row(kind="t", name=tag) for tag in post.tags]
    posts = POSTS.row(size=post.size, mtime_ns=post.mtime_ns, n_target=None, n_achieved=None,
                      digest=digest((sorted(content.items()), record.text, names)), **content)
    return Row(posts=[posts], texts=[TEXTS.row(text=pack_text(record.text))], names=names,
               search=indexed(post.title, record.text))


def digest(values: tuple) -> int:
    """A 64-bit digest of what the index stores about a post (its items follow from its text, date
    and title): a post read again whose digest is the one stored is not written again (its file
    touched, or read again to be sure)."""
    blob = repr(values).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(blob, digest_size=8).digest(), "big", signed=True)


def analyze_rows(sources: list[SourceFile]) -> list[Row | Skipped]:
    """analyze_batch() as the index's rows (one task of the process pool)."""
    return [r if isinstance(r, Skipped) else to_row(r) for r in analyze_batch(sources)]


def analyze_batch(sources: list[SourceFile]) -> list[Record | Skipped]:
    """Analyse several files (one task of the process pool); failures and drafts become Skipped."""
    out: list[Record | Skipped] = []
    for source in sources:
        try:
            record = analyze(source)
            record.post.body = ""  # the index does not keep bodies: do not ship them back
            out.append(record)
        except PostError as exc:
            out.append(Skipped(source.path, str(exc)))
        except NotAPost as exc:  # still sent back: a post that became a draft leaves the index
            out.append(Skipped(source.path, str(exc), quiet=True))
        except MemoryError:
            out.append(Skipped(source.path, "too large to read"))
    return out


# -- the second pass: numeric items ------------------------------------------------------------

#: A post whose items are wanted: (rowid, digest, date as stored, title, packed text).
Job = tuple[int, int, str | None, str, bytes]
#: Its items: (rowid, digest, item rows of `schema.ITEMS`, targets, achieved, new warnings).
Extracted = tuple[int, int, list[tuple], int, int, list[str]]

_item_values = attrgetter(*ITEM_FIELDS)


def extract_rows(jobs: list[Job]) -> list[Extracted]:
    """The numeric items of several posts (one task of the process pool)."""
    out: list[Extracted] = []
    for rowid, post_digest, date, title, packed in jobs:
        text = unpack_text(packed)
        items, warnings = extract_reported(text, datetime.fromisoformat(date) if date else None, title)
        n_target = sum(1 for item in items if item.kind == "target")
        out.append((rowid, post_digest, item_rows(text, items), n_target, len(items) - n_target, warnings))
    return out


def item_rows(text: str, items: list[Target]) -> list[tuple]:
    """The items as rows of `schema.ITEMS`: where their sentences stand in `text`, their fields."""
    rows = []
    for seq, item in enumerate(items):
        start = text.find(item.sentence, max(0, item.end - len(item.sentence))) if item.sentence else -1
        bounds = (start, start + len(item.sentence)) if 0 <= start <= item.start else (item.start, item.end)
        rows.append(ITEMS.row(seq=seq, sentence_start=bounds[0], sentence_end=bounds[1],
                              **dict(zip(ITEM_FIELDS, _item_values(item)))))
    return rows
