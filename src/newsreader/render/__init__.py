"""Article rendering: post bodies (Markdown with raw HTML) to styled, wrapped terminal lines.

Usage: ``doc = parse_body(post.body)`` repairs and parses a body once (deterministic,
never raises; ``doc.text`` is the plain text that targets and search use, ``doc.blocks``
its styled runs with offsets into it, ``doc.links`` the numbered link list).
``layout(doc, width, marks)`` wraps it to ``width`` cells with Chinese line breaking
and returns ``Line`` objects (a Rich ``Text`` plus the ``doc.text`` offsets it shows;
``Mark`` spans overlay styles such as target highlights), followed by the link list;
``line_index_for_offset(lines, offset)`` finds the line to scroll to.
``layout_header(title, meta, width)`` lays out the title block the same way, and
``render_text(doc, width, title=..., meta=...)`` is the plain text of header and body
lines, as ``newsreader show --format text`` prints it. ``to_markdown(body)`` gives
clean Markdown. Everything from a post goes through ``sanitize`` (use it on titles
and metadata shown elsewhere too) and nothing is ever read as Rich markup.
"""

from .layout import MIN_WIDTH, layout, layout_header, line_index_for_offset, render_text
from .linebreak import wrap_cells
from .markdown_out import document_to_markdown, to_markdown
from .model import Block, Document, Line, Link, Mark, Run
from .parse import MAX_BODY_CHARS, parse_body
from .sanitize import sanitize

__all__ = [
    "MAX_BODY_CHARS",
    "MIN_WIDTH",
    "Block",
    "Document",
    "Line",
    "Link",
    "Mark",
    "Run",
    "document_to_markdown",
    "layout",
    "layout_header",
    "line_index_for_offset",
    "parse_body",
    "render_text",
    "sanitize",
    "to_markdown",
    "wrap_cells",
]
