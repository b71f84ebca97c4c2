"""Turn (possibly broken) HTML into the block model, repairing it the way browsers do.

A streaming converter on top of the standard library's lenient tokenizer: no
tree is built, so nesting depth costs nothing and nothing recurses. Repairs
follow the HTML parsing rules where they matter for reading:

- a block tag closes the open paragraph; `</p>` with no open paragraph is ignored;
- inline formatting (`<strong>`, `<em>`, …) stays active across block boundaries
  until it is closed, as a browser's "active formatting elements" do, so the
  mis-nested `<p><strong>X</p><p></strong>Y</p>` gives a bold X and a plain Y;
- stray end tags are ignored, and a new `<a>` closes an open one;
- `<script>`, `<style>`, `<iframe>`, comments and the like are dropped, and so are feed
  mirrors' share, ad and QR blocks and tracking pixels (see boilerplate.py).
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from .boilerplate import is_boilerplate_block, is_inline_data, is_tracking_pixel, unproxied
from .model import Block, Document, Link, Run
from .sanitize import sanitize
from .urls import normalize_url
from .whitespace import Chunk, Piece, collapse, preformatted

SKIPPED = frozenset(
    {"script", "style", "iframe", "noscript", "template", "svg", "math", "title",
     "textarea", "select", "noembed", "noframes", "applet", "audio", "video",
     "canvas", "map", "frameset", "object"}
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
     "param", "source", "track", "wbr", "keygen", "image"}
)
INLINE_STYLE = {
    "strong": "bold", "b": "bold",
    "em": "italic", "i": "italic", "cite": "italic", "var": "italic", "dfn": "italic",
    "code": "code", "kbd": "code", "samp": "code", "tt": "code",
    "s": "strike", "strike": "strike", "del": "strike",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
PLAIN_BLOCKS = frozenset(
    {"p", "div", "center", "section", "article", "header", "footer", "main", "aside",
     "nav", "figure", "figcaption", "address", "details", "summary", "dl", "dt", "dd",
     "form", "fieldset", "legend", "hgroup", "body", "html", "head", "listing", "xmp",
     "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup"}
)
LISTS = frozenset({"ul", "ol", "menu", "dir"})
TABLE_CELL_SEPARATOR = " | "
MAX_TABLE_COLUMNS = 64  # cells beyond this join the last column
MAX_ROW_SPAN = 1000  # a rowspan larger than this is cut (hostile input)

# `<http://…>` written inside a raw HTML block is an autolink to kramdown, but an
# unknown tag to an HTML parser (html2text drops it). Turn it into a real anchor.
# White space that sanitize() keeps as it is and collapse() drops at the start of a block.
_BLANK_DATA = " \t\n\xa0"

_RAW_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>\"'`]{1,4096})>", re.IGNORECASE)


def autolinks_to_anchors(html: str) -> str:
    """Rewrite raw `<http://…>` autolinks as `<a href>` anchors."""
    if "://" not in html:
        return html
    return _RAW_AUTOLINK.sub(
        lambda m: f'<a href="{escape(m.group(1))}">{escape(m.group(1), quote=False)}</a>', html
    )


def _span(attrs: list[tuple[str, str | None]], name: str, limit: int) -> int:
    """A cell's colspan or rowspan, 1 when absent or not a number, at most `limit`."""
    value = next((v for k, v in attrs if k == name), None)
    try:
        return max(1, min(limit, int(str(value).strip())))
    except ValueError:
        return 1


