"""Numeric target extraction (headless): numerals, units, comparators, target vs achieved.

``extract(text, date=..., title=...)`` returns the numeric items of an article's plain
text (``newsreader.render.parse_body(body).text``) as ``Target`` records, in text order.
"""

from .extractor import extract
from .model import Target
from .numerals import parse_numeral

# Bump whenever extract() may return different items for the same input, so that caches
# of extracted items (the index) know to extract again.
EXTRACTOR_VERSION = 3

__all__ = ["EXTRACTOR_VERSION", "Target", "extract", "parse_numeral"]
