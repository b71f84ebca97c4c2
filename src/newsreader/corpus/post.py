"""The Post record: what the loader reads from one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class Skipped:
    """A file that could not be taken as a post (or a site file that could not be used), and why."""

    path: str
    reason: str
    quiet: bool = False  # left out by its generator's rules (a Hugo draft): dropped, not reported


class PostError(Exception):
    """A post file that could not be read at all; the message is the reason."""


class NotAPost(Exception):
    """A file its generator leaves out (a Hugo page marked `draft: true`): not listed, not skipped."""


@dataclass(slots=True)
class Post:
    """One post as read from disk; fields hold what could be read, never None-crashes."""

    id: str  # path relative to the source root, POSIX separators: stable across runs
    path: str  # absolute path of the file
    title: str
    date: datetime | None  # timezone-aware when the offset is known; None when undated
    categories: list[str] = field(default_factory=list)  # the names, as the front matter lists them
    category_paths: list[str] = field(default_factory=list)  # every path it is filed under: 金融, 金融/新浪财经
    tags: list[str] = field(default_factory=list)
    body: str = ""
    layout: str | None = None
    warnings: list[str] = field(default_factory=list)
    size: int = 0
    mtime_ns: int = 0

    @property
    def name(self) -> str:
        """The file name, as the eval gold names posts."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    def date_iso(self) -> str | None:
        """ISO 8601 date with its UTC offset, or None when undated."""
        return self.date.isoformat() if self.date else None