class _Table:
    """Rows of cells (each a list of pieces) collected while inside a <table>.

    Cells are placed on a grid as a browser does: a cell spanning several columns or rows
    leaves empty cells in the places it covers, so that every row has a cell under each
    column heading (the extractor reads the headings of a column by its position).
    """

    __slots__ = ("rows", "row_is_header", "in_head", "caption", "in_caption", "_covered", "_cell")

    def __init__(self) -> None:
        self.rows: list[list[list[Piece]]] = []
        self.row_is_header: list[bool] = []
        self.in_head = False
        self.caption: list[Piece] = []  # shown as a paragraph above the table
        self.in_caption = False
        self._covered: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        self._cell: list[Piece] | None = None  # the cell being filled

    def new_row(self) -> None:
        self.in_caption = False
        if self.rows:
            self._fill_covered(self.rows[-1])
        self.rows.append([])
        self.row_is_header.append(self.in_head)
        self._cell = None

    def finish(self) -> None:
        """Close the last row (the columns a rowspan still covers at its end)."""
        if self.rows:
            self._fill_covered(self.rows[-1])

    def _fill_covered(self, row: list[list[Piece]]) -> None:
        """Add empty cells where a rowspan from above covers the row's next columns."""
        while len(row) < MAX_TABLE_COLUMNS and self._covered.get(len(row), 0) > 0:
            self._covered[len(row)] -= 1
            row.append([])

    def new_cell(self, header: bool, colspan: int = 1, rowspan: int = 1) -> None:
        self.in_caption = False
        if not self.rows:
            self.new_row()
        row = self.rows[-1]
        self._fill_covered(row)
        if len(row) >= MAX_TABLE_COLUMNS:
            row[-1].append(Piece(" ", frozenset(), None))
            self._cell = row[-1]
        else:
            first = len(row)
            self._cell = []
            row.append(self._cell)
            while len(row) < min(first + colspan, MAX_TABLE_COLUMNS):
                row.append([])  # the other columns it spans
            for column in range(first, len(row)) if rowspan > 1 else ():
                self._covered[column] = rowspan - 1
        if header and len(row) == 1:
            self.row_is_header[-1] = True
        elif not header:
            self.row_is_header[-1] = self.row_is_header[-1] and self.in_head

    def add(self, piece: Piece) -> None:
        if self.in_caption:
            self.caption.append(piece)
            return
        if self._cell is None:
            if piece.hard_break or not piece.text.strip():
                return  # white space between table tags
            self.new_cell(header=False)
        assert self._cell is not None
        self._cell.append(piece)


