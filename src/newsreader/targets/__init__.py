"""Numeric target extraction (headless): numerals, units, comparators, target vs achieved.

``extract(text, date=..., title=...)`` returns the numeric items of an article's plain
text (``newsreader.render.parse_body(body).text``) as ``Target`` records, in text order.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, Any

from .model import Target

# What decides the items cached for a post: the loader (dates), the renderer (the text) and the
# extractor's rules and word lists. Their sources are hashed, so any change to them makes
# caches extract again; no number to bump by hand.
_ANALYSIS_PACKAGES = ("corpus", "render", "targets")


def sources_hash(root: str | None = None) -> str:
    """A short hash of the analysis packages' sources under `root` (the installed package)."""
    root = root or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digest = hashlib.blake2b(digest_size=8)
    paths = [os.path.join(folder, name)
             for package in _ANALYSIS_PACKAGES
             for folder, _dirs, files in os.walk(os.path.join(root, package))
             for name in files if name.endswith((".py", ".tsv", ".txt", ".json"))]
    for path in sorted(paths):
        digest.update(os.path.relpath(path, root).replace(os.sep, "/").encode())
        with open(path, "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()


EXTRACTOR_VERSION = sources_hash()

EXTRACTION_FAILED = "numeric items could not be extracted"


def extraction_failed(exc: Exception) -> str:
    """The warning a post gets when the extractor raised on it (a bug in the rules, reported)."""
    return f"{EXTRACTION_FAILED} ({type(exc).__name__}: {str(exc)[:80]})"


BUDGET_CUT = "numeric items cut by the extraction budget"


def budget_cut(found: int, items: int, seconds: float) -> str:
    """The warning of a post too dense to extract in full: the items found before the budget ran out."""
    listed = f"the first {found:,} are listed" if found else "none was found before it ran out"
    return f"{BUDGET_CUT}: {listed} (at most {items:,} items or {seconds:g} s a post)"

def extract_reported(text: str, date: datetime | None, title: str) -> tuple[list[Target], list[str]]:
    """A post's items under the index's budget, and the warnings the post gets: the budget ran out,
    or the rules failed (a bug in them must not hide the post: it shows without items, with the reason)."""
    from . import Budget, extract  # (the package's names: one setting changes them for every caller)

    budget = Budget()
    try:
        items = extract(text, date=date, title=title, budget=budget)
    except Exception as exc:  # noqa: BLE001 - a safety net; the reason is reported
        return [], [extraction_failed(exc)]
    return items, [budget_cut(len(items), budget.items, budget.seconds)] if budget.cut else []


if TYPE_CHECKING:
    from datetime import datetime

    from .extractor import Budget, extract
    from .numerals import parse_numeral

__all__ = ["BUDGET_CUT", "EXTRACTION_FAILED", "EXTRACTOR_VERSION", "Budget", "Target", "budget_cut", "extract",
           "extract_reported", "extraction_failed", "parse_numeral"]


def __getattr__(name: str) -> Any:
    # The extractor is loaded on first use: reading the cache (a start of the reader) needs
    # the Target model and the version, not the rules.
    if name == "extract":
        from .extractor import extract

        return extract
    if name == "Budget":
        from .extractor import Budget

        return Budget
    if name == "parse_numeral":
        from .numerals import parse_numeral

        return parse_numeral
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
