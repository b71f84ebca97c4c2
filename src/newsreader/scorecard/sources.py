"""Building a scorecard from posts read directly (their items extracted here: tests, small folders),
and the sentences of a scorecard built from the cache index (`cache` keeps none)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsreader.scorecard.model import Row, Source
from newsreader.scorecard.pairing import Scorecard
from newsreader.scorecard.qualitative import told_in_words
from newsreader.scorecard.speaker import post_speaker

if TYPE_CHECKING:
    from newsreader.corpus.post import Post
    from newsreader.store.index import Index



def from_posts(posts: Iterable[Post]) -> Scorecard:
    """A scorecard of posts read from files (their items extracted here)."""
    from newsreader.render import parse_body
    from newsreader.targets import extract

    texts: dict[str, str] = {}
    card = Scorecard(told_of=lambda source: told_in_words(texts.get(source.path, "")))
    for post in posts:
        text = parse_body(post.body).text
        texts[post.path] = text
        source = Source(post.id, post.path, post.title, post.date)
        voice = post_speaker(post.title, lambda: text)  # noqa: B023 - called here, before the loop moves on
        card.add(source, extract(text, date=post.date, title=post.title), voice)
    return card


def from_paths(paths: list[str]) -> Scorecard:
    """A scorecard of the posts under these paths, read directly."""
    from newsreader.corpus import load_paths

    posts, _skipped = load_paths(paths)
    return from_posts(posts)


def with_sentences(rows: list[Row], index: Index) -> list[Row]:
    """The rows with the sentences of their figures read from the index (the kept scorecard has none)."""
    wanted = [placed for row in rows for placed in (row.target, row.result, *row.revisions) if placed is not None]
    sentences: dict[int, dict[tuple[int, int], str]] = {}
    for placed in wanted:
        rowid = placed.post.rowid
        if rowid is None or placed.item.sentence:
            continue
        if rowid not in sentences:
            sentences[rowid] = {(item.start, item.end): item.sentence for item in index.items(rowid)}
        placed.item.sentence = sentences[rowid].get((placed.item.start, placed.item.end), "")
    return rows
