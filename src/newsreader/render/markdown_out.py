"""to_markdown: clean Markdown written from the repaired document model.

Writing from the model rather than running html2text over the raw body means
the repairs carry over: no stray `**` from mis-nested tags, autolinks kept as
`<http://…>`, protocol-relative links made absolute, scripts and comments gone.
"""

from __future__ import annotations

import html
import re
import unicodedata

from .model import Block, Document, Run
from .parse import EMPTY_AUTOLINK, parse_body
from .table import runs_by_cell

_ESCAPE = re.compile(r"([\\`*_\[\]<>~|])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# a heading's #, a list's - or +, a setext underline (=== or ---), a thematic break (- - -, -- -)
_BLOCK_MARKER = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|=+[ \t]*$|-[- \t]*$)", re.M)
_ORDERED_MARKER = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)", re.M)
_AUTOLINKABLE = re.compile(r"^(?:https?|ftp)://[^\s<>]+$", re.IGNORECASE)
_BULLETS = frozenset("•◦▪-*+")
_MARKS = ("*", "~")  # what emphasis and strikethrough are written with


def to_markdown(body: str, *, base_url: str | None = None) -> str:
    """Clean Markdown for a post body (autolinks kept, broken HTML repaired)."""
    return document_to_markdown(parse_body(body, base_url=base_url))


def document_to_markdown(doc: Document) -> str:
    """Clean Markdown for a parsed document."""
    urls = {link.number: link.url for link in doc.links}
    out: list[str] = []
    previous: Block | None = None
    items: list[int] = []  # content column of the enclosing list items, outermost first
    delimiters: list[str] = []  # and the delimiter of their markers ("-", "." or ")")
    quote_depth = 0
    for block in doc.blocks:
        indent = 0
        opens_past_one = False  # an ordered list starting past 1 cannot interrupt a paragraph: a blank line first
        if block.quote_depth != quote_depth:  # a list does not go on into or out of a quote
            quote_depth = block.quote_depth
            items.clear()
            delimiters.clear()
        if block.kind == "list_item":
            depth = max(1, min(block.level, len(items) + 1))  # nest at most one below the last item
            marker = _list_marker(block).rstrip()
            continues = len(delimiters) >= depth and delimiters[depth - 1] == marker[-1]
            opens_past_one = not continues and marker[:-1].isdigit() and int(marker[:-1]) != 1
            del items[depth - 1 :], delimiters[depth - 1 :]
            indent = items[-1] if items else 0
            items.append(indent + len(marker) + 1)
            delimiters.append(marker[-1])
        else:
            items.clear()
            delimiters.clear()
        text = _block(doc, block, urls, indent)
        if text is None:
            continue
        if previous is not None:
            tight = (previous.kind == "list_item" and block.kind == "list_item" and not opens_past_one
                     and previous.quote_depth == block.quote_depth)
            out.append("\n" if tight else "\n\n")
        out.append(text)
        previous = block
    if doc.truncated:
        out.append("\n\n*(truncated)*")
    return "".join(out) + "\n" if out else ""


def _list_marker(block: Block) -> str:
    """The Markdown marker of a list item, space included (a continuation gets a bullet)."""
    marker = block.marker
    return "- " if not marker or marker in _BULLETS else marker + " "


def _block(doc: Document, block: Block, urls: dict[int, str], indent: int = 0) -> str | None:
    quote = "> " * block.quote_depth
    kind = block.kind
    if kind == "rule":
        return quote + "---"
    if kind == "code":
        code = doc.text[block.start : block.end]
        if EMPTY_AUTOLINK.search(code):  # a fence could not keep such a line (it is dropped on reading)
            return _prefix_lines(f"<pre><code>{html.escape(code, quote=False)}</code></pre>", quote)
        fence = "`" * max(3, _longest_run(code, "`") + 1)
        return _prefix_lines(f"{fence}\n{code}\n{fence}", quote)
    if kind == "image":
        alt = _escape(doc.text[block.start : block.end])
        src = urls.get(block.image_link, "") if block.image_link else ""
        image = f"![{alt}]({_url(src)})" if src else alt
        anchor = next((r.link for r in block.runs if r.link is not None), None)
        if anchor is not None:
            image = f"[{image}]({_url(urls[anchor])})"
        return quote + image
    if kind == "table":
        return _prefix_lines(_table(doc, block, urls), quote)
    inline = _inline(doc, block.runs, urls)
    if not inline:
        return None
    if kind == "heading":
        title = inline.replace("\\\n", "<br>")  # an ATX heading is one line
        if title.endswith("#"):
            title = title[:-1] + "\\#"  # a closing sequence would be dropped
        return quote + "#" * max(1, min(block.level, 6)) + " " + title
    if kind == "list_item":
        head = " " * indent + _list_marker(block)
        rest = " " * len(head)
        lines = _escape_line_starts(inline).split("\n")
        return _prefix_lines("\n".join([head + lines[0]] + [rest + line for line in lines[1:]]), quote)
    return _prefix_lines(_escape_line_starts(inline), quote)