class BlockBuilder(HTMLParser):
    """Feed HTML, then `close()`; the result is in `document`."""

    def __init__(self, base_url: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.document = Document()
        self._parts: list[str] = []  # block texts, joined by "\n" at the end
        self._length = 0  # length of "\n".join(self._parts)
        self._links: list[list] = []  # [url, text, is_image]
        self._link_numbers: dict[str, int] = {}
        self._pieces: list[Piece] = []
        self._styles = {"bold": 0, "italic": 0, "code": 0, "strike": 0}
        self._style_set: frozenset[str] = frozenset()
        self._anchor: int | None = None  # number of the open <a>, if any
        self._skip: str | None = None
        self._skip_depth = 0
        self._quote_depth = 0
        self._lists: list[list] = []  # [tag, next number]
        self._in_item = 0
        self._marker: str | None = None  # marker for the next list block
        self._heading = 0
        self._pre = 0
        self._table: _Table | None = None
        self._table_depth = 0

    def updatepos(self, i: int, j: int) -> int:
        """Skip the tokenizer's line and column counting: nothing here reads getpos()."""
        return j

    # ----- tokenizer callbacks -------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element."""
        if self._skip is not None:
            if tag == self._skip:
                self._skip_depth += 1
            return
        if tag in SKIPPED or (attrs and tag not in VOID and is_boilerplate_block(attrs)):
            self._skip, self._skip_depth = tag, 1
            return
        style = INLINE_STYLE.get(tag)
        if style is not None:
            self._styles[style] += 1
            self._restyle()
        elif tag == "a":
            self._open_anchor(attrs)
        elif tag == "br":
            self._add(Piece("\n", self._style_set, self._anchor, hard_break=True))
        elif tag in ("img", "image"):
            self._image(attrs)
        elif self._table_depth and tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"):
            self._table_tag(tag, attrs)
        elif tag == "table":
            self._flush()
            self._table = _Table()
            self._table_depth = 1
        elif self._table_depth:
            if tag in PLAIN_BLOCKS or tag in HEADINGS or tag in ("li", "blockquote", "pre", "hr"):
                self._add(Piece("\n", self._style_set, self._anchor, hard_break=True))
        elif tag == "hr":
            self._flush()
            self._append_block(Block("rule", 0, 0), "")
        elif tag in HEADINGS:
            self._flush()
            self._heading = HEADINGS[tag]
        elif tag == "blockquote":
            self._flush()
            self._quote_depth += 1
        elif tag in LISTS:
            self._flush()
            start = 1
            for name, value in attrs:
                if name == "start" and value and value.strip().isdigit():
                    start = min(int(value.strip()), 10**6)
            self._lists.append([tag, start])
        elif tag == "li":
            self._flush()
            self._in_item += 1
            self._marker = self._next_marker()
        elif tag == "pre":
            self._flush()
            self._pre += 1
        elif tag in PLAIN_BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<x/>`: browsers ignore the slash on non-void elements."""
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        """Close an element; end tags with nothing to close are ignored."""
        if self._skip is not None:
            if tag == self._skip:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip = None
            return
        style = INLINE_STYLE.get(tag)
        if style is not None:
            if self._styles[style]:
                self._styles[style] -= 1
                self._restyle()
        elif tag == "a":
            if self._anchor is not None:
                self._anchor = None
                self._restyle()
        elif tag == "br":  # browsers read </br> as <br>
            self._add(Piece("\n", self._style_set, self._anchor, hard_break=True))
        elif self._table_depth and tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"):
            self._table_end(tag)
        elif self._table_depth:
            if tag in PLAIN_BLOCKS or tag in HEADINGS or tag in ("li", "blockquote", "pre"):
                self._add(Piece("\n", self._style_set, self._anchor, hard_break=True))
        elif tag in HEADINGS:
            self._flush()
            self._heading = 0
        elif tag == "blockquote":
            self._flush()
            self._quote_depth = max(0, self._quote_depth - 1)
        elif tag in LISTS:
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag == "li":
            self._flush()
            self._in_item = max(0, self._in_item - 1)
            self._marker = None
        elif tag == "pre":
            self._flush()
            self._pre = max(0, self._pre - 1)
        elif tag in PLAIN_BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        """Text: sanitized, then kept with the current inline state."""
        if self._skip is not None or not data:
            return
        if not self._pieces and self._table is None and not self._pre and not data.strip(_BLANK_DATA):
            return  # white space before a block's first text is dropped by collapse() anyway
        self._add(Piece(sanitize(data, newlines=True), self._style_set, self._anchor))

    def close(self) -> None:
        """Finish parsing and the last open block."""
        super().close()
        self._flush()
        if self._table is not None:
            self._finish_table()
        self._finish_document()

    # ----- inline state --------------------------------------------------------

    def _restyle(self) -> None:
        styles = {name for name, count in self._styles.items() if count}
        if self._anchor is not None:
            styles.add("link")
        self._style_set = frozenset(styles)

    def _open_anchor(self, attrs: list[tuple[str, str | None]]) -> None:
        href = next((v for k, v in attrs if k == "href" and v is not None), None)
        self._anchor = None
        if href is not None and href.strip():
            self._anchor = self._register_link(normalize_url(href, self.base_url), False)
        self._restyle()

    def _register_link(self, url: str, is_image: bool) -> int:
        number = self._link_numbers.get(url)
        if number is None:
            self._links.append([url, "", is_image])
            number = self._link_numbers[url] = len(self._links)
        return number

    def _add(self, piece: Piece) -> None:
        if self._table is not None:
            self._table.add(piece)
        else:
            self._pieces.append(piece)

    def _image(self, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if is_tracking_pixel(values):
            return
        alt = sanitize(values.get("alt") or values.get("title") or "")
        alt = " ".join(alt.split())
        src = values.get("src") or values.get("data-src") or ""
        if is_inline_data(src):
            if not alt:
                return  # a base64 image without words: nothing a terminal can show
            src = ""
        image_link = self._register_link(normalize_url(unproxied(src), self.base_url), True) if src.strip() else None
        if image_link is not None and alt and not self._links[image_link - 1][1]:
            self._links[image_link - 1][1] = alt
        if self._table is not None:
            self._table.add(Piece(f"[图片: {alt}]" if alt else "[图片]", self._style_set, self._anchor))
            return
        self._flush()
        block = Block("image", 0, 0, quote_depth=self._quote_depth, image_link=image_link)
        if alt:
            block.runs.append(Run(0, len(alt), frozenset({"link"}) if self._anchor else frozenset(), self._anchor))
        self._append_block(block, alt)

    def _next_marker(self) -> str:
        if not self._lists:
            return "•"
        entry = self._lists[-1]
        if entry[0] == "ol":
            entry[1] += 1
            return f"{entry[1] - 1}."
        return "•" if len(self._lists) % 2 else "◦"

    # ----- tables --------------------------------------------------------------

    def _table_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        table = self._table
        if table is None:
            return
        if tag == "table":
            self._table_depth += 1
            table.add(Piece("\n", self._style_set, self._anchor, hard_break=True))
        elif self._table_depth > 1:  # a nested table is flattened into its cell
            if tag == "tr":
                table.add(Piece("\n", self._style_set, self._anchor, hard_break=True))
            elif tag in ("td", "th"):
                table.add(Piece(" ", self._style_set, self._anchor))
        elif tag == "thead":
            table.in_head = True
        elif tag in ("tbody", "tfoot"):
            table.in_head = False
        elif tag == "caption":
            table.in_caption = True
        elif tag == "tr":
            table.new_row()
        elif tag in ("td", "th"):
            table.new_cell(header=tag == "th", colspan=_span(attrs, "colspan", MAX_TABLE_COLUMNS),
                           rowspan=_span(attrs, "rowspan", MAX_ROW_SPAN))

    def _table_end(self, tag: str) -> None:
        if tag == "table":
            self._table_depth -= 1
            if self._table_depth == 0:
                self._finish_table()
            elif self._table is not None:
                self._table.add(Piece("\n", self._style_set, self._anchor, hard_break=True))
        elif tag == "thead" and self._table is not None:
            self._table.in_head = False
        elif tag == "caption" and self._table is not None:
            self._table.in_caption = False

    def _finish_table(self) -> None:
        table, self._table, self._table_depth = self._table, None, 0
        if table is None:
            return
        table.finish()
        if table.caption:
            self._pieces = table.caption
            self._flush()
        rows: list[list[list[Chunk]]] = []
        header_flags: list[bool] = []
        for row, is_header in zip(table.rows, table.row_is_header):
            cells = [collapse(cell) for cell in row]
            if any(cells):
                rows.append(cells)
                header_flags.append(is_header)
        if not rows:
            return
        width = max(len(cells) for cells in rows)
        for cells in rows:
            cells.extend([] for _ in range(width - len(cells)))  # a short row ends in empty cells
        header_rows = 0
        for flag in header_flags:
            if not flag:
                break
            header_rows += 1
        text_parts: list[str] = []
        runs: list[Run] = []
        cell_offsets: list[list[tuple[int, int]]] = []
        pos = 0
        for r, cells in enumerate(rows):
            if r:
                text_parts.append("\n")
                pos += 1
            offsets = []
            for c, chunks in enumerate(cells):
                if c:
                    text_parts.append(TABLE_CELL_SEPARATOR)
                    pos += len(TABLE_CELL_SEPARATOR)
                start = pos
                for chunk in chunks:
                    runs.append(Run(pos, pos + len(chunk.text), chunk.styles, chunk.link))
                    text_parts.append(chunk.text)
                    pos += len(chunk.text)
                offsets.append((start, pos))
            cell_offsets.append(offsets)
        block = Block("table", 0, 0, runs=runs, quote_depth=self._quote_depth,
                      rows=cell_offsets, header_rows=header_rows)
        self._append_block(block, "".join(text_parts))

    # ----- blocks --------------------------------------------------------------

    def _flush(self) -> None:
        """End the paragraph being collected, if it has any text."""
        pieces, self._pieces = self._pieces, []
        if not pieces:
            return
        if self._pre:
            kind = "code"
            chunks = preformatted(pieces)
        else:
            chunks = collapse(pieces)
            kind = "paragraph"
            if self._heading:
                kind = "heading"
            elif self._lists or self._in_item:
                kind = "list_item"
            elif self._quote_depth:
                kind = "quote"
        if not chunks:
            return
        # runs are made at their final offsets (what _append_block would shift them to)
        offset = pos = self._length + (1 if self._parts else 0)
        runs: list[Run] = []
        for chunk in chunks:
            end = pos + len(chunk.text)
            runs.append(Run(pos, end, chunk.styles, chunk.link))
            pos = end
        block = Block(kind, 0, 0, runs=runs, quote_depth=self._quote_depth)
        if kind == "heading":
            block.level = self._heading
        elif kind == "list_item":
            block.level = max(1, len(self._lists))
            block.marker = self._marker or ""
            self._marker = None
        elif kind in ("paragraph", "quote"):
            block.emphasis = all(
                "bold" in run.styles for run, chunk in zip(runs, chunks) if chunk.text.strip()
            )
        text = "".join([chunk.text for chunk in chunks])
        self._parts.append(text)
        self._length = pos
        block.start, block.end = offset, pos
        self.document.blocks.append(block)

    def _append_block(self, block: Block, text: str) -> None:
        """Place a block (its runs relative to `text`) at the end of the document text."""
        offset = self._length + (1 if self._parts else 0)
        self._parts.append(text)
        self._length = offset + len(text)
        block.start, block.end = offset, offset + len(text)
        if offset:
            block.runs = [Run(r.start + offset, r.end + offset, r.styles, r.link) for r in block.runs]
            block.rows = [[(s + offset, e + offset) for s, e in row] for row in block.rows]
        self.document.blocks.append(block)

    def _finish_document(self) -> None:
        doc = self.document
        doc.text = "\n".join(self._parts)
        # A link is named by the text of its first appearance (an image by its alt text).
        named = {i + 1 for i, entry in enumerate(self._links) if entry[1]}
        for block in doc.blocks:
            naming = None  # the link whose first appearance is being read
            for run in block.runs:
                number = run.link
                if number is not None and number == naming:
                    self._links[number - 1][1] += doc.text[run.start : run.end]
                elif number is not None and number not in named:
                    named.add(number)
                    naming = number
                    self._links[number - 1][1] = doc.text[run.start : run.end]
                else:
                    naming = None
        doc.links = [
            Link(i + 1, url, text, is_image) for i, (url, text, is_image) in enumerate(self._links)
        ]
