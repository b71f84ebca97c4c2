"""Whether the sources changed since the last refresh: a quick check, and the rule that no edit is missed.

A full check (every `newsreader index`; the reader, in the background) lists every folder and
stats every post file, and reads again each file whose size or modification time moved. A quick
check (the other commands) stats only the stamps the last full check kept: the folders it listed
and the folders and files its sites were recognised from (`discover`'s stamps). A post added,
removed or renamed changes its folder's modification time, so the quick check sees it; a post
edited in place changes no folder, and the next full check reads it.

Timestamps are coarse (a clock tick on Linux, two seconds on FAT), so a change made in the same
tick as the check that recorded a time can leave that time as it was. Nothing recorded within
RACY_NS of its check is trusted: stamps that recent are not kept (the next quick check is a full
one), and a post that recent is read again by the next full check (`recheck`).
"""

from __future__ import annotations

import json
import time

from newsreader.corpus.stamps import Stamp, stamp

RACY_NS = 2_000_000_000  # the coarsest timestamps in use (FAT's) are two seconds apart


def now_ns() -> int:
    """The time a check starts, to compare modification times with."""
    return time.time_ns()


def is_racy(mtime_ns: int, checked_ns: int) -> bool:
    """Whether a modification time is too close to the check that recorded it to prove no later change."""
    return mtime_ns >= checked_ns - RACY_NS


def dump_stamps(stamps: dict[str, Stamp], checked_ns: int) -> str | None:
    """The stamps as the cache keeps them; None when one of them is too recent to be trusted."""
    if any(value is not None and is_racy(value[1], checked_ns) for value in stamps.values()):
        return None
    return json.dumps(stamps, ensure_ascii=False, sort_keys=True)


def unchanged(kept: str | None) -> bool:
    """Whether every kept stamp is as it was (False when none were kept)."""
    if not kept:
        return False
    try:
        stamps = json.loads(kept)
    except ValueError:
        return False
    return isinstance(stamps, dict) and bool(stamps) and all(
        stamp(path) == (tuple(value) if value is not None else None) for path, value in stamps.items())
