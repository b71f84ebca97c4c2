"""parse_body: a Jekyll post body (Markdown with raw HTML) to the document model."""

from __future__ import annotations

import re
from functools import lru_cache

from .html_blocks import BlockBuilder, autolinks_to_anchors
from .model import Block, Document, Run
from .sanitize import sanitize

#: Bodies longer than this are cut (at a line break when one is near) and the
#: document is flagged `truncated`: the reader stays responsive on hostile input.
MAX_BODY_CHARS = 1_000_000

# A line that is just `<>` (an empty autolink left by a feed mirror) is dropped from a body.
EMPTY_AUTOLINK = re.compile(r"(?m)^[ \t]*<>[ \t]*$")
_TAG = re.compile(r"<[^<>]{0,2048}>")
# A body that is an HTML document (a feed mirror's `<div>…</div>`), not Markdown with some HTML:
# indentation means nothing in it, yet an indented tag line after a blank line would be a
# Markdown code block showing the page's markup (a footer's comments and styles) as text.
_HTML_DOCUMENT = re.compile(r"\s*<(?:!--|(?:div|p|section|article|table|html|body|figure|span|font|center)\b)",
                            re.IGNORECASE)
_INDENTED_TAG = re.compile(r"(?m)^[ \t]+(?=<[!/a-zA-Z])")


@lru_cache(maxsize=1)
def _markdown():
    """The Markdown parser, imported on first use (it is a large import)."""
    from markdown_it import MarkdownIt

    # kramdown reads tables and ~~strike~~ too; nesting is capped by maxNesting.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def prepare_source(body: str) -> tuple[str, bool]:
    """Normalize newlines, cut an oversized body, make it terminal-safe, drop empty `<>` lines."""
    if not isinstance(body, str):
        body = str(body)
    truncated = False
    if len(body) > MAX_BODY_CHARS:
        cut = body.rfind("\n", MAX_BODY_CHARS - 100_000, MAX_BODY_CHARS)
        body = body[: cut if cut > 0 else MAX_BODY_CHARS]
        truncated = True
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = sanitize(body, newlines=True)
    if _HTML_DOCUMENT.match(body):
        body = _INDENTED_TAG.sub("", body)
    if "<>" in body:
        body = EMPTY_AUTOLINK.sub("", body)
    return body, truncated


def source_to_html(source: str) -> str:
    """A prepared body (see prepare_source) as HTML, as Jekyll's Markdown pass makes it: raw HTML
    kept, raw `<http://…>` autolinks made anchors."""
    return autolinks_to_anchors(_markdown().render(source))


def parse_body(body: str, *, base_url: str | None = None) -> Document:
    """Parse a post body into a Document; never raises, same input gives the same output."""
    source, truncated = prepare_source(body)
    try:
        html = source_to_html(source)
        builder = BlockBuilder(base_url=base_url)
        builder.feed(html)
        builder.close()
        doc = builder.document
    except Exception:  # noqa: BLE001 - a parser bug must not take the reader down: show the text
        doc = _plain_document(source)
        doc.fallback = True
    doc.truncated = truncated
    return doc


def _plain_document(source: str) -> Document:
    """Fallback: tags stripped, paragraphs at blank lines, no styles."""
    import html as _html

    text = _html.unescape(_TAG.sub(" ", source))
    text = sanitize(text, newlines=True).replace("\t", " ")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    doc = Document()
    parts: list[str] = []
    pos = 0
    for para in paragraphs:
        if not para:
            continue
        if parts:
            pos += 1
        doc.blocks.append(Block("paragraph", pos, pos + len(para), runs=[Run(pos, pos + len(para))]))
        parts.append(para)
        pos += len(para)
    doc.text = "\n".join(parts)
    return doc
