"""Histories the reader keeps: the posts opened (back and forward, as a browser) and the searches typed.

Plain Python, so that their rules are tested without an app.
"""

from __future__ import annotations

from collections.abc import Iterable

VISITS_KEPT = 200
QUERIES_KEPT = 50


class Visits:
    """The posts opened, oldest first, and where `back` and `forward` stand in them."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.at = -1  # the entry shown now

    def visit(self, post_id: str) -> None:
        """A post was opened (not by back or forward): what lay forward of here is dropped."""
        if self.at >= 0 and self.ids[self.at] == post_id:
            return
        del self.ids[self.at + 1:]
        self.ids.append(post_id)
        if len(self.ids) > VISITS_KEPT:
            del self.ids[0]
        self.at = len(self.ids) - 1

    def back(self) -> str | None:
        """The post opened before the current one (and step back to it), or None at the start."""
        if self.at <= 0:
            return None
        self.at -= 1
        return self.ids[self.at]

    def forward(self) -> str | None:
        """The post opened after the current one (and step forward to it), or None at the end."""
        if self.at + 1 >= len(self.ids):
            return None
        self.at += 1
        return self.ids[self.at]


class QueryHistory:
    """Searches typed, oldest first; `older` and `newer` walk them from the text being typed."""

    def __init__(self, queries: Iterable[str] = ()) -> None:
        self.queries = [q for q in queries if isinstance(q, str) and q.strip()][-QUERIES_KEPT:]
        self.place: int | None = None  # the entry shown while walking, None while typing
        self.typed = ""

    def add(self, query: str) -> None:
        """Remember a search (once: an earlier copy moves to the end)."""
        query = query.strip()
        self.place = None
        if not query:
            return
        if query in self.queries:
            self.queries.remove(query)
        self.queries.append(query)
        del self.queries[:-QUERIES_KEPT]

    def older(self, current: str) -> str | None:
        """The search before the one shown (the newest when typing), or None when there is none."""
        if self.place is None:
            self.typed = current
            place = len(self.queries)
        else:
            place = self.place
        if place == 0:
            return None
        self.place = place - 1
        return self.queries[self.place]

    def newer(self) -> str | None:
        """The search after the one shown; past the newest, what was being typed. None when not walking."""
        if self.place is None:
            return None
        self.place += 1
        if self.place >= len(self.queries):
            self.place = None
            return self.typed
        return self.queries[self.place]

    @property
    def last(self) -> str:
        """The newest search, "" when there is none."""
        return self.queries[-1] if self.queries else ""
