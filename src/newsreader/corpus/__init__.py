"""Finding and reading posts (headless): Jekyll, Hexo and Hugo sites, folders of posts, single files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsreader.corpus.post import NotAPost, Post, PostError, Skipped
from newsreader.corpus.scan import SourceError, SourceFile, discover, source_file

if TYPE_CHECKING:
    from newsreader.corpus.load import load_post


def load_paths(paths: list[str], *, drafts: bool = False) -> tuple[list[Post], list[Skipped]]:
    """Discover and read every post under `paths`; unreadable files come back as Skipped."""
    from newsreader.corpus.load import load_post

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


def __getattr__(name: str) -> Any:
    # The loader (and its YAML parser) loads on first use: a start that reads the cache skips it.
    if name == "load_post":
        from newsreader.corpus.load import load_post

        return load_post
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["NotAPost", "Post", "PostError", "SourceError", "SourceFile", "Skipped", "discover", "load_paths",
           "load_post", "source_file"]
