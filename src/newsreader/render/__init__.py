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
clean Markdown. ``Wrapped(text)`` draws other text (panels, dialogs) with the same
line breaking. Everything from a post goes through ``sanitize`` (use it on titles
and metadata shown elsewhere too) and nothing is ever read as Rich markup.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .sanitize import sanitize  # light (re only); eager, since the name is its module's too

if TYPE_CHECKING:
    from .display import cut_text
    from .linebreak import wrap_cells
    from .lines import MIN_WIDTH, layout, layout_header, line_index_for_offset, render_text
    from .markdown_out import document_to_markdown, to_markdown
    from .model import Block, Document, Line, Link, Mark, Run
    from .parse import MAX_BODY_CHARS, parse_body
    from .wrapped import Wrapped

# Every name loads its module on first use: a command that only lists titles, or only sanitizes
# a line, does not pay for Rich or the parser (markdown-it, the HTML tokenizer). (No lazy name
# may equal its module's name: importing the submodule would bind the module over it.)
_LAZY = {
    "cut_text": "display",
    "MIN_WIDTH": "lines", "layout": "lines", "layout_header": "lines",
    "line_index_for_offset": "lines", "render_text": "lines",
    "wrap_cells": "linebreak",
    "document_to_markdown": "markdown_out", "to_markdown": "markdown_out",
    "Block": "model", "Document": "model", "Line": "model", "Link": "model", "Mark": "model", "Run": "model",
    "MAX_BODY_CHARS": "parse", "parse_body": "parse",
    "Wrapped": "wrapped",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MAX_BODY_CHARS",
    "MIN_WIDTH",
    "Block",
    "Document",
    "Line",
    "Link",
    "Mark",
    "Run",
    "Wrapped",
    "cut_text",
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
