"""What one run of the reader works on: the index of its sources and the user state.

Plain Python (no Textual) so that its rules can be tested without an app.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from newsreader.store.index import Filter, Index, PostRow
from newsreader.store.paths import cache_dir as default_cache_dir
from newsreader.store.paths import data_dir as default_data_dir
from newsreader.store.state import UserState

LAST_POST_KEY = "tui.last_post:"
SETTING_KEY = "tui."


@dataclass(slots=True)
class Counts:
    """The sidebar's live counts."""

    total: int = 0
    unread: int = 0
    starred: int = 0


class Session:
    """The index and user state of one archive, with the read/starred sets the list draws from.

    `index` is the same object for the whole session: the index itself deals with a damaged
    cache (see `Index`), and queries from workers run on its second connection.
    """

    def __init__(self, sources: list[str], cache_dir: str | None = None, data_dir: str | None = None,
                 drafts: bool = False) -> None:
        self.sources = [os.path.abspath(os.path.expanduser(s)) for s in sources]
        self.index = Index(self.sources, default_cache_dir(cache_dir), drafts=drafts)
        self.state = UserState(default_data_dir(data_dir))
        self.warnings = list(self.index.warnings) + list(self.state.warnings)
        self.read: set[str] = self.state.keys("read")
        self.starred: set[str] = self.state.keys("starred")

    @property
    def label(self) -> str:
        """A short name for the archive, for the header: its folder's name."""
        if len(self.sources) != 1:
            return f"{len(self.sources)} sources"
        return os.path.basename(self.sources[0].rstrip(os.sep)) or self.sources[0]

    # -- marks -----------------------------------------------------------------------------

    def is_read(self, row: PostRow) -> bool:
        """Whether the post has been opened (or marked read)."""
        return row.path in self.read

    def is_starred(self, row: PostRow) -> bool:
        """Whether the post is starred."""
        return row.path in self.starred

    def set_read(self, row: PostRow, read: bool) -> bool:
        """Mark a post read or unread; returns True when that changed anything. Saved before returning."""
        if (row.path in self.read) == read:
            return False
        self.state.set_read(row.path, read)
        (self.read.add if read else self.read.discard)(row.path)
        return True

    def mark_all_read(self, rows: list[PostRow]) -> int:
        """Mark these posts read in one transaction; returns how many were unread. Saved before returning."""
        unread = [row.path for row in rows if row.path not in self.read]
        if unread:
            self.state.set_read_many(unread, True)
            self.read.update(unread)
        return len(unread)

    def toggle_star(self, row: PostRow) -> bool:
        """Star or unstar a post; returns the new state. Saved before returning."""
        starred = row.path not in self.starred
        self.state.set_starred(row.path, starred)
        (self.starred.add if starred else self.starred.discard)(row.path)
        return starred

    # -- the last selected post --------------------------------------------------------------

    @property
    def _last_key(self) -> str:
        return LAST_POST_KEY + "\n".join(sorted(self.sources))

    def remember(self, row: PostRow) -> None:
        """Save the selected post, to select it again at the next start."""
        self.state.put(self._last_key, row.id)  # the id is indexed: finding it again is instant

    def last_post(self) -> str | None:
        """The id of the post selected when the reader last ran on this archive."""
        return self.state.get(self._last_key)

    # -- what the reader shows, kept for the next start ------------------------------------

    def setting(self, name: str, default: Any = None) -> Any:
        """A saved value of the reader for this archive (the search, the sort...), or `default`."""
        saved = self.state.get(f"{SETTING_KEY}{name}:" + "\n".join(sorted(self.sources)))
        if saved is None:
            return default
        try:
            return json.loads(saved)
        except ValueError:
            return default

    def save_setting(self, name: str, value: Any) -> None:
        """Save a value of the reader for this archive (JSON), in the user state."""
        self.state.put(f"{SETTING_KEY}{name}:" + "\n".join(sorted(self.sources)), json.dumps(value))

    # -- queries for the sidebar ------------------------------------------------------------

    def counts(self) -> Counts:
        """Total, unread and starred posts."""
        index = self.index
        total = index.count()
        unread = len(index.view(Filter(unread=True), state=self.state)) if self.read else total
        starred = len(index.view(Filter(starred=True), state=self.state)) if self.starred else 0
        return Counts(total, unread, starred)

    def close(self) -> None:
        """Close the index and the user state."""
        self.index.close()
        self.state.close()
