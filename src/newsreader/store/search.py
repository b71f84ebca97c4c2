"""Search text normalisation, FTS5 query building, and finding matches in an article's text.

Chinese has no spaces, so search is by substring. The index is an FTS5 trigram index: a
query term of three or more characters is a phrase of trigrams (exact). A shorter term
cannot be a trigram, so it is expanded through the index's vocabulary into every trigram
that begins with it; each indexed text ends with two newlines so that every character of
the text begins some trigram, and no query (normalised: it holds no line break) matches across
the title and the text indexed together (`indexed`).
"""

from __future__ import annotations

import re
import unicodedata

SENTINEL = "\n\n"
_SPACE = re.compile(r"\s+")
_QUOTED = re.compile(r'"([^"]*)"|(\S+)')

# Full-width ASCII forms, the ideographic space and the ellipsis, mapped to their compatibility
# decompositions (what NFKC makes of them anyway). Chinese text is full of ，（）：％, and NFKC is
# quick only on text that needs no change: folded first, 99 % of the bench posts pass its quick
# check, which halves the cost of index_text(). NFKD(folded) == NFKD(text), so the result is equal.
_COMPAT = {chr(c): unicodedata.normalize("NFKD", chr(c)) for c in [*range(0xFF01, 0xFF5F), 0x3000, 0x2026]}
_COMPAT_RE = re.compile("[\uff01-\uff5e\u3000\u2026]")


def normalize(text: str) -> str:
    """Text as the search index sees it: NFKC, case-folded, white space collapsed to one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def index_text(text: str) -> str:
    """The normalised text stored in the index, with the end sentinel."""
    return normalize(text) + SENTINEL


def search_text(text: str) -> str:
    """index_text(text), computed faster: common compatibility characters are folded first."""
    return index_text(_COMPAT_RE.sub(_fold, text))


def _fold(match: re.Match) -> str:
    return _COMPAT[match.group()]


def indexed(title: str, text: str) -> tuple[str, str]:
    """What the full-text tables index for a post (title, text): (the title and the text, the title)."""
    title = search_text(title)
    return title + search_text(text), title


def query_terms(query: str) -> list[str]:
    """The terms of a query: words split at spaces, "quoted phrases" kept whole; normalised."""
    terms = []
    for quoted, word in _QUOTED.findall(query):
        term = normalize(quoted if quoted else word)
        if term and term not in terms:
            terms.append(term)
    return terms


def phrase(term: str) -> str:
    """An FTS5 string literal for `term`."""
    return '"' + term.replace('"', '""') + '"'


def char_map(text: str) -> tuple[str, list[int]]:
    """Normalise `text` char by char; returns it and, per normalised char, its source offset."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch).casefold()
        if norm.isspace():
            if out and out[-1] == " ":
                continue  # runs of white space count as one space, as in normalize()
            norm = " "
        out.append(norm)
        where.extend([i] * len(norm))
    return "".join(out), where


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Every (start, end) in `text` where a query term occurs, compared as the index compares."""
    terms = query_terms(query)
    if not terms or not text:
        return []
    norm, where = char_map(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = norm.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((where[start], where[end - 1] + 1))
            start = norm.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
