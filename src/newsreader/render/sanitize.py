"""Make post text safe for a terminal: no control codes, escape sequences or bidi overrides.

Post text is data. Whatever a post contains (raw bytes, `&#27;` entities, OSC 52
clipboard writes, OSC 8 hyperlinks, bidi overrides), what reaches the screen is
visible: control characters become Unicode control pictures (ESC -> "␛"), whole
escape sequences collapse to one "␛", and invisible formatting characters that
could reorder or hide text are removed.
"""

from __future__ import annotations

import re

ESC_PICTURE = "\u241b"  # ␛
C1_PICTURE = "\ufffd"  # no control pictures exist for C1 controls

# Escape sequences are replaced as a whole so their parameters do not show up
# as noise. String sequences (OSC, DCS, SOS, PM, APC) only count as one when
# their terminator comes within a bounded distance; otherwise just the
# introducer is replaced and the rest stays visible text.
_ESC_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"  # nF / Fp / Fe / Fs sequences
)

# Characters that never reach the terminal as themselves.
_UNSAFE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\U000e0000-\U000e007f"
)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + _UNSAFE_CHARS + "]")
_UNSAFE_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _UNSAFE_CHARS + "]")

_REMOVED = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\ufeff\ufff9\ufffa\ufffb"
)


def _build_table(newlines: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {c: chr(0x2400 + c) for c in range(0x20)}
    table[0x7F] = "\u2421"  # ␡
    for c in range(0x80, 0xA0):
        table[c] = C1_PICTURE
    for ch in _REMOVED:
        table[ord(ch)] = None
    for c in range(0xE0000, 0xE0080):  # tag characters: invisible "ASCII smuggling"
        table[c] = None
    for c in range(0xD800, 0xE000):  # lone surrogates cannot be encoded
        table[c] = "\ufffd"
    line_break = "\n" if newlines else " "
    for c in (0x0A, 0x0D, 0x85, 0x2028, 0x2029):
        table[c] = line_break
    table[0x09] = "\t" if newlines else " "
    return table


_TABLE_INLINE = _build_table(newlines=False)
_TABLE_BLOCK = _build_table(newlines=True)


def sanitize(s: str, *, newlines: bool = False) -> str:
    """Post text made safe for a terminal; keeps "\\n" and "\\t" only when `newlines` is true."""
    if not isinstance(s, str):
        s = str(s)
    if not (_UNSAFE_KEEP_LINES if newlines else _UNSAFE).search(s):
        return s
    if "\r" in s:
        s = s.replace("\r\n", "\n")
    if "\x1b" in s or _has_c1_introducer(s):
        s = _ESC_SEQUENCE.sub(ESC_PICTURE, s)
    return s.translate(_TABLE_BLOCK if newlines else _TABLE_INLINE)


def _has_c1_introducer(s: str) -> bool:
    return any(ch in s for ch in "\x90\x98\x9b\x9d\x9e\x9f")


def is_safe(s: str, *, newlines: bool = False) -> bool:
    """True when `s` holds nothing `sanitize` would change (tabs/newlines allowed if `newlines`)."""
    return (_UNSAFE_KEEP_LINES if newlines else _UNSAFE).search(s) is None
