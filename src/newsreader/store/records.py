"""The per-post work of indexing: read, render to plain text, extract numeric items.

This runs in worker processes during a cold index, so it takes and returns plain data.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from newsreader.corpus import NotAPost, PostError, Skipped, SourceFile, load_post
from newsreader.corpus.dates import sort_key
from newsreader.corpus.post import Post
from newsreader.render import parse_body
from newsreader.store.schema import ITEM_FIELDS, NAMES, POSTS, SENTENCES, TEXTS
from newsreader.store.search import index_text
from newsreader.targets import Budget, budget_cut, extract, extraction_failed
from newsreader.targets.model import Target

LABEL_CHARS = 60

# Full-width ASCII forms, the ideographic space and the ellipsis, mapped to their compatibility
# decompositions (what NFKC makes of them anyway). Chinese text is full of ，（）：％, and NFKC is
# quick only on text that needs no change: folded first, 99 % of the bench posts pass its quick
# check, which halves the cost of index_text(). NFKD(folded) == NFKD(text), so the result is equal.
_COMPAT = {chr(c): unicodedata.normalize("NFKD", chr(c)) for c in [*range(0xFF01, 0xFF5F), 0x3000, 0x2026]}
_COMPAT_RE = re.compile("[\uff01-\uff5e\u3000\u2026]")


@dataclass(slots=True)
class Record:
    """Everything the index stores about one post."""

    post: Post
    label: str
    search_title: str
    search_body: str
    items: list[Target] = field(default_factory=list)

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


def search_text(text: str) -> str:
    """index_text(text), computed faster: common compatibility characters are folded first."""
    return index_text(_COMPAT_RE.sub(_fold, text))


def _fold(m: re.Match) -> str:
    return _COMPAT[m.group()]


def analyze(source: SourceFile) -> Record:
    """Read and analyse one post file; raises PostError when it cannot be read at all."""
    post = load_post(source)
    if not post.title:
        post.warnings.append("title is empty")
    # A bug in rendering or extraction must not hide the post: it is listed with a warning.
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
    budget = Budget()
    try:
        items = extract(text, date=post.date, title=post.title, budget=budget)
        if budget.cut:
            post.warnings.append(budget_cut(len(items), budget.items, budget.seconds))
    except Exception as exc:  # noqa: BLE001 - a bug in the rules: the post stays, the index reports it
        post.warnings.append(extraction_failed(exc))
        items = []
    return Record(
        post=post,
        label=label_for(post.title, text, post.path),
        search_title=search_text(post.title),
        search_body=search_text(text),
        items=items,
    )


class Row(NamedTuple):
    """One analysed post as the index writes it: for each table of `schema.PER_POST`, its rows.

    Each row is a plain tuple of the table's `columns` (the writer adds the post's rowid in
    front): plain tuples pickle several times faster than the dataclasses they come from,
    and the process pool sends one `Row` per post back to the writer.
    """

    posts: list[tuple]
    texts: list[tuple]
    names: list[tuple]
    items: list[tuple]
    sentences: list[tuple]


_item_values = attrgetter(*ITEM_FIELDS)


def to_row(record: Record) -> Row:
    """The values the index stores for one record (see `Row`)."""
    post = record.post
    items = record.items
    n_target = sum(1 for item in items if item.kind == "target")
    posts = POSTS.row(
        id=post.id, path=post.path, size=post.size, mtime_ns=post.mtime_ns, title=post.title, label=record.label,
        date=post.date_iso(), sort_key=record.sort_key, year=post.date.year if post.date else None,
        categories=json.dumps(post.categories, ensure_ascii=False),
        category_paths=json.dumps(post.category_paths, ensure_ascii=False), tags=json.dumps(post.tags, ensure_ascii=False),
        warnings=json.dumps(post.warnings, ensure_ascii=False), n_target=n_target, n_achieved=len(items) - n_target)
    names = [NAMES.row(kind="c", name=path) for path in post.category_paths] + [
        NAMES.row(kind="t", name=tag) for tag in post.tags]
    sentences: dict[str, int] = {}
    # (seq, sentence, *ITEM_FIELDS) is how schema.ITEMS orders its columns; attrgetter is the quick way.
    item_rows = [(seq, sentences.setdefault(item.sentence, len(sentences)), *_item_values(item))
                 for seq, item in enumerate(items)]
    return Row(posts=[posts], texts=[TEXTS.row(title=record.search_title, body=record.search_body)], names=names,
               items=item_rows, sentences=[SENTENCES.row(seq=seq, text=text) for text, seq in sentences.items()])


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
