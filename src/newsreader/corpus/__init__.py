"""Finding and reading posts (headless): Jekyll sites, folders of posts, single files."""

from newsreader.corpus.load import PostError, load_post
from newsreader.corpus.post import Post
from newsreader.corpus.scan import SourceError, SourceFile, Skipped, discover


def load_paths(paths: list[str], *, drafts: bool = False) -> tuple[list[Post], list[Skipped]]:
    """Discover and read every post under `paths`; unreadable files come back as Skipped."""
    files, skipped = discover(paths, drafts=drafts)
    posts: list[Post] = []
    for source in files:
        try:
            posts.append(load_post(source))
        except PostError as exc:
            skipped.append(Skipped(source.path, str(exc)))
    return posts, skipped


__all__ = ["Post", "PostError", "SourceError", "SourceFile", "Skipped", "discover", "load_paths", "load_post"]
