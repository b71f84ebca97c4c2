"""Finding and reading posts (headless): Jekyll, Hexo and Hugo sites, folders of posts, single files."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from newsreader.corpus.post import NotAPost, Post, PostError, Skipped, SourceError

if TYPE_CHECKING:
    from newsreader.corpus.load import load_post
    from newsreader.corpus.scan import SourceFile, discover, source_file


def load_paths(paths: list[str], *, drafts: bool = False) -> tuple[list[Post], list[Skipped]]:
    """Discover and read every post under `paths`; unreadable files come back as Skipped."""
    from newsreader.corpus.load import load_post
    from newsreader.corpus.scan import discover

    files, skipped = discover(paths, drafts=drafts)
    posts: list[Post] = []
    for source in files:
        try:
            posts.append(load_post(source))
        except PostError as exc:
            skipped.append(Skipped(source.path, str(exc)))
        except NotAPost:
            pass
    return posts, skipped


# The scanner and the loader (and the YAML parser under both) load on first use: a start that
# finds the archive unchanged reads only the cache.
_LAZY = {"load_post": "load", "SourceFile": "scan", "discover": "scan", "source_file": "scan"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["NotAPost", "Post", "PostError", "SourceError", "SourceFile", "Skipped", "discover", "load_paths",
           "load_post", "source_file"]
