"""A path's stamp: what a quick check compares to see whether it changed (see store.freshness)."""

from __future__ import annotations

import os

#: A file's or folder's (size, mtime_ns); None when there is none.
Stamp = tuple[int, int] | None


def stamp(path: str) -> Stamp:
    """The (size, modification time) of a file or folder, None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
