"""The document model: blocks of styled runs over one plain-text projection."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text


@dataclass(slots=True, frozen=True)
class Run:
    """A span of `Document.text` with one set of inline styles."""

    start: int
    end: int
    styles: frozenset[str] = frozenset()  # of "bold", "italic", "code", "link", "strike"
    link: int | None = None  # 1-based number of the link in Document.links


@dataclass(slots=True)
class Block:
    """One block of the article; its text is `Document.text[start:end]`."""

    kind: str  # "heading", "paragraph", "quote", "list_item", "table", "rule", "image" or "code"
    start: int
    end: int
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # heading level (1-6) or list depth (1 = outermost)
    quote_depth: int = 0  # how many blockquotes enclose the block
    emphasis: bool = False  # a paragraph whose text is entirely bold: a section heading
    marker: str = ""  # list item marker ("•", "3."); "" for a continuation
    image_link: int | None = None  # image blocks: number of the image URL in Document.links
    rows: list[list[tuple[int, int]]] = field(default_factory=list)  # tables: cell offsets
    header_rows: int = 0  # tables: how many leading rows are header rows


@dataclass(slots=True, frozen=True)
class Link:
    """A link or image URL, numbered as its footnote."""

    number: int
    url: str
    text: str = ""
    is_image: bool = False


@dataclass(slots=True)
class Document:
    """A parsed article body: plain text, the blocks over it, and its links."""

    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    truncated: bool = False  # the body was longer than the renderer accepts
    fallback: bool = False  # the parser failed and the text was extracted without structure

    def to_dict(self) -> dict:
        """A JSON-ready dict: plain text, links and block outline."""
        return {
            "text": self.text,
            "truncated": self.truncated,
            "fallback": self.fallback,
            "links": [
                {"number": link.number, "url": link.url, "text": link.text, "is_image": link.is_image}
                for link in self.links
            ],
            "blocks": [
                {"kind": b.kind, "start": b.start, "end": b.end, "level": b.level,
                 "quote_depth": b.quote_depth, "emphasis": b.emphasis}
                for b in self.blocks
            ],
        }


StyleLike = str | Style


@dataclass(slots=True, frozen=True)
class Mark:
    """A span of `Document.text` to overlay a style on (targets, search hits)."""

    start: int
    end: int
    style: StyleLike = "reverse"


@dataclass(slots=True)
class Line:
    """One laid-out terminal line and the `Document.text` offsets it shows."""

    text: Text
    start: int
    end: int
    block: int = -1  # index into Document.blocks; -1 for decoration (separators, link list)
    # A table grid's line shows a piece of each cell: their (start, end) offsets, since the
    # line's own start..end then spans text that other lines of the row show.
    pieces: tuple[tuple[int, int], ...] = ()

    def shows(self, offset: int) -> bool:
        """Whether the line shows the document text at `offset`."""
        if self.pieces:
            return any(start <= offset < end for start, end in self.pieces)
        return self.start <= offset < self.end

    @property
    def plain(self) -> str:
        """The line's characters without styles."""
        return self.text.plain
