"""One article ready to show: its file read afresh, rendered, with its numeric items.

Headless glue shared by `newsreader show` and the reader's article pane, so both print
the same lines.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsreader.corpus import PostError, load_post, source_file
from newsreader.corpus.categories import SEPARATOR, leaf_paths
from newsreader.corpus.post import Post
from newsreader.render import Document, Line, Mark, layout, layout_header, parse_body
from newsreader.store.index import Index, PostRow
from newsreader.targets.model import Target


@dataclass(slots=True)
class Article:
    """A post opened for reading."""

    row: PostRow
    post: Post
    doc: Document
    items: list[Target]
    stale: bool  # the file changed since it was indexed (items were extracted afresh)

    @property
    def items_pending(self) -> bool:
        """Whether the index holds no items for this post as it is: its file changed since it was indexed,
        or the index's second pass has not extracted them yet (either way they are extracted afresh)."""
        return self.stale or self.row.n_target is None

    @property
    def body(self) -> str:
        return self.post.body

    def source_url(self) -> str | None:
        """The article's source: its first bare autolink (`<http://…>`), else None."""
        for link in self.doc.links:
            if not link.is_image and link.text.strip() in (link.url, link.url.replace("https://", "http://", 1)):
                return link.url
        return None

    def meta(self) -> list[tuple[str, str]]:
        """The header's fields after the title."""
        fields = [("日期", self.post.date.isoformat(sep=" ") if self.post.date else "undated")]
        if self.post.category_paths:  # 金融›新浪财经 for a hierarchy; flat names as they are
            paths = leaf_paths(self.post.category_paths)
            fields.append(("分类", " ".join(path.replace(SEPARATOR, "›") for path in paths)))
        if self.post.tags:
            fields.append(("标签", " ".join(self.post.tags)))
        source = self.source_url()
        if source:
            fields.append(("来源", source))
        fields.append(("文件", self.row.id))
        for warning in self.post.warnings:
            fields.append(("注意", warning))
        return fields

    def header_lines(self, width: int) -> list[Line]:
        """Title and metadata laid out at `width` cells."""
        return layout_header(self.post.title or self.row.label, self.meta(), width)

    def body_lines(self, width: int, marks: Sequence[Mark] = ()) -> list[Line]:
        """Body and link list laid out at `width` cells, with `marks` highlighted."""
        return layout(self.doc, width, marks)

    def lines(self, width: int, marks: Sequence[Mark] = ()) -> list[Line]:
        """Header, body and link list: what the article pane and `newsreader show` print."""
        return self.header_lines(width) + self.body_lines(width, marks)

    def plain_text(self, width: int) -> str:
        """The lines as plain text, one per line: what `newsreader show` prints, and the reader pipes or saves."""
        return "".join(line.plain + "\n" for line in self.lines(width))


def read_article(row: PostRow) -> Article:
    """Read a post's file and render it, its items not yet found; raises PostError when it cannot be read."""
    try:
        st = os.stat(row.path)
    except OSError as exc:
        raise PostError(f"{row.path}: {(exc.strerror or 'cannot be read').lower()}") from None
    post = load_post(source_file(row.path, row.id, st.st_size, st.st_mtime_ns))
    # Categories and the date depend on how the source was given: keep what the index saw.
    post.categories, post.category_paths = row.categories, row.category_paths
    post.date = datetime.fromisoformat(row.date) if row.date else None
    doc = parse_body(post.body)
    stale = (st.st_size, st.st_mtime_ns) != (row.size, row.mtime_ns)
    return Article(row, post, doc, [], stale)


def extract_items(article: Article) -> tuple[list[Target], str | None]:
    """The article's items extracted afresh (under the index's budget), and a warning if cut short or failed."""
    from newsreader.targets import extract_reported  # the rules load on use

    items, warnings = extract_reported(article.doc.text, article.post.date, article.post.title)
    return items, warnings[0] if warnings else None


def load_article(row: PostRow, index: Index | None = None) -> Article:
    """Read a post's file and render it, with its items (from the index, unless the file changed since or
    the index has not extracted them yet)."""
    article = read_article(row)
    if index is not None and not article.items_pending:
        article.items = index.items(row.rowid)
    else:
        article.items, warning = extract_items(article)
        if warning:
            article.post.warnings.append(warning)
    return article
