"""The reader's session (plain Python): marks, the last post, counts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsreader.tui.session import Session


def _session(samples: Path) -> Session:
    session = Session([str(samples)])
    session.index.refresh()
    return session


def test_marks_are_saved_before_returning_and_survive_a_new_session(samples: Path) -> None:
    session = _session(samples)
    first, second = session.index.rows(session.index.view()[:2])
    assert session.set_read(first, True) and not session.set_read(first, True)  # a change, then none
    assert session.toggle_star(second) is True
    session.remember(second)
    session.close()
    again = Session([str(samples)])
    assert again.is_read(first) and not again.is_read(second)
    assert again.is_starred(second) and not again.is_starred(first)
    assert again.last_post() == second.id
    assert again.toggle_star(second) is False and not Session([str(samples)]).is_starred(second)


def test_counts_follow_the_marks(samples: Path) -> None:
    session = _session(samples)
    total = session.index.count()
    assert (session.counts().total, session.counts().unread, session.counts().starred) == (total, total, 0)
    rows = session.index.rows(session.index.view()[:3])
    for row in rows:
        session.set_read(row, True)
    session.toggle_star(rows[0])
    counts = session.counts()
    assert (counts.unread, counts.starred) == (total - 3, 1)


def test_last_post_is_kept_per_archive(samples: Path, tmp_path: Path) -> None:
    session = _session(samples)
    row = session.index.rows(session.index.view()[:1])[0]
    session.remember(row)
    other = tmp_path / "other"
    (other / "_posts").mkdir(parents=True)
    assert Session([str(other)]).last_post() is None
    assert Session([str(samples)]).label == "sample_posts"


def test_single_files_get_an_index_in_memory(samples: Path) -> None:
    post = next((samples / "_posts").glob("*.md"))
    session = Session([str(post)])
    assert session.index.memory
    session.index.refresh()
    assert session.index.count() == 1


def test_a_missing_source_is_reported_before_the_reader_starts(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    done = subprocess.run([sys.executable, "-m", "newsreader", str(missing)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 1
    assert "no such file or folder" in done.stderr and "\x1b" not in done.stdout + done.stderr
