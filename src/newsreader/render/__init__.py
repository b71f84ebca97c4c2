"""Article rendering: post bodies (Markdown with raw HTML) to styled, wrapped terminal lines.

Usage: ``doc = parse_body(post.body)`` repairs and parses a body once (deterministic;
``doc.text`` is the plain text that targets and search use, ``doc.blocks`` its styled
runs, ``doc.links`` the numbered link list). ``layout(doc, width, marks)`` wraps it to
``width`` cells with Chinese line breaking and returns ``Line`` objects (a Rich ``Text``
plus the ``doc.text`` offsets it covers; ``Mark`` spans overlay styles such as target
highlights); ``layout_header(title, meta, width)`` does the same for the title block.
``render_text(doc, width)`` is the plain text of those lines, as printed by
``newsreader show --format text``; ``to_markdown(body)`` gives clean Markdown.
Everything from a post goes through ``sanitize`` and is never read as Rich markup.
"""

from .model import Block, Document, Line, Link, Mark, Run
from .parse import parse_body
from .sanitize import sanitize

__all__ = ["Block", "Document", "Line", "Link", "Mark", "Run", "parse_body", "sanitize"]
