"""Numeric target extraction (headless): numerals, units, comparators, target vs achieved.

``extract(text, date=..., title=...)`` returns the numeric items of an article's plain
text (``newsreader.render.parse_body(body).text``) as ``Target`` records, in text order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Target

# Bump whenever extract() may return different items for the same input, so that caches
# of extracted items (the index) know to extract again.
EXTRACTOR_VERSION = 13

if TYPE_CHECKING:
    from .extractor import extract
    from .numerals import parse_numeral

__all__ = ["EXTRACTOR_VERSION", "Target", "extract", "parse_numeral"]


def __getattr__(name: str) -> Any:
    # The extractor is loaded on first use: reading the cache (a start of the reader) needs
    # the Target model and the version, not the rules.
    if name == "extract":
        from .extractor import extract

        return extract
    if name == "parse_numeral":
        from .numerals import parse_numeral

        return parse_numeral
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