def _inline(doc: Document, runs: list[Run], urls: dict[int, str]) -> str:
    """Runs as inline Markdown; consecutive runs of one link form one link."""
    parts: list[str] = []
    i = 0
    while i < len(runs):
        link = runs[i].link
        j = i + 1
        while j < len(runs) and runs[j].link == link:  # (None too: plain runs side by side)
            j += 1
        group = runs[i:j]
        rendered = _joined([(doc.text[r.start : r.end], r.styles) for r in group])
        if link is not None:
            url = urls.get(link, "")
            plain = "".join(doc.text[r.start : r.end] for r in group)
            if plain == url and _AUTOLINKABLE.match(url):
                rendered = f"<{url}>"
            else:
                rendered = f"[{rendered}]({_url(url)})"
        parts.append(rendered)
        i = j
    return "".join(parts).replace("\n", "\\\n")


def _joined(pieces: list[tuple[str, frozenset[str]]]) -> str:
    """Styled texts side by side, a piece whose marks would run into the marks before it written with tags."""
    out = ""
    for text, styles in pieces:
        piece = _styled(text, styles)
        if _abutting(out, piece):
            piece = _styled(text, styles, as_tags=True)
        out += piece
    return out


def _abutting(before: str, after: str) -> bool:
    """Whether emphasis marks would meet (`**中文****~~中文~~**` reads as one run of four `*`)."""
    return before.endswith(_MARKS) and after.startswith(_MARKS)


def _styled(text: str, styles: frozenset[str], as_tags: bool = False) -> str:
    """A run's text with its styles: `**`, `*`, `~~`, a code span; HTML tags where marks could not work."""
    if not text:
        return ""
    if "\n" in text:  # a hard break cannot sit inside a code span or emphasis
        return "\n".join(_styled(part, styles, as_tags) for part in text.split("\n"))
    if "code" in styles:
        fence = "`" * (_longest_run(text, "`") + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        body = f"{fence}{pad}{text}{pad}{fence}"
    else:
        body = _escape(text)
    core = body.strip()
    if not core:
        return body
    lead = body[: len(body) - len(body.lstrip())]
    trail = body[len(body.rstrip()) :]
    # `**` next to punctuation often cannot open or close (CommonMark flanking rules, a known
    # trap with Chinese quotes and brackets, and with the marks of a style inside): use the
    # HTML tags there.
    for name, mark, tag in (("strike", "~~", "del"), ("italic", "*", "em"), ("bold", "**", "strong")):
        if name in styles:
            tags = as_tags or _is_punctuation(core[0]) or _is_punctuation(core[-1])
            core = f"<{tag}>{core}</{tag}>" if tags else f"{mark}{core}{mark}"
    return lead + core + trail


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    return _ENTITY_LIKE.sub("&amp;", text)


def _escape_line_starts(text: str) -> str:
    """Keep paragraph text from starting a heading, list or setext underline."""
    text = _BLOCK_MARKER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED_MARKER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _url(url: str) -> str:
    if not url:
        return "<>"
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"
    return url


def _table(doc: Document, block: Block, urls: dict[int, str]) -> str:
    columns = max(len(row) for row in block.rows)
    lines = []
    cell_runs = runs_by_cell(block, block.rows)
    for r, row in enumerate(block.rows):
        cells = []
        for start, end in row:
            runs = next(cell_runs)
            cell = _inline(doc, runs, urls) if runs else _escape(doc.text[start:end])
            cells.append(cell.replace("\\\n", "<br>").replace("\n", "<br>"))
        cells += [""] * (columns - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if r == 0:
            lines.append("|" + "|".join(["---"] * columns) + "|")
    return "\n".join(lines)


def _prefix_lines(text: str, prefix: str) -> str:
    if not prefix:
        return text
    return "\n".join(prefix + line for line in text.split("\n"))


def _longest_run(text: str, ch: str) -> int:
    runs = re.findall(re.escape(ch) + "+", text)
    return max((len(r) for r in runs), default=0)
