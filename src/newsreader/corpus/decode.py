"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK detected."""

from __future__ import annotations

import codecs
import unicodedata

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_chinese(text: str) -> bool:
    """True when most non-ASCII characters of `text` are CJK: a sign GB18030 was right."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return False
    cjk = sum(1 for c in non_ascii if "CJK" in unicodedata.name(c, "") or "\u3000" <= c <= "\u303f"
              or "\uff00" <= c <= "\uffef")
    return cjk >= 0.8 * len(non_ascii)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a post file's bytes; returns the text and warnings about the encoding."""
    warnings: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            if codec != "utf-8-sig":
                warnings.append(f"decoded as {codec.upper()} (byte order mark)")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                candidate: str | None = data.decode("gb18030")
            except UnicodeDecodeError:
                candidate = None
            if candidate is not None and _looks_chinese(candidate[:20000]):
                text = candidate
                warnings.append("not UTF-8: decoded as GB18030")
            else:
                text = data.decode("utf-8", errors="replace")
                warnings.append(f"invalid UTF-8 at byte {exc.start}: undecodable bytes replaced")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
        warnings.append("NUL bytes replaced")
    return text, warnings
