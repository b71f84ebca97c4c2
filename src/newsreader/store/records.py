"""The per-post work of indexing: read, render to plain text, extract numeric items.

This runs in worker processes during a cold index, so it takes and returns plain data.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field

from newsreader.corpus import NotAPost, PostError, Skipped, SourceFile, load_post
from newsreader.corpus.dates import sort_key
from newsreader.corpus.post import Post
from newsreader.render import parse_body
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


#: One analysed post as the index writes it: (posts columns, search title, search body,
#: [(kind, name)], [(seq, item columns...)], [(seq, sentence)]); an item's sentence column is
#: the seq of its sentence. Plain tuples pickle several times faster than the dataclasses
#: they come from, and the pool sends one per post back to the writer.
Row = tuple[tuple, str, str, list[tuple[str, str]], list[tuple], list[tuple[int, str]]]


def to_row(record: Record) -> Row:
    """The values the index stores for one record (see `Row`)."""
    p = record.post
    items = record.items
    n_target = sum(1 for t in items if t.kind == "target")
    post = (p.id, p.path, p.size, p.mtime_ns, p.title, record.label, p.date_iso(), record.sort_key,
            p.date.year if p.date else None, json.dumps(p.categories, ensure_ascii=False),
            json.dumps(p.category_paths, ensure_ascii=False), json.dumps(p.tags, ensure_ascii=False),
            json.dumps(p.warnings, ensure_ascii=False), n_target, len(items) - n_target)
    names = [("c", c) for c in p.category_paths] + [("t", t) for t in p.tags]
    sentences: dict[str, int] = {}
    rows = [(seq, t.text, t.start, t.end, sentences.setdefault(t.sentence, len(sentences)), t.kind, t.metric,
             t.entity, t.value, t.unit, t.low, t.high, t.comparator, t.relation, t.horizon)
            for seq, t in enumerate(items)]
    stored = (post[:2] + post[4:], record.search_title, record.search_body, names, rows,
              [(n, s) for s, n in sentences.items()])
    return (*post, digest(stored)), *stored[1:]


def digest(values: tuple) -> int:
    """A 64-bit digest of what the index stores about a post: a post read again whose digest is
    the one stored is not written again (a file touched, or read again to be sure)."""
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
