"""Building a scorecard from posts read directly, or from the cache index.

From posts, every item is extracted here (the tests and small folders). From the index,
the items come from the cache: the items with a canonical metric, and for a result told in
words only the later reports are read again (few posts: one report of an entity and year).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from newsreader.scorecard.model import Source
from newsreader.scorecard.pairing import Scorecard

if TYPE_CHECKING:
    from newsreader.corpus.post import Post
    from newsreader.store.index import Index, PostRow

LEAD_CHARS = 400  # the opening of a post read for the government it speaks for


def from_posts(posts: Iterable[Post]) -> Scorecard:
    """A scorecard of posts read from files (their items extracted here)."""
    from newsreader.render import parse_body
    from newsreader.targets import extract

    texts: dict[str, str] = {}
    card = Scorecard(text_of=lambda source: texts.get(source.path))
    for post in posts:
        text = parse_body(post.body).text
        texts[post.path] = text
        source = Source(post.id, post.path, post.title, post.date)
        card.add(source, extract(text, date=post.date, title=post.title), text[:LEAD_CHARS])
    return card


def from_paths(paths: list[str]) -> Scorecard:
    """A scorecard of the posts under these paths, read directly."""
    from newsreader.corpus import load_paths

    posts, _skipped = load_paths(paths)
    return from_posts(posts)


def source_of(row: PostRow) -> Source:
    """A post of the index as the scorecard cites it."""
    day = datetime.fromisoformat(row.date) if row.date else None
    return Source(row.id, row.path, row.title or row.label, day, row.rowid)


def from_index(index: Index) -> Scorecard:
    """A scorecard of the items the index holds."""
    from newsreader.targets.vocabulary import canonical_metric

    by_post: dict[int, tuple[PostRow, list]] = {}
    for row, item in index.all_items():
        item.metric_key = item.metric_key or canonical_metric(item.metric)
        if item.metric_key:
            by_post.setdefault(row.rowid, (row, []))[1].append(item)

    def text_of(source: Source) -> str | None:
        from newsreader.article import load_article

        row = index.get(source.rowid) if source.rowid is not None else None
        if row is None:
            return None
        try:
            return load_article(row, index).doc.text
        except Exception:  # noqa: BLE001 - a post that cannot be read again tells nothing in words
            return None

    card = Scorecard(text_of=text_of)
    for row, items in by_post.values():
        card.add(source_of(row), items, row.label)
    return card
