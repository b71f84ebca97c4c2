"""The per-post work of indexing: read, render to plain text, extract numeric items.

This runs in worker processes during a cold index, so it takes and returns plain data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from newsreader.corpus import PostError, Skipped, SourceFile, load_post
from newsreader.corpus.dates import sort_key
from newsreader.corpus.post import Post
from newsreader.render import parse_body
from newsreader.store.search import index_text
from newsreader.targets import extract
from newsreader.targets.model import Target

LABEL_CHARS = 60


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
    try:
        items = extract(text, date=post.date, title=post.title)
    except Exception as exc:  # noqa: BLE001
        post.warnings.append(f"numeric items could not be extracted ({type(exc).__name__})")
        items = []
    return Record(
        post=post,
        label=label_for(post.title, text, post.path),
        search_title=index_text(post.title),
        search_body=index_text(text),
        items=items,
    )


def analyze_batch(sources: list[SourceFile]) -> list[Record | Skipped]:
    """Analyse several files (one task of the process pool); failures become Skipped."""
    out: list[Record | Skipped] = []
    for source in sources:
        try:
            record = analyze(source)
            record.post.body = ""  # the index does not keep bodies: do not ship them back
            out.append(record)
        except PostError as exc:
            out.append(Skipped(source.path, str(exc)))
        except MemoryError:
            out.append(Skipped(source.path, "too large to read"))
    return out
