"""HTML white-space collapsing over styled pieces, keeping run boundaries."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rich.cells import get_character_cell_size

# Characters that typeset without spaces between them: a line break between two
# of them in the source is dropped instead of becoming a space (CSS Text 3).
WIDE_CHARS = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd"
)
_WS_RUN = re.compile(r"[ \t\n\r\f\xa0]+")
_HTML_SPACE = " \t\n\r\f\xa0"
_EDGE_SPACE = _HTML_SPACE + "\u3000"
MAX_BLANK_BREAKS = 2  # at most this many hard line breaks in a row


class Piece(NamedTuple):
    """Raw text from the source with the inline state it was found in."""

    text: str
    styles: frozenset[str]
    link: int | None
    hard_break: bool = False  # a <br>: a newline that is not white space


class Chunk(NamedTuple):
    """Collapsed text with one style; consecutive chunks of a block make its runs."""

    text: str
    styles: frozenset[str]
    link: int | None


def is_wide(ch: str) -> bool:
    """True for CJK and other characters set solid (no spaces between words)."""
    return get_character_cell_size(ch) == 2


@lru_cache(maxsize=1)
def _break_between_wide() -> re.Pattern:
    """White space holding a line break between two wide characters (compiled on first use)."""
    return re.compile(
        f"(?<=[{WIDE_CHARS}])[ \\t\\r\\f\\xa0]*\\n[ \\t\\n\\r\\f\\xa0]*(?=[{WIDE_CHARS}])"
    )


def collapse(pieces: list[Piece]) -> list[Chunk]:
    """Collapse white space like a browser: runs become one space, edges trimmed, <br> kept."""
    out: list[list] = []  # [text, styles, link]
    at_line_start = True  # nothing yet on this line: leading spaces are dropped
    pending: tuple[frozenset[str], int | None] | None = None  # style of a space not yet emitted
    pending_newline = False  # that space came from white space holding a line break
    breaks_in_a_row = 0
    for piece in pieces:
        if piece.hard_break:
            pending, pending_newline = None, False
            if out and breaks_in_a_row < MAX_BLANK_BREAKS:
                _emit(out, "\n", piece.styles, piece.link)
                breaks_in_a_row += 1
            at_line_start = True
            continue
        text = piece.text
        if not text:
            continue
        core = text.strip(_HTML_SPACE)
        if core and "\n" in text:  # (white space alone holds no wide characters to join)
            text = _break_between_wide().sub("", text)
            core = text.strip(_HTML_SPACE)
        if not core:  # white space only
            if pending is None:
                pending = (piece.styles, piece.link)
            pending_newline = pending_newline or "\n" in text
            continue
        if text[0] in _HTML_SPACE:
            if pending is None:
                pending = (piece.styles, piece.link)
            lead = text[: len(text) - len(text.lstrip(_HTML_SPACE))]
            pending_newline = pending_newline or "\n" in lead
        if pending is not None and not at_line_start:
            joins_solid = pending_newline and is_wide(core[0]) and _last_char_wide(out)
            if not joins_solid:
                _emit(out, " ", *pending)
        core = _WS_RUN.sub(" ", core)
        _emit(out, core, piece.styles, piece.link)
        at_line_start = False
        breaks_in_a_row = 0
        pending, pending_newline = None, False
        if text[-1] in _HTML_SPACE:
            pending = (piece.styles, piece.link)
            trail = text[len(text.rstrip(_HTML_SPACE)):]
            pending_newline = "\n" in trail
    while out and out[-1][0].endswith("\n"):
        out[-1][0] = out[-1][0].rstrip("\n")
        if not out[-1][0]:
            out.pop()
    _trim_edges(out)
    return [Chunk(text, start, length) for text, start, length in out if text]


def _emit(out: list[list], text: str, styles: frozenset[str], link: int | None) -> None:
    if out and out[-1][1] == styles and out[-1][2] == link:
        out[-1][0] += text
    else:
        out.append([text, styles, link])


def _last_char_wide(out: list[list]) -> bool:
    return bool(out) and is_wide(out[-1][0][-1])


def _trim_edges(out: list[list]) -> None:
    """Strip ideographic and other spaces from the block's two ends."""
    while out:
        stripped = out[0][0].lstrip(_EDGE_SPACE)
        if stripped:
            out[0][0] = stripped
            break
        out.pop(0)
    while out:
        stripped = out[-1][0].rstrip(_EDGE_SPACE)
        if stripped:
            out[-1][0] = stripped
            break
        out.pop()


def preformatted(pieces: list[Piece], tab_size: int = 4) -> list[Chunk]:
    """Pieces of a <pre> block as chunks: white space kept, tabs expanded, blank edge lines dropped."""
    out: list[list] = []
    for piece in pieces:
        text = "\n" if piece.hard_break else piece.text
        if "\t" in text:
            text = text.expandtabs(tab_size)
        if text:
            _emit(out, text, piece.styles, piece.link)
    while out and out[0][0].startswith("\n"):  # blank lines before the code are noise
        out[0][0] = out[0][0].lstrip("\n")
        if not out[0][0]:
            out.pop(0)
    while out and out[-1][0].endswith(("\n", " ")):
        out[-1][0] = out[-1][0].rstrip("\n ")
        if not out[-1][0]:
            out.pop()
    return [Chunk(text, start, length) for text, start, length in out if text]
